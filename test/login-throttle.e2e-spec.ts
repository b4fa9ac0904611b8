import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { canonicalEmail } from '../src/modules/users/email-canonical.js';
import { Role } from '../src/common/access/role.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { TEST_REDIS_URL } from './support/env.js';
import { createTestApp, login, seedAccount, type TestContext } from './support/test-app.js';

// Its own file: passport keeps strategies in a process-wide registry, so one app per file.
let ctx: TestContext;
let redis: Redis;
beforeAll(async () => {
  ctx = await createTestApp({
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '5',
    LOGIN_MAX_FAILURES_PER_IP: '20',
    LOGIN_IP_DELAY_MS: '5',
    LOGIN_IP_MAX_DELAY_MS: '300',
    LOGIN_IP_SLOW_CONCURRENCY: '2',
    REGISTER_MAX_PER_IP: '1000',
  });
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(async () => {
  redis.disconnect();
  await ctx.close();
});

/** Every test starts with the shared client IP (127.0.0.1) clean; account counters stay per account. */
beforeEach(async () => {
  const keys = await redis.keys(`${ctx.config.REDIS_PREFIX}:login-throttle:ip*`);
  if (keys.length) await redis.del(...keys);
});

const attempt = (email: string, password: string) => ctx.http().post('/api/v1/auth/login').send({ email, password });

describe('per-account throttling is counted before the hash is verified', () => {
  it('30 concurrent wrong passwords on one account: at most the limit (5) are verified, the rest are 429', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const statuses = (
      await Promise.all(Array.from({ length: 30 }, () => attempt(account.email, 'wrong-password')))
    ).map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    // Each verified wrong password leaves one audit entry; refused attempts never reached the hash.
    const [{ verified }] = await ctx.db.query(
      `SELECT count(*)::int AS verified FROM audit_log WHERE action = 'auth.login_failed' AND target_id = $1 AND change->>'reason' = 'wrong_password'`,
      [account.id],
    );
    expect(verified).toBeLessThanOrEqual(5);
    const res = await attempt(account.email, account.password).expect(429);
    expect(res.body.code).toBe('AUTH_THROTTLED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('every spelling of the address shares one counter; İ (U+0130) never reaches the account', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const local = `kilenia.${Math.random().toString(36).slice(2, 8)}`;
    const email = `${local}@example.org`;
    await ctx.db.query(`UPDATE users SET email = $2 WHERE id = $1`, [account.id, email]);
    const rest = local.slice(1);
    const spellings = [
      email.toUpperCase(),
      `\u212A${rest}@example.org`, // KELVIN SIGN
      `\uFF2B${rest}@example.org`, // FULLWIDTH K
      `k${rest}@EXAMPLE.org`,
      `K${rest}@example.ORG`,
    ];
    for (const spelling of spellings) await attempt(spelling, 'wrong-password').expect(401);
    // The account is at its limit whichever spelling is used next, the right password included.
    await attempt(email, account.password).expect(429);
    await attempt(`\u212A${rest}@example.org`, account.password).expect(429);
    // PostgreSQL's lower() maps U+0130 to "i"; the canonical form does not, so this is another
    // address (and no account), whatever the password.
    const dotted = `k\u0130${rest.slice(1)}@example.org`;
    expect(rest[0]).toBe('i');
    const res = await attempt(dotted, account.password).expect(401);
    expect(res.body.code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('PostgreSQL stores the same canonical form JavaScript computes, for the case-mapping traps', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const traps = [
      `\u0130nes.${tag}@example.org`, // LATIN CAPITAL I WITH DOT ABOVE
      `I\u0307rene.${tag}@example.org`, // I + COMBINING DOT ABOVE (NFKC composes to U+0130)
      `\u212Aarl.${tag}@example.org`, // KELVIN SIGN
      `\u017Fara.${tag}@example.org`, // LONG S
      `\uFB01lippo.${tag}@example.org`, // LIGATURE FI
      `\u00C5sa.${tag}@example.org`, // Å
      `Stra\u00DFe.${tag}@example.org`, // ß
      `\u03A3ofia.${tag}@example.org`, // GREEK CAPITAL SIGMA
      `\uFF2Dario.${tag}@EXAMPLE.org`, // FULLWIDTH M
    ];
    for (const email of traps) {
      await ctx
        .http()
        .post('/api/v1/auth/register')
        .send({
          email,
          password: 'una-frase-lunga-e-segreta',
          firstName: 'A',
          lastName: 'B',
          birthDate: '1980-01-01',
          fiscalCode: uniqueFiscalCode(),
        })
        .expect(202);
    }
    const rows = (await ctx.db.query(`SELECT email, email_canonical FROM users WHERE email = ANY($1)`, [traps])) as {
      email: string;
      email_canonical: string;
    }[];
    expect(rows).toHaveLength(traps.length);
    for (const row of rows) {
      expect({ email: row.email, canonical: row.email_canonical }).toEqual({
        email: row.email,
        canonical: canonicalEmail(row.email),
      });
    }
  });
});

describe('per-IP throttling slows down, it does not lock valid credentials out', () => {
  it('after 100 failures from one IP on other accounts, another account of the same office still logs in', async () => {
    const others = await Promise.all(
      Array.from({ length: 20 }, () => seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['326'] })),
    );
    const colleague = await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['326'] });
    for (const other of others) {
      for (let i = 0; i < 5; i++) await attempt(other.email, 'wrong-password').expect(401);
    }
    const started = Date.now();
    const tokens = await login(ctx, colleague);
    expect(tokens.accessToken).toEqual(expect.any(String));
    // Slowed: past the IP's limit each attempt waits (capped at LOGIN_IP_MAX_DELAY_MS).
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('a throttled IP gets only a few slowed attempts at once; the others are 429 without touching the hash', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const victims = await Promise.all(Array.from({ length: 5 }, () => seedAccount(ctx.db, [Role.APPLICANT])));
    for (let i = 0; i < 20; i++) await attempt(victims[i % 5].email, 'wrong-password').expect(401);
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) => attempt(`nobody-${i}@example.org`, 'wrong-password')),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(4);
    expect(burst.find((r) => r.status === 429)?.headers['retry-after']).toBe('1');
    await login(ctx, account);
  });
});
