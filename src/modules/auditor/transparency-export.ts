import type { DataSource } from 'typeorm';
import { csvLine } from '../../common/csv/csv.js';
import type { Pseudonymiser } from './pseudonymiser.js';

/** Aggregates over fewer grants than this are published as "<3", without the amount. */
export const SMALL_COUNT = 3;

export const TRANSPARENCY_HEADER = [
  'section',
  'beneficiary_pseudonym',
  'measure_code',
  'measure_title',
  'year',
  'grants',
  'amount_eur',
  'legal_basis',
  'office',
  'decision_date',
];

/**
 * APPROVED grants, with their decision year (Europe/Rome) and whether their measure may only be
 * published as aggregates: sealed (violence, orphans) or flagged revealsHealthOrHardship in any
 * of its versions (a flag added in a later edition also covers the earlier ones' grants).
 */
const GRANTED = `
  SELECT a.id, a.beneficiary_fiscal_code, a.amount_cents, a.decided_at, a.measure_id, a.measure_version_id,
    extract(year FROM a.decided_at AT TIME ZONE 'Europe/Rome')::int AS grant_year,
    (a.sealed OR EXISTS (
      SELECT 1 FROM measure_versions fv WHERE fv.measure_id = a.measure_id
         AND (coalesce((fv.definition->>'sealed')::boolean, false) OR coalesce((fv.definition->>'revealsHealthOrHardship')::boolean, false))
    )) AS aggregate_only
  FROM applications a
  WHERE a.status = 'APPROVED' AND a.decided_at IS NOT NULL`;

const legalBasis = (v: string) =>
  `(SELECT string_agg(l->>'citation', '; ') FROM jsonb_array_elements(${v}.definition->'legalBasis') l)`;

/**
 * D.Lgs. 33/2013 art. 26–27, as one CSV:
 * - `grant` rows: beneficiaries who received more than 1,000 EUR in the year from measures that
 *   may be published per beneficiary, each under a pseudonym of this export and year only (its
 *   own derived key), so it links to no auditor view and to no other year's publication;
 * - `aggregate` rows: per measure and year, the count and total of the grants of measures that
 *   reveal health or hardship (art. 26 c. 4: no beneficiary may be identifiable), counts below
 *   SMALL_COUNT shown as "<3" without the amount.
 * Both queries run before the header is yielded, so a failure is an error answer, not a cut file.
 */
export async function* transparencyCsv(db: DataSource, pseudonymiser: Pseudonymiser): AsyncGenerator<string> {
  const grants = (await db.query(`
    WITH granted AS (${GRANTED}), over AS (
      SELECT beneficiary_fiscal_code, grant_year FROM granted
       WHERE NOT aggregate_only AND amount_cents IS NOT NULL GROUP BY 1, 2 HAVING sum(amount_cents) > 100000
    )
    SELECT g.beneficiary_fiscal_code, g.grant_year, m.code, v.definition->'title'->>'it' AS title, g.amount_cents,
      ${legalBasis('v')} AS legal_basis, v.definition->'managingBody'->>'it' AS office,
      to_char(g.decided_at AT TIME ZONE 'Europe/Rome', 'YYYY-MM-DD') AS decision_date
    FROM granted g JOIN over o USING (beneficiary_fiscal_code, grant_year)
    JOIN measures m ON m.id = g.measure_id JOIN measure_versions v ON v.id = g.measure_version_id
    WHERE NOT g.aggregate_only AND g.amount_cents IS NOT NULL
    ORDER BY g.decided_at, g.id`)) as Record<string, string | number | null>[];
  const aggregates = (await db.query(`
    WITH granted AS (${GRANTED})
    SELECT m.code, g.grant_year, count(*)::int AS grants, sum(g.amount_cents)::bigint AS amount_cents,
      lv.definition->'title'->>'it' AS title, ${legalBasis('lv')} AS legal_basis, lv.definition->'managingBody'->>'it' AS office
    FROM granted g JOIN measures m ON m.id = g.measure_id
    JOIN LATERAL (SELECT definition FROM measure_versions WHERE measure_id = m.id ORDER BY version DESC LIMIT 1) lv ON true
    WHERE g.aggregate_only
    GROUP BY m.code, g.grant_year, lv.definition
    ORDER BY m.code, g.grant_year`)) as Record<string, string | number | null>[];
  const perYear = new Map<number, Pseudonymiser>();
  const publicPseudonym = (year: number, fiscalCode: string) => {
    if (!perYear.has(year)) perYear.set(year, pseudonymiser.derive(`transparency-art26:${year}`, 'pub'));
    return perYear.get(year)!.pseudonym(fiscalCode);
  };
  const eur = (cents: string | number | null) => (cents === null ? '' : (Number(cents) / 100).toFixed(2));
  let out = csvLine(TRANSPARENCY_HEADER);
  for (const r of grants) {
    out += csvLine([
      'grant',
      publicPseudonym(Number(r.grant_year), String(r.beneficiary_fiscal_code ?? '')),
      r.code,
      r.title,
      r.grant_year,
      1,
      eur(r.amount_cents),
      r.legal_basis,
      r.office,
      r.decision_date,
    ]);
  }
  for (const r of aggregates) {
    const small = Number(r.grants) < SMALL_COUNT;
    out += csvLine([
      'aggregate',
      '',
      r.code,
      r.title,
      r.grant_year,
      small ? `<${SMALL_COUNT}` : r.grants,
      small ? '' : eur(r.amount_cents),
      r.legal_basis,
      r.office,
      '',
    ]);
  }
  yield out;
}
