/** A share of the budget reserved to one ATS or Ambito (measure_versions.quotas). */
export interface QuotaShare {
  readonly kind: 'ATS' | 'AMBITO';
  readonly code: string;
  readonly amount: number;
}

/** A ranked case, in ranking order, with what it would take from the budget. */
export interface RankedCase {
  readonly id: string;
  readonly amount: number;
  readonly atsCode: string | null;
  readonly ambitoCode: string | null;
}

export interface Allocation {
  readonly id: string;
  readonly position: number;
  readonly status: 'funded' | 'waitlisted';
  /** The quota that funds it ("AMBITO:code" or "ATS:code"), null for the common pool or when waitlisted. */
  readonly quota: string | null;
}

/**
 * Funds a graduatoria in ranking order. The budget available is split into the quotas (each
 * reserved to the cases of its ATS or Ambito; an Ambito quota is preferred to its ATS's) and a
 * common pool (what the quotas leave). A case draws on its territory's quota, then on the
 * common pool. Order is never jumped: a case that fits in neither is waitlisted and closes its
 * quota and the common pool to every case ranked after it (a cheaper case below it does not
 * overtake it). Quotas larger than the available budget are scaled down to it, first come first.
 */
export function allocateRanking(
  ranked: readonly RankedCase[],
  available: number,
  quotas: readonly QuotaShare[],
): Allocation[] {
  let left = Math.max(0, available);
  const quotaLeft = new Map<string, number>();
  for (const q of quotas) {
    const share = Math.min(q.amount, left);
    quotaLeft.set(`${q.kind}:${q.code}`, share);
    left -= share;
  }
  let common = left;
  let commonOpen = true;
  const closed = new Set<string>();
  return ranked.map((c, i) => {
    const key =
      [c.ambitoCode ? `AMBITO:${c.ambitoCode}` : null, c.atsCode ? `ATS:${c.atsCode}` : null].find(
        (k) => k !== null && quotaLeft.has(k),
      ) ?? null;
    const position = i + 1;
    if (key && !closed.has(key) && quotaLeft.get(key)! >= c.amount) {
      quotaLeft.set(key, quotaLeft.get(key)! - c.amount);
      return { id: c.id, position, status: 'funded', quota: key };
    }
    if (commonOpen && common >= c.amount) {
      common -= c.amount;
      return { id: c.id, position, status: 'funded', quota: null };
    }
    commonOpen = false;
    if (key) closed.add(key);
    return { id: c.id, position, status: 'waitlisted', quota: null };
  });
}
