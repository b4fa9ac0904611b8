import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../../config/app-config.js';
import { Clock } from '../../../common/clock/clock.js';
import { TransactionService } from '../../../common/database/transaction.service.js';
import { hasRole, type Principal } from '../../../common/access/principal.js';
import { amountOf, assess, contextFromSnapshot, type StoredContext } from '../../measures/domain/index.js';
import type { MeasureVersion } from '../../measures/measure-version.entity.js';
import { NotificationsService } from '../../notifications/notifications.service.js';
import { Role } from '../../../common/access/role.js';
import { caseRefusal } from '../cases.errors.js';
import { EligibilityDecision } from '../application-records.entity.js';
import type { Application } from '../application.entity.js';
import { amountFor, BudgetService } from '../budget/budget.service.js';
import { mayView, territoryCovers } from '../case-access.js';
import { assertMay, visibleDuplicates, type CaseContext } from '../case-rules.js';
import type { CaseAction } from '../domain/allowed-actions.js';
import { CaseTransitions, statusAfter } from '../case-transitions.js';
import { findReachable, insertReevaluation, lockCase, submittedVersionOf } from '../cases.repository.js';
import { ApplicationStatus as S, isActive } from '../domain/application-status.js';
import { APPEAL, endSuspension, INTEGRATION_MAX_DAYS, PRE_REJECTION_DAYS, romeDate } from '../domain/legal-deadline.js';
import type { ApplicationEvent } from '../domain/state-machine.js';
import { assertDataSize, protectedFields } from '../form-limits.js';
import { assertFormData } from '../form-validation.js';
import type {
  CloseDuplicateDto,
  DecideDto,
  IntegrationResponseDto,
  ObservationsDto,
  PreRejectionDto,
  ProposeDto,
  RequestIntegrationDto,
  RevokeDto,
  TakeInChargeDto,
} from './review.dto.js';
import {
  fieldsProtected,
  observationsAssessmentRequired,
  operatorNotInTerritory,
  recoveryExceedsGrant,
} from './review.errors.js';
import { staffPrincipal } from './review.repository.js';

/** The state-machine event each workflow action records. */
type StepAction = Extract<
  CaseAction,
  'take_in_charge' | 'assign' | 'request_integration' | 'answer_integration' | 'propose' | 'send_pre_rejection_notice'
>;
const EVENT_OF: Record<StepAction, ApplicationEvent> = {
  take_in_charge: 'take_in_charge',
  assign: 'take_in_charge',
  request_integration: 'request_integration',
  answer_integration: 'answer_integration',
  propose: 'propose',
  send_pre_rejection_notice: 'send_pre_rejection_notice',
};

/**
 * The review workflow under L. 241/1990: taking in charge, soccorso istruttorio, proposal,
 * art. 10-bis notice, decision with four eyes, revocation. One transaction per step; every step
 * checks the caller's access to the case and the version read, and records a transition.
 */
@Injectable()
export class ReviewService {
  constructor(
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly budget: BudgetService,
    private readonly notifications: NotificationsService,
    private readonly transitions: CaseTransitions,
    private readonly config: AppConfig,
  ) {}

  takeInCharge(actor: Principal, id: string, dto: TakeInChargeDto) {
    const operatorId = dto.operatorId ?? actor.id;
    return this.step(actor, id, dto.version, operatorId === actor.id ? 'take_in_charge' : 'assign', async (em, app) => {
      if (operatorId !== actor.id) {
        const principal = await staffPrincipal(em, operatorId);
        if (!principal || !hasRole(principal, Role.OPERATOR) || !territoryCovers(principal, app)) {
          throw operatorNotInTerritory();
        }
      }
      app.assignedOperatorId = operatorId;
      return { details: { operatorId } };
    });
  }

