import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/access/role.js';
import { caseVersion, draftAndSubmit, toProposed } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { i18n, rankedGrant } from './support/measure-fixtures.js';
import { BERGAMO, MILANO } from './support/places.js';
import { actorOf, type Actor } from './support/actors.js';
import { createTestApp, seedAccount, type Account, type TestContext } from './support/test-app.js';
import { describeAuditTrail } from './support/audit-invariant.js';

const CODE = 'GRADUATORIA-TEST-2026';
/** A one-off 300 EUR grant ranked by ISEE ascending; 900 EUR budget, 300 EUR reserved to ATS Bergamo. */
const definition = rankedGrant(CODE, {
  budget: { kind: 'money', totalCents: 90_000, figure: 'demo', note: i18n('Dotazione di prova.', 'Test budget.') },
});

let ctx: TestContext;
const accounts: Record<string, Account> = {};
const tokens: Record<string, string> = {};
const as: Record<string, Actor> = {};
const cases: Record<string, string> = {};

async function relogin() {
  for (const [name, account] of Object.entries(accounts)) tokens[name] = (as[name] = await actorOf(ctx, account)).token;
}

const apply = (iseeEuro: number, residence = MILANO) =>
  draftAndSubmit(ctx, tokens.citizen, CODE, {
    beneficiaryFiscalCode: uniqueFiscalCode(),
    residenceIstatCode: residence,
    iseeType: 'ordinario',
    iseeValue: String(iseeEuro),
  });

beforeAll(async () => {
  ctx = await createTestApp();
  Object.assign(accounts, {
    admin: await seedAccount(ctx.db, [Role.ADMIN]),
    auditor: await seedAccount(ctx.db, [Role.AUDITOR]),
    citizen: await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO }),
    other: await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO }),
    op: await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['321'] }),
    mgr: await seedAccount(ctx.db, [Role.MANAGER], { atsCodes: ['321'] }),
    mgrBrescia: await seedAccount(ctx.db, [Role.MANAGER], { atsCodes: ['326'] }),
  });
  await relogin();
  await as.admin
    .post('/admin/measures', {
      definition,
      window: { opensAt: '2026-02-01T09:00:00+01:00', closesAt: '2026-03-10T12:00:00+01:00' },
      managingBody: { kind: 'ATS', code: '321' },
      territorialScope: { atsCodes: [], ambitoCodes: [] },
      quotas: [{ kind: 'ATS', code: '325', amount: 30_000 }],
    })
    .expect(201);
  await as.admin.post(`/admin/measures/${CODE}/versions/1/publish`, {}).expect(200);
});
afterAll(() => ctx.close());

