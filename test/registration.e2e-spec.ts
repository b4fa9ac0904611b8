import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import { startSmtpSink, type SmtpSink } from '../src/cli/smtp-sink.js';
import { renderNotification, type TemplateParams } from '../src/modules/notifications/templates.js';
import { FiscalCodeClaimsService } from '../src/modules/users/fiscal-code-claims.service.js';
import { Role } from '../src/common/access/role.js';
import { WorkerModule } from '../src/worker.module.js';
import { bearer } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { TEST_REDIS_URL } from './support/env.js';
import { createTestApp, login, seedAccount, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let redis: Redis;
let smtp: SmtpSink;
let worker: INestApplicationContext;
beforeAll(async () => {
  smtp = await startSmtpSink();
  ctx = await createTestApp({
    REGISTER_MAX_PER_IP: '3',
    PUBLIC_WEB_URL: 'https://sportello.example.it',
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    NOTIFICATION_CHANNELS: 'email',
    NOTIFICATION_RELAY_INTERVAL_MS: '100',
  });
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot(ctx.config)] }).compile();
  worker = moduleRef.createNestApplication({ logger: false });
  await worker.init();
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(async () => {
  redis?.disconnect();
  await worker?.close();
  await ctx?.close();
  await smtp?.close();
});
beforeEach(async () => {
  const keys = await redis.keys(`${ctx.config.REDIS_PREFIX}:registration-throttle:*`);
  if (keys.length) await redis.del(...keys);
});

const registration = (overrides: Record<string, unknown> = {}) => ({
  email: `giulia.${Math.random().toString(36).slice(2)}@example.org`,
  password: 'una-password-lunga',
  firstName: 'Giulia',
  lastName: 'Bianchi',
  birthDate: '1980-05-04',
  fiscalCode: uniqueFiscalCode(),
  residenceMunicipalityCode: '015146',
  ...overrides,
});
const register = (body: Record<string, unknown>) => ctx.http().post('/api/v1/auth/register').send(body);

interface OutboxRow {
  id: string;
  event: string;
  channels: string[];
  language: 'it' | 'en';
  params: TemplateParams;
}
const mailsTo = (email: string): Promise<OutboxRow[]> =>
  ctx.db.query(
    `SELECT o.id, o.event, o.channels, o.language, o.params FROM notification_outbox o JOIN users u ON u.id = o.recipient_id
      WHERE u.email = $1 ORDER BY o.created_at, o.id`,
    [email],
  );

/** The token, read from the e-mail exactly as the worker renders it. */
function tokenIn(mail: OutboxRow): string {
  const text = renderNotification(mail.event as 'email_verification', mail.language, false, mail.params).markdown;
  const match = /https:\/\/sportello\.example\.it\/verifica-email#token=([A-Za-z0-9_-]{43})/.exec(text);
  expect(match).not.toBeNull();
  return match![1];
}

const draft = (token: string) =>
  ctx
    .http()
    .post('/api/v1/applications')
    .set(bearer(token))
    .send({ measureCode: 'ORFANI-FEMMINICIDIO', data: { applicantRole: 'guardian' } });

