import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import type { Principal } from '../../common/access/principal.js';
import { inForceForMeasure } from '../measures/measure-versions.repository.js';
import { Measure } from '../measures/measure.entity.js';
import { isOpen } from '../measures/measure-views.js';
import { findReachable, reevaluationsOf, versionFor } from './cases.repository.js';
import {
  ApplicationAccess,
  ApplicationSnapshot,
  ApplicationTransition,
  EligibilityDecision,
} from './application-records.entity.js';
import { Application } from './application.entity.js';
import { toDto, toSummary } from './application-views.js';
import { mayView } from './case-access.js';
import { actionsFor, visibleDuplicates } from './case-rules.js';
import { isActive } from './domain/application-status.js';
import { OWNER_ACTIONS } from './domain/allowed-actions.js';
import type { ApplicationDto, EligibilitySnapshotDto } from './intake/intake.dto.js';
import { SealedReadsService } from './sealed-reads.service.js';

/** Reading cases: one's own, or one case as staff (the work queue: queue/); every read of a sealed case recorded. */
@Injectable()
export class CaseReadsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly sealedReads: SealedReadsService,
  ) {}

  async get(actor: Principal, id: string): Promise<ApplicationDto> {
    const app = await findReachable(this.db.manager, id, (a) => mayView(actor, a));
    await this.sealedReads.record(actor, app, 'read');
    const snapshots = await this.eligibilitySnapshots(id);
    const latest = snapshots.at(-1);
    const eligibility = latest
      ? {
          outcome: latest.outcome,
          rules: latest.rules,
          benefit: latest.benefit,
          ruleVersionHash: latest.ruleVersionHash,
          evaluatedAt: latest.evaluatedAt,
        }
      : null;
    const snapshot = await this.db.getRepository(ApplicationSnapshot).findOneBy({ applicationId: id });
    return {
      ...(await this.view(actor, app, eligibility)),
      eligibilitySnapshots: snapshots,
      missingDocuments: snapshot?.missingDocuments ?? [],
    };
  }

  /** The view of a case just changed by its caller (no extra access record: the change is one). */
  present(actor: Principal, app: Application): Promise<ApplicationDto> {
    return this.view(actor, app, null);
  }

  /**
   * The case with what the caller may do next (domain/allowed-actions.ts, the rules the
   * commands apply) and, for staff who may see both cases, its possible duplicates.
   */
  private async view(
    actor: Principal,
    app: Application,
    eligibility: Record<string, unknown> | null,
  ): Promise<ApplicationDto> {
    const em = this.db.manager;
    const measure = await em.findOneByOrFail(Measure, { id: app.measureId });
    const now = this.clock.now();
    const version = await versionFor(em, app, now);
    const duplicates = await visibleDuplicates(em, actor, app);
    const activeDuplicate = duplicates.some((d) => isActive(d.status));
    const allowedActions = actionsFor(actor, app, now, {
      amountKnown: app.amountCents !== null || version?.definition.budget.kind === 'units',
      duplicateVisible: activeDuplicate,
      windowOpen: !!version && isOpen(version, now),
    });
    return {
      ...toDto(app, measure.code, now, eligibility),
      allowedActions,
      possibleDuplicate: activeDuplicate,
      possibleDuplicates: duplicates.map((d) => ({ id: d.id, protocolNumber: d.protocolNumber, status: d.status })),
    };
  }

  /** Every eligibility snapshot of the case, oldest first: the submission's, then one per re-evaluation. */
  private async eligibilitySnapshots(id: string): Promise<EligibilitySnapshotDto[]> {
    const first = await this.db.getRepository(EligibilityDecision).findOneBy({ applicationId: id });
    if (!first) return [];
    const later = await reevaluationsOf(this.db.manager, id);
    return [
      {
        cause: 'submission',
        evaluatedAt: first.evaluatedAt.toISOString(),
        outcome: first.outcome,
        rules: first.explanation,
        benefit: first.benefit,
        ruleVersionHash: first.ruleVersionHash,
      },
      ...later.map((r) => ({
        cause: r.cause,
        evaluatedAt: r.evaluatedAt.toISOString(),
        outcome: r.outcome,
        rules: r.explanation,
        benefit: r.benefit,
        ruleVersionHash: r.ruleVersionHash,
      })),
    ];
  }

  async history(actor: Principal, id: string) {
    const app = await findReachable(this.db.manager, id, (a) => mayView(actor, a));
    await this.sealedReads.record(actor, app, 'read_history');
    const rows = await this.db
      .getRepository(ApplicationTransition)
      .find({ where: { applicationId: id }, order: { id: 'ASC' } });
    return rows.map((t) => ({
      from: t.fromStatus,
      to: t.toStatus,
      event: t.event,
      actorId: t.actorId,
      actorRole: t.actorRole,
      reason: t.reason,
      details: t.details,
      at: t.at.toISOString(),
    }));
  }

  /** The access record of a sealed case, for the staff who may see it. */
  async accessLog(actor: Principal, id: string) {
    // Not to the owner: who read a sealed case is the staff's record.
    await findReachable(this.db.manager, id, (a) => mayView(actor, a) && a.ownerId !== actor.id);
    const rows = await this.db
      .getRepository(ApplicationAccess)
      .find({ where: { applicationId: id }, order: { id: 'ASC' } });
    return rows.map((r) => ({
      actorId: r.actorId,
      actorRole: r.actorRole,
      action: r.action,
      requestId: r.requestId,
      at: r.at.toISOString(),
    }));
  }

  async mine(actor: Principal) {
    const rows = await this.db
      .getRepository(Application)
      .createQueryBuilder('a')
      .innerJoin(Measure, 'm', 'm.id = a.measure_id')
      .addSelect('m.code', 'measure_code')
      .where('a.owner_id = :me', { me: actor.id })
      .orderBy('a.created_at', 'DESC')
      .getRawAndEntities();
    const now = this.clock.now();
    // What the owner may do needs only the window of the measures they hold drafts for.
    const draftMeasures = [...new Set(rows.entities.filter((a) => a.status === 'DRAFT').map((a) => a.measureId))];
    const open = new Set<string>();
    for (const measureId of draftMeasures) {
      const v = await inForceForMeasure(this.db.manager, measureId, now);
      if (v && isOpen(v, now)) open.add(measureId);
    }
    return rows.entities.map((a, i) => ({
      ...toSummary(a, rows.raw[i].measure_code as string, now),
      allowedActions: actionsFor(actor, a, now, { windowOpen: open.has(a.measureId) }).filter((x) =>
        OWNER_ACTIONS.has(x),
      ),
    }));
  }
}
