import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/access/role.js';
import { bearer, draftAndSubmit } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { createTestApp, seedAccount, tokenFor, type TestContext } from './support/test-app.js';
import { describeAuditTrail } from './support/audit-invariant.js';
import { actorOf } from './support/actors.js';
import { givenCase, type CaseCrew } from './support/case-fixtures.js';

let ctx: TestContext;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
let crew: CaseCrew;

const aler = (province = 'MI') => ({
  submitterRole: 'cav_operator',
  cavCode: 'CAV-MI-07',
  womanFiscalCode: uniqueFiscalCode(),
  cavStatus: 'current',
  finalPhaseOfLeavingViolence: true,
  province,
  childrenCount: 1,
});

/** An ALER case from the CAV, assigned, proposed and approved by the ATS Milano staff. */
async function approvedCase(): Promise<string> {
  const { id } = await givenCase(ctx, 'APPROVED', crew, { measureCode: 'ALER-VIOLENZA', data: aler() });
  return id;
}

const addFlat = (alerReference: string, province = 'MI', token = tokens.admin) =>
  ctx
    .http()
    .post('/api/v1/admin/measures/ALER-VIOLENZA/flats')
    .set(bearer(token))
    .send({ province, alerReference, address: `Via Riservata ${alerReference}, 20100` });

beforeAll(async () => {
  ctx = await createTestApp();
  const accounts = {
    admin: await seedAccount(ctx.db, [Role.ADMIN]),
    cav: await seedAccount(ctx.db, [Role.CAV_OPERATOR]),
    op: await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['321'] }),
    mgr: await seedAccount(ctx.db, [Role.MANAGER], { atsCodes: ['321'] }),
    mgrBrescia: await seedAccount(ctx.db, [Role.MANAGER], { atsCodes: ['326'] }),
  };
  for (const [name, account] of Object.entries(accounts)) {
    tokens[name] = await tokenFor(ctx, account);
    ids[name] = account.id;
  }
  crew = {
    applicant: await actorOf(ctx, accounts.cav),
    manager: await actorOf(ctx, accounts.mgr),
    operator: await actorOf(ctx, accounts.op),
  };
});
afterAll(() => ctx.close());

describe('ALER flats: inventory per province, one flat per approved case, never twice', () => {
  it('ADMIN adds flats to an in-kind measure only; lists mask the address', async () => {
    for (const ref of ['ALER-MI-001', 'ALER-MI-002', 'ALER-MI-003']) await addFlat(ref).expect(201);
    await addFlat('ALER-BG-001', 'BG').expect(201);
    expect((await addFlat('ALER-MI-001').expect(409)).body.code).toBe('FLAT_EXISTS');
    await addFlat('ALER-MI-009', 'MI', tokens.mgr).expect(403);
    const other = await ctx
      .http()
      .post('/api/v1/admin/measures/ORFANI-FEMMINICIDIO/flats')
      .set(bearer(tokens.admin))
      .send({ province: 'MI', alerReference: 'X-1', address: 'Via Roma 1' })
      .expect(409);
    expect(other.body.code).toBe('FLAT_NOT_IN_KIND');
    const list = await ctx.http().get('/api/v1/measures/ALER-VIOLENZA/flats').set(bearer(tokens.mgr)).expect(200);
    expect(list.body).toHaveLength(4);
    for (const flat of list.body) {
      expect(flat.address).toMatch(/^.{5}\*\*\*$/);
      expect(flat.status).toBe('available');
    }
  });

  let approved: string[];
  it('20 parallel allocations for 20 approved cases take the 3 Milano flats exactly once', async () => {
    approved = [];
    for (let i = 0; i < 20; i++) approved.push(await approvedCase());
    const results = await Promise.all(
      approved.map((id) => ctx.http().post(`/api/v1/cases/${id}/flat-allocation`).set(bearer(tokens.mgr)).send({})),
    );
    const ok = results.filter((r) => r.status === 201);
    expect(ok).toHaveLength(3);
    expect(new Set(ok.map((r) => r.body.flat.id)).size).toBe(3);
    for (const r of ok) {
      expect(r.body.flat).toMatchObject({
        province: 'MI',
        status: 'allocated',
        address: expect.stringMatching(/^Via Riservata ALER-MI-00\d, 20100$/),
      });
    }
    for (const r of results.filter((x) => x.status !== 201)) expect(r.body.code).toBe('FLAT_NOT_AVAILABLE');
    const [{ n }] = await ctx.db.query(`SELECT count(*)::int AS n FROM flat_allocations`);
    expect(n).toBe(3);
    const placed = results.findIndex((r) => r.status === 201);
    const again = await ctx
      .http()
      .post(`/api/v1/cases/${approved[placed]}/flat-allocation`)
      .set(bearer(tokens.mgr))
      .send({});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('FLAT_ALREADY_PLACED');
    approved = approved.filter((_, i) => results[i].status !== 201);
  });

  it('the same flat requested by 17 cases in parallel goes to exactly one', async () => {
    const flat = (await addFlat('ALER-MI-004').expect(201)).body;
    const results = await Promise.all(
      approved.map((id) =>
        ctx.http().post(`/api/v1/cases/${id}/flat-allocation`).set(bearer(tokens.mgr)).send({ flatId: flat.id }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'FLAT_NOT_AVAILABLE')).toHaveLength(
      approved.length - 1,
    );
    const [{ n }] = await ctx.db.query(`SELECT count(*)::int AS n FROM flat_allocations WHERE flat_id = $1`, [flat.id]);
    expect(n).toBe(1);
  });

  it('only APPROVED cases of the territory, by a MANAGER; a flat of another province is never given; allocations are immutable', async () => {
    const { id } = await draftAndSubmit(ctx, tokens.cav, 'ALER-VIOLENZA', aler());
    expect(
      (await ctx.http().post(`/api/v1/cases/${id}/flat-allocation`).set(bearer(tokens.mgr)).send({}).expect(409)).body
        .code,
    ).toBe('APPLICATION_ILLEGAL_TRANSITION');
    await ctx
      .http()
      .post(`/api/v1/cases/${approved[0]}/flat-allocation`)
      .set(bearer(tokens.mgrBrescia))
      .send({})
      .expect(404);
    await ctx.http().post(`/api/v1/cases/${approved[0]}/flat-allocation`).set(bearer(tokens.op)).send({}).expect(403);
    const [bg] = await ctx.db.query(`SELECT id FROM flats WHERE province = 'BG'`);
    const placed = (
      (await ctx.db.query(`SELECT application_id FROM flat_allocations`)) as { application_id: string }[]
    ).map((r) => r.application_id);
    const unplaced = approved.find((id) => !placed.includes(id))!;
    expect(
      (
        await ctx
          .http()
          .post(`/api/v1/cases/${unplaced}/flat-allocation`)
          .set(bearer(tokens.mgr))
          .send({ flatId: bg.id })
          .expect(409)
      ).body.code,
    ).toBe('FLAT_NOT_AVAILABLE');
    await expect(ctx.db.query(`UPDATE flat_allocations SET allocated_at = now()`)).rejects.toThrow(/immutable/);
    const [t] = await ctx.db.query(
      `SELECT count(*)::int AS n FROM application_transitions WHERE event = 'allocate_flat'`,
    );
    expect(t.n).toBe(4);
  });
});

describeAuditTrail(() => ctx.db, ['allocate_flat', 'decide_approve', 'propose', 'submit', 'take_in_charge']);