describe('registration answers the same whatever exists', () => {
  it('a new address, a registered address and a registered codice fiscale get the same 202', async () => {
    const owner = await seedAccount(ctx.db, [Role.APPLICANT]);
    const fresh = await register(registration()).expect(202);
    const sameEmail = await register(registration({ email: owner.email.toUpperCase() })).expect(202);
    const sameCode = await register(registration({ fiscalCode: owner.fiscalCode })).expect(202);
    expect(sameEmail.body).toEqual(fresh.body);
    expect(sameCode.body).toEqual(fresh.body);
    expect(JSON.stringify([fresh.body, sameEmail.body, sameCode.body])).not.toMatch(
      /TAKEN|già registrat|already registered/i,
    );
  });

  it('the owner of a registered address gets a "someone tried" mail; the account does not change', async () => {
    const owner = await seedAccount(ctx.db, [Role.APPLICANT]);
    await register(registration({ email: owner.email, password: 'la-password-di-un-altro' })).expect(202);
    const mails = await mailsTo(owner.email);
    expect(mails.map((m) => [m.event, m.channels])).toEqual([['registration_attempt', ['email']]]);
    expect(renderNotification('registration_attempt', 'it', false, mails[0].params).subject).toMatch(/registrazione/);
    await login(ctx, owner);
    await ctx
      .http()
      .post('/api/v1/auth/login')
      .send({ email: owner.email, password: 'la-password-di-un-altro' })
      .expect(401);
    const [{ count }] = await ctx.db.query(
      `SELECT count(*)::int AS count FROM users WHERE email_canonical = lower($1)`,
      [owner.email],
    );
    expect(count).toBe(1);
  });

  it('is throttled per client IP', async () => {
    for (let i = 0; i < 3; i++) await register(registration()).expect(202);
    const res = await register(registration()).expect(429);
    expect(res.body.code).toBe('REGISTRATION_THROTTLED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('the e-mail verification link', () => {
  it('arrives through the outbox, by e-mail only; until it is opened the account logs in but cannot apply', async () => {
    const body = registration();
    await register(body).expect(202);
    const [mail] = await mailsTo(body.email);
    expect(mail).toMatchObject({ event: 'email_verification', channels: ['email'] });
    const [{ inbox }] = await ctx.db.query(
      `SELECT count(*)::int AS inbox FROM inbox_messages WHERE notification_id = $1`,
      [mail.id],
    );
    expect(inbox).toBe(0);
    const token = tokenIn(mail);
    const [stored] = await ctx.db.query(
      `SELECT v.token_hash, v.expires_at - v.created_at AS ttl FROM email_verifications v JOIN users u ON u.id = v.user_id WHERE u.email = $1`,
      [body.email],
    );
    expect(Buffer.compare(stored.token_hash, createHash('sha256').update(token).digest())).toBe(0);
    expect(stored.ttl).toMatchObject({ days: 2 });

    const unverified = await login(ctx, body);
    expect(unverified).toMatchObject({ emailVerified: false, passwordChangeRequired: false });
    await ctx.http().get('/api/v1/me').set(bearer(unverified.accessToken)).expect(200);
    const refused = await draft(unverified.accessToken).expect(403);
    expect(refused.body.code).toBe('EMAIL_VERIFICATION_REQUIRED');

    await ctx.http().post('/api/v1/auth/verify-email').send({ token }).expect(200, { emailVerified: true });
    const again = await ctx.http().post('/api/v1/auth/verify-email').send({ token }).expect(400);
    expect(again.body.code).toBe('AUTH_VERIFICATION_INVALID');
    const [scrubbed] = await mailsTo(body.email);
    expect(scrubbed.params.link).toBeUndefined();

    const verified = await login(ctx, body);
    expect(verified.emailVerified).toBe(true);
    await draft(verified.accessToken).expect(201);
  });

  it('is delivered by the worker to the mailbox, and the link in the mail confirms the address', async () => {
    const body = registration({ language: 'en' });
    await register(body).expect(202);
    const deadline = Date.now() + 20_000;
    let mail = smtp.mails.find((m) => m.to.includes(body.email));
    while (!mail && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      mail = smtp.mails.find((m) => m.to.includes(body.email));
    }
    expect(mail?.subject).toBe('Confirm your e-mail address for Sportello');
    // The text part may be quoted-printable: undo soft line breaks and escapes before reading the link.
    const text = mail!.raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    const token = /https:\/\/sportello\.example\.it\/verifica-email#token=([A-Za-z0-9_-]{43})/.exec(text)?.[1];
    expect(token).toBeDefined();
    await ctx.http().post('/api/v1/auth/verify-email').send({ token }).expect(200);
    expect((await login(ctx, body)).emailVerified).toBe(true);
  });

  it('an expired link is refused', async () => {
    const body = registration();
    await register(body).expect(202);
    const [mail] = await mailsTo(body.email);
    await ctx.db.query(
      `UPDATE email_verifications SET expires_at = created_at - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
      [body.email],
    );
    const res = await ctx
      .http()
      .post('/api/v1/auth/verify-email')
      .send({ token: tokenIn(mail) })
      .expect(400);
    expect(res.body.code).toBe('AUTH_VERIFICATION_INVALID');
  });

  it('applies only the registration it was sent for: a squatter who registered the address first does not keep its password', async () => {
    const email = `vittima.${Math.random().toString(36).slice(2)}@example.org`;
    await register(registration({ email, password: 'password-del-furbo' })).expect(202);
    ctx.clock.advance(60_000);
    await register(registration({ email, password: 'password-della-titolare' })).expect(202);
    const [, ownerMail] = await mailsTo(email);
    await ctx
      .http()
      .post('/api/v1/auth/verify-email')
      .send({ token: tokenIn(ownerMail) })
      .expect(200);
    await ctx.http().post('/api/v1/auth/login').send({ email, password: 'password-del-furbo' }).expect(401);
    expect((await login(ctx, { email, password: 'password-della-titolare' })).emailVerified).toBe(true);
  });
});

describe('a codice fiscale declared at registration is unverified and blocks nobody', () => {
  it('a squatted code does not stop the real person; a verified identity takes it over, audited', async () => {
    const code = uniqueFiscalCode();
    const squatter = registration({ fiscalCode: code });
    await register(squatter).expect(202);
    const real = registration({ fiscalCode: code });
    await register(real).expect(202);
    const [squatterRow] = await ctx.db.query(`SELECT id FROM users WHERE email = $1`, [squatter.email]);
    const [realRow] = await ctx.db.query(`SELECT id FROM users WHERE email = $1`, [real.email]);

    const claims = ctx.app.get(FiscalCodeClaimsService);
    expect(await claims.claimVerifiedFiscalCode(realRow.id, code, 'spid')).toEqual({ releasedFrom: [squatterRow.id] });
    const rows = await ctx.db.query(
      `SELECT id, fiscal_code, fiscal_code_verified_at IS NOT NULL AS verified, fiscal_code_source FROM users WHERE id = ANY($1) ORDER BY id`,
      [[squatterRow.id, realRow.id]],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { id: squatterRow.id, fiscal_code: null, verified: false, fiscal_code_source: null },
        { id: realRow.id, fiscal_code: code, verified: true, fiscal_code_source: 'spid' },
      ]),
    );
    const audit = await ctx.db.query(
      `SELECT action, target_id AS "targetId", change FROM audit_log WHERE action LIKE 'user.fiscal_code_%' AND target_id = ANY($1) ORDER BY seq`,
      [[squatterRow.id, realRow.id]],
    );
    expect(audit.map((a: { action: string; targetId: string }) => [a.action, a.targetId])).toEqual([
      ['user.fiscal_code_released', squatterRow.id],
      ['user.fiscal_code_verified', realRow.id],
    ]);
    expect(JSON.stringify(audit)).not.toContain(code);

    // Declaring the code again still registers (unverified); claiming it with another identity is refused.
    const latecomer = registration({ fiscalCode: code });
    await register(latecomer).expect(202);
    const [latecomerRow] = await ctx.db.query(`SELECT id, fiscal_code FROM users WHERE email = $1`, [latecomer.email]);
    expect(latecomerRow.fiscal_code).toBe(code);
    await expect(claims.claimVerifiedFiscalCode(latecomerRow.id, code, 'cie')).rejects.toMatchObject({
      code: 'USER_FISCAL_CODE_VERIFIED_ELSEWHERE',
    });
  });
});
