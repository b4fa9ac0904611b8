// The review workflow at service level: ReviewService on a real database cloned from the
// template, called directly without HTTP. Every test builds the people and the case it needs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { IntakeService } from '../../src/modules/applications/intake/intake.service.js';
import { ReviewService } from '../../src/modules/applications/review/review.service.js';
import type { Principal } from '../../src/common/access/principal.js';
import { SAMPLE_APPLICATIONS } from '../../src/modules/measures/domain/reference-measures/sample-applications.js';
import type { VersionContentDto } from '../../src/modules/measures/dto/version-content.dto.js';
import { MeasuresAdminService } from '../../src/modules/measures/measures-admin.service.js';
import { Role } from '../../src/common/access/role.js';
import { uniqueFiscalCode } from '../support/fiscal-codes.js';
import { content, rankedGrant } from '../support/measure-fixtures.js';
import { ATS_BERGAMO, ATS_MILANO, MILANO } from '../support/places.js';
import { createServiceContext, TEST_START, type ServiceContext } from '../support/service-app.js';

const DAY = 86_400_000;
let ctx: ServiceContext;
let review: ReviewService;
let intake: IntakeService;

beforeAll(async () => {
  ctx = await createServiceContext();
  review = ctx.module.get(ReviewService);
  intake = ctx.module.get(IntakeService);
});
beforeEach(() => ctx.clock.set(TEST_START));
afterAll(() => ctx.close());

const applicant = () => ctx.principal(Role.APPLICANT, { residence: MILANO });
const operator = (ats = ATS_MILANO) => ctx.principal(Role.OPERATOR, { atsCodes: [ats] });
const manager = (ats = ATS_MILANO) => ctx.principal(Role.MANAGER, { atsCodes: [ats] });
const b1 = () => ({ ...SAMPLE_APPLICATIONS['B1-FNA-2025'], beneficiaryFiscalCode: uniqueFiscalCode() });

/** A case submitted by `owner` (a Misura B1 case in Milano, ATS 321, unless told otherwise). */
async function submitted(owner: Principal, measureCode = 'B1-FNA-2025', data: Record<string, unknown> = b1()) {
  const draft = await intake.createDraft(owner, measureCode, data);
  await intake.submit(owner, draft.id, undefined);
  const [{ version }] = (await ctx.db.query(`SELECT version FROM applications WHERE id = $1`, [draft.id])) as {
    version: number;
  }[];
  return { id: draft.id, version };
}

/** A case in review, taken in charge by `op`. */
async function inReview(op: Principal, owner?: Principal, measureCode?: string, data?: Record<string, unknown>) {
  const { id, version } = await submitted(owner ?? (await applicant()), measureCode, data);
  return review.takeInCharge(op, id, { version });
}

/** A case proposed for `outcome` by `op`. */
async function proposed(op: Principal, outcome: 'approve' | 'reject' = 'approve', owner?: Principal) {
  const app = await inReview(op, owner);
  return review.propose(op, app.id, { version: app.version, outcome, reasons: 'Requisiti verificati' });
}

const refusal = (code: string) => expect.objectContaining({ code });

describe('taking in charge', () => {
  it('an OPERATOR of the territory takes a submitted case; one of another ATS does not find it', async () => {
    const op = await operator();
    const { id, version } = await submitted(await applicant());
    await expect(review.takeInCharge(await operator(ATS_BERGAMO), id, { version })).rejects.toEqual(
      refusal('APPLICATION_NOT_FOUND'),
    );
    const app = await review.takeInCharge(op, id, { version });
    expect(app).toMatchObject({ status: 'IN_REVIEW', assignedOperatorId: op.id });
  });

  it('a stale version is refused and changes nothing', async () => {
    const { id, version } = await submitted(await applicant());
    await expect(review.takeInCharge(await operator(), id, { version: version - 1 })).rejects.toEqual(
      refusal('APPLICATION_STALE'),
    );
    const [row] = await ctx.db.query(`SELECT status, version FROM applications WHERE id = $1`, [id]);
    expect(row).toEqual({ status: 'SUBMITTED', version });
  });

  it('a MANAGER assigns the case only to an OPERATOR of its territory', async () => {
    const mgr = await manager();
    const op = await operator();
    const { id, version } = await submitted(await applicant());
    await expect(
      review.takeInCharge(mgr, id, { version, operatorId: (await operator(ATS_BERGAMO)).id }),
    ).rejects.toEqual(refusal('VALIDATION_FAILED'));
    const app = await review.takeInCharge(mgr, id, { version, operatorId: op.id });
    expect(app).toMatchObject({ status: 'IN_REVIEW', assignedOperatorId: op.id });
  });
});

