import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { insertRow } from '../../common/database/insert-row.js';
import { AppError } from '../../common/errors/app-error.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import { hasRole, type Principal } from '../auth/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { MeasureVersion } from '../measures/measure-version.entity.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Role } from '../users/role.js';
import { User } from '../users/user.entity.js';
import { applicationNotFound, illegalTransition, staleCase } from './application-errors.js';
import { ApplicationTransition } from './application-records.entity.js';
import { Application } from './application.entity.js';
import { amountFor, BudgetService } from './budget.service.js';
import { mayView, territoryCovers } from './case-access.js';
import { ApplicationStatus as S } from './domain/application-status.js';
import { endSuspension, romeDate, daysBetween } from './domain/legal-deadline.js';
import { canReject, nextStatus, type ApplicationEvent } from './domain/state-machine.js';
import type {
  DecideDto,
  IntegrationResponseDto,
  ObservationsDto,
  PreRejectionDto,
  ProposeDto,
  RequestIntegrationDto,
  RevokeDto,
  TakeInChargeDto,
} from './dto/review.dto.js';

const PRE_REJECTION_DAYS = 10;
const INTEGRATION_MAX_DAYS = 30;

export const APPEAL = {
  it: 'Contro il presente provvedimento è ammesso ricorso al TAR entro 60 giorni o ricorso straordinario al Presidente della Repubblica entro 120 giorni dalla notifica.',
  en: 'This decision may be appealed to the Regional Administrative Court (TAR) within 60 days, or to the President of the Republic within 120 days of notification.',
};

const forbidden = (code: 'APPLICATION_NOT_ASSIGNED' | 'APPLICATION_FOUR_EYES', it: string, en: string) => new AppError(code, { it, en });

/**
 * The review workflow under L. 241/1990: taking in charge, soccorso istruttorio, proposal,
 * art. 10-bis notice, decision with four eyes, revocation. One transaction per step; every step
 * checks the caller's access to the case and the version read, and records a transition.
 */
