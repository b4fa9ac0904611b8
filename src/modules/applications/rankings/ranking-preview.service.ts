import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock/clock.js';
import { AppError } from '../../../common/errors/app-error.js';
import type { Principal } from '../../../common/access/principal.js';
import type { RankingCriteria } from '../../measures/domain/index.js';
import type { Budget } from '../../measures/domain/measure-definition.js';
import { sqlRows } from '../../../common/database/sql.js';
import { amountFor } from '../budget/budget.service.js';
import { ManagedMeasuresService } from '../budget/managed-measures.service.js';
import { ApplicationStatus as S } from '../domain/application-status.js';
import { factsFromSnapshots, planRanking } from './ranking-plan.js';
import type { RankingDto } from './rankings.dto.js';
import { notGraduatoria } from './rankings.errors.js';
import { latestSnapshots, rankingCandidates, rankingIdOfMeasure } from './rankings.repository.js';
import { RankingsService } from './rankings.service.js';

/** Cases still under examination (as the publication counts them). */
const PENDING = [S.SUBMITTED, S.IN_REVIEW, S.INTEGRATION_REQUESTED, S.PRE_REJECTION_NOTICE];

export interface PreviewEntry {
  position: number | null;
  applicationId: string;
  protocolNumber: string;
  status: 'funded' | 'waitlisted' | 'not_admitted';
  amount: number | null;
  quota: string | null;
  sortKeys: Record<string, unknown>;
  /** Same criteria values as the case ranked just above: protocol order alone decided between them. */
  tie: boolean;
}

/** What would stop the publication now (the same refusals RankingsService.compute answers). */
export interface PreviewBlockers {
  windowClosesAt: Date | null;
  pending: string[];
  /** The manager proposed, or filed, one of the cases: four eyes. */
  ownCase: boolean;
  amountUnknown: string | null;
}

export interface RankingPreview {
  measureCode: string;
  unit: 'cents' | 'units';
  available: number;
  population: number;
  funded: number;
  waitlisted: number;
  notAdmitted: number;
  entries: PreviewEntry[];
  blockers: PreviewBlockers;
  publishable: boolean;
  /** A digest of the entries: the publication is refused if the cases changed since the preview. */
  fingerprint: string;
}

export type RankingState =
  { kind: 'published'; ranking: RankingDto; ties: boolean[] } | { kind: 'preview'; preview: RankingPreview };

/**
 * Which entries tie with the one ranked just above (same value for every criterion): between
 * them protocol order alone decided (compareForRanking's tie-breaker). Not admitted: never.
 */
export function tiesOf(
  entries: readonly { position: number | null; sortKeys: Record<string, unknown> }[],
  criteria: RankingCriteria,
): boolean[] {
  return entries.map((entry, i) => {
    const above = entries[i - 1];
    return (
      entry.position !== null &&
      above?.position != null &&
      criteria.keys.every((k) => JSON.stringify(entry.sortKeys[k.fact]) === JSON.stringify(above.sortKeys[k.fact]))
    );
  });
}

/**
 * The graduatoria before it is frozen: planned by the publication's own pure function
 * (ranking-plan.ts planRanking, which calls ranking-allocation.ts) over the same candidates,
 * facts and account, in one read-only snapshot; nothing is written. Publishing from a preview
 * goes through RankingsService.compute (the API's POST measures/:code/rankings) only if the
 * preview the manager confirmed is still what would be published.
 */
