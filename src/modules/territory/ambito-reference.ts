import sourced from './data/lombardy-ambiti-sourced.json' with { type: 'json' };
import territory from './data/lombardy-territory.json' with { type: 'json' };
import { AMBITI } from './data/territory-rules.js';
import { reconcileAmbitoClaims, type AmbitoClaim, type ReconciledAmbitoMap } from './ambito-claims.js';

/** A document a territorial fact comes from (stored in territory_sources). */
export interface TerritorySource {
  id: string;
  title: string;
  url: string | null;
  asOf: string | null;
  period: string | null;
}

export interface AmbitoReference {
  code: string;
  name: string;
  atsCode: string;
  period: string | null;
  sourceIds: string[];
  /** A source says it lists every member. */
  membersComplete: boolean;
}

export interface AtsReference {
  code: string;
  name: string;
  /** Ministry of Health company code: region 030 + the 3-digit code. */
  ministryCode: string;
  sourceIds: string[];
}

interface SourcedFile {
  sources: {
    id: string;
    what: string;
    url?: string;
    asOf?: string | null;
    period?: string;
    repo?: string;
    path?: string;
    commit?: string;
  }[];
  ats: { code: string; ministryCode: string; source: string[] }[];
  ambiti: {
    code: string;
    name: string;
    atsCode: string;
    period: string;
    sources: string[];
    membersComplete: boolean;
  }[];
  claims: { ambitoCode: string; source: string; asOf: string | null; complete: boolean; municipalities: string[] }[];
}

const SOURCED = sourced as SourcedFile;

const productSourceId = (ambitoCode: string) => `product-${ambitoCode.toLowerCase()}`;

function sourceUrl(s: SourcedFile['sources'][number]): string | null {
  if (s.url) return s.url;
  return s.repo ? `https://${s.repo}/blob/${s.commit ?? 'HEAD'}/${s.path ?? ''}` : null;
}

/**
 * Everything the product knows about Ambiti, from the two shipped files: the first Ambiti with
 * members (territory-rules.ts, each with its source) and the sourced data set
 * (data/lombardy-ambiti-sourced.json), reconciled per municipality by source date.
 */
export function buildAmbitoReference(): {
  sources: TerritorySource[];
  ats: AtsReference[];
  ambiti: AmbitoReference[];
  claims: AmbitoClaim[];
  map: ReconciledAmbitoMap;
} {
  const sources: TerritorySource[] = [
    ...AMBITI.map((r) => ({ id: productSourceId(r.code), title: r.source, url: null, asOf: r.asOf, period: null })),
    ...SOURCED.sources.map((s) => ({
      id: s.id,
      title: s.what,
      url: sourceUrl(s),
      asOf: s.asOf ?? null,
      period: s.period ?? null,
    })),
  ];
  const ministry = new Map(SOURCED.ats.map((a) => [a.code, a]));
  const ats = territory.ats.map((a) => {
    const m = ministry.get(a.code);
    if (!m) throw new Error(`ATS ${a.code} has no ministry code in the sourced data`);
    return { code: a.code, name: a.name, ministryCode: m.ministryCode, sourceIds: [...m.source] };
  });

  const ambiti = new Map<string, AmbitoReference>();
  for (const r of AMBITI) {
    ambiti.set(r.code, {
      code: r.code,
      name: r.name,
      atsCode: r.atsCode,
      period: null,
      sourceIds: [productSourceId(r.code)],
      membersComplete: false,
    });
  }
  for (const a of SOURCED.ambiti) {
    const known = ambiti.get(a.code);
    if (known && known.atsCode !== a.atsCode) throw new Error(`Ambito ${a.code}: ATS ${known.atsCode} / ${a.atsCode}`);
    ambiti.set(a.code, {
      code: a.code,
      name: known?.name ?? a.name,
      atsCode: a.atsCode,
      period: a.period,
      sourceIds: [...new Set([...(known?.sourceIds ?? []), ...a.sources])],
      membersComplete: a.membersComplete,
    });
  }

  const claims: AmbitoClaim[] = [
    ...AMBITI.map((r) => ({
      ambitoCode: r.code,
      sourceId: productSourceId(r.code),
      asOf: r.asOf,
      complete: false,
      municipalities: [...r.members],
    })),
    ...SOURCED.claims.map((c) => ({
      ambitoCode: c.ambitoCode,
      sourceId: c.source,
      asOf: c.asOf,
      complete: c.complete,
      municipalities: [...c.municipalities],
    })),
  ];
  const atsOf = new Map(territory.municipalities.map((m) => [m.istatCode, m.atsCode]));
  const map = reconcileAmbitoClaims(
    claims,
    (c) => atsOf.get(c),
    (c) => ambiti.get(c)?.atsCode,
  );
  return { sources, ats, ambiti: [...ambiti.values()], claims, map };
}
