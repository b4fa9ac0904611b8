import type { EntityManager } from 'typeorm';
import data from './data/lombardy-territory.json' with { type: 'json' };

interface TerritoryData {
  source: Record<string, string>;
  ats: { code: string; name: string }[];
  ambiti: { code: string; name: string; atsCode: string }[];
  municipalities: { istatCode: string; name: string; province: string; atsCode: string; ambitoCode: string | null }[];
}

export const TERRITORY = data as TerritoryData;

/**
 * Loads the shipped territorial reference data (docs/territory.md) idempotently. Names,
 * provinces and ATS follow the official list; an Ambito assignment made by ADMIN through the
 * API is kept, and the shipped one only fills municipalities that have none.
 */
export async function loadTerritoryReference(em: EntityManager): Promise<{ ats: number; ambiti: number; municipalities: number }> {
  const json = JSON.stringify;
  await em.query(
    `INSERT INTO ats (code, name) SELECT x.code, x.name FROM json_to_recordset($1::json) AS x(code text, name text)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
    [json(TERRITORY.ats)],
  );
  await em.query(
    `INSERT INTO ambiti (code, name, ats_code)
     SELECT x.code, x.name, x."atsCode" FROM json_to_recordset($1::json) AS x(code text, name text, "atsCode" text)
     ON CONFLICT (code) DO NOTHING`,
    [json(TERRITORY.ambiti)],
  );
  await em.query(
    `INSERT INTO municipalities (istat_code, name, province, ats_code, ambito_code)
     SELECT x."istatCode", x.name, x.province, x."atsCode", x."ambitoCode"
       FROM json_to_recordset($1::json) AS x("istatCode" text, name text, province text, "atsCode" text, "ambitoCode" text)
     ON CONFLICT (istat_code) DO UPDATE SET
       name = EXCLUDED.name, province = EXCLUDED.province, ats_code = EXCLUDED.ats_code,
       ambito_code = CASE WHEN municipalities.ats_code = EXCLUDED.ats_code
                          THEN coalesce(municipalities.ambito_code, EXCLUDED.ambito_code)
                          ELSE EXCLUDED.ambito_code END,
       updated_at = now()`,
    [json(TERRITORY.municipalities)],
  );
  return { ats: TERRITORY.ats.length, ambiti: TERRITORY.ambiti.length, municipalities: TERRITORY.municipalities.length };
}
