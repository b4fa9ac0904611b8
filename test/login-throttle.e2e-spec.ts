import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/modules/users/role.js';
import { createTestApp, login, seedAccount, type TestContext } from './support/test-app.js';

// Its own file: passport keeps strategies in a process-wide registry, so one app per file.
let strict: TestContext;
beforeAll(async () => {
  strict = await createTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '100', LOGIN_MAX_FAILURES_PER_IP: '4' });
});
afterAll(() => strict.close());

describe('login throttling per client IP', () => {
  it('throttles an IP that fails on many accounts, while its successful logins never count', async () => {
    const accounts = await Promise.all([1, 2, 3, 4, 5, 6].map(() => seedAccount(strict.db, [Role.APPLICANT])));
    for (const a of accounts) await login(strict, a);
    for (const a of accounts.slice(0, 4)) {
      await strict.http().post('/api/v1/auth/login').send({ email: a.email, password: 'wrong' }).expect(401);
    }
    const res = await strict.http().post('/api/v1/auth/login').send({ email: accounts[5].email, password: accounts[5].password }).expect(429);
    expect(res.body.code).toBe('AUTH_THROTTLED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
