import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/access/role.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { createTestApp, login, seedAccount, tokenFor, type TestContext } from './support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
    LOGIN_MAX_FAILURES_PER_IP: '1000',
    REGISTER_MAX_PER_IP: '1000',
  });
});
afterAll(() => ctx.close());

const registration = (overrides: Record<string, unknown> = {}) => ({
  email: `maria.${Math.random().toString(36).slice(2)}@example.org`,
  password: 'una-password-lunga',
  firstName: 'Maria',
  lastName: 'Rossi',
  birthDate: '1985-12-10',
  fiscalCode: uniqueFiscalCode(),
  residenceMunicipalityCode: '017029',
  ...overrides,
});

describe('registration', () => {
  it('registers an applicant with a neutral 202; the account waits for its e-mail to be confirmed', async () => {
    const body = registration();
    const res = await ctx.http().post('/api/v1/auth/register').send(body).expect(202);
    expect(res.body).toEqual({
      status: 'verification_pending',
      message: expect.any(String),
      messageEn: expect.any(String),
    });
    const [row] = await ctx.db.query(
      `SELECT password_hash, email_verified_at, fiscal_code, fiscal_code_verified_at FROM users WHERE email = $1`,
      [body.email],
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row).toMatchObject({ email_verified_at: null, fiscal_code: body.fiscalCode, fiscal_code_verified_at: null });
  });

  it('accepts a homocode variant (omocodia) and lower-case input', async () => {
    // RSSMRA85T50B157V with the last digit of the place code replaced by its letter (7 → T).
    const body = registration({ fiscalCode: 'rssmra85t50b15ts' });
    await ctx.http().post('/api/v1/auth/register').send(body).expect(202);
    const [row] = await ctx.db.query(`SELECT fiscal_code FROM users WHERE email = $1`, [body.email]);
    expect(row.fiscal_code).toBe('RSSMRA85T50B15TS');
  });

  it('rejects an invalid codice fiscale with a 400 naming fiscalCode', async () => {
    const res = await ctx
      .http()
      .post('/api/v1/auth/register')
      .send(registration({ fiscalCode: 'RSSMRA85T50B157A' }))
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['fiscalCode']);
  });

  it('rejects unknown fields with a 400 naming them, and writes nothing', async () => {
    const body = registration({ isAdmin: true });
    const res = await ctx.http().post('/api/v1/auth/register').send(body).expect(400);
    expect(res.body.errors).toEqual([{ field: 'isAdmin', messages: ['property isAdmin should not exist'] }]);
    const [{ count }] = await ctx.db.query(`SELECT count(*)::int AS count FROM users WHERE email = $1`, [body.email]);
    expect(count).toBe(0);
  });

  it('a declared codice fiscale blocks nobody: the same code twice gets the same 202 and two unverified accounts', async () => {
    const fiscalCode = uniqueFiscalCode();
    const first = await ctx.http().post('/api/v1/auth/register').send(registration({ fiscalCode })).expect(202);
    const second = await ctx.http().post('/api/v1/auth/register').send(registration({ fiscalCode })).expect(202);
    expect(second.body).toEqual(first.body);
    const rows = await ctx.db.query(`SELECT fiscal_code_verified_at FROM users WHERE fiscal_code = $1`, [fiscalCode]);
    expect(rows).toEqual([{ fiscal_code_verified_at: null }, { fiscal_code_verified_at: null }]);
  });

  it('the same e-mail twice, whatever its case: the same 202 and still one account', async () => {
    const body = registration();
    const first = await ctx.http().post('/api/v1/auth/register').send(body).expect(202);
    const again = await ctx
      .http()
      .post('/api/v1/auth/register')
      .send(registration({ email: body.email.toUpperCase() }))
      .expect(202);
    expect(again.body).toEqual(first.body);
    const [{ count }] = await ctx.db.query(`SELECT count(*)::int AS count FROM users WHERE lower(email) = lower($1)`, [
      body.email,
    ]);
    expect(count).toBe(1);
  });

  it.each([
    ['shorter than 12 characters', 'corta-11chr', /at least 12/],
    ['on the list of common passwords, whatever the case', 'QWERTY123456', /common/],
    ['on the list of common passwords', '1qaz2wsx3edc', /common/],
  ])('refuses a password %s with a 400 naming password, and writes nothing', async (_, password, message) => {
    const body = registration({ password });
    const res = await ctx.http().post('/api/v1/auth/register').send(body).expect(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'password', messages: [expect.stringMatching(message)] }],
    });
    const [{ count }] = await ctx.db.query(`SELECT count(*)::int AS count FROM users WHERE email = $1`, [body.email]);
    expect(count).toBe(0);
  });

  it('refuses minors and unknown municipalities, naming the field', async () => {
    const minor = await ctx
      .http()
      .post('/api/v1/auth/register')
      .send(registration({ birthDate: '2010-01-01' }))
      .expect(400);
    expect(minor.body.errors[0].field).toBe('birthDate');
    const nowhere = await ctx
      .http()
      .post('/api/v1/auth/register')
      .send(registration({ residenceMunicipalityCode: '058091' }))
      .expect(400);
    expect(nowhere.body.errors[0].field).toBe('residenceMunicipalityCode');
  });
});

