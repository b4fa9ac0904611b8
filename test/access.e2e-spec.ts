import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/access/role.js';
import { createTestApp, seedAccount, tokenFor, type Account, type TestContext } from './support/test-app.js';

const BRESCIA = '017029';
const BERGAMO = '016024';
const SERIATE = '016198'; // Ambito di Seriate, ATS Bergamo

let ctx: TestContext;
let a: Account;
let b: Account;
let bergamoResident: Account;
let seriateResident: Account;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  ctx = await createTestApp();
  a = await seedAccount(ctx.db, [Role.APPLICANT], { residence: BRESCIA });
  b = await seedAccount(ctx.db, [Role.APPLICANT], { residence: BRESCIA });
  bergamoResident = await seedAccount(ctx.db, [Role.APPLICANT], { residence: BERGAMO });
  seriateResident = await seedAccount(ctx.db, [Role.APPLICANT], { residence: SERIATE });
});
afterAll(() => ctx.close());

describe('applicants see only themselves', () => {
  it('A reads A, and gets 404 for B', async () => {
    const token = await tokenFor(ctx, a);
    await ctx.http().get(`/api/v1/applicants/${a.id}`).set(bearer(token)).expect(200);
    const other = await ctx.http().get(`/api/v1/applicants/${b.id}`).set(bearer(token)).expect(404);
    expect(other.body.code).toBe('NOT_FOUND');
  });

  it('A cannot search applicants, manage accounts or edit territory', async () => {
    const token = await tokenFor(ctx, a);
    await ctx.http().get('/api/v1/applicants').set(bearer(token)).expect(403);
    await ctx.http().get('/api/v1/admin/users').set(bearer(token)).expect(403);
    await ctx.http().post(`/api/v1/admin/users/${b.id}/disable`).set(bearer(token)).expect(403);
    await ctx
      .http()
      .put(`/api/v1/territory/municipalities/${BRESCIA}/ambito`)
      .set(bearer(token))
      .send({ ambitoCode: null })
      .expect(403);
  });

  it('A changing their profile leaves B untouched', async () => {
    const token = await tokenFor(ctx, a);
    await ctx
      .http()
      .patch('/api/v1/me')
      .set(bearer(token))
      .send({ lastName: 'Nuovo', residenceMunicipalityCode: BERGAMO })
      .expect(200);
    const [row] = await ctx.db.query(`SELECT last_name, residence_municipality_code FROM users WHERE id = $1`, [b.id]);
    expect(row).toEqual({ last_name: 'User', residence_municipality_code: BRESCIA });
    await ctx.http().patch('/api/v1/me').set(bearer(token)).send({ residenceMunicipalityCode: BRESCIA }).expect(200);
  });

  it('an applicant cannot smuggle another id into their profile update', async () => {
    const token = await tokenFor(ctx, a);
    const res = await ctx.http().patch('/api/v1/me').set(bearer(token)).send({ id: b.id, lastName: 'X' }).expect(400);
    expect(res.body.errors[0].field).toBe('id');
  });
});

describe('officers see only their territory', () => {
  it('an OPERATOR of ATS Brescia reads a Brescia resident but not a Bergamo resident', async () => {
    const op = await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['326'] });
    const token = await tokenFor(ctx, op);
    const ok = await ctx.http().get(`/api/v1/applicants/${a.id}`).set(bearer(token)).expect(200);
    expect(ok.body.residence.atsCode).toBe('326');
    await ctx.http().get(`/api/v1/applicants/${bergamoResident.id}`).set(bearer(token)).expect(404);
  });

  it("an officer's search never returns residents of another territory", async () => {
    const op = await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['326'] });
    const token = await tokenFor(ctx, op);
    const mine = await ctx
      .http()
      .get('/api/v1/applicants')
      .query({ fiscalCode: a.fiscalCode })
      .set(bearer(token))
      .expect(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    const theirs = await ctx
      .http()
      .get('/api/v1/applicants')
      .query({ fiscalCode: bergamoResident.fiscalCode })
      .set(bearer(token))
      .expect(200);
    expect(theirs.body).toEqual({ items: [], total: 0 });
    const all = await ctx.http().get('/api/v1/applicants').query({ limit: 200 }).set(bearer(token)).expect(200);
    expect(all.body.items.every((i: { residence: { atsCode: string } }) => i.residence.atsCode === '326')).toBe(true);
  });

  it('an Ambito-scoped MANAGER sees residents of that Ambito only', async () => {
    const manager = await seedAccount(ctx.db, [Role.MANAGER], { ambitoCodes: ['AMB-325-SERIATE'] });
    const token = await tokenFor(ctx, manager);
    await ctx.http().get(`/api/v1/applicants/${seriateResident.id}`).set(bearer(token)).expect(200);
    await ctx.http().get(`/api/v1/applicants/${bergamoResident.id}`).set(bearer(token)).expect(404);
  });

  it('ADMIN, AUDITOR and CAV_OPERATOR cannot read applicants’ personal data', async () => {
    for (const role of [Role.ADMIN, Role.AUDITOR, Role.CAV_OPERATOR]) {
      const token = await tokenFor(ctx, await seedAccount(ctx.db, [role]));
      await ctx.http().get(`/api/v1/applicants/${a.id}`).set(bearer(token)).expect(403);
    }
  });

  it('a malformed id is a 400 naming the parameter, not a database error', async () => {
    const op = await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['326'] });
    const res = await ctx
      .http()
      .get('/api/v1/applicants/not-a-uuid')
      .set(bearer(await tokenFor(ctx, op)))
      .expect(400);
    expect(res.body.errors[0].field).toBe('id');
  });
});