  requestIntegration(actor: Principal, id: string, dto: RequestIntegrationDto) {
    return this.step(actor, id, dto.version, 'request_integration', async (em, app) => {
      const now = this.clock.now();
      app.integrationRequestedAt = now;
      app.integrationRequest = {
        message: dto.message,
        days: dto.days,
        requestedAt: now.toISOString(),
        requestedBy: actor.id,
      };
      app.suspendedSince = romeDate(now);
      await this.notifications.enqueue(em, 'integration_request', app, { days: dto.days });
      return { reason: dto.message, details: { days: dto.days } };
    });
  }

  /**
   * The applicant's answer to a soccorso istruttorio. Corrected fields are merged into the data
   * only if the whole passes the version's form schema and no identity, territory or server-set
   * field changes; the changes (field, old, new) go with the transition, and eligibility is
   * re-evaluated on the new data as a new dated snapshot beside the submission's.
   */
  answerIntegration(actor: Principal, id: string, dto: IntegrationResponseDto) {
    return this.step(actor, id, dto.version, 'answer_integration', async (em, app) => {
      const now = this.clock.now();
      const patch = dto.data ?? {};
      const before = app.data;
      const changed = Object.keys(patch)
        .filter((field) => !isDeepStrictEqual(patch[field], app.data[field]))
        .sort();
      let reevaluation: string | null = null;
      if (changed.length > 0) {
        const version = await submittedVersionOf(em, app);
        const def = version.definition;
        const locked = changed.filter((field) => protectedFields(def).includes(field));
        if (locked.length > 0) throw fieldsProtected(locked);
        const merged = { ...app.data, ...patch };
        assertDataSize(merged, this.config.APPLICATION_DRAFT_MAX_BYTES);
        assertFormData(version.contentHash!, def.formSchema, merged);
        reevaluation = await this.reevaluate(em, app, def, version.contentHash!, merged, now);
        app.data = merged;
      }
      app.integrationResponse = { message: dto.message, fields: changed, at: now.toISOString() };
      this.resume(app, INTEGRATION_MAX_DAYS);
      const changes = changed.map((field) => ({ field, from: before[field] ?? null, to: patch[field] }));
      return { reason: dto.message, details: { fields: changed, changes, eligibility: reevaluation } };
    });
  }

  propose(actor: Principal, id: string, dto: ProposeDto) {
    return this.step(actor, id, dto.version, 'propose', async (_em, app) => {
      app.proposal = { outcome: dto.outcome, reasons: dto.reasons, at: this.clock.now().toISOString() };
      app.proposedBy = actor.id;
      if (dto.amountCents !== undefined && app.amountCents === null) app.amountCents = String(dto.amountCents);
      return { reason: dto.reasons, details: { outcome: dto.outcome } };
    });
  }

  /** Art. 10-bis: never on a graduatoria (competitive procedure); never by who proposed or filed. */
  sendPreRejectionNotice(actor: Principal, id: string, dto: PreRejectionDto) {
    return this.step(actor, id, dto.version, 'send_pre_rejection_notice', async (em, app) => {
      const now = this.clock.now();
      app.preRejectionNotice = {
        reasons: dto.reasons,
        sentAt: now.toISOString(),
        sentBy: actor.id,
        days: PRE_REJECTION_DAYS,
      };
      app.suspendedSince = romeDate(now);
      await this.notifications.enqueue(em, 'pre_rejection_notice', app, { days: PRE_REJECTION_DAYS });
      return { reason: dto.reasons };
    });
  }

  submitObservations(actor: Principal, id: string, dto: ObservationsDto) {
    return this.tx.run(async (em) => {
      const app = await this.lock(em, actor, id, dto.version);
      assertMay('submit_observations', actor, app, this.clock.now());
      app.observations = { text: dto.text, at: this.clock.now().toISOString() };
      this.resume(app, PRE_REJECTION_DAYS);
      await this.transitions.move(em, actor, app, 'observations', {
        reason: 'Osservazioni ricevute / observations received',
      });
      return app;
    });
  }

