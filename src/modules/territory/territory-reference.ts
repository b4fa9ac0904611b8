import type { EntityManager } from 'typeorm';
import data from './data/lombardy-territory.json' with { type: 'json' };
import { buildAmbitoReference } from './ambito-reference.js';

interface TerritoryData {
  source: Record<string, string>;
  ats: { code: string; name: string }[];
  ambiti: { code: string; name: string; atsCode: string }[];
  municipalities: { istatCode: string; name: string; province: string; atsCode: string; ambitoCode: string | null }[];
}

export const TERRITORY = data as TerritoryData;

/**
 * Loads the shipped territorial reference data (docs/territory.md) idempotently: sources, ATS
 * with their ministry codes, Ambiti with source and period, municipalities, and the dated
 * Ambito history reconciled from the sources. Names, provinces and ATS follow the official
 * list. The Ambito map is the reference one only where a municipality has no history yet: once
 * it has one (the reference load, or an ADMIN change), only an ADMIN changes it.
 */
export async function loadTerritoryReference(
  em: EntityManager,
): Promise<{ ats: number; ambiti: number; municipalities: number; withAmbito: number }> {
  const json = JSON.stringify;
  const ref = buildAmbitoReference();
  await em.query(
    `INSERT INTO territory_sources (id, title, url, as_of, period)
     SELECT x.id, x.title, x.url, x."asOf"::date, x.period FROM json_to_recordset($1::json) AS x(id text, title text, url text, "asOf" text, period text)
     ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, url = EXCLUDED.url, as_of = EXCLUDED.as_of, period = EXCLUDED.period`,
    [json(ref.sources)],
  );
  await em.query(
    `INSERT INTO ats (code, name, ministry_code, source_ids)
     SELECT x.code, x.name, x."ministryCode", x."sourceIds" FROM json_to_recordset($1::json) AS x(code text, name text, "ministryCode" text, "sourceIds" text[])
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, ministry_code = EXCLUDED.ministry_code, source_ids = EXCLUDED.source_ids`,
    [json(ref.ats.map((a) => ({ ...a, sourceIds: pgArray(a.sourceIds) })))],
  );
  // An ADMIN may have renamed an Ambito: its name stays, its sources follow the shipped data.
  await em.query(
    `INSERT INTO ambiti (code, name, ats_code, period, source_ids, members_complete)
     SELECT x.code, x.name, x."atsCode", x.period, x."sourceIds", x."membersComplete"
       FROM json_to_recordset($1::json) AS x(code text, name text, "atsCode" text, period text, "sourceIds" text[], "membersComplete" boolean)
     ON CONFLICT (code) DO UPDATE SET period = EXCLUDED.period, source_ids = EXCLUDED.source_ids, members_complete = EXCLUDED.members_complete`,
    [json(ref.ambiti.map((a) => ({ ...a, sourceIds: pgArray(a.sourceIds) })))],
  );
  const municipalities = TERRITORY.municipalities.map((m) => ({
    ...m,
    ambitoCode: ref.map.current.get(m.istatCode)?.ambitoCode ?? null,
  }));
  await em.query(
    `INSERT INTO municipalities (istat_code, name, province, ats_code, ambito_code)
     SELECT x."istatCode", x.name, x.province, x."atsCode", x."ambitoCode"
       FROM json_to_recordset($1::json) AS x("istatCode" text, name text, province text, "atsCode" text, "ambitoCode" text)
     ON CONFLICT (istat_code) DO UPDATE SET
       name = EXCLUDED.name, province = EXCLUDED.province, ats_code = EXCLUDED.ats_code,
       ambito_code = CASE WHEN municipalities.ats_code <> EXCLUDED.ats_code THEN EXCLUDED.ambito_code
                          WHEN EXISTS (SELECT 1 FROM municipality_ambito_history h WHERE h.istat_code = municipalities.istat_code)
                          THEN municipalities.ambito_code
                          ELSE coalesce(municipalities.ambito_code, EXCLUDED.ambito_code) END,
       updated_at = now()`,
    [json(municipalities)],
  );
  await loadHistory(em, ref.map.history);
  const [{ count }] = (await em.query(
    `SELECT count(*)::int AS count FROM municipalities WHERE ambito_code IS NOT NULL`,
  )) as { count: number }[];
  return { ats: ref.ats.length, ambiti: ref.ambiti.length, municipalities: municipalities.length, withAmbito: count };
}

/**
 * The reconciled history of every municipality that has none yet. Its open row is the Ambito
 * the municipality has in the table (the reference one, or one set before history was kept).
 */
async function loadHistory(
  em: EntityManager,
  history: ReturnType<typeof buildAmbitoReference>['map']['history'],
): Promise<void> {
  const fresh = (await em.query(
    `SELECT m.istat_code, m.ambito_code FROM municipalities m
      WHERE NOT EXISTS (SELECT 1 FROM municipality_ambito_history h WHERE h.istat_code = m.istat_code)`,
  )) as { istat_code: string; ambito_code: string | null }[];
  const current = new Map(fresh.map((r) => [r.istat_code, r.ambito_code]));
  const byMunicipality = new Map<string, typeof history>();
  for (const period of history) {
    byMunicipality.set(period.istatCode, [...(byMunicipality.get(period.istatCode) ?? []), period]);
  }
  const rows: object[] = [];
  for (const [istatCode, ambitoCode] of current) {
    const periods = byMunicipality.get(istatCode) ?? [];
    const open = periods[periods.length - 1];
    periods.slice(0, -1).forEach((p) => rows.push({ ...p, kind: 'reference', sourceIds: pgArray([...p.sourceIds]) }));
    if (open && open.ambitoCode === ambitoCode) {
      rows.push({ ...open, kind: 'reference', sourceIds: pgArray([...open.sourceIds]) });
    } else if (open || ambitoCode) {
      if (open) {
        rows.push({
          ...open,
          validTo: null,
          kind: 'reference',
          sourceIds: pgArray([...open.sourceIds]),
          closeToday: true,
        });
      }
      rows.push({ istatCode, ambitoCode, validFrom: null, validTo: null, kind: 'baseline', sourceIds: '{}' });
    }
  }
  if (!rows.length) return;
  // A reference period that an earlier ADMIN assignment overrides ends today; the baseline row is open.
  await em.query(
    `INSERT INTO municipality_ambito_history (istat_code, ambito_code, valid_from, valid_to, change_kind, source_ids)
     SELECT x."istatCode", x."ambitoCode", x."validFrom"::date,
            CASE WHEN x."closeToday" THEN (now() AT TIME ZONE 'Europe/Rome')::date ELSE x."validTo"::date END, x.kind, x."sourceIds"
       FROM json_to_recordset($1::json) AS x("istatCode" text, "ambitoCode" text, "validFrom" text, "validTo" text, kind text, "sourceIds" text[], "closeToday" boolean)`,
    [JSON.stringify(rows)],
  );
}

/** A text[] literal for json_to_recordset (ids are [a-z0-9-] only). */
function pgArray(values: readonly string[]): string {
  return `{${values.join(',')}}`;
}
