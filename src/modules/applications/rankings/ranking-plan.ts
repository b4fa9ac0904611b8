import {
  compareForRanking,
  contextFromSnapshot,
  deriveFacts,
  type Facts,
  type RankingCriteria,
} from '../../measures/domain/index.js';
import { ApplicationStatus as S } from '../domain/application-status.js';
import { allocateRanking, type QuotaShare } from '../domain/ranking-allocation.js';
import type { EligibilitySnapshot, NewRankingEntry, RankingCandidate, RankingDecision } from './rankings.repository.js';

/** One case's outcome in a ranking: its entry, its decision and the event that moves it. */
export interface PlannedCase {
  candidate: RankingCandidate;
  entry: NewRankingEntry;
  decision: RankingDecision;
  event: 'decide_approve' | 'decide_waitlist' | 'decide_reject';
}

export interface RankingPlan {
  /** In ranking order, then the not admitted in protocol order. */
  cases: PlannedCase[];
  available: number;
  funded: number;
  waitlisted: number;
  notAdmitted: number;
}

/** The derived facts the criteria sort on, from each case's latest eligibility snapshot. */
export const factsFromSnapshots = (snapshots: readonly EligibilitySnapshot[]): Map<string, Facts> =>
  new Map(
    snapshots.map((s) => [
      s.applicationId,
      deriveFacts(s.inputs, contextFromSnapshot({ applicationDate: s.applicationDate, context: s.context })).facts,
    ]),
  );

/**
 * The graduatoria of a measure's examined cases, without writing anything: the cases proposed
 * for approval sorted by the criteria and funded in that order from what the account has left
 * (quotas first, then the common pool); the others not admitted. `amountOf` is each admitted
 * case's amount (the caller refuses a case without one before planning).
 */
export function planRanking(input: {
  candidates: readonly RankingCandidate[];
  facts: ReadonlyMap<string, Facts>;
  criteria: RankingCriteria;
  quotas: readonly QuotaShare[];
  account: { total: number; reserved: number };
  amountOf: (c: RankingCandidate) => number;
}): RankingPlan {
  const { candidates, facts, criteria, amountOf } = input;
  const admitted = candidates
    .filter((c) => c.outcome === 'approve')
    .map((candidate) => ({
      candidate,
      facts: facts.get(candidate.id) ?? {},
      protocolSeq: (candidate.protocolYear ?? 0) * 1e10 + Number(candidate.protocolSeq),
    }))
    .sort(compareForRanking(criteria));
  const available = input.account.total - input.account.reserved;
  const allocation = allocateRanking(
    admitted.map(({ candidate: c }) => ({
      id: c.id,
      amount: amountOf(c),
      atsCode: c.atsCode,
      ambitoCode: c.ambitoCode,
    })),
    available,
    input.quotas,
  );
  const cases: PlannedCase[] = allocation.map((a, i) => {
    const { candidate, facts: f } = admitted[i];
    const amount = amountOf(candidate);
    const funded = a.status === 'funded';
    const sortKeys = Object.fromEntries(criteria.keys.map((k) => [k.fact, f[k.fact] ?? null]));
    return {
      candidate,
      entry: { applicationId: candidate.id, position: a.position, status: a.status, amount, quota: a.quota, sortKeys },
      decision: {
        applicationId: candidate.id,
        to: funded ? S.APPROVED : S.WAITLISTED,
        reasons: funded
          ? `Ammessa e finanziata: posizione ${a.position} in graduatoria / admitted and funded, ranked ${a.position}`
          : `Ammessa non finanziata: posizione ${a.position} in graduatoria, in attesa di scorrimento / admitted, not funded now: ranked ${a.position}`,
        position: a.position,
        quota: a.quota,
        funding: funded ? 'reserved' : 'queued',
        reservedAmount: funded ? amount : null,
      },
      event: funded ? 'decide_approve' : 'decide_waitlist',
    };
  });
  const notAdmitted = candidates.filter((c) => c.outcome !== 'approve');
  for (const candidate of notAdmitted) {
    cases.push({
      candidate,
      entry: {
        applicationId: candidate.id,
        position: null,
        status: 'not_admitted',
        amount: null,
        quota: null,
        sortKeys: {},
      },
      decision: {
        applicationId: candidate.id,
        to: S.REJECTED,
        reasons: candidate.reasons ?? 'Non ammessa / not admitted',
        position: null,
        quota: null,
        funding: candidate.funding,
        reservedAmount: null,
      },
      event: 'decide_reject',
    });
  }
  const funded = allocation.filter((a) => a.status === 'funded').length;
  return { cases, available, funded, waitlisted: allocation.length - funded, notAdmitted: notAdmitted.length };
}