  /** The MANAGER decides; never who proposed nor who filed. Approval reserves funds or waitlists. */
  decide(actor: Principal, id: string, dto: DecideDto) {
    return this.tx.run(async (em) => {
      const peek = await this.visible(em, actor, id);
      const version = await submittedVersionOf(em, peek);
      const account = await this.budget.lockAccount(em, peek.measureId, version.definition.budget);
      const app = await this.lock(em, actor, id, dto.version);
      const from = app.status;
      assertMay(dto.outcome === 'reject' ? 'decide_reject' : 'decide_approve', actor, app, this.clock.now(), {
        amountKnown: amountFor(account, app) !== null,
      });
      if (from === S.PRE_REJECTION_NOTICE && !app.observations) this.resume(app, PRE_REJECTION_DAYS);
      const now = this.clock.now();
      let event: ApplicationEvent;
      if (dto.outcome === 'reject') {
        if (app.observations && !dto.observationsAssessment) throw observationsAssessmentRequired();
        await this.budget.release(em, account, app, actor, 'rejection');
        event = 'decide_reject';
      } else {
        if (app.funding === 'none') await this.budget.bookOrQueue(em, account, app, actor);
        event = app.funding === 'reserved' ? 'decide_approve' : 'decide_waitlist';
      }
      const to = statusAfter(from, event);
      app.decision = {
        outcome: to,
        reasons: dto.reasons,
        observationsAssessment: dto.observationsAssessment ?? null,
        appeal: dto.outcome === 'reject' ? APPEAL : null,
        amountCents: to === S.APPROVED && app.amountCents !== null ? Number(app.amountCents) : null,
        decidedAt: now.toISOString(),
      };
      app.decidedBy = actor.id;
      app.decidedAt = now;
      app.suspendedSince = null;
      await this.transitions.move(em, actor, app, event, { reason: dto.reasons, details: { funding: app.funding } });
      await this.notifications.enqueue(
        em,
        to === S.REJECTED ? 'decision_rejected' : to === S.APPROVED ? 'decision_approved' : 'decision_waitlisted',
        app,
      );
      if (dto.outcome === 'reject') await this.budget.fundQueue(em, account, app.measureId, actor);
      return app;
    });
  }

  /**
   * Closes a possible duplicate: a decision (REJECTED as inadmissible, with reasons and the appeal
   * text), notified like any rejection. The other case must be one of its possible duplicates the
   * MANAGER may see, still active; which one stays out of what the applicant reads (the audit entry names it).
   */
  closeDuplicate(actor: Principal, id: string, dto: CloseDuplicateDto) {
    return this.tx.run(async (em) => {
      const peek = await this.visible(em, actor, id);
      const account = await this.budget.lockExisting(em, peek.measureId);
      const app = await this.lock(em, actor, id, dto.version);
      // Only a case still active: two cases closed against each other would leave none.
      const duplicates = (await visibleDuplicates(em, actor, app)).filter((d) => isActive(d.status));
      assertMay('close_duplicate', actor, app, this.clock.now(), { duplicateVisible: duplicates.length > 0 });
      if (!duplicates.some((d) => d.id === dto.duplicateOf)) {
        throw caseRefusal('APPLICATION_NOT_DUPLICATE', {
          errors: [{ field: 'duplicateOf', messages: ['must be a possible duplicate of the case'] }],
        });
      }
      const now = this.clock.now();
      if (account) await this.budget.release(em, account, app, actor, 'duplicate');
      app.decision = {
        outcome: statusAfter(app.status, 'close_duplicate'),
        reasons: dto.reasons,
        duplicate: true,
        observationsAssessment: null,
        appeal: APPEAL,
        amountCents: null,
        decidedAt: now.toISOString(),
      };
      app.decidedBy = actor.id;
      app.decidedAt = now;
      app.suspendedSince = null;
      await this.transitions.move(em, actor, app, 'close_duplicate', {
        reason: dto.reasons,
        audited: { duplicateOf: dto.duplicateOf },
      });
      await this.notifications.enqueue(em, 'decision_rejected', app);
      if (account) await this.budget.fundQueue(em, account, app.measureId, actor);
      return app;
    });
  }

