import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { Role } from '../src/common/access/role.js';
import { createTestApp, seedAccount, tokenFor, type Account, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let admin: Account;
let auditor: Account;
let adminToken: string;
let auditorToken: string;
const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
const sha = (v: string) => createHash('sha256').update(v, 'utf8').digest('hex');

async function entries(query: Record<string, string | number>) {
  const res = await ctx.http().get('/api/v1/audit/entries').query(query).set(bearer(auditorToken)).expect(200);
  return res.body as { items: Array<Record<string, any>>; nextAfter: number | null };
}

function verifyCli() {
  return spawnSync(process.execPath, ['dist/src/cli/audit-verify.js'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: ctx.config.DATABASE_URL,
      REDIS_URL: ctx.config.REDIS_URL,
      JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
    },
    encoding: 'utf8',
  });
}

beforeAll(async () => {
  // Every login attempt on an account is counted before its password is checked, so 50 at once
  // on one account need a limit above 50 (the chain, not throttling, is under test here).
  ctx = await createTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '100' });
  admin = await seedAccount(ctx.db, [Role.ADMIN]);
  auditor = await seedAccount(ctx.db, [Role.AUDITOR]);
  adminToken = await tokenFor(ctx, admin);
  auditorToken = await tokenFor(ctx, auditor);
});
afterAll(() => ctx.close());

