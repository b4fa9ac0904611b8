import type { FactValue, Facts } from './facts.js';
import type { RankingCriteria } from './measure-definition.js';

export interface RankingEntry {
  /** Derived facts of the application (deriveFacts(...).facts). */
  readonly facts: Facts;
  /** Position in protocol order: unique and increasing with the time of receipt. */
  readonly protocolSeq: number;
}

/**
 * A total, deterministic order for a graduatoria: keys in order, then protocol order, so two
 * applications never tie and re-sorting never reshuffles them. A missing or non-scalar key
 * value sorts after every present one, whatever the direction: an application cannot climb
 * the list by leaving its ISEE out. Strings compare by code unit (not locale), so the order
 * is the same on every machine. Allocation-free per comparison: 100k entries sort in
 * well under a second.
 */
export function compareForRanking(criteria: RankingCriteria): (a: RankingEntry, b: RankingEntry) => number {
  const keys = criteria.keys.map((key) => ({ fact: key.fact, sign: key.direction === 'asc' ? 1 : -1 }));
  return (a, b) => {
    for (const { fact, sign } of keys) {
      const order = compareValues(a.facts[fact], b.facts[fact], sign);
      if (order !== 0) return order;
    }
    return a.protocolSeq - b.protocolSeq;
  };
}

const TYPE_ORDER: Readonly<Record<string, number>> = { number: 0, string: 1, boolean: 2 };

function compareValues(a: FactValue | undefined, b: FactValue | undefined, sign: number): number {
  const [rankA, rankB] = [scalarRank(a), scalarRank(b)];
  if (rankA === undefined || rankB === undefined) {
    return rankA === rankB ? 0 : rankA === undefined ? 1 : -1;
  }
  if (rankA !== rankB) return sign * (rankA - rankB);
  if (a === b) return 0;
  return sign * ((a as number | string | boolean) < (b as number | string | boolean) ? -1 : 1);
}

function scalarRank(value: FactValue | undefined): number | undefined {
  return value === undefined || Array.isArray(value) ? undefined : TYPE_ORDER[typeof value];
}
