import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock/clock.js';
import { TransactionService } from '../../../common/database/transaction.service.js';
import { hasRole, type Principal } from '../../../common/access/principal.js';
import { inForceOrNotFound } from '../../measures/measure-versions.repository.js';
import { Role } from '../../../common/access/role.js';
import { caseRefusal } from '../cases.errors.js';
import { findReachable } from '../cases.repository.js';
import { amountFor, BudgetService } from '../budget/budget.service.js';
import { mayView } from '../case-access.js';
import type { RankingDto, RankingPositionDto } from './rankings.dto.js';
import { CaseTransitions } from '../case-transitions.js';
import { ApplicationStatus as S } from '../domain/application-status.js';
import { assertManagerOf, coversManagingBody } from '../measure-staff.js';
import { APPEAL } from '../domain/legal-deadline.js';
import { factsFromSnapshots, planRanking, type PlannedCase } from './ranking-plan.js';
import { casesPending, notGraduatoria, rankingExists, rankingNotFound, windowStillOpen } from './rankings.errors.js';
import {
  entryOf,
  insertEntries,
  insertRanking,
  latestSnapshots,
  rankingBelongsTo,
  rankingCandidates,
  rankingIdOfMeasure,
  rankingView,
  writeDecisions,
} from './rankings.repository.js';

/** Cases still under examination: a graduatoria is published only when every case is examined. */
const PENDING = [S.SUBMITTED, S.IN_REVIEW, S.INTEGRATION_REQUESTED, S.PRE_REJECTION_NOTICE];

/**
 * Graduatorie: computed once, after the window closes, from the eligibility snapshots of the
 * cases the officers proposed; published frozen (the database refuses any change) and applied
 * to the cases in the same transaction.
 */
@Injectable()
export class RankingsService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly budget: BudgetService,
    private readonly transitions: CaseTransitions,
  ) {}

  compute(actor: Principal, code: string) {
    return this.tx.run(async (em) => {
      const { measure, version } = await inForceOrNotFound(em, code, this.clock.now());
      const def = version.definition;
      if (def.procedure.type !== 'graduatoria' || !def.ranking) throw notGraduatoria();
      assertManagerOf(actor, version.managingBody);
      const now = this.clock.now();
      if (now < version.windowClosesAt) throw windowStillOpen(version.windowClosesAt);
      // Lock order as everywhere: the budget account first, then the cases.
      const account = await this.budget.lockAccount(em, measure.id, def.budget);
      const existing = await rankingIdOfMeasure(em, measure.id);
      if (existing) throw rankingExists(existing);
      const cases = await rankingCandidates(em, measure.id, [...PENDING, S.PROPOSED], { forUpdate: true });
      const pending = cases.filter((c) => PENDING.includes(c.status));
      if (pending.length > 0) throw casesPending(pending.map((c) => c.protocolNumber));
      if (cases.some((c) => c.proposedBy === actor.id)) throw caseRefusal('APPLICATION_FOUR_EYES');
      if (cases.some((c) => c.ownerId === actor.id)) throw caseRefusal('APPLICATION_FILER_CANNOT_DECIDE');
      const admitted = cases.filter((c) => c.outcome === 'approve');
      const unknown = admitted.find((c) => amountFor(account, c) === null);
      if (unknown) throw caseRefusal('APPLICATION_AMOUNT_UNKNOWN', { protocolNumber: unknown.protocolNumber });

      const plan = planRanking({
        candidates: cases,
        facts: factsFromSnapshots(
          await latestSnapshots(
            em,
            admitted.map((c) => c.id),
          ),
        ),
        criteria: def.ranking,
        quotas: version.quotas,
        account,
        amountOf: (c) => amountFor(account, c)!,
      });
      const rankingId = await insertRanking(em, {
        measureId: measure.id,
        measureVersionId: version.id,
        criteria: def.ranking,
        quotas: version.quotas,
        unit: account.unit,
        available: plan.available,
        population: cases.length,
        funded: plan.funded,
        waitlisted: plan.waitlisted,
        notAdmitted: plan.notAdmitted,
        publishedBy: actor.id,
        publishedAt: now,
      });
      await insertEntries(
        em,
        rankingId,
        plan.cases.map((c) => c.entry),
      );
      const funded = plan.cases.filter((c) => c.entry.status === 'funded');
      const reserved = await this.budget.reserveMany(
        em,
        account,
        funded.map(({ entry }) => ({
          applicationId: entry.applicationId,
          amount: entry.amount!,
          reason: `graduatoria, posizione ${entry.position}`,
        })),
        actor,
      );
      if (!reserved) throw new Error('ranking allocation exceeded the budget');
      await this.decideAll(em, actor, rankingId, plan.cases, now);
      return (await rankingView(em, rankingId))!;
    });
  }

  async get(actor: Principal, code: string, id: string): Promise<RankingDto> {
    const { version } = await inForceOrNotFound(this.db.manager, code, this.clock.now());
    const isStaff = hasRole(actor, Role.OPERATOR, Role.MANAGER) && coversManagingBody(actor, version.managingBody);
    if (!isStaff && !hasRole(actor, Role.AUDITOR)) throw rankingNotFound();
    const ranking = (await rankingBelongsTo(this.db.manager, id, code)) && (await rankingView(this.db.manager, id));
    if (!ranking) throw rankingNotFound();
    return ranking;
  }

  /** An applicant's own place in the published ranking, through their application. */
  async positionOf(actor: Principal, applicationId: string): Promise<RankingPositionDto> {
    const app = await findReachable(this.db.manager, applicationId, (a) => mayView(actor, a));
    const entry = await entryOf(this.db.manager, applicationId);
    if (!entry) throw rankingNotFound();
    return { ...entry, caseStatus: app.status };
  }

  /**
   * Applies the ranking to its cases: one UPDATE of the decisions, then the set-based move
   * (status, transitions, one audit entry per case naming the ranking).
   */
  private async decideAll(
    em: EntityManager,
    actor: Principal,
    rankingId: string,
    cases: readonly PlannedCase[],
    now: Date,
  ) {
    if (cases.length === 0) return;
    await writeDecisions(
      em,
      rankingId,
      cases.map((c) => c.decision),
      { appeal: APPEAL, decidedBy: actor.id, decidedAt: now },
    );
    await this.transitions.moveMany(
      em,
      actor,
      cases.map(({ candidate, decision: d, event }) => ({
        id: candidate.id,
        from: candidate.status,
        event,
        reason: d.reasons,
        details: { rankingId, position: d.position, quota: d.quota, funding: d.funding },
        audited: { rankingId },
      })),
    );
  }
}