describe('login and tokens', () => {
  it('logs in and reaches /me with the access token', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const tokens = await login(ctx, account);
    const me = await ctx.http().get('/api/v1/me').set('authorization', `Bearer ${tokens.accessToken}`).expect(200);
    expect(me.body.id).toBe(account.id);
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('answers the same 401 for a wrong password and an unknown e-mail', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const wrong = await ctx
      .http()
      .post('/api/v1/auth/login')
      .send({ email: account.email, password: 'nope' })
      .expect(401);
    const unknown = await ctx
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@example.org', password: 'nope' })
      .expect(401);
    expect(wrong.body.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(unknown.body.code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('throttles an account after repeated failures, even with the right password', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    for (let i = 0; i < 3; i++) {
      await ctx.http().post('/api/v1/auth/login').send({ email: account.email, password: 'wrong' }).expect(401);
    }
    const res = await ctx
      .http()
      .post('/api/v1/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(429);
    expect(res.body.code).toBe('AUTH_THROTTLED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('rotates refresh tokens; reusing a rotated one revokes the whole family', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const first = await login(ctx, account);
    const second = await ctx.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    const reuse = await ctx.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    expect(reuse.body.code).toBe('AUTH_REFRESH_REUSED');
    // The thief's copy and the legitimate successor are both dead now.
    await ctx.http().post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
    const [{ count }] = await ctx.db.query(
      `SELECT count(*)::int AS count FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`,
      [account.id],
    );
    expect(count).toBe(0);
  });

  it('stores refresh tokens only as hashes', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const { refreshToken } = await login(ctx, account);
    const rows = await ctx.db.query(`SELECT token_hash FROM refresh_tokens WHERE user_id = $1`, [account.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash.toString('base64url')).not.toContain(refreshToken.split('.')[1]);
  });

  it('logout revokes the session', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const tokens = await login(ctx, account);
    await ctx
      .http()
      .post('/api/v1/auth/logout')
      .set('authorization', `Bearer ${tokens.accessToken}`)
      .send({ refreshToken: tokens.refreshToken })
      .expect(204);
    await ctx.http().post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
  });

  it('refuses an expired access token', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const token = await tokenFor(ctx, account);
    const tampered = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
    await ctx.http().get('/api/v1/me').set('authorization', `Bearer ${tampered}`).expect(401);
    await ctx.http().get('/api/v1/me').expect(401);
  });

  it('a disabled account: its live token is refused at once and it cannot log in', async () => {
    const admin = await seedAccount(ctx.db, [Role.ADMIN]);
    const citizen = await seedAccount(ctx.db, [Role.APPLICANT]);
    const citizenTokens = await login(ctx, citizen);
    await ctx.http().get('/api/v1/me').set('authorization', `Bearer ${citizenTokens.accessToken}`).expect(200);
    await ctx
      .http()
      .post(`/api/v1/admin/users/${citizen.id}/disable`)
      .set('authorization', `Bearer ${await tokenFor(ctx, admin)}`)
      .expect(200);
    const refused = await ctx
      .http()
      .get('/api/v1/me')
      .set('authorization', `Bearer ${citizenTokens.accessToken}`)
      .expect(401);
    expect(refused.body.code).toBe('AUTH_INVALID_TOKEN');
    await ctx.http().post('/api/v1/auth/refresh').send({ refreshToken: citizenTokens.refreshToken }).expect(401);
    const relogin = await ctx
      .http()
      .post('/api/v1/auth/login')
      .send({ email: citizen.email, password: citizen.password })
      .expect(401);
    expect(relogin.body.code).toBe('AUTH_ACCOUNT_DISABLED');
  });

  it('changing the password ends the other sessions and keeps the current one', async () => {
    const account = await seedAccount(ctx.db, [Role.APPLICANT]);
    const current = await login(ctx, account);
    const other = await login(ctx, account);
    const auth = { authorization: `Bearer ${current.accessToken}` };
    await ctx
      .http()
      .put('/api/v1/me/password')
      .set(auth)
      .send({ currentPassword: 'wrong', newPassword: 'nuova-password-lunga' })
      .expect(401);
    const common = await ctx
      .http()
      .put('/api/v1/me/password')
      .set(auth)
      .send({ currentPassword: account.password, newPassword: 'Password1234' })
      .expect(400);
    expect(common.body.errors[0].field).toBe('newPassword');
    await ctx
      .http()
      .put('/api/v1/me/password')
      .set(auth)
      .send({ currentPassword: account.password, newPassword: 'nuova-password-lunga' })
      .expect(204);
    await ctx.http().post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
    await ctx.http().post('/api/v1/auth/refresh').send({ refreshToken: current.refreshToken }).expect(200);
    await login(ctx, { email: account.email, password: 'nuova-password-lunga' });
  });
});
