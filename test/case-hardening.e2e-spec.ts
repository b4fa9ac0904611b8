import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SAMPLE_APPLICATIONS } from '../src/modules/measures/domain/reference-measures/sample-applications.js';
import { Role } from '../src/common/access/role.js';
import { MILANO, orphanForm } from './support/case-fixtures.js';
import { bearer, caseVersion, draftAndSubmit, toProposed } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { content, i18n, newGrant } from './support/measure-fixtures.js';
import { actor, type Actor } from './support/actors.js';
import { ATS_BERGAMO, ATS_BRESCIA, ATS_MILANO } from './support/places.js';
import { createTestApp, seedAccount, tokenFor, type TestContext } from './support/test-app.js';
import { describeAuditTrail, OFFICE_PATH_EVENTS } from './support/audit-invariant.js';

const MAX_DRAFTS = 3;
const MAX_BYTES = 4096;

let ctx: TestContext;
let as: Record<string, Actor>;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

const b1 = (beneficiaryFiscalCode = uniqueFiscalCode()) => ({
  ...SAMPLE_APPLICATIONS['B1-FNA-2025'],
  beneficiaryFiscalCode,
});
const aler = (womanFiscalCode: string) => ({ ...SAMPLE_APPLICATIONS['ALER-VIOLENZA'], womanFiscalCode });
const read = (token: string, id: string) => ctx.http().get(`/api/v1/applications/${id}`).set(bearer(token)).expect(200);
const queue = async (token: string, query: Record<string, string>) =>
  (
    (await ctx.http().get('/api/v1/cases').query(query).set(bearer(token)).expect(200)).body.items as { id: string }[]
  ).map((c) => c.id);
const auditOf = (id: string) =>
  ctx.db.query(`SELECT action, actor_id, change FROM audit_log WHERE target_id = $1 ORDER BY seq`, [id]) as Promise<
    { action: string; actor_id: string; change: Record<string, unknown> }[]
  >;

beforeAll(async () => {
  ctx = await createTestApp({
    APPLICATION_MAX_OPEN_DRAFTS: String(MAX_DRAFTS),
    APPLICATION_DRAFT_MAX_BYTES: String(MAX_BYTES),
  });
  as = {
    citizenA: await actor(ctx, Role.APPLICANT, { residence: MILANO }),
    citizenB: await actor(ctx, Role.APPLICANT, { residence: MILANO }),
    citizenC: await actor(ctx, Role.APPLICANT, { residence: MILANO }),
    cav1: await actor(ctx, Role.CAV_OPERATOR),
    cav2: await actor(ctx, Role.CAV_OPERATOR),
    opMilano: await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_MILANO] }),
    mgrMilano: await actor(ctx, Role.MANAGER, { atsCodes: [ATS_MILANO] }),
    opBergamo: await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_BERGAMO] }),
    opBrescia: await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_BRESCIA] }),
    mgrBrescia: await actor(ctx, Role.MANAGER, { atsCodes: [ATS_BRESCIA] }),
    // A citizen who is also a MANAGER of the office that handles their own case.
    filer: await actor(ctx, [Role.APPLICANT, Role.MANAGER], { residence: MILANO, atsCodes: [ATS_MILANO] }),
    admin: await actor(ctx, Role.ADMIN),
  };
  for (const [name, a] of Object.entries(as)) [tokens[name], ids[name]] = [a.token, a.id];
});
afterAll(() => ctx.close());