describe('soccorso istruttorio', () => {
  it('only the assigned OPERATOR asks; the request suspends the deadline, the answer resumes it', async () => {
    const op = await operator();
    const owner = await applicant();
    const app = await inReview(op, owner);
    await expect(
      review.requestIntegration(await operator(), app.id, {
        version: app.version,
        message: 'Allegare il verbale',
        days: 10,
      }),
    ).rejects.toEqual(refusal('APPLICATION_NOT_ASSIGNED'));
    const asked = await review.requestIntegration(op, app.id, {
      version: app.version,
      message: 'Allegare il verbale',
      days: 10,
    });
    expect(asked).toMatchObject({ status: 'INTEGRATION_REQUESTED', suspendedSince: '2026-03-02' });
    ctx.clock.advance(3 * DAY);
    const answered = await review.answerIntegration(owner, app.id, { version: asked.version, message: 'Allegato' });
    expect(answered).toMatchObject({ status: 'IN_REVIEW', suspendedSince: null });
  });

  it('is asked once: a second request is refused', async () => {
    const op = await operator();
    const owner = await applicant();
    const app = await inReview(op, owner);
    const asked = await review.requestIntegration(op, app.id, {
      version: app.version,
      message: 'Allegare il verbale',
      days: 10,
    });
    const answered = await review.answerIntegration(owner, app.id, { version: asked.version, message: 'Allegato' });
    await expect(
      review.requestIntegration(op, app.id, { version: answered.version, message: 'Ancora', days: 5 }),
    ).rejects.toEqual(refusal('APPLICATION_INTEGRATION_USED'));
  });
});

describe('proposal and four eyes', () => {
  it('only the assigned OPERATOR proposes', async () => {
    const app = await inReview(await operator());
    await expect(
      review.propose(await operator(), app.id, {
        version: app.version,
        outcome: 'approve',
        reasons: 'Requisiti verificati',
      }),
    ).rejects.toEqual(refusal('APPLICATION_NOT_ASSIGNED'));
  });

  it('who proposed cannot decide the same case; another MANAGER can', async () => {
    const both = await ctx.principal([Role.OPERATOR, Role.MANAGER], { atsCodes: [ATS_MILANO] });
    const app = await proposed(both);
    await expect(
      review.decide(both, app.id, { version: app.version, outcome: 'approve', reasons: 'Accolta' }),
    ).rejects.toEqual(refusal('APPLICATION_FOUR_EYES'));
    expect(
      await review.decide(await manager(), app.id, { version: app.version, outcome: 'approve', reasons: 'Accolta' }),
    ).toMatchObject({ status: 'APPROVED' });
  });

  it('who filed the case cannot decide it nor send the art. 10-bis notice', async () => {
    const filer = await ctx.principal([Role.APPLICANT, Role.MANAGER], { residence: MILANO, atsCodes: [ATS_MILANO] });
    const app = await proposed(await operator(), 'approve', filer);
    await expect(
      review.decide(filer, app.id, { version: app.version, outcome: 'approve', reasons: 'Accolta' }),
    ).rejects.toEqual(refusal('APPLICATION_FILER_CANNOT_DECIDE'));
    await expect(
      review.sendPreRejectionNotice(filer, app.id, { version: app.version, reasons: 'Motivi ostativi' }),
    ).rejects.toEqual(refusal('APPLICATION_FILER_CANNOT_DECIDE'));
  });
});

