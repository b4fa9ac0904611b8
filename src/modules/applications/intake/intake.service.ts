import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock/clock.js';
import { AppConfig } from '../../../config/app-config.js';
import { logContext } from '../../../common/logging/logger.js';
import { insertRow } from '../../../common/database/insert-row.js';
import { AppError } from '../../../common/errors/app-error.js';
import { uniqueViolation } from '../../../common/database/pg-errors.js';
import { TransactionService } from '../../../common/database/transaction.service.js';
import type { Principal } from '../../../common/access/principal.js';
import {
  amountOf,
  applicationDateInRome,
  assess,
  contextFromSnapshot,
  requiredDocumentsFor,
} from '../../measures/domain/index.js';
import { inForceForMeasure } from '../../measures/measure-versions.repository.js';
import { MeasureVersion } from '../../measures/measure-version.entity.js';
import { Measure } from '../../measures/measure.entity.js';
import { isOpen } from '../../measures/measure-views.js';
import { AuditService } from '../../audit-log/audit.service.js';
import { NotificationsService } from '../../notifications/notifications.service.js';
import { TerritoryService } from '../../territory/territory.service.js';
import { Role } from '../../../common/access/role.js';
import { User } from '../../users/user.entity.js';
import { applicationNotFound, illegalTransition, windowClosed } from '../cases.errors.js';
import { ApplicationSnapshot, EligibilityDecision } from '../application-records.entity.js';
import { actorRoleOf, CaseTransitions } from '../case-transitions.js';
import { findCase, findReachable, lockCase, submittedVersionOf } from '../cases.repository.js';
import { Application } from '../application.entity.js';
import { BudgetService } from '../budget/budget.service.js';
import { ApplicationStatus } from '../domain/application-status.js';
import { deadlineDate } from '../domain/legal-deadline.js';
import { assertMay } from '../case-rules.js';
import { assertDataSize } from '../form-limits.js';
import type { ReceiptDto } from './intake.dto.js';
import { assertFormData } from '../form-validation.js';
import { ProtocolService } from './protocol.service.js';
import { draftLimit, duplicateOfOwn, idempotencyKeyReused, roleNotAllowed, unknownMeasure } from './intake.errors.js';
import { insertDuplicateLinks, lockedActiveCasesFor, lockedOpenDrafts, officerInCharge } from './intake.repository.js';
import { ApplicationDocument } from '../documents/application-document.entity.js';
import { DocumentStorage } from '../documents/document-storage.js';
import { documentHashes } from '../documents/documents.service.js';

/** A submission's outcome: registered now, or registered before under the same Idempotency-Key. */
type Submission = { kind: 'registered'; receipt: ReceiptDto } | { kind: 'replayed'; applicationId: string };