describe('a beneficiary named in someone else’s active case (no oracle)', () => {
  it('is registered as usual, linked as a possible duplicate that only staff seeing both cases see, and audited', async () => {
    const cf = uniqueFiscalCode();
    const first = await draftAndSubmit(ctx, tokens.citizenA, 'B1-FNA-2025', b1(cf));
    const second = await draftAndSubmit(ctx, tokens.citizenB, 'B1-FNA-2025', b1(cf));
    expect(second.receipt.protocolNumber).toMatch(/^2026-\d{7}$/);
    expect(Object.keys(second.receipt).sort()).toEqual(Object.keys(first.receipt).sort());

    const mine = await read(tokens.citizenB, second.id);
    expect(mine.body).toMatchObject({ possibleDuplicate: false, possibleDuplicates: [] });
    const staff = await read(tokens.opMilano, second.id);
    expect(staff.body.possibleDuplicate).toBe(true);
    expect(staff.body.possibleDuplicates).toEqual([
      { id: first.id, protocolNumber: first.receipt.protocolNumber, status: 'SUBMITTED' },
    ]);
    expect((await read(tokens.opMilano, first.id)).body.possibleDuplicates.map((d: { id: string }) => d.id)).toEqual([
      second.id,
    ]);
    expect((await read(tokens.citizenA, first.id)).body.possibleDuplicate).toBe(false);

    const flagged = await queue(tokens.opMilano, { possibleDuplicate: 'true' });
    expect(flagged).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(await queue(tokens.opMilano, { possibleDuplicate: 'false' })).not.toContain(second.id);
    expect(await queue(tokens.opBergamo, { possibleDuplicate: 'true' })).toEqual([]);

    const audit = await auditOf(second.id);
    const entry = audit.find((r) => r.action === 'application.duplicate_flagged');
    expect(entry).toMatchObject({ actor_id: ids.citizenB, change: { otherApplicationIds: [first.id] } });
    expect(JSON.stringify(entry)).not.toContain(cf);
  });

  it('the same account’s own active case is still a 409, and the refused attempt is audited', async () => {
    const data = b1();
    await draftAndSubmit(ctx, tokens.citizenC, 'B1-FNA-2025', data);
    const draft = await as.citizenC.post('/applications', { measureCode: 'B1-FNA-2025', data }).expect(201);
    const res = await as.citizenC.post(`/applications/${draft.body.id}/submit`).expect(409);
    expect(res.body.code).toBe('APPLICATION_DUPLICATE');
    expect((await read(tokens.citizenC, draft.body.id)).body.status).toBe('DRAFT');
    expect((await auditOf(draft.body.id)).map((r) => r.action)).toEqual(['application.duplicate_refused']);
  });

  it('ALER: a second CAV naming the same woman gets a receipt, not a 409', async () => {
    const woman = uniqueFiscalCode();
    await draftAndSubmit(ctx, tokens.cav1, 'ALER-VIOLENZA', aler(woman));
    const second = await draftAndSubmit(ctx, tokens.cav2, 'ALER-VIOLENZA', aler(woman));
    expect(second.receipt.protocolNumber).toMatch(/^2026-\d{7}$/);
    expect((await read(tokens.cav2, second.id)).body.possibleDuplicate).toBe(false);
    expect((await read(tokens.mgrMilano, second.id)).body.possibleDuplicate).toBe(true);
  });

  it('sealed: an officer who may see only one of the two cases gets no hint; the MANAGER closes it as a duplicate, notified and recorded', async () => {
    const data = orphanForm();
    const first = await draftAndSubmit(ctx, tokens.citizenA, 'ORFANI-FEMMINICIDIO', data);
    const second = await draftAndSubmit(ctx, tokens.citizenB, 'ORFANI-FEMMINICIDIO', data);
    let v = await caseVersion(ctx, tokens.mgrBrescia, second.id);
    v = (
      await as.mgrBrescia
        .post(`/cases/${second.id}/take-in-charge`, { version: v, operatorId: ids.opBrescia })
        .expect(200)
    ).body.version;
    // The OPERATOR assigned to the second case cannot see the first: no flag, no link, no filter hit.
    const assigned = await read(tokens.opBrescia, second.id);
    expect(assigned.body).toMatchObject({ possibleDuplicate: false, possibleDuplicates: [] });
    expect(assigned.body.allowedActions).not.toContain('close_duplicate');
    expect(await queue(tokens.opBrescia, { possibleDuplicate: 'true' })).not.toContain(second.id);
    expect(await queue(tokens.mgrBrescia, { possibleDuplicate: 'true' })).toEqual(
      expect.arrayContaining([first.id, second.id]),
    );

    const manager = await read(tokens.mgrBrescia, second.id);
    expect(manager.body.possibleDuplicates.map((d: { id: string }) => d.id)).toEqual([first.id]);
    expect(manager.body.allowedActions).toContain('close_duplicate');
    const unrelated = (await draftAndSubmit(ctx, tokens.citizenC, 'ORFANI-FEMMINICIDIO', orphanForm())).id;
    const wrong = await as.mgrBrescia
      .post(`/cases/${second.id}/duplicate-closure`, {
        version: v,
        duplicateOf: unrelated,
        reasons: 'Domanda già presentata da altro richiedente',
      })
      .expect(409);
    expect(wrong.body).toMatchObject({ code: 'APPLICATION_NOT_DUPLICATE', errors: [{ field: 'duplicateOf' }] });
    await as.opBrescia
      .post(`/cases/${second.id}/duplicate-closure`, {
        version: v,
        duplicateOf: first.id,
        reasons: 'Domanda già presentata',
      })
      .expect(403);
    const before = (await as.mgrBrescia.get('/measures/ORFANI-FEMMINICIDIO/budget').expect(200)).body.reserved;
    const closed = await as.mgrBrescia
      .post(`/cases/${second.id}/duplicate-closure`, {
        version: v,
        duplicateOf: first.id,
        reasons: 'Domanda già presentata da altro richiedente per lo stesso beneficiario',
      })
      .expect(200);
    expect(closed.body).toMatchObject({ status: 'REJECTED', funding: 'none', allowedActions: [] });
    expect(closed.body.decision).toMatchObject({ outcome: 'REJECTED', duplicate: true });
    expect(closed.body.decision.appeal.it).toMatch(/TAR/);
    const after = (await as.mgrBrescia.get('/measures/ORFANI-FEMMINICIDIO/budget').expect(200)).body.reserved;
    expect(before - after).toBe(500000);

    // What the applicant reads says why, not which case it duplicates.
    const history = await as.citizenB.get(`/applications/${second.id}/history`).expect(200);
    expect(history.body.at(-1)).toMatchObject({
      from: 'IN_REVIEW',
      to: 'REJECTED',
      event: 'close_duplicate',
      actorId: ids.mgrBrescia,
    });
    expect(JSON.stringify((await read(tokens.citizenB, second.id)).body)).not.toContain(first.id);
    const outbox = await ctx.db.query(
      `SELECT event, recipient_id FROM notification_outbox WHERE application_id = $1 ORDER BY created_at`,
      [second.id],
    );
    expect(outbox.at(-1)).toMatchObject({ event: 'decision_rejected', recipient_id: ids.citizenB });
    const audit = (await auditOf(second.id)).filter((r) => r.action === 'application.transitioned').at(-1);
    expect(audit?.change).toMatchObject({
      event: 'close_duplicate',
      from: 'IN_REVIEW',
      to: 'REJECTED',
      duplicateOf: first.id,
    });

    // The first case no longer has an active duplicate: it cannot be closed against the closed one.
    const survivor = await read(tokens.mgrBrescia, first.id);
    expect(survivor.body).toMatchObject({
      possibleDuplicate: false,
      possibleDuplicates: [{ id: second.id, status: 'REJECTED' }],
    });
    expect(survivor.body.allowedActions).not.toContain('close_duplicate');
    const back = await as.mgrBrescia
      .post(`/cases/${first.id}/duplicate-closure`, {
        version: survivor.body.version,
        duplicateOf: second.id,
        reasons: 'Duplicato',
      })
      .expect(409);
    expect(back.body.code).toBe('APPLICATION_NOT_DUPLICATE');
    expect(await queue(tokens.mgrBrescia, { possibleDuplicate: 'true' })).not.toContain(first.id);
  });
});

