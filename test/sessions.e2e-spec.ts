import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { JWT_AUDIENCE, JWT_ISSUER } from '../src/modules/auth/jwt.strategy.js';
import { Role } from '../src/common/access/role.js';
import { createTestApp, login, seedAccount, type TestContext } from './support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const me = (token: string) => ctx.http().get('/api/v1/me').set('authorization', `Bearer ${token}`);

/** Signs claims with the API's own secret, as only a holder of the key could. */
const sign = (payload: Record<string, unknown>, options: { expiresIn?: number } = {}) =>
  new JwtService().sign(payload, {
    secret: ctx.config.JWT_ACCESS_SECRET,
    algorithm: 'HS256',
    issuer: JWT_ISSUER,
    audience: JWT_AUDIENCE,
    ...(options.expiresIn ? { expiresIn: options.expiresIn } : {}),
  });

describe('an ended session takes its access tokens with it', () => {
  it('logout: the access token of that session answers 401 at once; another session is untouched', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const ended = await login(ctx, account);
    const kept = await login(ctx, account);
    await me(ended.accessToken).expect(200);
    await ctx
      .http()
      .post('/api/v1/auth/logout')
      .set('authorization', `Bearer ${ended.accessToken}`)
      .send({ refreshToken: ended.refreshToken })
      .expect(204);
    const refused = await me(ended.accessToken).expect(401);
    expect(refused.body.code).toBe('AUTH_INVALID_TOKEN');
    await me(kept.accessToken).expect(200);
  });

  it('password change: the access tokens of the other sessions answer 401, the changing session goes on', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const changing = await login(ctx, account);
    const other = await login(ctx, account);
    await me(other.accessToken).expect(200);
    await ctx
      .http()
      .put('/api/v1/me/password')
      .set('authorization', `Bearer ${changing.accessToken}`)
      .send({ currentPassword: account.password, newPassword: 'una-nuova-frase-segreta' })
      .expect(204);
    await me(other.accessToken).expect(401);
    await me(changing.accessToken).expect(200);
  });

  it('refresh-token reuse: every access token of the revoked family answers 401', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const first = await login(ctx, account);
    const second = (
      await ctx.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)
    ).body;
    await me(first.accessToken).expect(200);
    await me(second.accessToken).expect(200);
    await ctx.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    await me(first.accessToken).expect(401);
    await me(second.accessToken).expect(401);
  });
});

describe('hand-made tokens signed with the right key', () => {
  it('a token without exp answers 401, not a never-expiring session', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const { accessToken } = await login(ctx, account);
    const [, payload] = accessToken.split('.');
    const { sid } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sid: string };
    await me(sign({ typ: 'access', sub: account.id, sid }, { expiresIn: 60 })).expect(200);
    const res = await me(sign({ typ: 'access', sub: account.id, sid })).expect(401);
    expect(res.body.code).toBe('AUTH_INVALID_TOKEN');
  });

  it.each(['not-a-uuid', "' OR 1=1 --", '00000000-0000-0000-0000-00000000000g', 42])(
    'sub %p answers 401 problem+json, never 500',
    async (sub) => {
      const res = await me(sign({ typ: 'access', sub, sid: randomUUID() }, { expiresIn: 60 })).expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('AUTH_INVALID_TOKEN');
    },
  );

  it('a token without a session, or naming a session of another account, answers 401', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const other = await seedAccount(ctx.db, [Role.APPLICANT]);
    const { accessToken } = await login(ctx, other);
    const { sid } = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as { sid: string };
    await me(sign({ typ: 'access', sub: account.id }, { expiresIn: 60 })).expect(401);
    await me(sign({ typ: 'access', sub: account.id, sid }, { expiresIn: 60 })).expect(401);
  });
});
