import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/modules/users/role.js';
import { bearer, caseVersion, draftAndSubmit, toProposed } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { createTestApp, seedAccount, tokenFor, type Account, type TestContext } from './support/test-app.js';
import { expectEveryTransitionAudited } from './support/audit-invariant.js';

const CODE = 'GRADUATORIA-TEST-2026';
const MILANO = '015146';
const BERGAMO = '016024';
const i18n = (it: string, en: string) => ({ it, en });

/** A one-off 300 EUR grant ranked by ISEE ascending; 900 EUR budget, 300 EUR reserved to ATS Bergamo. */
const definition = {
  formatVersion: 1,
  code: CODE,
  title: i18n('Contributo in graduatoria di prova', 'Ranked test grant'),
  description: i18n('Contributo una tantum di 300 euro, graduatoria per ISEE crescente.', 'One-off 300 EUR grant, ranked by ascending ISEE.'),
  legalBasis: [{ citation: 'DGR XII/9998/2026', title: i18n('Atto di prova', 'Test act') }],
  managingBody: i18n('ATS della Città Metropolitana di Milano', 'ATS Milan'),
  procedure: { type: 'graduatoria', deadlineDays: 30 },
  budget: { kind: 'money', totalCents: 90_000, figure: 'demo', note: i18n('Dotazione di prova.', 'Test budget.') },
  eligibility: [
    { id: 'resident-in-lombardy', kind: 'requirement', text: i18n('Residente in Lombardia.', 'Lives in Lombardy.'), expression: { '==': [{ var: 'residentInLombardy' }, true] } },
    { id: 'isee-threshold', kind: 'requirement', text: i18n('ISEE fino a 15.000 euro.', 'ISEE up to 15,000 EUR.'), expression: { '<=': [{ var: 'iseeValueCents' }, 1_500_000] } },
  ],
  benefit: { type: 'one_off', amount: { op: 'constant', cents: 30_000, label: i18n('importo fisso', 'fixed amount') } },
  ranking: { keys: [{ fact: 'iseeValueCents', direction: 'asc', label: i18n('ISEE crescente', 'ISEE, lowest first') }], tieBreaker: 'protocol_order' },
  incompatibilities: [],
  requiredDocuments: [],
  formSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: ['beneficiaryFiscalCode', 'residenceIstatCode', 'iseeType', 'iseeValue'],
    properties: {
      beneficiaryFiscalCode: { type: 'string', pattern: '^[A-Z0-9]{16}$' },
      residenceIstatCode: { type: 'string', pattern: '^[0-9]{6}$' },
      iseeType: { type: 'string', enum: ['ordinario'] },
      iseeValue: { type: 'string', maxLength: 20 },
    },
  },
  beneficiaryFiscalCodeField: 'beneficiaryFiscalCode',
  sealed: false,
  sources: [{ title: 'Atto di prova', url: 'https://www.regione.lombardia.it/' }],
};

let ctx: TestContext;
const accounts: Record<string, Account> = {};
const tokens: Record<string, string> = {};
const cases: Record<string, string> = {};

async function relogin() {
  for (const [name, account] of Object.entries(accounts)) tokens[name] = await tokenFor(ctx, account);
}

const apply = (iseeEuro: number, residence = MILANO) =>
  draftAndSubmit(ctx, tokens.citizen, CODE, { beneficiaryFiscalCode: uniqueFiscalCode(), residenceIstatCode: residence, iseeType: 'ordinario', iseeValue: String(iseeEuro) });

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
  await ctx.http().post('/api/v1/admin/measures').set(bearer(tokens.admin)).send({
    definition,
    window: { opensAt: '2026-02-01T09:00:00+01:00', closesAt: '2026-03-10T12:00:00+01:00' },
    managingBody: { kind: 'ATS', code: '321' },
    territorialScope: { atsCodes: [], ambitoCodes: [] },
    quotas: [{ kind: 'ATS', code: '325', amount: 30_000 }],
  }).expect(201);
  await ctx.http().post(`/api/v1/admin/measures/${CODE}/versions/1/publish`).set(bearer(tokens.admin)).send({}).expect(200);
});
afterAll(() => ctx.close());