describe('art. 10-bis and the decision', () => {
  it('a rejection a sportello needs the notice; it waits 10 days unless observations arrive', async () => {
    const mgr = await manager();
    const app = await proposed(await operator(), 'reject');
    await expect(
      review.decide(mgr, app.id, { version: app.version, outcome: 'reject', reasons: 'Non ammessa' }),
    ).rejects.toEqual(refusal('APPLICATION_PRE_REJECTION_REQUIRED'));
    const notice = await review.sendPreRejectionNotice(mgr, app.id, {
      version: app.version,
      reasons: 'Manca la certificazione',
    });
    expect(notice.status).toBe('PRE_REJECTION_NOTICE');
    await expect(
      review.decide(mgr, app.id, { version: notice.version, outcome: 'reject', reasons: 'Non ammessa' }),
    ).rejects.toEqual(refusal('APPLICATION_NOTICE_RUNNING'));
    ctx.clock.advance(11 * DAY);
    const rejected = await review.decide(mgr, app.id, {
      version: notice.version,
      outcome: 'reject',
      reasons: 'Non ammessa',
    });
    expect(rejected).toMatchObject({ status: 'REJECTED', funding: 'none' });
    expect(rejected.decision?.appeal).toMatchObject({ it: expect.stringMatching(/TAR entro 60 giorni/) });
  });

  it('is never sent on a graduatoria: the rejection needs no notice there', async () => {
    const code = `GRADUATORIA-MEDIUM-${Date.now().toString(36).toUpperCase()}`;
    const admin = await ctx.principal(Role.ADMIN);
    await ctx.module
      .get(MeasuresAdminService)
      .create(admin, content(rankedGrant(code)) as unknown as VersionContentDto);
    await ctx.module.get(MeasuresAdminService).publish(admin, code, 1, {});
    const op = await operator();
    const mgr = await manager();
    const app = await inReview(op, undefined, code, {
      beneficiaryFiscalCode: uniqueFiscalCode(),
      residenceIstatCode: MILANO,
      iseeType: 'ordinario',
      iseeValue: '9000',
    });
    const prop = await review.propose(op, app.id, {
      version: app.version,
      outcome: 'reject',
      reasons: 'ISEE oltre la soglia',
    });
    await expect(
      review.sendPreRejectionNotice(mgr, app.id, { version: prop.version, reasons: 'ISEE oltre la soglia' }),
    ).rejects.toEqual(refusal('PRE_REJECTION_NOT_APPLICABLE'));
    const [row] = await ctx.db.query(`SELECT status, version, pre_rejection_notice FROM applications WHERE id = $1`, [
      app.id,
    ]);
    expect(row).toEqual({ status: 'PROPOSED', version: prop.version, pre_rejection_notice: null });
    expect(
      await review.decide(mgr, app.id, { version: prop.version, outcome: 'reject', reasons: 'Non ammessa' }),
    ).toMatchObject({ status: 'REJECTED' });
  });

  it('an approval reserves the amount and records each transition with its audit entry', async () => {
    const mgr = await manager();
    const app = await proposed(await operator());
    const decided = await review.decide(mgr, app.id, { version: app.version, outcome: 'approve', reasons: 'Accolta' });
    expect(decided).toMatchObject({ status: 'APPROVED', funding: 'reserved', decidedBy: mgr.id });
    const transitions = await ctx.db.query(
      `SELECT event FROM application_transitions WHERE application_id = $1 ORDER BY id`,
      [app.id],
    );
    expect(transitions.map((t: { event: string }) => t.event)).toEqual([
      'submit',
      'take_in_charge',
      'propose',
      'decide_approve',
    ]);
    const audited = await ctx.db.query(
      `SELECT change->>'event' AS event FROM audit_log WHERE target_id = $1 AND action = 'application.transitioned' ORDER BY seq`,
      [app.id],
    );
    expect(audited.map((a: { event: string }) => a.event)).toEqual([
      'submit',
      'take_in_charge',
      'propose',
      'decide_approve',
    ]);
  });
});

describe('revocation', () => {
  it('only a MANAGER revokes, never for more than was granted; the amount to recover is recorded', async () => {
    const op = await operator();
    const mgr = await manager();
    const app = await proposed(op);
    const approved = await review.decide(mgr, app.id, { version: app.version, outcome: 'approve', reasons: 'Accolta' });
    const granted = Number(approved.amountCents);
    await expect(
      review.revoke(op, app.id, {
        version: approved.version,
        reason: 'Controllo art. 71 negativo',
        recoveryAmountCents: granted,
      }),
    ).rejects.toEqual(refusal('APPLICATION_ROLE_REQUIRED'));
    await expect(
      review.revoke(mgr, app.id, {
        version: approved.version,
        reason: 'Controllo art. 71 negativo',
        recoveryAmountCents: granted + 1,
      }),
    ).rejects.toEqual(refusal('VALIDATION_FAILED'));
    const revoked = await review.revoke(mgr, app.id, {
      version: approved.version,
      reason: 'Controllo art. 71 negativo',
      recoveryAmountCents: granted,
    });
    expect(revoked).toMatchObject({ status: 'REVOKED', funding: 'none', recoveryAmountCents: String(granted) });
  });
});
