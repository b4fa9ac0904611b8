import type { EntityManager } from 'typeorm';
import { sqlRows } from '../../../common/database/sql.js';

/** The art. 71 checks' SQL; rows come back camelCase (aliased in SQL). Samples are insert-only. */

/** A drawn sample, as stored. */
export interface SampleRow {
  id: string;
  seed: string;
  requested: Record<string, unknown>;
  size: number;
  population: number;
  populationHash: string;
  applicationIds: string[];
  drawnBy: string;
  drawnAt: Date;
}

const SAMPLE = `id, seed, requested, size, population, population_hash AS "populationHash",
  application_ids AS "applicationIds", drawn_by AS "drawnBy", drawn_at AS "drawnAt"`;

/** The population a sample is drawn from: the measure's APPROVED cases, in protocol order. */
export async function approvedCaseIds(em: EntityManager, measureId: string): Promise<string[]> {
  const rows = await sqlRows<{ id: string }>(
    em,
    `SELECT id FROM applications WHERE measure_id = $1 AND status = 'APPROVED' ORDER BY protocol_year, protocol_seq`,
    [measureId],
  );
  return rows.map((r) => r.id);
}

export async function insertSample(
  em: EntityManager,
  s: Omit<SampleRow, 'id'> & { measureId: string },
): Promise<SampleRow> {
  const [row] = await sqlRows<SampleRow>(
    em,
    `INSERT INTO check_samples (measure_id, seed, requested, size, population, population_hash, application_ids, drawn_by, drawn_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${SAMPLE}`,
    [
      s.measureId,
      s.seed,
      JSON.stringify(s.requested),
      s.size,
      s.population,
      s.populationHash,
      s.applicationIds,
      s.drawnBy,
      s.drawnAt,
    ],
  );
  return row;
}

/** The measure's samples, in the order they were drawn. */
export const samplesOfMeasure = (em: EntityManager, measureId: string): Promise<SampleRow[]> =>
  sqlRows<SampleRow>(em, `SELECT ${SAMPLE} FROM check_samples WHERE measure_id = $1 ORDER BY drawn_at, id`, [
    measureId,
  ]);

/** The latest sample holding the case whose outcome for it is not recorded yet. */
export async function sampleAwaitingOutcome(em: EntityManager, applicationId: string): Promise<string | null> {
  const [row] = await sqlRows<{ id: string }>(
    em,
    `SELECT s.id FROM check_samples s
      WHERE $1 = ANY(s.application_ids) AND NOT EXISTS (SELECT 1 FROM check_outcomes o WHERE o.sample_id = s.id AND o.application_id = $1)
      ORDER BY s.drawn_at DESC, s.id LIMIT 1`,
    [applicationId],
  );
  return row?.id ?? null;
}

/** Records a check's outcome; UNIQUE per sample and case (a unique violation when recorded). */
export async function insertOutcome(
  em: EntityManager,
  o: {
    sampleId: string;
    applicationId: string;
    outcome: string;
    notes: string;
    recoveryAmountCents: number | null;
    recordedBy: string;
    at: Date;
  },
): Promise<void> {
  await em.query(
    `INSERT INTO check_outcomes (sample_id, application_id, outcome, notes, recovery_amount_cents, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [o.sampleId, o.applicationId, o.outcome, o.notes, o.recoveryAmountCents, o.recordedBy, o.at],
  );
}
