import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SAMPLE_APPLICATIONS } from '../src/modules/measures/domain/reference-measures/sample-applications.js';
import { Role } from '../src/modules/users/role.js';
import { bearer, caseVersion, draftAndSubmit, toProposed } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { createTestApp, seedAccount, tokenFor, type TestContext } from './support/test-app.js';
import { MILANO, orphanForm } from './support/case-fixtures.js';
import { expectEveryTransitionAudited } from './support/audit-invariant.js';

let ctx: TestContext;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

const aler = () => ({
  submitterRole: 'cav_operator',
  cavCode: 'CAV-MI-07',
  womanFiscalCode: uniqueFiscalCode(),
  cavStatus: 'current',
  finalPhaseOfLeavingViolence: true,
  province: 'MI',
  childrenCount: 2,
});

beforeAll(async () => {
  ctx = await createTestApp();
  const accounts = {
    guardian: await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO }),
    other: await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO }),
    cav: await seedAccount(ctx.db, [Role.CAV_OPERATOR]),
    opBrescia: await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['326'] }),
    opBrescia2: await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['326'] }),
    mgrBrescia: await seedAccount(ctx.db, [Role.MANAGER], { atsCodes: ['326'] }),
    opMilano: await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['321'] }),
    opMilano2: await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['321'] }),
    mgrMilano: await seedAccount(ctx.db, [Role.MANAGER], { atsCodes: ['321'] }),
    opBergamo: await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['325'] }),
    both: await seedAccount(ctx.db, [Role.OPERATOR, Role.MANAGER], { atsCodes: ['321'] }),
    auditor: await seedAccount(ctx.db, [Role.AUDITOR]),
    admin: await seedAccount(ctx.db, [Role.ADMIN]),
  };
  for (const [name, account] of Object.entries(accounts)) {
    tokens[name] = await tokenFor(ctx, account);
    ids[name] = account.id;
  }
});
afterAll(() => ctx.close());