  revoke(actor: Principal, id: string, dto: RevokeDto) {
    return this.tx.run((em) => this.revokeWithin(em, actor, id, dto));
  }

  /** Revocation inside the caller's transaction (e.g. a failed art. 71 check). */
  async revokeWithin(em: EntityManager, actor: Principal, id: string, dto: RevokeDto): Promise<Application> {
    const peek = await this.visible(em, actor, id);
    const account = await this.budget.lockExisting(em, peek.measureId);
    const app = await this.lock(em, actor, id, dto.version);
    assertMay('revoke', actor, app, this.clock.now());
    if (dto.recoveryAmountCents > Number(app.amountCents ?? 0)) throw recoveryExceedsGrant();
    app.recoveryAmountCents = String(dto.recoveryAmountCents);
    if (account) await this.budget.release(em, account, app, actor, 'revocation');
    await this.transitions.move(em, actor, app, 'revoke', {
      reason: dto.reason,
      details: { recoveryAmountCents: dto.recoveryAmountCents },
    });
    await this.notifications.enqueue(em, 'revocation', app);
    if (account) await this.budget.fundQueue(em, account, app.measureId, actor);
    return app;
  }

  /** A simple step: lock, check the version and the rules for the action, apply, save, record. */
  private step(
    actor: Principal,
    id: string,
    version: number,
    action: StepAction,
    apply: (em: EntityManager, app: Application) => Promise<{ reason?: string; details?: Record<string, unknown> }>,
    ctx: CaseContext = {},
  ) {
    return this.tx.run(async (em) => {
      const app = await this.lock(em, actor, id, version);
      assertMay(action, actor, app, this.clock.now(), ctx);
      await this.transitions.move(em, actor, app, EVENT_OF[action], await apply(em, app));
      return app;
    });
  }

  /** A new dated eligibility snapshot on the case's new data; the submission's stays as it was. */
  private async reevaluate(
    em: EntityManager,
    app: Application,
    def: MeasureVersion['definition'],
    ruleVersionHash: string,
    data: Record<string, unknown>,
    now: Date,
  ): Promise<string> {
    const first = await em.findOneByOrFail(EligibilityDecision, { applicationId: app.id });
    const stored = first.context as unknown as StoredContext;
    const { evaluation, benefit, benefitError } = assess(
      def,
      data,
      contextFromSnapshot({ applicationDate: first.applicationDate, context: stored }),
    );
    await insertReevaluation(em, {
      applicationId: app.id,
      cause: 'integration_answer',
      evaluatedAt: now,
      applicationDate: first.applicationDate,
      inputs: data,
      context: stored,
      ruleVersionHash,
      evaluation,
      benefit,
      benefitError,
    });
    // A booked or queued amount stays as booked; an unbooked case takes the new amount.
    const amount = amountOf(benefit);
    if (app.funding === 'none' && amount !== null) app.amountCents = String(amount);
    return evaluation.outcome;
  }

  private visible(em: EntityManager, actor: Principal, id: string): Promise<Application> {
    return findReachable(em, id, (app) => mayView(actor, app));
  }

  private lock(em: EntityManager, actor: Principal, id: string, version: number): Promise<Application> {
    return lockCase(em, id, (app) => mayView(actor, app), version);
  }

  private resume(app: Application, maxDays: number) {
    const state = endSuspension(
      {
        receivedDate: app.receivedDate!,
        deadlineDays: app.deadlineDays!,
        suspendedDays: app.suspendedDays,
        suspendedSince: app.suspendedSince,
      },
      romeDate(this.clock.now()),
      maxDays,
    );
    app.suspendedDays = state.suspendedDays;
    app.suspendedSince = null;
  }
}