describe('audit log', () => {
  it('UPDATE, DELETE and TRUNCATE on audit_log fail in PostgreSQL; the rights are revoked', async () => {
    const [{ count }] = await ctx.db.query(`SELECT count(*)::int AS count FROM audit_log`);
    expect(count).toBeGreaterThan(0);
    await expect(ctx.db.query(`UPDATE audit_log SET action = 'auth.login' WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(ctx.db.query(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(ctx.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    const grants: Array<{ privilege_type: string }> = await ctx.db.query(
      `SELECT DISTINCT privilege_type FROM pg_class c, aclexplode(c.relacl) WHERE c.relname = 'audit_log'`,
    );
    const kinds = grants.map((g) => g.privilege_type);
    expect(kinds).toContain('INSERT');
    for (const denied of ['UPDATE', 'DELETE', 'TRUNCATE']) expect(kinds).not.toContain(denied);
  });

  it('logins and failed logins are recorded with actor, request id and the e-mail hashed', async () => {
    const reqId = `audit-login-${randomBytes(4).toString('hex')}`;
    await ctx
      .http()
      .post('/api/v1/auth/login')
      .set('X-Request-Id', reqId)
      .send({ email: admin.email, password: admin.password })
      .expect(200);
    const failId = `audit-fail-${randomBytes(4).toString('hex')}`;
    await ctx
      .http()
      .post('/api/v1/auth/login')
      .set('X-Request-Id', failId)
      .send({ email: admin.email, password: 'wrong-password' })
      .expect(401);
    await ctx
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@nowhere.test', password: 'whatever-123' })
      .expect(401);

    const ok = (await entries({ action: 'auth.login', actorId: admin.id })).items.find((e) => e.requestId === reqId);
    expect(ok).toMatchObject({ actorId: admin.id, actorRole: 'ADMIN', targetType: 'user', targetId: admin.id });
    const failed = (await entries({ action: 'auth.login_failed' })).items;
    expect(failed.find((e) => e.requestId === failId)).toMatchObject({
      actorId: null,
      targetId: admin.id,
      change: { emailSha256: sha(admin.email.toLowerCase()), reason: 'wrong_password' },
    });
    expect(failed.find((e) => e.change.reason === 'unknown_email')).toMatchObject({
      targetId: null,
      change: { emailSha256: sha('nobody@nowhere.test') },
    });
    expect(JSON.stringify(failed)).not.toMatch(/wrong-password|whatever-123|nobody@nowhere/);
  });

  it('staff account changes are recorded in their transaction, personal data as hashes', async () => {
    const created = await ctx
      .http()
      .post('/api/v1/admin/users')
      .set(bearer(adminToken))
      .send({
        email: `audit-${randomBytes(3).toString('hex')}@test.sportello`,
        firstName: 'Lucia',
        lastName: 'Bianchi',
        roles: [Role.OPERATOR],
        scope: { atsCodes: ['326'], ambitoCodes: [] },
      })
      .expect(201);
    const id = created.body.id as string;
    await ctx
      .http()
      .patch(`/api/v1/admin/users/${id}`)
      .set(bearer(adminToken))
      .send({ version: created.body.version, roles: [Role.MANAGER] })
      .expect(200);
    await ctx.http().post(`/api/v1/admin/users/${id}/disable`).set(bearer(adminToken)).expect(200);
    await ctx.http().post(`/api/v1/admin/users/${id}/enable`).set(bearer(adminToken)).expect(200);
    // a refused change writes nothing
    await ctx
      .http()
      .patch(`/api/v1/admin/users/${id}`)
      .set(bearer(adminToken))
      .send({ version: 1, roles: [Role.OPERATOR] })
      .expect(409);

    const log = (await entries({ targetType: 'user', targetId: id })).items;
    expect(log.map((e) => e.action)).toEqual(['user.created', 'user.updated', 'user.disabled', 'user.enabled']);
    for (const e of log) expect(e).toMatchObject({ actorId: admin.id, actorRole: 'ADMIN' });
    expect(log[0].requestId).toBe(created.headers['x-request-id']);
    expect(log[0].change.after).toMatchObject({
      roles: ['OPERATOR'],
      lastNameSha256: sha('Bianchi'),
      emailSha256: sha(created.body.email),
    });
    expect(log[1].change).toMatchObject({ before: { roles: ['OPERATOR'] }, after: { roles: ['MANAGER'] } });
    expect(log[2].change).toMatchObject({ before: { disabledAt: null } });
    expect(JSON.stringify(log)).not.toMatch(/Bianchi|Lucia/);
  });

  it('measure draft and publication are recorded', async () => {
    const [measure] = (await ctx.http().get('/api/v1/admin/measures').set(bearer(adminToken)).expect(200))
      .body as Array<{ code: string }>;
    const base = `/api/v1/admin/measures/${measure.code}/versions`;
    const draft = await ctx.http().post(base).set(bearer(adminToken)).expect(201);
    const published = await ctx
      .http()
      .post(`${base}/${draft.body.version}/publish`)
      .set(bearer(adminToken))
      .send({ validFrom: '2030-01-01T00:00:00Z' })
      .expect(200);
    const log = (await entries({ targetType: 'measure_version', targetId: `${measure.code}/v${draft.body.version}` }))
      .items;
    expect(log.map((e) => e.action)).toEqual(['measure.draft_created', 'measure.version_published']);
    expect(log[1]).toMatchObject({
      actorId: admin.id,
      requestId: published.headers['x-request-id'],
      change: { before: { status: 'draft' }, after: { status: 'published', contentHash: published.body.contentHash } },
    });
  });

  it('entries page by seq (keyset) and filter by period', async () => {
    const first = await entries({ limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await entries({ limit: 2, after: first.nextAfter! });
    expect(second.items[0].seq).toBe(first.items[1].seq + 1);
    expect((await entries({ from: '2000-01-01T00:00:00Z', to: '2000-01-02T00:00:00Z' })).items).toEqual([]);
    await ctx.http().get('/api/v1/audit/entries').query({ limit: 10_000 }).set(bearer(auditorToken)).expect(400);
  });

  it('50 concurrent logins leave a valid chain', async () => {
    const before = (await ctx.http().get('/api/v1/audit/verify').set(bearer(auditorToken)).expect(200)).body
      .checked as number;
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        ctx.http().post('/api/v1/auth/login').send({ email: auditor.email, password: auditor.password }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const res = await ctx.http().get('/api/v1/audit/verify').set(bearer(auditorToken)).expect(200);
    expect(res.body).toEqual({ ok: true, checked: before + 50, firstBroken: null });
    const seqs: Array<{ seq: string }> = await ctx.db.query(`SELECT seq FROM audit_log ORDER BY seq`);
    expect(seqs.map((s) => Number(s.seq))).toEqual(seqs.map((_, i) => i + 1));
  });

  it('only AUDITOR reads the audit endpoints', async () => {
    for (const roles of [[Role.ADMIN], [Role.OPERATOR], [Role.MANAGER], [Role.CAV_OPERATOR], [Role.APPLICANT]]) {
      const other = await seedAccount(ctx.db, roles, {
        atsCodes: roles.includes(Role.OPERATOR) || roles.includes(Role.MANAGER) ? ['326'] : [],
      });
      const token = await tokenFor(ctx, other);
      for (const path of ['/api/v1/audit/verify', '/api/v1/audit/entries']) {
        expect({ roles, path, status: (await ctx.http().get(path).set(bearer(token))).status }).toEqual({
          roles,
          path,
          status: 403,
        });
      }
    }
    await ctx.http().get('/api/v1/audit/verify').expect(401);
    expect(verifyCli().status).toBe(0);
  });

  // Last: it breaks the chain of this file's database on purpose.
  it('a row edited by a superuser (trigger disabled) is named by the endpoint and the CLI', async () => {
    const [target] = await ctx.db.query(
      `SELECT seq::int AS seq, id::text AS id FROM audit_log WHERE action = 'user.updated' LIMIT 1`,
    );
    await ctx.db.transaction(async (em) => {
      await em.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
      await em.query(`UPDATE audit_log SET change = jsonb_set(change, '{after,roles}', '["ADMIN"]') WHERE seq = $1`, [
        target.seq,
      ]);
      await em.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    });
    const res = await ctx.http().get('/api/v1/audit/verify').set(bearer(auditorToken)).expect(200);
    expect(res.body).toMatchObject({
      ok: false,
      checked: target.seq - 1,
      firstBroken: { seq: target.seq, id: target.id, reason: 'hash' },
    });
    expect(res.body.firstBroken.expected).not.toBe(res.body.firstBroken.stored);

    const cli = verifyCli();
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(`seq ${target.seq} (id ${target.id})`);
  });
});