describe('an orphans application from a guardian, end to end (sealed, handled by ATS Brescia)', () => {
  let id: string;

  it('saves a partial draft, then submits: protocol, receipt time, deadline, office', async () => {
    const draft = await ctx.http().post('/api/v1/applications').set(bearer(tokens.guardian))
      .send({ measureCode: 'ORFANI-FEMMINICIDIO', data: { applicantRole: 'guardian' } }).expect(201);
    id = draft.body.id;
    expect(draft.body).toMatchObject({ status: 'DRAFT', protocolNumber: null, sealed: true });
    const saved = await ctx.http().put(`/api/v1/applications/${id}/data`).set(bearer(tokens.guardian)).send({ version: draft.body.version, data: orphanForm() }).expect(200);
    const receipt = await ctx.http().post(`/api/v1/applications/${id}/submit`).set(bearer(tokens.guardian)).set('idempotency-key', `key-${id}`).expect(201);
    expect(saved.body.version).toBeGreaterThan(draft.body.version);
    expect(receipt.body.protocolNumber).toMatch(/^2026-\d{7}$/);
    expect(receipt.body).toMatchObject({
      applicationId: id,
      receivedAt: '2026-03-02T09:00:00.000Z',
      deadlineDate: '2026-04-01',
      deadlineDays: 30,
      measureCode: 'ORFANI-FEMMINICIDIO',
      status: 'SUBMITTED',
      officerInCharge: 'Test User',
    });
    expect(receipt.body.office.it).toMatch(/ATS/);
    // A retried submit with the same key returns the same receipt.
    const retry = await ctx.http().post(`/api/v1/applications/${id}/submit`).set(bearer(tokens.guardian)).set('idempotency-key', `key-${id}`).expect(201);
    expect(retry.body.protocolNumber).toBe(receipt.body.protocolNumber);
    // Without the key it is an illegal transition.
    await ctx.http().post(`/api/v1/applications/${id}/submit`).set(bearer(tokens.guardian)).expect(409);
  });

  it('stores the eligibility snapshot and shows it to the applicant', async () => {
    const res = await ctx.http().get(`/api/v1/applications/${id}`).set(bearer(tokens.guardian)).expect(200);
    expect(res.body.eligibility.outcome).toBe('needs_review'); // the court ruling is read by a person
    expect(res.body.eligibility.rules.length).toBeGreaterThan(3);
    expect(res.body).toMatchObject({ amountCents: 500000, funding: 'reserved', daysLeft: 30 });
    expect(res.body.missingDocuments.length).toBeGreaterThan(0); // nothing was attached: to be asked for
    await expect(ctx.db.query(`UPDATE eligibility_decisions SET outcome = 'eligible' WHERE application_id = $1`, [id])).rejects.toThrow(/immutable/);
  });

  it('is invisible to other applicants, to officers not assigned and to other territories', async () => {
    await ctx.http().get(`/api/v1/applications/${id}`).set(bearer(tokens.other)).expect(404);
    await ctx.http().get(`/api/v1/applications/${id}`).set(bearer(tokens.opBrescia)).expect(404);
    await ctx.http().get(`/api/v1/applications/${id}`).set(bearer(tokens.opMilano)).expect(404);
    const queue = await ctx.http().get('/api/v1/cases').set(bearer(tokens.opBrescia)).expect(200);
    expect(queue.body.items.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it('the MANAGER of ATS Brescia sees it and assigns an OPERATOR; their reads are recorded', async () => {
    const queue = await ctx.http().get('/api/v1/cases').set(bearer(tokens.mgrBrescia)).expect(200);
    expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(id);
    const v = await caseVersion(ctx, tokens.mgrBrescia, id);
    const taken = await ctx.http().post(`/api/v1/cases/${id}/take-in-charge`).set(bearer(tokens.mgrBrescia)).send({ version: v, operatorId: ids.opBrescia }).expect(200);
    expect(taken.body).toMatchObject({ status: 'IN_REVIEW', assignedOperatorId: ids.opBrescia });
    await ctx.http().get(`/api/v1/applications/${id}`).set(bearer(tokens.opBrescia)).expect(200);
    await ctx.http().get(`/api/v1/applications/${id}`).set(bearer(tokens.opBrescia2)).expect(404);
    const log = await ctx.http().get(`/api/v1/cases/${id}/access-log`).set(bearer(tokens.opBrescia)).expect(200);
    const readers = log.body.filter((r: { action: string }) => r.action === 'read').map((r: { actorId: string }) => r.actorId);
    expect(readers).toEqual(expect.arrayContaining([ids.mgrBrescia, ids.opBrescia]));
    expect(readers).not.toContain(ids.opBrescia2);
  });

  it('soccorso istruttorio suspends the deadline once; the answer resumes it', async () => {
    let v = await caseVersion(ctx, tokens.opBrescia, id);
    await ctx.http().post(`/api/v1/cases/${id}/integration-request`).set(bearer(tokens.opBrescia2)).send({ version: v, message: 'Allegare il decreto', days: 10 }).expect(404);
    const asked = await ctx.http().post(`/api/v1/cases/${id}/integration-request`).set(bearer(tokens.opBrescia)).send({ version: v, message: 'Allegare il decreto di tutela', days: 10 }).expect(200);
    expect(asked.body).toMatchObject({ status: 'INTEGRATION_REQUESTED', suspended: true });
    ctx.clock.advance(5 * 86_400_000);
    const mine = await ctx.http().get(`/api/v1/applications/${id}`).set(bearer(tokens.guardian)).expect(200);
    expect(mine.body.daysLeft).toBe(30); // frozen while suspended
    const answered = await ctx.http().post(`/api/v1/applications/${id}/integration-response`).set(bearer(tokens.guardian))
      .send({ version: mine.body.version, message: 'Allegato', data: { guardianshipAct: 'Tribunale di Milano, decreto 123/2024 del 3 marzo' } }).expect(200);
    expect(answered.body).toMatchObject({ status: 'IN_REVIEW', suspended: false, deadlineDate: '2026-04-06', daysLeft: 30 });
    v = answered.body.version;
    const again = await ctx.http().post(`/api/v1/cases/${id}/integration-request`).set(bearer(tokens.opBrescia)).send({ version: v, message: 'Ancora', days: 5 }).expect(409);
    expect(again.body.code).toBe('APPLICATION_INTEGRATION_USED');
  });

  it('proposal by the operator, decision by the manager: APPROVED and funded', async () => {
    let v = await caseVersion(ctx, tokens.opBrescia, id);
    await ctx.http().post(`/api/v1/cases/${id}/decision`).set(bearer(tokens.mgrBrescia)).send({ version: v, outcome: 'approve', reasons: 'x'.repeat(5) }).expect(409);
    v = (await ctx.http().post(`/api/v1/cases/${id}/proposal`).set(bearer(tokens.opBrescia)).send({ version: v, outcome: 'approve', reasons: 'Requisiti verificati' }).expect(200)).body.version;
    const stale = await ctx.http().post(`/api/v1/cases/${id}/decision`).set(bearer(tokens.mgrBrescia)).send({ version: v - 1, outcome: 'approve', reasons: 'Accolta' }).expect(409);
    expect(stale.body.code).toBe('APPLICATION_STALE');
    const decided = await ctx.http().post(`/api/v1/cases/${id}/decision`).set(bearer(tokens.mgrBrescia)).send({ version: v, outcome: 'approve', reasons: 'Accolta' }).expect(200);
    expect(decided.body).toMatchObject({ status: 'APPROVED', funding: 'reserved', decision: { outcome: 'APPROVED', amountCents: 500000 } });
    const budget = await ctx.http().get('/api/v1/measures/ORFANI-FEMMINICIDIO/budget').set(bearer(tokens.mgrBrescia)).expect(200);
    expect(budget.body).toMatchObject({ unit: 'cents', total: 47444900, reserved: 500000 });
    const history = await ctx.http().get(`/api/v1/applications/${id}/history`).set(bearer(tokens.guardian)).expect(200);
    expect(history.body.map((t: { event: string }) => t.event)).toEqual(['submit', 'take_in_charge', 'request_integration', 'answer_integration', 'propose', 'decide_approve']);
    expect(history.body[5]).toMatchObject({ from: 'PROPOSED', to: 'APPROVED', actorId: ids.mgrBrescia, reason: 'Accolta' });
  });

  it('every transition and every read of the sealed case is in the hash-chained audit log', async () => {
    const rows = await ctx.db.query(`SELECT action, actor_id, change FROM audit_log WHERE target_id = $1 ORDER BY seq`, [id]);
    const events = rows.filter((r: { action: string }) => r.action === 'application.transitioned').map((r: { change: { event: string } }) => r.change.event);
    expect(events).toEqual(['submit', 'take_in_charge', 'request_integration', 'answer_integration', 'propose', 'decide_approve']);
    const readers = rows.filter((r: { action: string }) => r.action === 'record.read').map((r: { actor_id: string }) => r.actor_id);
    expect(readers).toEqual(expect.arrayContaining([ids.mgrBrescia, ids.opBrescia]));
  });

  it('one active application per beneficiary and account; another account is registered as a possible duplicate', async () => {
    const data = orphanForm();
    await draftAndSubmit(ctx, tokens.guardian, 'ORFANI-FEMMINICIDIO', data);
    const again = await ctx.http().post('/api/v1/applications').set(bearer(tokens.guardian)).send({ measureCode: 'ORFANI-FEMMINICIDIO', data }).expect(201);
    const dup = await ctx.http().post(`/api/v1/applications/${again.body.id}/submit`).set(bearer(tokens.guardian)).expect(409);
    expect(dup.body.code).toBe('APPLICATION_DUPLICATE');
    const draft = await ctx.http().post('/api/v1/applications').set(bearer(tokens.other)).send({ measureCode: 'ORFANI-FEMMINICIDIO', data }).expect(201);
    await ctx.http().post(`/api/v1/applications/${draft.body.id}/submit`).set(bearer(tokens.other)).expect(201);
  });

  it('invalid form data is a 400 naming the fields, and nothing is registered', async () => {
    const draft = await ctx.http().post('/api/v1/applications').set(bearer(tokens.guardian))
      .send({ measureCode: 'ORFANI-FEMMINICIDIO', data: { ...orphanForm(), crimeDate: 'ieri', iban: undefined, extra: 1 } }).expect(201);
    const [{ before }] = await ctx.db.query(`SELECT coalesce(max(last_seq), 0)::int AS before FROM protocol_counters`);
    const res = await ctx.http().post(`/api/v1/applications/${draft.body.id}/submit`).set(bearer(tokens.guardian)).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['data.crimeDate', 'data.extra', 'data.iban']);
    const [{ after }] = await ctx.db.query(`SELECT coalesce(max(last_seq), 0)::int AS after FROM protocol_counters`);
    expect(after).toBe(before);
  });
});

describe('an ALER application from a CAV operator, end to end (in kind, sealed)', () => {
  it('only a CAV operator applies; the case goes to the province’s ATS; approval takes one flat', async () => {
    const refused = await ctx.http().post('/api/v1/applications').set(bearer(tokens.guardian)).send({ measureCode: 'ALER-VIOLENZA', data: {} }).expect(403);
    expect(refused.body.code).toBe('APPLICATION_ROLE_NOT_ALLOWED');
    await ctx.http().post('/api/v1/applications').set(bearer(tokens.cav)).send({ measureCode: 'ORFANI-FEMMINICIDIO', data: {} }).expect(403);
    const { id, receipt } = await draftAndSubmit(ctx, tokens.cav, 'ALER-VIOLENZA', aler());
    expect(receipt.protocolNumber).toMatch(/^2026-\d{7}$/);
    const mine = await ctx.http().get(`/api/v1/applications/${id}`).set(bearer(tokens.cav)).expect(200);
    expect(mine.body.eligibility.outcome).toBe('needs_review');
    await ctx.http().get(`/api/v1/applications/${id}`).set(bearer(tokens.opMilano)).expect(404);
    let v = await caseVersion(ctx, tokens.mgrMilano, id);
    v = (await ctx.http().post(`/api/v1/cases/${id}/take-in-charge`).set(bearer(tokens.mgrMilano)).send({ version: v, operatorId: ids.opMilano }).expect(200)).body.version;
    v = (await ctx.http().post(`/api/v1/cases/${id}/proposal`).set(bearer(tokens.opMilano)).send({ version: v, outcome: 'approve', reasons: 'Percorso di uscita confermato dal CAV' }).expect(200)).body.version;
    const decided = await ctx.http().post(`/api/v1/cases/${id}/decision`).set(bearer(tokens.mgrMilano)).send({ version: v, outcome: 'approve', reasons: 'Assegnazione alloggio' }).expect(200);
    expect(decided.body).toMatchObject({ status: 'APPROVED', funding: 'reserved' });
    const budget = await ctx.http().get('/api/v1/measures/ALER-VIOLENZA/budget').set(bearer(tokens.mgrMilano)).expect(200);
    expect(budget.body).toMatchObject({ unit: 'units', reserved: 1 });
    await ctx.http().get(`/api/v1/applications/${id}`).set(bearer(tokens.opMilano2)).expect(404);
    const log = await ctx.http().get(`/api/v1/cases/${id}/access-log`).set(bearer(tokens.mgrMilano)).expect(200);
    expect(log.body.some((r: { actorId: string }) => r.actorId === ids.opMilano2)).toBe(false);
  });

  it("the sealed measure's ledger lists a case's movements only to its staff; others see aggregates", async () => {
    const ledger = async (who: string) => (await ctx.http().get('/api/v1/measures/ALER-VIOLENZA/budget').set(bearer(tokens[who])).expect(200)).body;
    const own = await ledger('mgrMilano');
    expect(own).toMatchObject({ sealed: true, reserved: 1, aggregatedMovements: [] });
    const [mine] = (await ctx.db.query(`SELECT a.id FROM applications a JOIN measures m ON m.id = a.measure_id WHERE m.code = 'ALER-VIOLENZA' AND a.status = 'APPROVED'`)) as { id: string }[];
    expect(own.movements).toEqual([expect.objectContaining({ kind: 'reserve', amount: 1, applicationId: mine.id, reservedAfter: 1 })]);
    expect(own.movements[0]).not.toHaveProperty('reserved_after');
    // A MANAGER of another ATS, an AUDITOR, an ADMIN: the same totals, no individual movement, no case id.
    for (const who of ['mgrBrescia', 'auditor', 'admin']) {
      const body = await ledger(who);
      expect({ who, ...body }).toMatchObject({ who, sealed: true, total: own.total, reserved: 1, available: own.available, movements: [], aggregatedMovements: [{ kind: 'reserve', count: 1, amount: 1 }] });
      expect(JSON.stringify(body)).not.toContain(mine.id);
    }
    // An open measure has no aggregates: its movements are listed as they are.
    const nidi = (await ctx.http().get('/api/v1/measures/NIDI-GRATIS-PLUS-2024-25/budget').set(bearer(tokens.auditor)).expect(200)).body;
    expect(nidi).toMatchObject({ sealed: false, aggregatedMovements: [] });
  });
});

describe('rejection under art. 10-bis, four eyes, withdrawal, revocation', () => {
  it('a non-competitive rejection needs the notice, 10 days or observations, and says why', async () => {
    const { id } = await draftAndSubmit(ctx, tokens.other, 'ORFANI-FEMMINICIDIO', orphanForm({ residenceIstatCode: MILANO }));
    let v = await caseVersion(ctx, tokens.mgrBrescia, id);
    v = (await ctx.http().post(`/api/v1/cases/${id}/take-in-charge`).set(bearer(tokens.mgrBrescia)).send({ version: v, operatorId: ids.opBrescia }).expect(200)).body.version;
    v = (await ctx.http().post(`/api/v1/cases/${id}/proposal`).set(bearer(tokens.opBrescia)).send({ version: v, outcome: 'reject', reasons: 'Atto giudiziario non pertinente' }).expect(200)).body.version;
    const direct = await ctx.http().post(`/api/v1/cases/${id}/decision`).set(bearer(tokens.mgrBrescia)).send({ version: v, outcome: 'reject', reasons: 'Non ammessa' }).expect(409);
    expect(direct.body.code).toBe('APPLICATION_PRE_REJECTION_REQUIRED');
    v = (await ctx.http().post(`/api/v1/cases/${id}/pre-rejection-notice`).set(bearer(tokens.mgrBrescia)).send({ version: v, reasons: 'Manca la sentenza' }).expect(200)).body.version;
    const early = await ctx.http().post(`/api/v1/cases/${id}/decision`).set(bearer(tokens.mgrBrescia)).send({ version: v, outcome: 'reject', reasons: 'Non ammessa' }).expect(409);
    expect(early.body.code).toBe('APPLICATION_NOTICE_RUNNING');
    v = (await ctx.http().post(`/api/v1/applications/${id}/observations`).set(bearer(tokens.other)).send({ version: v, text: 'La sentenza è in appello' }).expect(200)).body.version;
    const unexplained = await ctx.http().post(`/api/v1/cases/${id}/decision`).set(bearer(tokens.mgrBrescia)).send({ version: v, outcome: 'reject', reasons: 'Non ammessa' }).expect(400);
    expect(unexplained.body.errors[0].field).toBe('observationsAssessment');
    const rejected = await ctx.http().post(`/api/v1/cases/${id}/decision`).set(bearer(tokens.mgrBrescia))
      .send({ version: v, outcome: 'reject', reasons: 'Non ammessa', observationsAssessment: 'Serve almeno un atto giudiziario' }).expect(200);
    expect(rejected.body.status).toBe('REJECTED');
    expect(rejected.body.decision.appeal.it).toMatch(/TAR entro 60 giorni/);
    expect(rejected.body.funding).toBe('none');
  });

  it('who proposed cannot decide the same case', async () => {
    const citizen = await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO });
    const { id } = await draftAndSubmit(ctx, await tokenFor(ctx, citizen), 'B1-FNA-2025', {
      ...SAMPLE_APPLICATIONS['B1-FNA-2025'],
      beneficiaryFiscalCode: uniqueFiscalCode(),
    });
    const v = await toProposed(ctx, tokens.both, id);
    const res = await ctx.http().post(`/api/v1/cases/${id}/decision`).set(bearer(tokens.both)).send({ version: v, outcome: 'approve', reasons: 'Accolta' }).expect(403);
    expect(res.body.code).toBe('APPLICATION_FOUR_EYES');
    await ctx.http().post(`/api/v1/cases/${id}/decision`).set(bearer(tokens.mgrMilano)).send({ version: v, outcome: 'approve', reasons: 'Accolta' }).expect(200);
  });

  it('withdrawal before a decision releases the booked funds; revocation records the amount to recover', async () => {
    const { id } = await draftAndSubmit(ctx, tokens.other, 'ORFANI-FEMMINICIDIO', orphanForm());
    const before = (await ctx.http().get('/api/v1/measures/ORFANI-FEMMINICIDIO/budget').set(bearer(tokens.mgrBrescia)).expect(200)).body.reserved;
    const v = await caseVersion(ctx, tokens.other, id);
    const withdrawn = await ctx.http().post(`/api/v1/applications/${id}/withdraw`).set(bearer(tokens.other)).send({ version: v, reason: 'Rinuncio' }).expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'WITHDRAWN', funding: 'none' });
    const after = (await ctx.http().get('/api/v1/measures/ORFANI-FEMMINICIDIO/budget').set(bearer(tokens.mgrBrescia)).expect(200)).body.reserved;
    expect(before - after).toBe(500000);
    await ctx.http().post(`/api/v1/applications/${id}/withdraw`).set(bearer(tokens.other)).send({ version: withdrawn.body.version, reason: 'Di nuovo' }).expect(409);

    const granted = await draftAndSubmit(ctx, tokens.other, 'ORFANI-FEMMINICIDIO', orphanForm());
    let gv = await caseVersion(ctx, tokens.mgrBrescia, granted.id);
    gv = (await ctx.http().post(`/api/v1/cases/${granted.id}/take-in-charge`).set(bearer(tokens.mgrBrescia)).send({ version: gv, operatorId: ids.opBrescia }).expect(200)).body.version;
    gv = (await ctx.http().post(`/api/v1/cases/${granted.id}/proposal`).set(bearer(tokens.opBrescia)).send({ version: gv, outcome: 'approve', reasons: 'Requisiti verificati' }).expect(200)).body.version;
    gv = (await ctx.http().post(`/api/v1/cases/${granted.id}/decision`).set(bearer(tokens.mgrBrescia)).send({ version: gv, outcome: 'approve', reasons: 'Accolta' }).expect(200)).body.version;
    await ctx.http().post(`/api/v1/applications/${granted.id}/withdraw`).set(bearer(tokens.other)).send({ version: gv, reason: 'Tardi' }).expect(409);
    const tooMuch = await ctx.http().post(`/api/v1/cases/${granted.id}/revocation`).set(bearer(tokens.mgrBrescia)).send({ version: gv, reason: 'Controllo art. 71 negativo', recoveryAmountCents: 600000 }).expect(400);
    expect(tooMuch.body.errors[0].field).toBe('recoveryAmountCents');
    const revoked = await ctx.http().post(`/api/v1/cases/${granted.id}/revocation`).set(bearer(tokens.mgrBrescia)).send({ version: gv, reason: 'Controllo art. 71 negativo', recoveryAmountCents: 500000 }).expect(200);
    expect(revoked.body).toMatchObject({ status: 'REVOKED', funding: 'none' });
    const [row] = await ctx.db.query(`SELECT recovery_amount_cents FROM applications WHERE id = $1`, [granted.id]);
    expect(Number(row.recovery_amount_cents)).toBe(500000);
  });
});