@Injectable()
export class ReviewService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly budget: BudgetService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  takeInCharge(actor: Principal, id: string, dto: TakeInChargeDto) {
    return this.step(actor, id, dto.version, 'take_in_charge', async (em, app) => {
      const operatorId = dto.operatorId ?? actor.id;
      if (operatorId !== actor.id) {
        if (!hasRole(actor, Role.MANAGER)) throw forbidden('APPLICATION_NOT_ASSIGNED', 'Solo il responsabile assegna le pratiche ad altri.', 'Only a MANAGER assigns cases to others.');
        const operator = await this.db.getRepository(User).findOneBy({ id: operatorId });
        const principal = operator && (await this.principalOf(em, operator));
        if (!principal || !hasRole(principal, Role.OPERATOR) || !territoryCovers(principal, app)) {
          throw new AppError('VALIDATION_FAILED', { it: "L'istruttore non opera sul territorio della pratica.", en: "The operator does not work on the case's territory." }, {
            errors: [{ field: 'operatorId', messages: ['must be an OPERATOR of the case territory'] }],
          });
        }
      } else if (!hasRole(actor, Role.OPERATOR)) {
        throw forbidden('APPLICATION_NOT_ASSIGNED', 'Solo un istruttore prende in carico la pratica.', 'Only an OPERATOR takes a case in charge.');
      }
      app.assignedOperatorId = operatorId;
      return { details: { operatorId } };
    });
  }

  requestIntegration(actor: Principal, id: string, dto: RequestIntegrationDto) {
    return this.step(actor, id, dto.version, 'request_integration', async (em, app) => {
      this.assertAssigned(actor, app);
      if (app.integrationRequestedAt) {
        throw new AppError('APPLICATION_INTEGRATION_USED', {
          it: 'Il soccorso istruttorio sospende i termini una sola volta: è già stato chiesto.',
          en: 'An integration suspends the deadline only once: it was already requested.',
        });
      }
      const now = this.clock.now();
      app.integrationRequestedAt = now;
      app.integrationRequest = { message: dto.message, days: dto.days, requestedAt: now.toISOString(), requestedBy: actor.id };
      app.suspendedSince = romeDate(now);
      await this.notifications.enqueue(em, 'integration_request', app, { days: dto.days });
      return { reason: dto.message, details: { days: dto.days } };
    });
  }

  answerIntegration(actor: Principal, id: string, dto: IntegrationResponseDto) {
    return this.step(actor, id, dto.version, 'answer_integration', async (_em, app) => {
      if (app.ownerId !== actor.id) throw applicationNotFound();
      const now = this.clock.now();
      if (dto.data) app.data = { ...app.data, ...dto.data };
      app.integrationResponse = { message: dto.message, fields: Object.keys(dto.data ?? {}), at: now.toISOString() };
      this.resume(app, INTEGRATION_MAX_DAYS);
      return { reason: dto.message, details: { fields: Object.keys(dto.data ?? {}) } };
    });
  }

  propose(actor: Principal, id: string, dto: ProposeDto) {
    return this.step(actor, id, dto.version, 'propose', async (_em, app) => {
      this.assertAssigned(actor, app);
      app.proposal = { outcome: dto.outcome, reasons: dto.reasons, at: this.clock.now().toISOString() };
      app.proposedBy = actor.id;
      if (dto.amountCents !== undefined && app.amountCents === null) app.amountCents = String(dto.amountCents);
      return { reason: dto.reasons, details: { outcome: dto.outcome } };
    });
  }

  sendPreRejectionNotice(actor: Principal, id: string, dto: PreRejectionDto) {
    return this.step(actor, id, dto.version, 'send_pre_rejection_notice', async (em, app) => {
      this.assertManagerNotProposer(actor, app);
      const now = this.clock.now();
      app.preRejectionNotice = { reasons: dto.reasons, sentAt: now.toISOString(), sentBy: actor.id, days: PRE_REJECTION_DAYS };
      app.suspendedSince = romeDate(now);
      await this.notifications.enqueue(em, 'pre_rejection_notice', app, { days: PRE_REJECTION_DAYS });
      return { reason: dto.reasons };
    });
  }

  submitObservations(actor: Principal, id: string, dto: ObservationsDto) {
    return this.tx.run(async (em) => {
      const app = await this.lock(em, actor, id, dto.version);
      if (app.ownerId !== actor.id) throw applicationNotFound();
      if (app.status !== S.PRE_REJECTION_NOTICE || app.observations) throw illegalTransition(app.status, 'observations');
      const now = this.clock.now();
      app.observations = { text: dto.text, at: now.toISOString() };
      this.resume(app, PRE_REJECTION_DAYS);
      app.updatedAt = now;
      await em.save(Application, app);
      await this.record(em, actor, app, app.status, 'observations', 'Osservazioni ricevute / observations received', null);
      return app;
    });
  }

  /** The MANAGER decides; never the one who proposed. Approval reserves funds or waitlists. */
  decide(actor: Principal, id: string, dto: DecideDto) {
    return this.tx.run(async (em) => {
      const peek = await this.visible(em, actor, id);
      const version = await em.findOneByOrFail(MeasureVersion, { id: peek.measureVersionId! });
      const account = await this.budget.lockAccount(em, peek.measureId, version.definition.budget);
      const app = await this.lock(em, actor, id, dto.version);
      this.assertManagerNotProposer(actor, app);
      const from = app.status;
      const event: ApplicationEvent = dto.outcome === 'reject' ? 'decide_reject' : 'decide_approve';
      if (!nextStatus(from, event)) throw illegalTransition(from, 'decide');
      if (dto.outcome === 'approve' && app.procedureType === 'graduatoria') {
        throw new AppError('APPLICATION_RANKING_REQUIRED', {
          it: 'In una graduatoria ammissione e finanziamento si decidono con la pubblicazione della graduatoria.',
          en: 'In a graduatoria, admission and funding are decided by publishing the ranking.',
        });
      }
      if (from === S.PRE_REJECTION_NOTICE && !app.observations) {
        const sent = String(app.preRejectionNotice?.sentAt ?? '');
        if (daysBetween(romeDate(new Date(sent)), romeDate(this.clock.now())) < PRE_REJECTION_DAYS) {
          throw new AppError('APPLICATION_NOTICE_RUNNING', {
            it: 'I 10 giorni per le osservazioni (art. 10-bis) non sono ancora trascorsi.',
            en: 'The 10 days for observations (art. 10-bis) have not elapsed yet.',
          });
        }
        this.resume(app, PRE_REJECTION_DAYS);
      }
      const budgetActor = { id: actor.id, role: Role.MANAGER };
      const now = this.clock.now();
      if (dto.outcome === 'reject') {
        if (!canReject(from, app.procedureType ?? 'a_sportello')) {
          throw new AppError('APPLICATION_PRE_REJECTION_REQUIRED', {
            it: 'Prima del rigetto va inviato il preavviso (art. 10-bis L. 241/1990).',
            en: 'A rejection needs the notice of intended rejection first (art. 10-bis L. 241/1990).',
          });
        }
        if (app.observations && !dto.observationsAssessment) {
          throw new AppError('VALIDATION_FAILED', { it: 'Il rigetto deve dire perché le osservazioni non sono accolte.', en: 'The rejection must say why the observations were not accepted.' }, {
            errors: [{ field: 'observationsAssessment', messages: ['required when the applicant sent observations'] }],
          });
        }
        app.status = S.REJECTED;
        await this.budget.release(em, account, app, budgetActor, 'rejection');
      } else {
        if (amountFor(account, app) === null) {
          throw new AppError('APPLICATION_AMOUNT_UNKNOWN', { it: "L'importo del beneficio non è determinato: indicarlo nella proposta.", en: 'The benefit amount is unknown: set it in the proposal.' });
        }
        if (app.funding === 'none') await this.budget.bookOrQueue(em, account, app, budgetActor);
        app.status = app.funding === 'reserved' ? S.APPROVED : S.WAITLISTED;
      }
      app.decision = {
        outcome: app.status,
        reasons: dto.reasons,
        observationsAssessment: dto.observationsAssessment ?? null,
        appeal: dto.outcome === 'reject' ? APPEAL : null,
        amountCents: app.status === S.APPROVED && app.amountCents !== null ? Number(app.amountCents) : null,
        decidedAt: now.toISOString(),
      };
      app.decidedBy = actor.id;
      app.decidedAt = now;
      app.suspendedSince = null;
      app.updatedAt = now;
      await em.save(Application, app);
      await this.notifications.enqueue(em, app.status === S.REJECTED ? 'decision_rejected' : app.status === S.APPROVED ? 'decision_approved' : 'decision_waitlisted', app);
      await this.record(em, actor, app, from, dto.outcome === 'reject' ? 'decide_reject' : app.status === S.APPROVED ? 'decide_approve' : 'decide_waitlist', dto.reasons, { funding: app.funding });
      if (dto.outcome === 'reject') await this.budget.fundQueue(em, account, app.measureId, budgetActor);
      return app;
    });
  }

  revoke(actor: Principal, id: string, dto: RevokeDto) {
    return this.tx.run((em) => this.revokeWithin(em, actor, id, dto));
  }

  /** Revocation inside the caller's transaction (e.g. a failed art. 71 check). */
  async revokeWithin(em: EntityManager, actor: Principal, id: string, dto: RevokeDto): Promise<Application> {
    {
      const peek = await this.visible(em, actor, id);
      const account = await this.budget.lockExisting(em, peek.measureId);
      const app = await this.lock(em, actor, id, dto.version);
      if (!hasRole(actor, Role.MANAGER)) throw forbidden('APPLICATION_NOT_ASSIGNED', 'Solo il responsabile revoca un beneficio.', 'Only a MANAGER revokes a benefit.');
      if (!nextStatus(app.status, 'revoke')) throw illegalTransition(app.status, 'revoke');
      if (dto.recoveryAmountCents > Number(app.amountCents ?? 0)) {
        throw new AppError('VALIDATION_FAILED', { it: "L'importo da recuperare supera quello concesso.", en: 'The amount to recover exceeds the amount granted.' }, {
          errors: [{ field: 'recoveryAmountCents', messages: ['must not exceed the amount granted'] }],
        });
      }
      const from = app.status;
      app.status = S.REVOKED;
      app.recoveryAmountCents = String(dto.recoveryAmountCents);
      app.updatedAt = this.clock.now();
      const budgetActor = { id: actor.id, role: Role.MANAGER };
      if (account) await this.budget.release(em, account, app, budgetActor, 'revocation');
      await em.save(Application, app);
      await this.record(em, actor, app, from, 'revoke', dto.reason, { recoveryAmountCents: dto.recoveryAmountCents });
      await this.notifications.enqueue(em, 'revocation', app);
      if (account) await this.budget.fundQueue(em, account, app.measureId, budgetActor);
      return app;
    }
  }

  /** A simple step: lock, check the version and the transition, apply, save, record. */
  private step(
    actor: Principal,
    id: string,
    version: number,
    event: ApplicationEvent,
    apply: (em: EntityManager, app: Application) => Promise<{ reason?: string; details?: Record<string, unknown> }>,
  ) {
    return this.tx.run(async (em) => {
      const app = await this.lock(em, actor, id, version);
      const from = app.status;
      const to = nextStatus(from, event);
      if (!to) throw illegalTransition(from, event);
      const { reason, details } = await apply(em, app);
      app.status = to;
      app.updatedAt = this.clock.now();
      await em.save(Application, app);
      await this.record(em, actor, app, from, event, reason ?? null, details ?? null);
      return app;
    });
  }

  private async visible(em: EntityManager, actor: Principal, id: string): Promise<Application> {
    const app = await em.findOneBy(Application, { id });
    if (!app || !mayView(actor, app)) throw applicationNotFound();
    return app;
  }

  private async lock(em: EntityManager, actor: Principal, id: string, version: number): Promise<Application> {
    const app = await em.findOne(Application, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!app || !mayView(actor, app)) throw applicationNotFound();
    if (app.version !== version) throw staleCase();
    return app;
  }

  private assertAssigned(actor: Principal, app: Application) {
    if (app.assignedOperatorId !== actor.id) {
      throw forbidden('APPLICATION_NOT_ASSIGNED', "La pratica è assegnata a un altro istruttore.", 'The case is assigned to another operator.');
    }
  }

  private assertManagerNotProposer(actor: Principal, app: Application) {
    if (!hasRole(actor, Role.MANAGER)) throw forbidden('APPLICATION_NOT_ASSIGNED', 'Solo il responsabile del procedimento decide.', 'Only the MANAGER decides.');
    if (app.proposedBy === actor.id) {
      throw forbidden('APPLICATION_FOUR_EYES', 'Chi ha proposto non può decidere la stessa pratica (quattro occhi).', 'Who proposed cannot decide the same case (four eyes).');
    }
  }

  private resume(app: Application, maxDays: number) {
    const state = endSuspension(
      { receivedDate: app.receivedDate!, deadlineDays: app.deadlineDays!, suspendedDays: app.suspendedDays, suspendedSince: app.suspendedSince },
      romeDate(this.clock.now()),
      maxDays,
    );
    app.suspendedDays = state.suspendedDays;
    app.suspendedSince = null;
  }

  private async record(em: EntityManager, actor: Principal, app: Application, from: string, event: string, reason: string | null, details: Record<string, unknown> | null) {
    await insertRow(em, ApplicationTransition, {
      applicationId: app.id,
      fromStatus: from,
      toStatus: app.status,
      event,
      actorId: actor.id,
      actorRole: actor.roles.join(','),
      reason,
      details,
      at: this.clock.now(),
    });
    await this.audit.record(em, {
      actor,
      action: 'application.transitioned',
      target: { type: 'application', id: app.id },
      change: { event, from, to: app.status },
    });
  }

  private async principalOf(em: EntityManager, user: User): Promise<Principal> {
    const scopes = (await em.query(`SELECT ats_code, ambito_code FROM user_scopes WHERE user_id = $1`, [user.id])) as { ats_code: string | null; ambito_code: string | null }[];
    return {
      id: user.id,
      roles: user.disabledAt ? [] : user.roles,
      scope: { atsCodes: scopes.flatMap((s) => (s.ats_code ? [s.ats_code] : [])), ambitoCodes: scopes.flatMap((s) => (s.ambito_code ? [s.ambito_code] : [])) },
    };
  }
}
