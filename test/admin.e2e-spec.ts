import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { passwordProblem } from '../src/modules/users/password-policy.js';
import { Role } from '../src/common/access/role.js';
import { createTestApp, login, seedAccount, tokenFor, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let admin: { authorization: string };
let adminId: string;
beforeAll(async () => {
  ctx = await createTestApp();
  const account = await seedAccount(ctx.db, [Role.ADMIN]);
  adminId = account.id;
  admin = { authorization: `Bearer ${await tokenFor(ctx, account)}` };
});
afterAll(() => ctx.close());

const staff = (overrides: Record<string, unknown> = {}) => ({
  email: `staff.${Math.random().toString(36).slice(2)}@ats-brescia.it`,
  firstName: 'Luca',
  lastName: 'Bianchi',
  roles: [Role.OPERATOR],
  scope: { atsCodes: ['326'], ambitoCodes: [] },
  ...overrides,
});

/** Logs in with the temporary password and replaces it, as the holder must first; returns the access token. */
async function activate(email: string, temporaryPassword: string): Promise<string> {
  const tokens = await login(ctx, { email, password: temporaryPassword });
  await ctx
    .http()
    .put('/api/v1/me/password')
    .set('authorization', `Bearer ${tokens.accessToken}`)
    .send({ currentPassword: temporaryPassword, newPassword: 'la-mia-password-definitiva' })
    .expect(204);
  return tokens.accessToken;
}

describe('staff accounts', () => {
  it('ADMIN creates an OPERATOR of ATS Brescia who logs in with the temporary password and must change it first', async () => {
    const body = staff();
    const res = await ctx.http().post('/api/v1/admin/users').set(admin).send(body).expect(201);
    expect(res.body).toMatchObject({
      email: body.email,
      roles: ['OPERATOR'],
      scope: { atsCodes: ['326'], ambitoCodes: [] },
      version: 1,
    });
    expect(passwordProblem(res.body.temporaryPassword)).toBeNull();
    const tokens = await login(ctx, { email: body.email, password: res.body.temporaryPassword });
    expect(tokens).toMatchObject({ passwordChangeRequired: true, emailVerified: true });
    const auth = { authorization: `Bearer ${tokens.accessToken}` };
    for (const [method, path] of [
      ['get', '/api/v1/me'],
      ['get', '/api/v1/applicants'],
      ['get', '/api/v1/cases'],
      ['patch', '/api/v1/me'],
    ] as const) {
      const refused = await ctx.http()[method](path).set(auth).send({});
      expect({ path, status: refused.status, code: refused.body.code }).toEqual({
        path,
        status: 403,
        code: 'PASSWORD_CHANGE_REQUIRED',
      });
    }
    const weak = await ctx
      .http()
      .put('/api/v1/me/password')
      .set(auth)
      .send({ currentPassword: res.body.temporaryPassword, newPassword: 'Qwerty123456' })
      .expect(400);
    expect(weak.body.errors).toEqual([{ field: 'newPassword', messages: [expect.stringMatching(/common/)] }]);
    await ctx
      .http()
      .put('/api/v1/me/password')
      .set(auth)
      .send({ currentPassword: res.body.temporaryPassword, newPassword: 'la-mia-password-definitiva' })
      .expect(204);
    const me = await ctx.http().get('/api/v1/me').set(auth).expect(200);
    expect(me.body.scope.atsCodes).toEqual(['326']);
    const again = await login(ctx, { email: body.email, password: 'la-mia-password-definitiva' });
    expect(again.passwordChangeRequired).toBe(false);
  });

  it('OPERATOR and MANAGER need a territorial scope', async () => {
    const res = await ctx
      .http()
      .post('/api/v1/admin/users')
      .set(admin)
      .send(staff({ scope: { atsCodes: [], ambitoCodes: [] } }))
      .expect(400);
    expect(res.body).toMatchObject({ code: 'USER_SCOPE_REQUIRED', errors: [{ field: 'scope' }] });
  });

  it('an unknown ATS or Ambito is refused naming the field, and nothing is written', async () => {
    const body = staff({ scope: { atsCodes: ['399'], ambitoCodes: [] } });
    const res = await ctx.http().post('/api/v1/admin/users').set(admin).send(body).expect(400);
    expect(res.body.errors[0].field).toBe('scope.atsCodes');
    const [{ count }] = await ctx.db.query(`SELECT count(*)::int AS count FROM users WHERE email = $1`, [body.email]);
    expect(count).toBe(0);
  });

  it('ADMIN cannot create an APPLICANT account or an unknown role', async () => {
    const res = await ctx
      .http()
      .post('/api/v1/admin/users')
      .set(admin)
      .send(staff({ roles: ['APPLICANT'] }))
      .expect(400);
    expect(res.body.errors[0].field).toBe('roles');
  });

  it('changes roles and scope with optimistic concurrency', async () => {
    const created = (await ctx.http().post('/api/v1/admin/users').set(admin).send(staff()).expect(201)).body;
    const updated = await ctx
      .http()
      .patch(`/api/v1/admin/users/${created.id}`)
      .set(admin)
      .send({ version: created.version, roles: ['MANAGER'], scope: { atsCodes: [], ambitoCodes: ['AMB-326-BRESCIA'] } })
      .expect(200);
    expect(updated.body).toMatchObject({
      roles: ['MANAGER'],
      scope: { atsCodes: [], ambitoCodes: ['AMB-326-BRESCIA'] },
      version: 2,
    });
    const stale = await ctx
      .http()
      .patch(`/api/v1/admin/users/${created.id}`)
      .set(admin)
      .send({ version: created.version, firstName: 'X' })
      .expect(409);
    expect(stale.body.code).toBe('USER_STALE_VERSION');
  });

  it('a role change takes effect on the next request of a live token', async () => {
    const body = staff({ roles: [Role.ADMIN], scope: { atsCodes: [], ambitoCodes: [] } });
    const created = (await ctx.http().post('/api/v1/admin/users').set(admin).send(body).expect(201)).body;
    const token = await activate(body.email, created.temporaryPassword);
    await ctx.http().get('/api/v1/admin/users').set('authorization', `Bearer ${token}`).expect(200);
    const { version } = (await ctx.http().get(`/api/v1/admin/users/${created.id}`).set(admin).expect(200)).body;
    await ctx
      .http()
      .patch(`/api/v1/admin/users/${created.id}`)
      .set(admin)
      .send({ version, roles: ['AUDITOR'] })
      .expect(200);
    await ctx.http().get('/api/v1/admin/users').set('authorization', `Bearer ${token}`).expect(403);
  });

  it('disables and re-enables; an ADMIN cannot disable or demote themselves', async () => {
    const created = (await ctx.http().post('/api/v1/admin/users').set(admin).send(staff()).expect(201)).body;
    const disabled = await ctx.http().post(`/api/v1/admin/users/${created.id}/disable`).set(admin).expect(200);
    expect(disabled.body.disabledAt).not.toBeNull();
    const enabled = await ctx.http().post(`/api/v1/admin/users/${created.id}/enable`).set(admin).expect(200);
    expect(enabled.body.disabledAt).toBeNull();
    await ctx.http().post(`/api/v1/admin/users/${adminId}/disable`).set(admin).expect(409);
    const me = (await ctx.http().get(`/api/v1/admin/users/${adminId}`).set(admin).expect(200)).body;
    await ctx
      .http()
      .patch(`/api/v1/admin/users/${adminId}`)
      .set(admin)
      .send({ version: me.version, roles: ['AUDITOR'] })
      .expect(409);
  });

  it.each([
    [[Role.AUDITOR, Role.OPERATOR], 'AUDITOR_NOT_OPERATIONAL'],
    [[Role.AUDITOR, Role.MANAGER], 'AUDITOR_NOT_OPERATIONAL'],
    [[Role.AUDITOR, Role.CAV_OPERATOR], 'AUDITOR_NOT_OPERATIONAL'],
    [[Role.CAV_OPERATOR, Role.OPERATOR], 'CAV_NOT_REVIEWER'],
    [[Role.CAV_OPERATOR, Role.MANAGER], 'CAV_NOT_REVIEWER'],
    [[Role.ADMIN, Role.AUDITOR], 'ADMIN_NOT_AUDITOR'],
  ])('refuses %j at creation and on edit, naming the rule %s, and writes nothing', async (roles, rule) => {
    const body = staff({ roles });
    const res = await ctx.http().post('/api/v1/admin/users').set(admin).send(body).expect(400);
    expect(res.body).toMatchObject({ code: 'USER_ROLES_INCOMPATIBLE', rule, errors: [{ field: 'roles' }] });
    expect(res.body.errors[0].messages[0]).toContain(rule);
    const [{ count }] = await ctx.db.query(`SELECT count(*)::int AS count FROM users WHERE email = $1`, [body.email]);
    expect(count).toBe(0);
    const created = (
      await ctx
        .http()
        .post('/api/v1/admin/users')
        .set(admin)
        .send(staff({ roles: [roles[0]] }))
        .expect(201)
    ).body;
    const edit = await ctx
      .http()
      .patch(`/api/v1/admin/users/${created.id}`)
      .set(admin)
      .send({ version: created.version, roles })
      .expect(400);
    expect(edit.body).toMatchObject({ code: 'USER_ROLES_INCOMPATIBLE', rule });
    const after = (await ctx.http().get(`/api/v1/admin/users/${created.id}`).set(admin).expect(200)).body;
    expect(after).toMatchObject({ roles: [roles[0]], version: created.version });
  });

  it('lists accounts filtered by role', async () => {
    const res = await ctx.http().get('/api/v1/admin/users').query({ role: 'ADMIN' }).set(admin).expect(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((u: { roles: string[] }) => u.roles.includes('ADMIN'))).toBe(true);
    await ctx.http().get('/api/v1/admin/users').query({ role: 'KING' }).set(admin).expect(400);
  });
});

describe('territory reference data', () => {
  it('ships the 8 ATS and every Lombardy municipality with its ATS', async () => {
    const ats = (await ctx.http().get('/api/v1/territory/ats').expect(200)).body;
    expect(ats.map((a: { code: string }) => a.code)).toEqual(['321', '322', '323', '324', '325', '326', '327', '328']);
    const all = (await ctx.http().get('/api/v1/territory/municipalities').query({ limit: 1 }).expect(200)).body;
    expect(all.total).toBe(1502);
    const lodi = (await ctx.http().get('/api/v1/territory/municipalities').query({ q: 'lodi' }).expect(200)).body;
    expect(lodi.items.find((m: { name: string }) => m.name === 'Lodi').atsCode).toBe('321');
    const breno = (await ctx.http().get('/api/v1/territory/municipalities').query({ q: 'breno' }).expect(200)).body;
    expect(breno.items.find((m: { name: string }) => m.name === 'Breno').atsCode).toBe('323');
  });

  it('ADMIN creates an Ambito and assigns municipalities of its ATS', async () => {
    await ctx
      .http()
      .post('/api/v1/territory/ambiti')
      .set(admin)
      .send({ code: 'amb-325-bergamo', name: 'Ambito di Bergamo', atsCode: '325' })
      .expect(201);
    const res = await ctx
      .http()
      .put('/api/v1/territory/municipalities/016024/ambito')
      .set(admin)
      .send({ ambitoCode: 'AMB-325-BERGAMO' })
      .expect(200);
    expect(res.body).toMatchObject({ name: 'Bergamo', ambitoCode: 'AMB-325-BERGAMO' });
    const dup = await ctx
      .http()
      .post('/api/v1/territory/ambiti')
      .set(admin)
      .send({ code: 'AMB-325-BERGAMO', name: 'Duplicato', atsCode: '325' })
      .expect(409);
    expect(dup.body.errors[0].field).toBe('code');
  });

  it('loads the Ambito map all-or-nothing, refusing an Ambito of another ATS', async () => {
    const res = await ctx
      .http()
      .put('/api/v1/territory/ambito-map')
      .set(admin)
      .send({
        entries: [
          { istatCode: '016025', ambitoCode: 'AMB-325-SERIATE' },
          { istatCode: '017029', ambitoCode: 'AMB-325-SERIATE' },
        ],
      })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'TERRITORY_AMBITO_OTHER_ATS', errors: [{ field: 'entries.1.ambitoCode' }] });
    const [row] = await ctx.db.query(`SELECT ambito_code FROM municipalities WHERE istat_code = '016025'`);
    expect(row.ambito_code).toBeNull();
    const ok = await ctx
      .http()
      .put('/api/v1/territory/ambito-map')
      .set(admin)
      .send({ entries: [{ istatCode: '016025', ambitoCode: 'AMB-325-SERIATE' }] })
      .expect(200);
    expect(ok.body).toEqual({ updated: 1 });
  });

  it('only ADMIN edits territory', async () => {
    const op = await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['325'] });
    await ctx
      .http()
      .put('/api/v1/territory/ambito-map')
      .set('authorization', `Bearer ${await tokenFor(ctx, op)}`)
      .send({ entries: [{ istatCode: '016025', ambitoCode: null }] })
      .expect(403);
  });
});