describe('an integration answer (soccorso istruttorio)', () => {
  async function askedForIntegration(token = tokens.citizenA) {
    const { id } = await draftAndSubmit(ctx, token, 'B1-FNA-2025', b1());
    let v = await caseVersion(ctx, tokens.opMilano, id);
    v = (await as.opMilano.post(`/cases/${id}/take-in-charge`, { version: v }).expect(200)).body.version;
    v = (
      await as.opMilano
        .post(`/cases/${id}/integration-request`, { version: v, message: "Correggere l'ISEE dichiarato", days: 10 })
        .expect(200)
    ).body.version;
    return { id, version: v };
  }
  const answer = (id: string, version: number, data: Record<string, unknown>) =>
    as.citizenA.post(`/applications/${id}/integration-response`, { version, message: 'Dati corretti', data });

  it('is validated against the form schema like a submission (400 naming data.<field>), and nothing changes', async () => {
    const { id, version } = await askedForIntegration();
    const unknown = await answer(id, version, { notAField: 1 }).expect(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['data.notAField']);
    const wrongType = await answer(id, version, { autismDsm5Level: 'three' }).expect(400);
    expect(wrongType.body.errors.map((e: { field: string }) => e.field)).toContain('data.autismDsm5Level');
    const badCode = await answer(id, version, { iban: 12 }).expect(400);
    expect(badCode.body.errors.map((e: { field: string }) => e.field)).toContain('data.iban');
    const after = await read(tokens.citizenA, id);
    expect(after.body).toMatchObject({ status: 'INTEGRATION_REQUESTED', version });
    expect(after.body.data).toEqual(b1(after.body.data.beneficiaryFiscalCode));
  });

  it('refuses changes to identity, territory and server-set fields (422 naming them)', async () => {
    const { id, version } = await askedForIntegration();
    const identity = await answer(id, version, { beneficiaryFiscalCode: uniqueFiscalCode() }).expect(422);
    expect(identity.body).toMatchObject({
      code: 'APPLICATION_FIELD_PROTECTED',
      errors: [{ field: 'data.beneficiaryFiscalCode' }],
    });
    const territory = await answer(id, version, { residenceIstatCode: '016024', submitterRole: 'cav_operator' }).expect(
      422,
    );
    expect(territory.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'data.residenceIstatCode',
      'data.submitterRole',
    ]);
    const tooLarge = await answer(id, version, { iseeProtocol: 'x'.repeat(MAX_BYTES) }).expect(413);
    expect(tooLarge.body).toMatchObject({ code: 'APPLICATION_DRAFT_TOO_LARGE', errors: [{ field: 'data' }] });
    expect((await read(tokens.citizenA, id)).body.status).toBe('INTEGRATION_REQUESTED');
  });

  it('records the changes with the transition and re-evaluates eligibility as a new dated snapshot; the first stays', async () => {
    const { id, version } = await askedForIntegration();
    const [firstRow] = await ctx.db.query(`SELECT * FROM eligibility_decisions WHERE application_id = $1`, [id]);
    ctx.clock.advance(2 * 86_400_000);
    const answered = await answer(id, version, {
      iseeValue: '80000',
      beneficiaryFiscalCode: (await read(tokens.citizenA, id)).body.data.beneficiaryFiscalCode,
    }).expect(200);
    expect(answered.body).toMatchObject({ status: 'IN_REVIEW' });
    const history = await as.citizenA.get(`/applications/${id}/history`).expect(200);
    expect(history.body.at(-1)).toMatchObject({
      event: 'answer_integration',
      details: {
        fields: ['iseeValue'],
        changes: [{ field: 'iseeValue', from: '30000', to: '80000' }],
        eligibility: 'not_eligible',
      },
    });
    const audit = (await auditOf(id)).filter((r) => r.action === 'application.transitioned').at(-1);
    expect(JSON.stringify(audit)).not.toContain('80000');

    const res = await read(tokens.opMilano, id);
    expect(res.body.data.iseeValue).toBe('80000');
    expect(res.body.eligibilitySnapshots.map((s: { cause: string; outcome: string }) => [s.cause, s.outcome])).toEqual([
      ['submission', 'eligible'],
      ['integration_answer', 'not_eligible'],
    ]);
    expect(
      Date.parse(res.body.eligibilitySnapshots[1].evaluatedAt) -
        Date.parse(res.body.eligibilitySnapshots[0].evaluatedAt),
    ).toBe(2 * 86_400_000);
    expect(res.body.eligibility.outcome).toBe('not_eligible');
    const [still] = await ctx.db.query(`SELECT * FROM eligibility_decisions WHERE application_id = $1`, [id]);
    expect(still).toEqual(firstRow);
    await expect(
      ctx.db.query(`UPDATE eligibility_reevaluations SET outcome = 'eligible' WHERE application_id = $1`, [id]),
    ).rejects.toThrow(/immutable/);
  });
});

