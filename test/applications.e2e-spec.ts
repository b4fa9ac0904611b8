import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { SAMPLE_APPLICATIONS } from '../src/modules/measures/domain/reference-measures/sample-applications.js';
import { Role } from '../src/common/access/role.js';
import { actor, type Actor } from './support/actors.js';
import { caseVersion, draftAndSubmit, toProposed } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { ATS_BERGAMO, ATS_BRESCIA, ATS_MILANO, MILANO } from './support/places.js';
import { createTestApp, type TestContext } from './support/test-app.js';
import { APPROVED_AFTER_INTEGRATION, givenCase, nidiForm, orphanForm } from './support/case-fixtures.js';
import { describeAuditTrail, OFFICE_PATH_EVENTS } from './support/audit-invariant.js';

let ctx: TestContext;
let as: Record<
  | 'guardian'
  | 'other'
  | 'cav'
  | 'opBrescia'
  | 'opBrescia2'
  | 'mgrBrescia'
  | 'opMilano'
  | 'opMilano2'
  | 'mgrMilano'
  | 'opBergamo'
  | 'both'
  | 'auditor'
  | 'admin',
  Actor
>;
const START = new Date('2026-03-02T09:00:00Z');

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
  as = {
    guardian: await actor(ctx, Role.APPLICANT, { residence: MILANO }),
    other: await actor(ctx, Role.APPLICANT, { residence: MILANO }),
    cav: await actor(ctx, Role.CAV_OPERATOR),
    opBrescia: await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_BRESCIA] }),
    opBrescia2: await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_BRESCIA] }),
    mgrBrescia: await actor(ctx, Role.MANAGER, { atsCodes: [ATS_BRESCIA] }),
    opMilano: await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_MILANO] }),
    opMilano2: await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_MILANO] }),
    mgrMilano: await actor(ctx, Role.MANAGER, { atsCodes: [ATS_MILANO] }),
    opBergamo: await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_BERGAMO] }),
    both: await actor(ctx, [Role.OPERATOR, Role.MANAGER], { atsCodes: [ATS_MILANO] }),
    auditor: await actor(ctx, Role.AUDITOR),
    admin: await actor(ctx, Role.ADMIN),
  };
});
// Tests move the clock; each starts on the same day.
beforeEach(() => ctx.clock.set(START));
afterAll(() => ctx.close());

/** The orphans measure is handled by ATS Brescia for the whole region. */
const brescia = () => ({ applicant: as.guardian, manager: as.mgrBrescia, operator: as.opBrescia });

