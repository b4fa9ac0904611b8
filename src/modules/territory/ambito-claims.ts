/**
 * Reconciles what several sources say about which Ambito each municipality belongs to into a
 * dated history (framework-free). A claim is one source's list of members of one Ambito, dated
 * by its source. Per municipality, the newest claim wins and the older ones stay in the history;
 * a claim that says it lists every member ("complete") also ends, at its date, an older
 * membership of a municipality it leaves out (the municipality then has no known Ambito).
 * Nothing is inferred beyond that: two sources of the same date that disagree are an error.
 */

export interface AmbitoClaim {
  readonly ambitoCode: string;
  readonly sourceId: string;
  /** YYYY-MM-DD, or null when the source is undated (then older than any dated source). */
  readonly asOf: string | null;
  /** The source says these are all the members. */
  readonly complete: boolean;
  readonly municipalities: readonly string[];
}

/** One row of a municipality's Ambito history: [validFrom, validTo), null bounds unknown or open. */
export interface AmbitoPeriod {
  readonly istatCode: string;
  /** null: the newest source leaves it out of the Ambito it had; no Ambito is known since. */
  readonly ambitoCode: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly sourceIds: readonly string[];
}

export interface ReconciledAmbitoMap {
  /** The open period of each municipality some source mentions. */
  readonly current: ReadonlyMap<string, AmbitoPeriod>;
  /** Every period, closed ones first for each municipality, by istatCode. */
  readonly history: readonly AmbitoPeriod[];
}

export class AmbitoClaimError extends Error {}

interface Event {
  asOf: string | null;
  ambitoCode: string | null;
  sourceId: string;
}

/** null (undated) sorts before every date. */
const compareDates = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;

/**
 * @param atsOfMunicipality the ATS of a Lombardy municipality, undefined if unknown
 * @param atsOfAmbito the ATS of an Ambito, undefined if unknown
 */
export function reconcileAmbitoClaims(
  claims: readonly AmbitoClaim[],
  atsOfMunicipality: (istatCode: string) => string | undefined,
  atsOfAmbito: (ambitoCode: string) => string | undefined,
): ReconciledAmbitoMap {
  const events = new Map<string, Event[]>();
  const push = (istatCode: string, event: Event) => events.set(istatCode, [...(events.get(istatCode) ?? []), event]);

  for (const claim of claims) {
    const ambitoAts = atsOfAmbito(claim.ambitoCode);
    if (!ambitoAts) throw new AmbitoClaimError(`${claim.sourceId}: unknown Ambito ${claim.ambitoCode}`);
    if (new Set(claim.municipalities).size !== claim.municipalities.length) {
      throw new AmbitoClaimError(`${claim.sourceId}: a municipality is listed twice`);
    }
    for (const istatCode of claim.municipalities) {
      const ats = atsOfMunicipality(istatCode);
      if (!ats) throw new AmbitoClaimError(`${claim.sourceId}: ${istatCode} is not a Lombardy municipality`);
      if (ats !== ambitoAts) {
        throw new AmbitoClaimError(
          `${claim.sourceId}: ${istatCode} is in ATS ${ats}, ${claim.ambitoCode} in ATS ${ambitoAts}`,
        );
      }
      push(istatCode, { asOf: claim.asOf, ambitoCode: claim.ambitoCode, sourceId: claim.sourceId });
    }
  }
  // A complete list ends the older memberships it leaves out.
  for (const claim of claims) {
    if (!claim.complete || claim.asOf === null) continue;
    const listed = new Set(claim.municipalities);
    for (const [istatCode, list] of events) {
      if (listed.has(istatCode)) continue;
      const olderMember = list.some((e) => e.ambitoCode === claim.ambitoCode && compareDates(e.asOf, claim.asOf) < 0);
      if (olderMember) push(istatCode, { asOf: claim.asOf, ambitoCode: null, sourceId: claim.sourceId });
    }
  }

  const history: AmbitoPeriod[] = [];
  const current = new Map<string, AmbitoPeriod>();
  for (const istatCode of [...events.keys()].sort()) {
    const sorted = [...events.get(istatCode)!].sort((a, b) => compareDates(a.asOf, b.asOf));
    const periods: { ambitoCode: string | null; validFrom: string | null; sourceIds: string[] }[] = [];
    sorted.forEach((event, i) => {
      const last = periods[periods.length - 1];
      const sameDate = i > 0 && compareDates(sorted[i - 1].asOf, event.asOf) === 0;
      if (last && last.ambitoCode === event.ambitoCode) {
        if (!last.sourceIds.includes(event.sourceId)) last.sourceIds.push(event.sourceId);
        return;
      }
      if (sameDate && last && last.ambitoCode !== null && event.ambitoCode !== null) {
        throw new AmbitoClaimError(
          `${istatCode}: ${sorted[i - 1].sourceId} and ${event.sourceId} (same date) disagree: ${last.ambitoCode} / ${event.ambitoCode}`,
        );
      }
      // An exclusion on the date a newer membership starts adds nothing.
      if (sameDate && event.ambitoCode === null) return;
      periods.push({ ambitoCode: event.ambitoCode, validFrom: event.asOf, sourceIds: [event.sourceId] });
    });
    periods.forEach((p, i) => {
      const period: AmbitoPeriod = { istatCode, ...p, validTo: periods[i + 1]?.validFrom ?? null };
      history.push(period);
      if (i === periods.length - 1) current.set(istatCode, period);
    });
  }
  return { current, history };
}