describe('four eyes also exclude the account that filed the case', () => {
  it('a MANAGER who filed a case neither decides it nor is offered to', async () => {
    const { id } = await draftAndSubmit(ctx, tokens.filer, 'B1-FNA-2025', b1());
    const v = await toProposed(ctx, tokens.opMilano, id);
    const own = await read(tokens.filer, id);
    expect(own.body.allowedActions).toEqual(['withdraw']);
    const res = await as.filer
      .post(`/cases/${id}/decision`, { version: v, outcome: 'approve', reasons: 'Accolta' })
      .expect(403);
    expect(res.body.code).toBe('APPLICATION_FILER_CANNOT_DECIDE');
    const notice = await as.filer
      .post(`/cases/${id}/pre-rejection-notice`, { version: v, reasons: 'Motivi ostativi' })
      .expect(403);
    expect(notice.body.code).toBe('APPLICATION_FILER_CANNOT_DECIDE');
    await as.mgrMilano
      .post(`/cases/${id}/decision`, { version: v, outcome: 'approve', reasons: 'Accolta' })
      .expect(200);
  });
});

describe('art. 10-bis on a graduatoria', () => {
  it('is refused with PRE_REJECTION_NOT_APPLICABLE; the rejection needs no notice', async () => {
    const code = 'GRADUATORIA-10BIS-2026';
    const definition = {
      ...newGrant(code),
      procedure: { type: 'graduatoria', deadlineDays: 30 },
      ranking: {
        keys: [{ fact: 'iseeValueCents', direction: 'asc', label: i18n('ISEE crescente', 'ISEE, lowest first') }],
        tieBreaker: 'protocol_order',
      },
    };
    await as.admin.post('/admin/measures', content(definition)).expect(201);
    await as.admin.post(`/admin/measures/${code}/versions/1/publish`, {}).expect(200);
    const { id } = await draftAndSubmit(ctx, tokens.citizenA, code, {
      beneficiaryFiscalCode: uniqueFiscalCode(),
      residenceIstatCode: MILANO,
      iseeType: 'ordinario',
      iseeValue: '9000',
    });
    const v = await toProposed(ctx, tokens.opMilano, id, 'reject');
    const manager = await read(tokens.mgrMilano, id);
    expect(manager.body.allowedActions).toEqual(['decide_reject']);
    const res = await as.mgrMilano
      .post(`/cases/${id}/pre-rejection-notice`, { version: v, reasons: 'ISEE oltre la soglia' })
      .expect(422);
    expect(res.body.code).toBe('PRE_REJECTION_NOT_APPLICABLE');
    expect((await read(tokens.mgrMilano, id)).body).toMatchObject({
      status: 'PROPOSED',
      version: v,
      preRejectionNotice: null,
    });
    await as.mgrMilano
      .post(`/cases/${id}/decision`, { version: v, outcome: 'reject', reasons: 'Non ammessa' })
      .expect(200);
  });
});