describe('an orphans application from a guardian, end to end (sealed, handled by ATS Brescia)', () => {
  it('saves a partial draft, then submits: protocol, receipt time, deadline, office', async () => {
    const draft = await as.guardian
      .post('/applications', { measureCode: 'ORFANI-FEMMINICIDIO', data: { applicantRole: 'guardian' } })
      .expect(201);
    const id = draft.body.id;
    expect(draft.body).toMatchObject({ status: 'DRAFT', protocolNumber: null, sealed: true });
    const saved = await as.guardian
      .put(`/applications/${id}/data`, { version: draft.body.version, data: orphanForm() })
      .expect(200);
    const receipt = await as.guardian
      .post(`/applications/${id}/submit`)
      .set('idempotency-key', `key-${id}`)
      .expect(201);
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
    const retry = await as.guardian.post(`/applications/${id}/submit`).set('idempotency-key', `key-${id}`).expect(201);
    expect(retry.body.protocolNumber).toBe(receipt.body.protocolNumber);
    // Without the key it is an illegal transition.
    await as.guardian.post(`/applications/${id}/submit`).expect(409);
  });

  it('stores the eligibility snapshot and shows it to the applicant', async () => {
    const { id } = await givenCase(ctx, 'SUBMITTED', brescia());
    const res = await as.guardian.get(`/applications/${id}`).expect(200);
    expect(res.body.eligibility.outcome).toBe('needs_review'); // the court ruling is read by a person
    expect(res.body.eligibility.rules.length).toBeGreaterThan(3);
    expect(res.body).toMatchObject({ amountCents: 500000, funding: 'reserved', daysLeft: 30 });
    expect(res.body.missingDocuments.length).toBeGreaterThan(0); // nothing was attached: to be asked for
    await expect(
      ctx.db.query(`UPDATE eligibility_decisions SET outcome = 'eligible' WHERE application_id = $1`, [id]),
    ).rejects.toThrow(/immutable/);
  });

  it('is invisible to other applicants, to officers not assigned and to other territories', async () => {
    const { id } = await givenCase(ctx, 'SUBMITTED', brescia());
    await as.other.get(`/applications/${id}`).expect(404);
    await as.opBrescia.get(`/applications/${id}`).expect(404);
    await as.opMilano.get(`/applications/${id}`).expect(404);
    const queue = await as.opBrescia.get('/cases').expect(200);
    expect(queue.body.items.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it('the MANAGER of ATS Brescia sees it and assigns an OPERATOR; their reads are recorded', async () => {
    const { id } = await givenCase(ctx, 'SUBMITTED', brescia());
    const queue = await as.mgrBrescia.get('/cases').expect(200);
    expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(id);
    const v = await caseVersion(ctx, as.mgrBrescia.token, id);
    const taken = await as.mgrBrescia
      .post(`/cases/${id}/take-in-charge`, { version: v, operatorId: as.opBrescia.id })
      .expect(200);
    expect(taken.body).toMatchObject({ status: 'IN_REVIEW', assignedOperatorId: as.opBrescia.id });
    await as.opBrescia.get(`/applications/${id}`).expect(200);
    await as.opBrescia2.get(`/applications/${id}`).expect(404);
    const log = await as.opBrescia.get(`/cases/${id}/access-log`).expect(200);
    const readers = log.body
      .filter((r: { action: string }) => r.action === 'read')
      .map((r: { actorId: string }) => r.actorId);
    expect(readers).toEqual(expect.arrayContaining([as.mgrBrescia.id, as.opBrescia.id]));
    expect(readers).not.toContain(as.opBrescia2.id);
  });

  it('soccorso istruttorio suspends the deadline once; the answer resumes it', async () => {
    const { id, version } = await givenCase(ctx, 'IN_REVIEW', brescia());
    let v = version;
    await as.opBrescia2
      .post(`/cases/${id}/integration-request`, { version: v, message: 'Allegare il decreto', days: 10 })
      .expect(404);
    const asked = await as.opBrescia
      .post(`/cases/${id}/integration-request`, { version: v, message: 'Allegare il decreto di tutela', days: 10 })
      .expect(200);
    expect(asked.body).toMatchObject({ status: 'INTEGRATION_REQUESTED', suspended: true });
    ctx.clock.advance(5 * 86_400_000);
    const mine = await as.guardian.get(`/applications/${id}`).expect(200);
    expect(mine.body.daysLeft).toBe(30); // frozen while suspended
    const answered = await as.guardian
      .post(`/applications/${id}/integration-response`, {
        version: mine.body.version,
        message: 'Allegato',
        data: { guardianshipAct: 'Tribunale di Milano, decreto 123/2024 del 3 marzo' },
      })
      .expect(200);
    expect(answered.body).toMatchObject({
      status: 'IN_REVIEW',
      suspended: false,
      deadlineDate: '2026-04-06',
      daysLeft: 30,
    });
    v = answered.body.version;
    const again = await as.opBrescia
      .post(`/cases/${id}/integration-request`, { version: v, message: 'Ancora', days: 5 })
      .expect(409);
    expect(again.body.code).toBe('APPLICATION_INTEGRATION_USED');
  });

  it('proposal by the operator, decision by the manager: APPROVED and funded', async () => {
    const reservedBefore = (await as.mgrBrescia.get('/measures/ORFANI-FEMMINICIDIO/budget').expect(200)).body
      .reserved as number;
    const { id, version } = await givenCase(ctx, 'IN_REVIEW', brescia(), { integration: true });
    let v = version;
    await as.mgrBrescia
      .post(`/cases/${id}/decision`, { version: v, outcome: 'approve', reasons: 'x'.repeat(5) })
      .expect(409);
    v = (
      await as.opBrescia
        .post(`/cases/${id}/proposal`, { version: v, outcome: 'approve', reasons: 'Requisiti verificati' })
        .expect(200)
    ).body.version;
    const stale = await as.mgrBrescia
      .post(`/cases/${id}/decision`, { version: v - 1, outcome: 'approve', reasons: 'Accolta' })
      .expect(409);
    expect(stale.body.code).toBe('APPLICATION_STALE');
    const decided = await as.mgrBrescia
      .post(`/cases/${id}/decision`, { version: v, outcome: 'approve', reasons: 'Accolta' })
      .expect(200);
    expect(decided.body).toMatchObject({
      status: 'APPROVED',
      funding: 'reserved',
      decision: { outcome: 'APPROVED', amountCents: 500000 },
    });
    const budget = await as.mgrBrescia.get('/measures/ORFANI-FEMMINICIDIO/budget').expect(200);
    // This case holds its 500,000 cents of the fund (others in this file hold theirs).
    expect(budget.body).toMatchObject({ unit: 'cents', total: 47444900, reserved: reservedBefore + 500000 });
    const history = await as.guardian.get(`/applications/${id}/history`).expect(200);
    expect(history.body.map((t: { event: string }) => t.event)).toEqual(APPROVED_AFTER_INTEGRATION);
    expect(history.body[5]).toMatchObject({
      from: 'PROPOSED',
      to: 'APPROVED',
      actorId: as.mgrBrescia.id,
      reason: 'Accolta',
    });
  });

  it('every transition and every read of the sealed case is in the hash-chained audit log', async () => {
    const { id } = await givenCase(ctx, 'APPROVED', brescia(), { integration: true });
    await as.mgrBrescia.get(`/applications/${id}`).expect(200);
    await as.opBrescia.get(`/applications/${id}`).expect(200);
    const rows = await ctx.db.query(
      `SELECT action, actor_id, change FROM audit_log WHERE target_id = $1 ORDER BY seq`,
      [id],
    );
    const events = rows
      .filter((r: { action: string }) => r.action === 'application.transitioned')
      .map((r: { change: { event: string } }) => r.change.event);
    expect(events).toEqual(APPROVED_AFTER_INTEGRATION);
    const readers = rows
      .filter((r: { action: string }) => r.action === 'record.read')
      .map((r: { actor_id: string }) => r.actor_id);
    expect(readers).toEqual(expect.arrayContaining([as.mgrBrescia.id, as.opBrescia.id]));
  });

  it('one active application per beneficiary and account; another account is registered as a possible duplicate', async () => {
    const data = orphanForm();
    await draftAndSubmit(ctx, as.guardian.token, 'ORFANI-FEMMINICIDIO', data);
    const again = await as.guardian.post('/applications', { measureCode: 'ORFANI-FEMMINICIDIO', data }).expect(201);
    const dup = await as.guardian.post(`/applications/${again.body.id}/submit`).expect(409);
    expect(dup.body.code).toBe('APPLICATION_DUPLICATE');
    const draft = await as.other.post('/applications', { measureCode: 'ORFANI-FEMMINICIDIO', data }).expect(201);
    await as.other.post(`/applications/${draft.body.id}/submit`).expect(201);
  });

  it('invalid form data is a 400 naming the fields, and nothing is registered', async () => {
    const draft = await as.guardian
      .post('/applications', {
        measureCode: 'ORFANI-FEMMINICIDIO',
        data: { ...orphanForm(), crimeDate: 'ieri', iban: undefined, extra: 1 },
      })
      .expect(201);
    const [{ before }] = await ctx.db.query(`SELECT coalesce(max(last_seq), 0)::int AS before FROM protocol_counters`);
    const res = await as.guardian.post(`/applications/${draft.body.id}/submit`).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'data.crimeDate',
      'data.extra',
      'data.iban',
    ]);
    const [{ after }] = await ctx.db.query(`SELECT coalesce(max(last_seq), 0)::int AS after FROM protocol_counters`);
    expect(after).toBe(before);
  });
});

describe('an ALER application from a CAV operator, end to end (in kind, sealed)', () => {
  it('only a CAV operator applies; the case goes to the province’s ATS; approval takes one flat', async () => {
    const refused = await as.guardian.post('/applications', { measureCode: 'ALER-VIOLENZA', data: {} }).expect(403);
    expect(refused.body.code).toBe('APPLICATION_ROLE_NOT_ALLOWED');
    await as.cav.post('/applications', { measureCode: 'ORFANI-FEMMINICIDIO', data: {} }).expect(403);
    const reservedBefore = (await as.mgrMilano.get('/measures/ALER-VIOLENZA/budget').expect(200)).body
      .reserved as number;
    const { id, receipt } = await draftAndSubmit(ctx, as.cav.token, 'ALER-VIOLENZA', aler());
    expect(receipt.protocolNumber).toMatch(/^2026-\d{7}$/);
    const mine = await as.cav.get(`/applications/${id}`).expect(200);
    expect(mine.body.eligibility.outcome).toBe('needs_review');
    await as.opMilano.get(`/applications/${id}`).expect(404);
    let v = await caseVersion(ctx, as.mgrMilano.token, id);
    v = (await as.mgrMilano.post(`/cases/${id}/take-in-charge`, { version: v, operatorId: as.opMilano.id }).expect(200))
      .body.version;
    v = (
      await as.opMilano
        .post(`/cases/${id}/proposal`, {
          version: v,
          outcome: 'approve',
          reasons: 'Percorso di uscita confermato dal CAV',
        })
        .expect(200)
    ).body.version;
    const decided = await as.mgrMilano
      .post(`/cases/${id}/decision`, { version: v, outcome: 'approve', reasons: 'Assegnazione alloggio' })
      .expect(200);
    expect(decided.body).toMatchObject({ status: 'APPROVED', funding: 'reserved' });
    const budget = await as.mgrMilano.get('/measures/ALER-VIOLENZA/budget').expect(200);
    expect(budget.body).toMatchObject({ unit: 'units', reserved: reservedBefore + 1 });
    await as.opMilano2.get(`/applications/${id}`).expect(404);
    const log = await as.mgrMilano.get(`/cases/${id}/access-log`).expect(200);
    expect(log.body.some((r: { actorId: string }) => r.actorId === as.opMilano2.id)).toBe(false);
  });

  it("the sealed measure's ledger lists a case's movements only to its staff; others see aggregates", async () => {
    const ledger = async (who: keyof typeof as) =>
      (await as[who].get('/measures/ALER-VIOLENZA/budget').expect(200)).body;
    const mine = await givenCase(
      ctx,
      'APPROVED',
      { applicant: as.cav, manager: as.mgrMilano, operator: as.opMilano },
      { measureCode: 'ALER-VIOLENZA', data: aler() },
    );
    const own = await ledger('mgrMilano');
    expect(own).toMatchObject({ sealed: true, aggregatedMovements: [] });
    const reserves = own.movements.filter((m: { kind: string }) => m.kind === 'reserve');
    expect(own.reserved).toBe(reserves.length);
    expect(reserves).toContainEqual(
      expect.objectContaining({ kind: 'reserve', amount: 1, applicationId: mine.id, reservedAfter: own.reserved }),
    );
    expect(own.movements[0]).not.toHaveProperty('reserved_after');
    // A MANAGER of another ATS, an AUDITOR, an ADMIN: the same totals, no individual movement, no case id.
    for (const who of ['mgrBrescia', 'auditor', 'admin'] as const) {
      const body = await ledger(who);
      expect({ who, ...body }).toMatchObject({
        who,
        sealed: true,
        total: own.total,
        reserved: own.reserved,
        available: own.available,
        movements: [],
        aggregatedMovements: [{ kind: 'reserve', count: reserves.length, amount: reserves.length }],
      });
      expect(JSON.stringify(body)).not.toContain(mine.id);
    }
    // An open measure has no aggregates: its movements are listed as they are.
    const nidi = (await as.auditor.get('/measures/NIDI-GRATIS-PLUS-2024-25/budget').expect(200)).body;
    expect(nidi).toMatchObject({ sealed: false, aggregatedMovements: [] });
  });
});

describe('rejection under art. 10-bis, four eyes, withdrawal, revocation', () => {
  it('a non-competitive rejection needs the notice, 10 days or observations, and says why', async () => {
    const { id } = await draftAndSubmit(
      ctx,
      as.other.token,
      'ORFANI-FEMMINICIDIO',
      orphanForm({ residenceIstatCode: MILANO }),
    );
    let v = await caseVersion(ctx, as.mgrBrescia.token, id);
    const step = async (req: ReturnType<Actor['post']>) => (v = (await req.expect(200)).body.version as number);
    const rejectNow = () =>
      as.mgrBrescia.post(`/cases/${id}/decision`, { version: v, outcome: 'reject', reasons: 'Non ammessa' });
    await step(as.mgrBrescia.post(`/cases/${id}/take-in-charge`, { version: v, operatorId: as.opBrescia.id }));
    await step(
      as.opBrescia.post(`/cases/${id}/proposal`, {
        version: v,
        outcome: 'reject',
        reasons: 'Atto giudiziario non pertinente',
      }),
    );
    expect((await rejectNow().expect(409)).body.code).toBe('APPLICATION_PRE_REJECTION_REQUIRED');
    await step(as.mgrBrescia.post(`/cases/${id}/pre-rejection-notice`, { version: v, reasons: 'Manca la sentenza' }));
    expect((await rejectNow().expect(409)).body.code).toBe('APPLICATION_NOTICE_RUNNING');
    await step(as.other.post(`/applications/${id}/observations`, { version: v, text: 'La sentenza è in appello' }));
    const unexplained = await rejectNow().expect(400);
    expect(unexplained.body.errors[0].field).toBe('observationsAssessment');
    const rejected = await as.mgrBrescia
      .post(`/cases/${id}/decision`, {
        version: v,
        outcome: 'reject',
        reasons: 'Non ammessa',
        observationsAssessment: 'Serve almeno un atto giudiziario',
      })
      .expect(200);
    expect(rejected.body.status).toBe('REJECTED');
    expect(rejected.body.decision.appeal.it).toMatch(/TAR entro 60 giorni/);
    expect(rejected.body.funding).toBe('none');
  });

  it('who proposed cannot decide the same case', async () => {
    const citizen = await actor(ctx, Role.APPLICANT, { residence: MILANO });
    const { id } = await draftAndSubmit(ctx, citizen.token, 'B1-FNA-2025', {
      ...SAMPLE_APPLICATIONS['B1-FNA-2025'],
      beneficiaryFiscalCode: uniqueFiscalCode(),
    });
    const v = await toProposed(ctx, as.both.token, id);
    const res = await as.both
      .post(`/cases/${id}/decision`, { version: v, outcome: 'approve', reasons: 'Accolta' })
      .expect(403);
    expect(res.body.code).toBe('APPLICATION_FOUR_EYES');
    await as.mgrMilano
      .post(`/cases/${id}/decision`, { version: v, outcome: 'approve', reasons: 'Accolta' })
      .expect(200);
  });

  it('withdrawal before a decision releases the booked funds; revocation records the amount to recover', async () => {
    const { id } = await draftAndSubmit(ctx, as.other.token, 'ORFANI-FEMMINICIDIO', orphanForm());
    const before = (await as.mgrBrescia.get('/measures/ORFANI-FEMMINICIDIO/budget').expect(200)).body.reserved;
    const v = await caseVersion(ctx, as.other.token, id);
    const withdrawn = await as.other
      .post(`/applications/${id}/withdraw`, { version: v, reason: 'Rinuncio' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'WITHDRAWN', funding: 'none' });
    const after = (await as.mgrBrescia.get('/measures/ORFANI-FEMMINICIDIO/budget').expect(200)).body.reserved;
    expect(before - after).toBe(500000);
    await as.other
      .post(`/applications/${id}/withdraw`, { version: withdrawn.body.version, reason: 'Di nuovo' })
      .expect(409);

    const granted = await draftAndSubmit(ctx, as.other.token, 'ORFANI-FEMMINICIDIO', orphanForm());
    let gv = await caseVersion(ctx, as.mgrBrescia.token, granted.id);
    gv = (
      await as.mgrBrescia
        .post(`/cases/${granted.id}/take-in-charge`, { version: gv, operatorId: as.opBrescia.id })
        .expect(200)
    ).body.version;
    gv = (
      await as.opBrescia
        .post(`/cases/${granted.id}/proposal`, { version: gv, outcome: 'approve', reasons: 'Requisiti verificati' })
        .expect(200)
    ).body.version;
    gv = (
      await as.mgrBrescia
        .post(`/cases/${granted.id}/decision`, { version: gv, outcome: 'approve', reasons: 'Accolta' })
        .expect(200)
    ).body.version;
    await as.other.post(`/applications/${granted.id}/withdraw`, { version: gv, reason: 'Tardi' }).expect(409);
    const revoke = (recoveryAmountCents: number) =>
      as.mgrBrescia.post(`/cases/${granted.id}/revocation`, {
        version: gv,
        reason: 'Controllo art. 71 negativo',
        recoveryAmountCents,
      });
    const tooMuch = await revoke(600000).expect(400);
    expect(tooMuch.body.errors[0].field).toBe('recoveryAmountCents');
    const revoked = await revoke(500000).expect(200);
    expect(revoked.body).toMatchObject({ status: 'REVOKED', funding: 'none' });
    const [row] = await ctx.db.query(`SELECT recovery_amount_cents FROM applications WHERE id = $1`, [granted.id]);
    expect(Number(row.recovery_amount_cents)).toBe(500000);
  });
});

describe('the work queue and the application window', () => {
  it('lists only the territory, sorted by days left, with overdue cases flagged', async () => {
    const { token } = await actor(ctx, Role.APPLICANT, { residence: MILANO });
    const nidi = (n: number) => nidiForm({ nurseryCode: `NIDO-MI-00${n}` });
    const first = await draftAndSubmit(ctx, token, 'NIDI-GRATIS-PLUS-2024-25', nidi(1));
    ctx.clock.advance(40 * 86_400_000);
    const second = await draftAndSubmit(ctx, token, 'NIDI-GRATIS-PLUS-2024-25', nidi(2));
    const queue = await as.opMilano.get('/cases').query({ measureCode: 'NIDI-GRATIS-PLUS-2024-25' }).expect(200);
    const order = queue.body.items.map((c: { id: string }) => c.id);
    expect(order.indexOf(first.id)).toBeLessThan(order.indexOf(second.id));
    expect(queue.body.items.find((c: { id: string }) => c.id === first.id)).toMatchObject({
      overdue: true,
      atsCode: '321',
    });
    const overdue = await as.opMilano.get('/cases').query({ overdue: 'true' }).expect(200);
    expect(overdue.body.items.every((c: { overdue: boolean }) => c.overdue)).toBe(true);
    const bergamo = await as.opBergamo.get('/cases').query({ measureCode: 'NIDI-GRATIS-PLUS-2024-25' }).expect(200);
    expect(bergamo.body.items).toEqual([]);
    await as.guardian.get('/cases').expect(403);
  });

  it('outside the window a draft cannot be started or submitted (422)', async () => {
    const draft = await as.guardian.post('/applications', { measureCode: 'B1-FNA-2025', data: {} }).expect(201);
    ctx.clock.set(new Date('2028-01-15T10:00:00Z'));
    const late = await as.guardian.post(`/applications/${draft.body.id}/submit`).expect(422);
    expect(late.body.code).toBe('APPLICATION_WINDOW_CLOSED');
    await as.guardian.post('/applications', { measureCode: 'B1-FNA-2025', data: {} }).expect(422);
  });
});

describeAuditTrail(
  () => ctx.db,
  [...OFFICE_PATH_EVENTS, 'observations', 'revoke', 'send_pre_rejection_notice', 'withdraw'],
);