@Injectable()
export class RankingPreviewService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly measures: ManagedMeasuresService,
    private readonly rankings: RankingsService,
  ) {}

  /** The published ranking of a managed measure, or the preview of the one to publish. */
  async state(actor: Principal, code: string): Promise<RankingState> {
    const { measureId } = await this.measures.get(actor, code);
    const published = await rankingIdOfMeasure(this.db.manager, measureId);
    if (published) {
      const ranking = await this.rankings.get(actor, code, published);
      return {
        kind: 'published',
        ranking,
        ties: tiesOf(ranking.entries, ranking.criteria as unknown as RankingCriteria),
      };
    }
    return { kind: 'preview', preview: await this.preview(actor, code) };
  }

  async preview(actor: Principal, code: string): Promise<RankingPreview> {
    const { measureId, version } = await this.measures.get(actor, code);
    const def = version.definition;
    if (def.procedure.type !== 'graduatoria' || !def.ranking) throw notGraduatoria();
    const criteria = def.ranking;
    return this.db.transaction('REPEATABLE READ', async (em) => {
      const account = await accountOrPublished(em, measureId, def.budget);
      const cases = await rankingCandidates(em, measureId, [...PENDING, S.PROPOSED], { forUpdate: false });
      const admitted = cases.filter((c) => c.outcome === 'approve');
      const unknown = admitted.find((c) => amountFor(account, c) === null);
      const blockers: PreviewBlockers = {
        windowClosesAt: this.clock.now() < version.windowClosesAt ? version.windowClosesAt : null,
        pending: cases.filter((c) => PENDING.includes(c.status)).map((c) => c.protocolNumber),
        ownCase: cases.some((c) => c.proposedBy === actor.id || c.ownerId === actor.id),
        amountUnknown: unknown?.protocolNumber ?? null,
      };
      const examined = cases.filter((c) => !PENDING.includes(c.status));
      const plan = planRanking({
        candidates: unknown ? [] : examined,
        facts: factsFromSnapshots(
          await latestSnapshots(
            em,
            admitted.map((c) => c.id),
          ),
        ),
        criteria,
        quotas: version.quotas,
        account,
        amountOf: (c) => amountFor(account, c)!,
      });
      const ties = tiesOf(
        plan.cases.map((c) => c.entry),
        criteria,
      );
      const entries = plan.cases.map(({ candidate, entry }, i): PreviewEntry => ({
        ...entry,
        protocolNumber: candidate.protocolNumber,
        tie: ties[i],
      }));
      const publishable =
        !blockers.windowClosesAt && blockers.pending.length === 0 && !blockers.ownCase && !blockers.amountUnknown;
      return {
        measureCode: code,
        unit: account.unit,
        available: plan.available,
        population: cases.length,
        funded: plan.funded,
        waitlisted: plan.waitlisted,
        notAdmitted: plan.notAdmitted,
        entries,
        blockers,
        publishable,
        fingerprint: fingerprintOf(plan.available, entries),
      };
    });
  }

  /**
   * Publishes the ranking the manager previewed: refused (409) when the cases changed since
   * that preview, so what is frozen is what was confirmed; otherwise the API's own publication,
   * which checks again everything it always checks, in its one transaction.
   */
  async publish(actor: Principal, code: string, previewed: string): Promise<RankingDto> {
    const now = await this.preview(actor, code);
    if (now.fingerprint !== previewed) {
      throw new AppError('CONFLICT', {
        it: 'Le domande sono cambiate dopo l’anteprima.',
        en: 'The applications changed after the preview.',
      });
    }
    return this.rankings.compute(actor, code);
  }
}

/** The account's figures as the publication reads them; before any booking, the published budget. */
async function accountOrPublished(
  em: EntityManager,
  measureId: string,
  budget: Budget,
): Promise<{ unit: 'cents' | 'units'; total: number; reserved: number }> {
  const [row] = await sqlRows<{ unit: 'cents' | 'units'; total: number; reserved: number }>(
    em,
    `SELECT unit, total::float8 AS total, reserved::float8 AS reserved FROM budget_accounts WHERE measure_id = $1`,
    [measureId],
  );
  if (row) return row;
  return budget.kind === 'money'
    ? { unit: 'cents', total: budget.totalCents, reserved: 0 }
    : { unit: 'units', total: budget.units, reserved: 0 };
}

function fingerprintOf(available: number, entries: readonly PreviewEntry[]): string {
  const rows = entries.map((e) => [e.applicationId, e.position, e.status, e.amount, e.quota]);
  return createHash('sha256')
    .update(JSON.stringify([available, rows]))
    .digest('hex');
}