describe('drafts are bounded per account and in size', () => {
  it(`at most ${MAX_DRAFTS} open drafts (409), at most ${MAX_BYTES} bytes of data (413)`, async () => {
    const citizen = await actor(ctx, Role.APPLICANT, { residence: MILANO });
    const start = (data: Record<string, unknown> = {}) =>
      citizen.post('/applications', { measureCode: 'B1-FNA-2025', data });
    const big = { note: 'x'.repeat(MAX_BYTES) };
    const tooBig = await start(big).expect(413);
    expect(tooBig.body).toMatchObject({ code: 'APPLICATION_DRAFT_TOO_LARGE', errors: [{ field: 'data' }] });
    const drafts = [];
    for (let i = 0; i < MAX_DRAFTS; i++) drafts.push((await start().expect(201)).body);
    const over = await start().expect(409);
    expect(over.body.code).toBe('APPLICATION_DRAFT_LIMIT');
    const saved = await citizen
      .put(`/applications/${drafts[0].id}/data`, { version: drafts[0].version, data: big })
      .expect(413);
    expect(saved.body.code).toBe('APPLICATION_DRAFT_TOO_LARGE');
    const [{ count }] = await ctx.db.query(`SELECT count(*)::int AS count FROM applications WHERE owner_id = $1`, [
      citizen.id,
    ]);
    expect(count).toBe(MAX_DRAFTS);
    // Submitting one frees a place.
    await citizen.put(`/applications/${drafts[0].id}/data`, { version: drafts[0].version, data: b1() }).expect(200);
    await citizen.post(`/applications/${drafts[0].id}/submit`).expect(201);
    await start().expect(201);
  });
});