/** Drafts and submission: from the citizen's (or the CAV's) form to a registered case. */
@Injectable()
export class IntakeService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly protocol: ProtocolService,
    private readonly budget: BudgetService,
    private readonly territory: TerritoryService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly transitions: CaseTransitions,
    private readonly storage: DocumentStorage,
  ) {}

  private readonly logger = new Logger('Intake');

  /** A new draft, within the account's bound of open drafts and the size bound of form data. */
  createDraft(actor: Principal, measureCode: string, data: Record<string, unknown>): Promise<Application> {
    return this.tx.run(async (em) => {
      const { measure, version } = await this.openVersion(em, measureCode);
      this.assertMayApply(actor, version);
      assertDataSize(data, this.config.APPLICATION_DRAFT_MAX_BYTES);
      const open = await lockedOpenDrafts(em, actor.id);
      const max = this.config.APPLICATION_MAX_OPEN_DRAFTS;
      if (open >= max) throw draftLimit(open, max);
      await this.territory.assertCovers(
        version.territorialScope,
        typeof data.residenceIstatCode === 'string' ? data.residenceIstatCode : null,
        em,
      );
      const now = this.clock.now();
      const row = em.create(Application, {
        measureId: measure.id,
        ownerId: actor.id,
        ownerRole: actor.roles.includes(Role.CAV_OPERATOR) ? 'CAV_OPERATOR' : 'APPLICANT',
        status: ApplicationStatus.DRAFT,
        data,
        sealed: version.definition.sealed,
        suspendedDays: 0,
        funding: 'none',
        reservedAmount: '0',
        createdAt: now,
        updatedAt: now,
      });
      return em.save(Application, row);
    });
  }

  updateDraft(actor: Principal, id: string, version: number, data: Record<string, unknown>): Promise<Application> {
    return this.tx.run(async (em) => {
      const app = await this.lockOwned(em, actor, id, version);
      assertMay('update_draft', actor, app, this.clock.now());
      assertDataSize(data, this.config.APPLICATION_DRAFT_MAX_BYTES);
      app.data = data;
      app.updatedAt = this.clock.now();
      return em.save(Application, app);
    });
  }

  /**
   * Registers the application, in one transaction: form validated against the version in
   * force, eligibility evaluated and its snapshot stored, protocol number and receipt time
   * assigned, funds booked for an a-sportello measure. A retry with the same Idempotency-Key
   * returns the same receipt.
   *
   * The answer never depends on other people's cases: a beneficiary named in another account's
   * active case is registered as usual and linked to it as a possible duplicate (seen only by
   * staff who may see both). Only the caller's own active case for the same beneficiary refuses
   * the submission; that refusal is audited too.
   */
  async submit(actor: Principal, id: string, idempotencyKey: string | undefined): Promise<ReceiptDto> {
    try {
      const result = await this.tx.run((em) => this.submitIn(em, actor, id, idempotencyKey));
      if (result.kind === 'registered') return result.receipt;
      // A retried submission: the receipt of what was registered then.
      const registered = await findCase(this.db.manager, result.applicationId);
      if (!registered) throw applicationNotFound();
      return await this.receiptOf(this.db.manager, registered);
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (
        (error instanceof AppError && error.code === 'APPLICATION_DUPLICATE') ||
        constraint === 'applications_one_active_per_owner_beneficiary'
      ) {
        await this.tx.run((em) =>
          this.audit.record(em, {
            actor,
            action: 'application.duplicate_refused',
            target: { type: 'application', id },
            change: { event: 'submit' },
          }),
        );
        throw duplicateOfOwn();
      }
      if (constraint === 'applications_owner_id_submit_idempotency_key_key') {
        throw idempotencyKeyReused();
      }
      throw error;
    }
  }

  /** The receipt of the registration, or the case this key had already registered. */
  private async submitIn(
    em: EntityManager,
    actor: Principal,
    id: string,
    idempotencyKey: string | undefined,
  ): Promise<Submission> {
    const app = await this.lockOwned(em, actor, id);
    if (app.status !== ApplicationStatus.DRAFT) {
      if (idempotencyKey && app.submitIdempotencyKey === idempotencyKey) {
        return { kind: 'replayed', applicationId: app.id };
      }
      throw illegalTransition(app.status, 'submit');
    }
    const measure = await em.findOneByOrFail(Measure, { id: app.measureId });
    const now = this.clock.now();
    const version = await inForceForMeasure(em, measure.id, now);
    if (!version || !isOpen(version, now)) throw windowClosed();
    this.assertMayApply(actor, version);
    const def = version.definition;
    const data = this.withServerFacts(actor, app.data, def.formSchema);
    assertFormData(version.contentHash!, def.formSchema, data);

    const owner = await em.findOneByOrFail(User, { id: actor.id });
    // The beneficiary's residence; a CAV applies for a woman whose address stays out of the form.
    const declared = typeof data.residenceIstatCode === 'string' ? data.residenceIstatCode : null;
    const residenceCode = declared ?? (app.ownerRole === 'APPLICANT' ? owner.residenceMunicipalityCode : null);
    await this.territory.assertCovers(version.territorialScope, residenceCode, em);
    const residence =
      (await this.territory.residenceOf(residenceCode, em)) ??
      (typeof data.province === 'string' ? await this.territory.atsOfProvince(data.province, em) : null);
    const applicationDate = applicationDateInRome(now);
    // The context is what the snapshot stores, so a re-run rebuilds exactly this one.
    const stored = { residenceIstatCode: residenceCode, residence };
    const context = contextFromSnapshot({ applicationDate, context: stored });
    const { evaluation, benefit, benefitError } = assess(def, data, context);

    const beneficiary = String(data[def.beneficiaryFiscalCodeField]);
    const others = await lockedActiveCasesFor(em, app, beneficiary);
    if (others.some((o) => o.ownerId === actor.id)) throw duplicateOfOwn();

    // Everything that does not need the protocol number is written first, outside the
    // serialised section: the case's bound version and territory, the snapshots.
    await em.update(Application, { id: app.id }, {
      measureVersionId: version.id,
      data,
      beneficiaryFiscalCode: beneficiary,
      residenceIstatCode: residenceCode && residence ? residenceCode : null,
      atsCode: residence?.atsCode ?? null,
      ambitoCode: residence?.ambitoCode ?? null,
      managingKind: version.managingBody.kind,
      managingCode: version.managingBody.code,
      procedureType: def.procedure.type,
      sealed: def.sealed,
      deadlineDays: def.procedure.deadlineDays,
      amountCents: amountOf(benefit) === null ? null : String(amountOf(benefit)),
      submitIdempotencyKey: idempotencyKey ?? null,
    } as Partial<Application> as never);
    // Missing documents do not block the receipt: the officer asks for them (soccorso istruttorio).
    const documents = await documentHashes(em, app.id);
    const attached = new Set(documents.map((d) => d.requiredDocumentId));
    await insertRow(em, ApplicationSnapshot, {
      applicationId: app.id,
      measureVersionId: version.id,
      measureContentHash: version.contentHash!,
      submittedData: data,
      documentHashes: documents,
      missingDocuments: requiredDocumentsFor(def, data, context)
        .map((d) => d.id)
        .filter((id) => !attached.has(id)),
    });
    await insertRow(em, EligibilityDecision, {
      applicationId: app.id,
      evaluatedAt: now,
      applicationDate,
      inputs: data,
      context: stored,
      ruleVersionHash: version.contentHash!,
      outcome: evaluation.outcome,
      explanation: evaluation.rules as unknown[],
      factIssues: evaluation.factIssues as unknown[],
      benefit,
      benefitError,
    });
    const book =
      def.procedure.type === 'a_sportello' && def.budget.kind === 'money' && evaluation.outcome !== 'not_eligible';
    if (book && def.budget.kind === 'money') await this.budget.ensureAccount(em, app.measureId, def.budget);

    const notice = await this.notifications.prepare(em, 'receipt', { id: app.id });
    const officer = await officerInCharge(em, {
      managingKind: version.managingBody.kind,
      managingCode: version.managingBody.code,
      atsCode: residence?.atsCode ?? null,
    });
    // Then the serialised part, from the protocol lock to commit: one statement registering the
    // case (number, receipt time, booking, transition, audit) and one writing the receipt notice.
    const registered = await this.protocol.register(em, {
      applicationId: app.id,
      measureId: app.measureId,
      now,
      actorId: actor.id,
      actorRole: actorRoleOf(actor),
      book,
      amount: book ? amountOf(benefit) : null,
      eligibility: evaluation.outcome,
      requestId: logContext.getStore()?.reqId ?? null,
    });
    await this.notifications.write(em, notice, { protocolNumber: registered.protocolNumber });
    if (others.length > 0) {
      await this.flagPossibleDuplicate(
        em,
        actor,
        app.id,
        others.map((o) => o.id),
        now,
      );
    }
    const receipt: ReceiptDto = {
      applicationId: app.id,
      protocolNumber: registered.protocolNumber,
      receivedAt: registered.receivedAt.toISOString(),
      deadlineDate: deadlineDate({
        receivedDate: registered.receivedDate,
        deadlineDays: def.procedure.deadlineDays,
        suspendedDays: 0,
        suspendedSince: null,
      }),
      deadlineDays: def.procedure.deadlineDays,
      office: { ...def.managingBody },
      officerInCharge: officer,
      measureCode: measure.code,
      measureVersion: version.version,
      status: ApplicationStatus.SUBMITTED,
    };
    return { kind: 'registered', receipt };
  }

  async receiptOf(em: EntityManager, app: Application, known?: MeasureVersion): Promise<ReceiptDto> {
    const version = known ?? (await submittedVersionOf(em, app));
    const measure = await em.findOneByOrFail(Measure, { id: app.measureId });
    return {
      applicationId: app.id,
      protocolNumber: app.protocolNumber!,
      receivedAt: app.receivedAt!.toISOString(),
      deadlineDate: deadlineDate({
        receivedDate: app.receivedDate!,
        deadlineDays: app.deadlineDays!,
        suspendedDays: 0,
        suspendedSince: null,
      }),
      deadlineDays: app.deadlineDays!,
      office: { ...version.definition.managingBody },
      officerInCharge: await officerInCharge(em, app),
      measureCode: measure.code,
      measureVersion: version.version,
      status: app.status,
    };
  }

  /** Links a registered case to the other accounts' active cases for its beneficiary; audited (ids only). */
  private async flagPossibleDuplicate(
    em: EntityManager,
    actor: Principal,
    applicationId: string,
    others: string[],
    now: Date,
  ): Promise<void> {
    await insertDuplicateLinks(em, applicationId, others, now);
    await this.audit.record(em, {
      actor,
      action: 'application.duplicate_flagged',
      target: { type: 'application', id: applicationId },
      change: { otherApplicationIds: others },
    });
  }

  withdraw(actor: Principal, id: string, version: number, reason: string): Promise<Application> {
    return this.tx.run(async (em) => {
      const peek = await findReachable(em, id, (a) => a.ownerId === actor.id);
      const account = await this.budget.lockExisting(em, peek.measureId);
      const app = await this.lockOwned(em, actor, id, version);
      assertMay('withdraw', actor, app, this.clock.now());
      if (account && app.funding !== 'none') await this.budget.release(em, account, app, actor, 'withdrawal');
      await this.transitions.move(em, actor, app, 'withdraw', { reason });
      if (account) await this.budget.fundQueue(em, account, app.measureId, actor);
      return app;
    });
  }

  /**
   * Discards the caller's own draft with its documents (a registered case is never deleted: 409),
   * so the bound of open drafts never traps anyone. Audited by id only; the reads of a sealed
   * draft stay in the access log.
   */
  async discardDraft(actor: Principal, id: string): Promise<void> {
    const keys = await this.tx.run(async (em) => {
      const app = await this.lockOwned(em, actor, id);
      if (app.status !== ApplicationStatus.DRAFT) throw illegalTransition(app.status, 'discard_draft');
      const documents = await em.findBy(ApplicationDocument, { applicationId: id });
      await em.delete(ApplicationDocument, { applicationId: id });
      await em.delete(Application, { id });
      await this.audit.record(em, {
        actor,
        action: 'application.draft_discarded',
        target: { type: 'application', id },
        change: { documents: documents.length },
      });
      return documents.map((d) => d.storageKey);
    });
    for (const key of keys) {
      await this.storage
        .delete(key)
        .catch((e: unknown) => this.logger.error(`orphan document bytes ${key}: ${String(e)}`));
    }
  }

  private lockOwned(em: EntityManager, actor: Principal, id: string, version?: number): Promise<Application> {
    return lockCase(em, id, (app) => app.ownerId === actor.id, version);
  }

  private async openVersion(em: EntityManager, code: string): Promise<{ measure: Measure; version: MeasureVersion }> {
    const measure = await em.findOneBy(Measure, { code });
    const now = this.clock.now();
    const version = measure ? await inForceForMeasure(em, measure.id, now) : null;
    if (!measure || !version) {
      throw unknownMeasure();
    }
    if (!isOpen(version, now)) throw windowClosed();
    return { measure, version };
  }

  /**
   * Violence measures are applied for by the anti-violence centre (CAV) following the woman;
   * a CAV operator applies for nothing else.
   */
  private assertMayApply(actor: Principal, version: MeasureVersion): void {
    const cav = actor.roles.includes(Role.CAV_OPERATOR);
    const cavMeasure = version.definition.procedure.type === 'in_kind' && version.definition.sealed;
    if (cav !== cavMeasure) {
      throw roleNotAllowed(cav);
    }
  }

  /** Facts the server knows better than the client: who submits. */
  private withServerFacts(
    actor: Principal,
    data: Record<string, unknown>,
    formSchema: object,
  ): Record<string, unknown> {
    const properties = (formSchema as { properties?: Record<string, unknown> }).properties ?? {};
    if (!('submitterRole' in properties)) return { ...data };
    return { ...data, submitterRole: actor.roles.includes(Role.CAV_OPERATOR) ? 'cav_operator' : 'other' };
  }
}