describe('a graduatoria: ISEE ascending then protocol, budget and quotas, frozen, scorrimento in ranking order', () => {
  it('submissions are examined; approval is decided by the ranking, not case by case', async () => {
    // Protocol order differs from ranking order on purpose.
    for (const [name, isee, residence] of [
      ['m3', 9000, MILANO], ['b2', 14000, BERGAMO], ['m4', 7000, MILANO], ['b1', 12000, BERGAMO], ['m2', 8000, MILANO], ['m5', 8000, MILANO], ['m1', 5000, MILANO],
    ] as const) {
      cases[name] = (await apply(isee, residence)).id;
    }
    for (const name of Object.keys(cases)) await toProposed(ctx, tokens.op, cases[name], name === 'm4' ? 'reject' : 'approve');
    const v = await caseVersion(ctx, tokens.mgr, cases.m1);
    const res = await ctx.http().post(`/api/v1/cases/${cases.m1}/decision`).set(bearer(tokens.mgr)).send({ version: v, outcome: 'approve', reasons: 'Accolta' }).expect(409);
    expect(res.body.code).toBe('APPLICATION_RANKING_REQUIRED');
  });

  it('is computed only after the window closes, by a MANAGER of the managing body, with every case examined', async () => {
    const open = await ctx.http().post(`/api/v1/measures/${CODE}/rankings`).set(bearer(tokens.mgr)).expect(409);
    expect(open.body.code).toBe('RANKING_WINDOW_OPEN');
    const late = await apply(6000);
    ctx.clock.set(new Date('2026-03-11T09:00:00Z'));
    await relogin();
    await ctx.http().post(`/api/v1/measures/${CODE}/rankings`).set(bearer(tokens.op)).expect(403);
    await ctx.http().post(`/api/v1/measures/${CODE}/rankings`).set(bearer(tokens.mgrBrescia)).expect(403);
    const pending = await ctx.http().post(`/api/v1/measures/${CODE}/rankings`).set(bearer(tokens.mgr)).expect(409);
    expect(pending.body).toMatchObject({ code: 'RANKING_CASES_PENDING', pendingApplications: [late.receipt.protocolNumber] });
    const lv = await caseVersion(ctx, tokens.citizen, late.id);
    await ctx.http().post(`/api/v1/applications/${late.id}/withdraw`).set(bearer(tokens.citizen)).send({ version: lv, reason: 'Rinuncio' }).expect(200);
  });

  let rankingId: string;
  it('publishes the list: positions, funded from the common pool or the quota, waitlisted, not admitted', async () => {
    const res = await ctx.http().post(`/api/v1/measures/${CODE}/rankings`).set(bearer(tokens.mgr)).expect(201);
    rankingId = res.body.id;
    const byCase = Object.fromEntries(Object.entries(cases).map(([name, id]) => [id, name]));
    const list = res.body.entries.map((e: { applicationId: string; position: number | null; status: string; quota: string | null }) =>
      [byCase[e.applicationId], e.position, e.status, e.quota]);
    expect(list).toEqual([
      ['m1', 1, 'funded', null],
      ['m2', 2, 'funded', null],
      ['m5', 3, 'waitlisted', null], // same ISEE as m2, later protocol
      ['m3', 4, 'waitlisted', null],
      ['b1', 5, 'funded', 'ATS:325'], // the Bergamo quota is kept for Bergamo
      ['b2', 6, 'waitlisted', null],
      ['m4', null, 'not_admitted', null],
    ]);
    expect(res.body).toMatchObject({ population: 7, funded: 3, waitlisted: 3, notAdmitted: 1, available: 90_000, quotas: [{ kind: 'ATS', code: '325', amount: 30_000 }] });
    expect(res.body.entries[0].sortKeys).toEqual({ iseeValueCents: 500_000 });
    const again = await ctx.http().post(`/api/v1/measures/${CODE}/rankings`).set(bearer(tokens.mgr)).expect(409);
    expect(again.body.code).toBe('RANKING_EXISTS');
  });

  it('is applied to the cases, each step a transition; funds reserved for the funded', async () => {
    const status = async (name: string) => (await ctx.http().get(`/api/v1/applications/${cases[name]}`).set(bearer(tokens.mgr)).expect(200)).body;
    expect(await status('m1')).toMatchObject({ status: 'APPROVED', funding: 'reserved' });
    expect(await status('b1')).toMatchObject({ status: 'APPROVED', funding: 'reserved' });
    expect(await status('m5')).toMatchObject({ status: 'WAITLISTED', funding: 'queued' });
    const rejected = await status('m4');
    expect(rejected.status).toBe('REJECTED');
    const budget = await ctx.http().get(`/api/v1/measures/${CODE}/budget`).set(bearer(tokens.mgr)).expect(200);
    expect(budget.body).toMatchObject({ total: 90_000, reserved: 90_000, queued: 3 });
    const transitions = await ctx.db.query(`SELECT application_id, from_status, to_status, event FROM application_transitions WHERE application_id = ANY($1) AND event LIKE 'decide_%'`, [Object.values(cases)]);
    expect(transitions).toHaveLength(7);
    expect(transitions.find((t: { application_id: string }) => t.application_id === cases.m4)).toMatchObject({ from_status: 'PROPOSED', to_status: 'REJECTED', event: 'decide_reject' });
  });

  it('staff of the territory and auditors read it; applicants see only their own position', async () => {
    await ctx.http().get(`/api/v1/measures/${CODE}/rankings/${rankingId}`).set(bearer(tokens.op)).expect(200);
    await ctx.http().get(`/api/v1/measures/${CODE}/rankings/${rankingId}`).set(bearer(tokens.auditor)).expect(200);
    await ctx.http().get(`/api/v1/measures/${CODE}/rankings/${rankingId}`).set(bearer(tokens.mgrBrescia)).expect(404);
    await ctx.http().get(`/api/v1/measures/${CODE}/rankings/${rankingId}`).set(bearer(tokens.citizen)).expect(403);
    const mine = await ctx.http().get(`/api/v1/applications/${cases.m3}/ranking`).set(bearer(tokens.citizen)).expect(200);
    expect(mine.body).toMatchObject({ rankingId, position: 4, status: 'waitlisted', caseStatus: 'WAITLISTED' });
    await ctx.http().get(`/api/v1/applications/${cases.m3}/ranking`).set(bearer(tokens.other)).expect(404);
  });

  it('is frozen: PostgreSQL refuses any change of the published list', async () => {
    await expect(ctx.db.query(`UPDATE ranking_entries SET status = 'funded' WHERE application_id = $1`, [cases.m3])).rejects.toThrow(/immutable/);
    await expect(ctx.db.query(`UPDATE rankings SET funded = 99 WHERE id = $1`, [rankingId])).rejects.toThrow(/immutable/);
    await expect(ctx.db.query(`DELETE FROM ranking_entries WHERE ranking_id = $1`, [rankingId])).rejects.toThrow(/immutable/);
  });

  it('a budget increase funds the next in ranking order, not in protocol order', async () => {
    const res = await ctx.http().post(`/api/v1/admin/measures/${CODE}/budget/increase`).set(bearer(tokens.admin)).send({ amount: 30_000, reason: 'Nuove risorse' }).expect(200);
    expect(res.body.fundedApplications).toEqual([cases.m5]); // m3 was received earlier but ranks after m5
    const m5 = (await ctx.http().get(`/api/v1/applications/${cases.m5}`).set(bearer(tokens.mgr)).expect(200)).body;
    expect(m5).toMatchObject({ status: 'APPROVED', funding: 'reserved' });
    const m3 = (await ctx.http().get(`/api/v1/applications/${cases.m3}`).set(bearer(tokens.mgr)).expect(200)).body;
    expect(m3.status).toBe('WAITLISTED');
    const [step] = await ctx.db.query(`SELECT event, from_status, to_status FROM application_transitions WHERE application_id = $1 ORDER BY id DESC LIMIT 1`, [cases.m5]);
    expect(step).toEqual({ event: 'fund_from_waitlist', from_status: 'WAITLISTED', to_status: 'APPROVED' });
  });
});

describe('the audit trail', () => {
  it('every transition these flows wrote has its hash-chained audit entry', async () => {
    const events = await expectEveryTransitionAudited(ctx.db);
    expect(events).toEqual(expect.arrayContaining(['decide_approve', 'decide_reject', 'decide_waitlist', 'fund_from_waitlist', 'propose', 'submit', 'take_in_charge', 'withdraw']));
  });
});