describe('the work queue and the application window', () => {
  it('lists only the territory, sorted by days left, with overdue cases flagged', async () => {
    const citizen = await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO });
    const token = await tokenFor(ctx, citizen);
    const nidi = (n: number) => ({
      applicantRelationship: 'parent', childFiscalCode: uniqueFiscalCode(), childBirthDate: '2024-05-10', hasSiblingUnder10: true,
      nurseryCode: `NIDO-MI-00${n}`, childEnrolledInAdmittedNursery: true, iseeType: 'minorenni', iseeValue: '22.000,00',
      iseeProtocol: 'INPS-ISEE-2024-123456789-00', iseeHasOmissionsOrDiscrepancies: false, monthlyFeeCents: 45_000, months: 10,
    });
    const first = await draftAndSubmit(ctx, token, 'NIDI-GRATIS-PLUS-2024-25', nidi(1));
    ctx.clock.advance(40 * 86_400_000);
    const second = await draftAndSubmit(ctx, token, 'NIDI-GRATIS-PLUS-2024-25', nidi(2));
    const queue = await ctx.http().get('/api/v1/cases').query({ measureCode: 'NIDI-GRATIS-PLUS-2024-25' }).set(bearer(tokens.opMilano)).expect(200);
    const order = queue.body.items.map((c: { id: string }) => c.id);
    expect(order.indexOf(first.id)).toBeLessThan(order.indexOf(second.id));
    expect(queue.body.items.find((c: { id: string }) => c.id === first.id)).toMatchObject({ overdue: true, atsCode: '321' });
    const overdue = await ctx.http().get('/api/v1/cases').query({ overdue: 'true' }).set(bearer(tokens.opMilano)).expect(200);
    expect(overdue.body.items.every((c: { overdue: boolean }) => c.overdue)).toBe(true);
    const bergamo = await ctx.http().get('/api/v1/cases').query({ measureCode: 'NIDI-GRATIS-PLUS-2024-25' }).set(bearer(tokens.opBergamo)).expect(200);
    expect(bergamo.body.items).toEqual([]);
    await ctx.http().get('/api/v1/cases').set(bearer(tokens.guardian)).expect(403);
  });

  it('outside the window a draft cannot be started or submitted (422)', async () => {
    const draft = await ctx.http().post('/api/v1/applications').set(bearer(tokens.guardian)).send({ measureCode: 'B1-FNA-2025', data: {} }).expect(201);
    ctx.clock.set(new Date('2028-01-15T10:00:00Z'));
    const late = await ctx.http().post(`/api/v1/applications/${draft.body.id}/submit`).set(bearer(tokens.guardian)).expect(422);
    expect(late.body.code).toBe('APPLICATION_WINDOW_CLOSED');
    await ctx.http().post('/api/v1/applications').set(bearer(tokens.guardian)).send({ measureCode: 'B1-FNA-2025', data: {} }).expect(422);
  });
});

describe('the audit trail', () => {
  it('every transition these flows wrote has its hash-chained audit entry', async () => {
    const events = await expectEveryTransitionAudited(ctx.db);
    expect(events).toEqual(expect.arrayContaining(['answer_integration', 'decide_approve', 'decide_reject', 'observations', 'propose', 'request_integration', 'revoke', 'send_pre_rejection_notice', 'submit', 'take_in_charge', 'withdraw']));
  });
});
