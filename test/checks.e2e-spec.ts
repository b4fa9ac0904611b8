import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/access/role.js';
import { bearer, caseVersion } from './support/cases.js';
import { createTestApp, seedAccount, tokenFor, type TestContext } from './support/test-app.js';
import { actorOf } from './support/actors.js';
import { givenCase, MILANO } from './support/case-fixtures.js';
import { describeAuditTrail } from './support/audit-invariant.js';

const CODE = 'ORFANI-FEMMINICIDIO';
let ctx: TestContext;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const approved: string[] = [];

const draw = (body: Record<string, unknown>, token = tokens.mgr) =>
  ctx.http().post(`/api/v1/measures/${CODE}/checks/samples`).set(bearer(token)).send(body);

beforeAll(async () => {
  ctx = await createTestApp();
  const accounts = {
    guardian: await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO }),
    op: await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['326'] }),
    mgr: await seedAccount(ctx.db, [Role.MANAGER], { atsCodes: ['326'] }),
    mgrMilano: await seedAccount(ctx.db, [Role.MANAGER], { atsCodes: ['321'] }),
    auditor: await seedAccount(ctx.db, [Role.AUDITOR]),
  };
  for (const [name, account] of Object.entries(accounts)) {
    tokens[name] = await tokenFor(ctx, account);
    ids[name] = account.id;
  }
  const crew = {
    applicant: await actorOf(ctx, accounts.guardian),
    manager: await actorOf(ctx, accounts.mgr),
    operator: await actorOf(ctx, accounts.op),
  };
  for (let i = 0; i < 12; i++) approved.push((await givenCase(ctx, 'APPROVED', crew)).id);
});
afterAll(() => ctx.close());

describe('art. 71 DPR 445/2000 checks on a reproducible sample', () => {
  let sampleA: { applicationIds: string[]; id: string };
  it('the same seed over the same population draws the same sample; another seed another one', async () => {
    sampleA = (await draw({ seed: 'DD-2026-001', size: 4 }).expect(201)).body;
    expect(sampleA).toMatchObject({
      seed: 'DD-2026-001',
      size: 4,
      population: 12,
      requested: { size: 4 },
      populationHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(new Set(sampleA.applicationIds).size).toBe(4);
    sampleA.applicationIds.forEach((id) => expect(approved).toContain(id));
    const again = (await draw({ seed: 'DD-2026-001', size: 4 }).expect(201)).body;
    expect(again.applicationIds).toEqual(sampleA.applicationIds);
    expect(again.id).not.toBe(sampleA.id);
    const other = (await draw({ seed: 'DD-2026-002', size: 4 }).expect(201)).body;
    expect(other.applicationIds).not.toEqual(sampleA.applicationIds);
    const pct = (await draw({ seed: 'DD-2026-001', percentage: 20 }).expect(201)).body;
    expect(pct).toMatchObject({ size: 3, requested: { percentage: 20 } }); // 20 % of 12, rounded up
    expect(pct.applicationIds).toEqual(sampleA.applicationIds.slice(0, 3));
  });

  it('size or percentage, by a MANAGER of the managing body; samples are stored and immutable', async () => {
    await draw({ seed: 'x', size: 2, percentage: 10 }).expect(400);
    await draw({ seed: 'x' }).expect(400);
    await draw({ seed: 'x', size: 2 }, tokens.mgrMilano).expect(403);
    await draw({ seed: 'x', size: 2 }, tokens.op).expect(403);
    const listed = await ctx
      .http()
      .get(`/api/v1/measures/${CODE}/checks/samples`)
      .set(bearer(tokens.auditor))
      .expect(200);
    expect(listed.body).toHaveLength(4);
    await expect(ctx.db.query(`UPDATE check_samples SET seed = 'other'`)).rejects.toThrow(/immutable/);
  });

  it('a passed check is recorded; a case not sampled has no check to record', async () => {
    const [first] = sampleA.applicationIds;
    const v = await caseVersion(ctx, tokens.mgr, first);
    const passed = await ctx
      .http()
      .post(`/api/v1/cases/${first}/check-outcome`)
      .set(bearer(tokens.mgr))
      .send({ version: v, outcome: 'passed', notes: 'ISEE e atto giudiziario verificati' })
      .expect(200);
    expect(passed.body.status).toBe('APPROVED');
    const sampled = (
      (await ctx.db.query(`SELECT DISTINCT unnest(application_ids)::text AS id FROM check_samples`)) as { id: string }[]
    ).map((r) => r.id);
    const notSampled = approved.find((id) => !sampled.includes(id));
    expect(notSampled).toBeDefined();
    {
      const nv = await caseVersion(ctx, tokens.mgr, notSampled!);
      const res = await ctx
        .http()
        .post(`/api/v1/cases/${notSampled!}/check-outcome`)
        .set(bearer(tokens.mgr))
        .send({ version: nv, outcome: 'passed', notes: 'Nessun campione' })
        .expect(409);
      expect(res.body.code).toBe('CHECK_NOT_SAMPLED');
    }
  });

  it('a failed check revokes the benefit, releases the funds and records the amount to recover', async () => {
    const target = sampleA.applicationIds[1];
    const before = (await ctx.http().get(`/api/v1/measures/${CODE}/budget`).set(bearer(tokens.mgr)).expect(200)).body
      .reserved;
    const v = await caseVersion(ctx, tokens.mgr, target);
    await ctx
      .http()
      .post(`/api/v1/cases/${target}/check-outcome`)
      .set(bearer(tokens.mgrMilano))
      .send({ version: v, outcome: 'failed', notes: 'Non competente' })
      .expect(404);
    const res = await ctx
      .http()
      .post(`/api/v1/cases/${target}/check-outcome`)
      .set(bearer(tokens.mgr))
      .send({ version: v, outcome: 'failed', notes: 'Dichiarazione di residenza non veritiera' })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'REVOKED', funding: 'none' });
    const after = (await ctx.http().get(`/api/v1/measures/${CODE}/budget`).set(bearer(tokens.mgr)).expect(200)).body
      .reserved;
    expect(before - after).toBe(500_000);
    const [row] = await ctx.db.query(`SELECT recovery_amount_cents FROM applications WHERE id = $1`, [target]);
    expect(Number(row.recovery_amount_cents)).toBe(500_000);
    const [outcome] = await ctx.db.query(
      `SELECT outcome, recovery_amount_cents, sample_id FROM check_outcomes WHERE application_id = $1`,
      [target],
    );
    expect(outcome).toMatchObject({ outcome: 'failed', sample_id: expect.any(String) });
    expect(Number(outcome.recovery_amount_cents)).toBe(500_000);
    const [t] = await ctx.db.query(
      `SELECT event, reason FROM application_transitions WHERE application_id = $1 ORDER BY id DESC LIMIT 1`,
      [target],
    );
    expect(t.event).toBe('revoke');
    expect(t.reason).toMatch(/art\. 71/);
  });
});

describeAuditTrail(() => ctx.db, ['check_passed', 'decide_approve', 'propose', 'revoke', 'submit', 'take_in_charge']);
