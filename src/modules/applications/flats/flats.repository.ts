import type { EntityManager } from 'typeorm';
import { sqlRows } from '../../../common/database/sql.js';

/** The flats' SQL; rows come back camelCase (aliased in SQL). */

/** A flat of the inventory; its address is sealed data (masked in every list). */
export interface FlatRow {
  id: string;
  province: string;
  alerReference: string;
  address: string;
  status: 'available' | 'allocated';
  createdAt: Date;
}

const FLAT = `id, province, aler_reference AS "alerReference", address, status, created_at AS "createdAt"`;

/** Adds a flat to the measure's inventory; null when its ALER reference is already there. */
export async function insertFlat(
  em: EntityManager,
  f: { measureId: string; province: string; alerReference: string; address: string; createdBy: string; at: Date },
): Promise<FlatRow | null> {
  const [row] = await sqlRows<FlatRow>(
    em,
    `INSERT INTO flats (measure_id, province, aler_reference, address, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (measure_id, aler_reference) DO NOTHING RETURNING ${FLAT}`,
    [f.measureId, f.province, f.alerReference, f.address, f.createdBy, f.at],
  );
  return row ?? null;
}

/** The measure's flats, by province, in the order they were added. */
export const flatsOfMeasure = (em: EntityManager, measureId: string): Promise<FlatRow[]> =>
  sqlRows<FlatRow>(em, `SELECT ${FLAT} FROM flats WHERE measure_id = $1 ORDER BY province, created_at, id`, [
    measureId,
  ]);

/** Whether the case, or the woman it is for, already has a flat. */
export async function alreadyHasFlat(
  em: EntityManager,
  applicationId: string,
  fiscalCode: string | null,
): Promise<boolean> {
  const rows = await sqlRows<unknown>(
    em,
    `SELECT 1 FROM flat_allocations WHERE application_id = $1 OR beneficiary_fiscal_code = $2`,
    [applicationId, fiscalCode],
  );
  return rows.length > 0;
}

/**
 * An available flat of the measure in the province, locked: the one asked for, or the earliest
 * added. SKIP LOCKED lets parallel allocations of "any flat" take different ones instead of
 * queueing on the same row.
 */
export async function lockAvailableFlat(
  em: EntityManager,
  { measureId, province, flatId }: { measureId: string; province: string | null; flatId?: string },
): Promise<FlatRow | null> {
  const [row] = await sqlRows<FlatRow>(
    em,
    flatId
      ? `SELECT ${FLAT} FROM flats WHERE id = $1 AND measure_id = $2 AND province = $3 AND status = 'available' FOR UPDATE`
      : `SELECT ${FLAT} FROM flats WHERE measure_id = $1 AND province = $2 AND status = 'available' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    flatId ? [flatId, measureId, province] : [measureId, province],
  );
  return row ?? null;
}

/** Flips the flat to allocated, only from available; false when it was no longer available. */
export async function markAllocated(em: EntityManager, flatId: string): Promise<boolean> {
  const rows = await sqlRows<{ id: string }>(
    em,
    `UPDATE flats SET status = 'allocated' WHERE id = $1 AND status = 'available' RETURNING id`,
    [flatId],
  );
  return rows.length === 1;
}

/** Records the allocation; UNIQUE flat, case and woman (a unique violation when taken). */
export async function insertAllocation(
  em: EntityManager,
  a: { flatId: string; applicationId: string; fiscalCode: string | null; allocatedBy: string; at: Date },
): Promise<void> {
  await em.query(
    `INSERT INTO flat_allocations (flat_id, application_id, beneficiary_fiscal_code, allocated_by, allocated_at) VALUES ($1, $2, $3, $4, $5)`,
    [a.flatId, a.applicationId, a.fiscalCode, a.allocatedBy, a.at],
  );
}