describe('a graduatoria: ISEE ascending then protocol, budget and quotas, frozen, scorrimento in ranking order', () => {
  it('submissions are examined; approval is decided by the ranking, not case by case', async () => {
    // Protocol order differs from ranking order on purpose.
    for (const [name, isee, residence] of [
      ['m3', 9000, MILANO],
      ['b2', 14000, BERGAMO],
      ['m4', 7000, MILANO],
      ['b1', 12000, BERGAMO],
      ['m2', 8000, MILANO],
      ['m5', 8000, MILANO],
      ['m1', 5000, MILANO],
    ] as const) {
      cases[name] = (await apply(isee, residence)).id;
    }
    for (const name of Object.keys(cases)) {
      await toProposed(ctx, tokens.op, cases[name], name === 'm4' ? 'reject' : 'approve');
    }
    const v = await caseVersion(ctx, tokens.mgr, cases.m1);
    const res = await as.mgr
      .post(`/cases/${cases.m1}/decision`, { version: v, outcome: 'approve', reasons: 'Accolta' })
      .expect(409);
    expect(res.body.code).toBe('APPLICATION_RANKING_REQUIRED');
  });

  it('is computed only after the window closes, by a MANAGER of the managing body, with every case examined', async () => {
    const open = await as.mgr.post(`/measures/${CODE}/rankings`).expect(409);
    expect(open.body.code).toBe('RANKING_WINDOW_OPEN');
    const late = await apply(6000);
    ctx.clock.set(new Date('2026-03-11T09:00:00Z'));
    await relogin();
    await as.op.post(`/measures/${CODE}/rankings`).expect(403);
    await as.mgrBrescia.post(`/measures/${CODE}/rankings`).expect(403);
    const pending = await as.mgr.post(`/measures/${CODE}/rankings`).expect(409);
    expect(pending.body).toMatchObject({
      code: 'RANKING_CASES_PENDING',
      pendingApplications: [late.receipt.protocolNumber],
    });
    const lv = await caseVersion(ctx, tokens.citizen, late.id);
    await as.citizen.post(`/applications/${late.id}/withdraw`, { version: lv, reason: 'Rinuncio' }).expect(200);
  });

  let rankingId: string;
  it('publishes the list: positions, funded from the common pool or the quota, waitlisted, not admitted', async () => {
    const res = await as.mgr.post(`/measures/${CODE}/rankings`).expect(201);
    rankingId = res.body.id;
    const byCase = Object.fromEntries(Object.entries(cases).map(([name, id]) => [id, name]));
    const list = res.body.entries.map(
      (e: { applicationId: string; position: number | null; status: string; quota: string | null }) => [
        byCase[e.applicationId],
        e.position,
        e.status,
        e.quota,
      ],
    );
    expect(list).toEqual([
      ['m1', 1, 'funded', null],
      ['m2', 2, 'funded', null],
      ['m5', 3, 'waitlisted', null], // same ISEE as m2, later protocol
      ['m3', 4, 'waitlisted', null],
      ['b1', 5, 'funded', 'ATS:325'], // the Bergamo quota is kept for Bergamo
      ['b2', 6, 'waitlisted', null],
      ['m4', null, 'not_admitted', null],
    ]);
    expect(res.body).toMatchObject({
      population: 7,
      funded: 3,
      waitlisted: 3,
      notAdmitted: 1,
      available: 90_000,
      quotas: [{ kind: 'ATS', code: '325', amount: 30_000 }],
    });
    expect(res.body.entries[0].sortKeys).toEqual({ iseeValueCents: 500_000 });
    const again = await as.mgr.post(`/measures/${CODE}/rankings`).expect(409);
    expect(again.body.code).toBe('RANKING_EXISTS');
  });

  it('is applied to the cases, each step a transition; funds reserved for the funded', async () => {
    const status = async (name: string) => (await as.mgr.get(`/applications/${cases[name]}`).expect(200)).body;
    expect(await status('m1')).toMatchObject({ status: 'APPROVED', funding: 'reserved' });
    expect(await status('b1')).toMatchObject({ status: 'APPROVED', funding: 'reserved' });
    expect(await status('m5')).toMatchObject({ status: 'WAITLISTED', funding: 'queued' });
    const rejected = await status('m4');
    expect(rejected.status).toBe('REJECTED');
    const budget = await as.mgr.get(`/measures/${CODE}/budget`).expect(200);
    expect(budget.body).toMatchObject({ total: 90_000, reserved: 90_000, queued: 3 });
    const transitions = await ctx.db.query(
      `SELECT application_id, from_status, to_status, event FROM application_transitions WHERE application_id = ANY($1) AND event LIKE 'decide_%'`,
      [Object.values(cases)],
    );
    expect(transitions).toHaveLength(7);
    expect(transitions.find((t: { application_id: string }) => t.application_id === cases.m4)).toMatchObject({
      from_status: 'PROPOSED',
      to_status: 'REJECTED',
      event: 'decide_reject',
    });
  });

  it('staff of the territory and auditors read it; applicants see only their own position', async () => {
    await as.op.get(`/measures/${CODE}/rankings/${rankingId}`).expect(200);
    await as.auditor.get(`/measures/${CODE}/rankings/${rankingId}`).expect(200);
    await as.mgrBrescia.get(`/measures/${CODE}/rankings/${rankingId}`).expect(404);
    await as.citizen.get(`/measures/${CODE}/rankings/${rankingId}`).expect(403);
    const mine = await as.citizen.get(`/applications/${cases.m3}/ranking`).expect(200);
    expect(mine.body).toMatchObject({ rankingId, position: 4, status: 'waitlisted', caseStatus: 'WAITLISTED' });
    await as.other.get(`/applications/${cases.m3}/ranking`).expect(404);
  });

  it('is frozen: PostgreSQL refuses any change of the published list', async () => {
    await expect(
      ctx.db.query(`UPDATE ranking_entries SET status = 'funded' WHERE application_id = $1`, [cases.m3]),
    ).rejects.toThrow(/immutable/);
    await expect(ctx.db.query(`UPDATE rankings SET funded = 99 WHERE id = $1`, [rankingId])).rejects.toThrow(
      /immutable/,
    );
    await expect(ctx.db.query(`DELETE FROM ranking_entries WHERE ranking_id = $1`, [rankingId])).rejects.toThrow(
      /immutable/,
    );
  });

  it('a budget increase funds the next in ranking order, not in protocol order', async () => {
    const res = await as.admin
      .post(`/admin/measures/${CODE}/budget/increase`, { amount: 30_000, reason: 'Nuove risorse' })
      .expect(200);
    expect(res.body.fundedApplications).toEqual([cases.m5]); // m3 was received earlier but ranks after m5
    const m5 = (await as.mgr.get(`/applications/${cases.m5}`).expect(200)).body;
    expect(m5).toMatchObject({ status: 'APPROVED', funding: 'reserved' });
    const m3 = (await as.mgr.get(`/applications/${cases.m3}`).expect(200)).body;
    expect(m3.status).toBe('WAITLISTED');
    const [step] = await ctx.db.query(
      `SELECT event, from_status, to_status FROM application_transitions WHERE application_id = $1 ORDER BY id DESC LIMIT 1`,
      [cases.m5],
    );
    expect(step).toEqual({ event: 'fund_from_waitlist', from_status: 'WAITLISTED', to_status: 'APPROVED' });
  });
});

describeAuditTrail(
  () => ctx.db,
  [
    'decide_approve',
    'decide_reject',
    'decide_waitlist',
    'fund_from_waitlist',
    'propose',
    'submit',
    'take_in_charge',
    'withdraw',
  ],
);