describe('an applicant discards their own draft', () => {
  it('204 for a draft (audited, its place under the bound freed), 404 for another account, 409 once submitted', async () => {
    const citizen = await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO });
    const token = await tokenFor(ctx, citizen);
    const start = () =>
      ctx.http().post('/api/v1/applications').set(bearer(token)).send({ measureCode: 'B1-FNA-2025', data: {} });
    const drafts = [];
    for (let i = 0; i < MAX_DRAFTS; i++) drafts.push((await start().expect(201)).body);
    await start().expect(409);
    await ctx.http().delete(`/api/v1/applications/${drafts[0].id}`).set(bearer(tokens.citizenA)).expect(404);
    await ctx.http().delete(`/api/v1/applications/${drafts[0].id}`).set(bearer(token)).expect(204);
    await ctx.http().get(`/api/v1/applications/${drafts[0].id}`).set(bearer(token)).expect(404);
    expect((await auditOf(drafts[0].id)).map((r) => r.action)).toEqual(['application.draft_discarded']);
    await start().expect(201);

    await ctx
      .http()
      .put(`/api/v1/applications/${drafts[1].id}/data`)
      .set(bearer(token))
      .send({ version: drafts[1].version, data: b1() })
      .expect(200);
    await ctx.http().post(`/api/v1/applications/${drafts[1].id}/submit`).set(bearer(token)).expect(201);
    const refused = await ctx.http().delete(`/api/v1/applications/${drafts[1].id}`).set(bearer(token)).expect(409);
    expect(refused.body.code).toBe('APPLICATION_ILLEGAL_TRANSITION');
    await read(token, drafts[1].id);
  });

  it("a sealed draft's recorded reads do not block it, and stay in the access log", async () => {
    const draft = (
      await ctx
        .http()
        .post('/api/v1/applications')
        .set(bearer(tokens.cav2))
        .send({ measureCode: 'ALER-VIOLENZA', data: {} })
        .expect(201)
    ).body;
    await read(tokens.cav2, draft.id);
    const [{ reads }] = await ctx.db.query(
      `SELECT count(*)::int AS reads FROM application_access_log WHERE application_id = $1`,
      [draft.id],
    );
    expect(reads).toBeGreaterThan(0);
    await ctx.http().delete(`/api/v1/applications/${draft.id}`).set(bearer(tokens.cav2)).expect(204);
    const [{ left }] = await ctx.db.query(
      `SELECT count(*)::int AS left FROM application_access_log WHERE application_id = $1`,
      [draft.id],
    );
    expect(left).toBe(reads);
    const [{ cases }] = await ctx.db.query(`SELECT count(*)::int AS cases FROM applications WHERE id = $1`, [draft.id]);
    expect(cases).toBe(0);
  });
});

describeAuditTrail(() => ctx.db, [...OFFICE_PATH_EVENTS, 'close_duplicate']);
