import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { measureNotFound } from './measures.errors.js';
import { MeasureVersion } from './measure-version.entity.js';
import { Measure } from './measure.entity.js';

/** Finds a measure by code, locking its row so commands on one measure run one at a time. */
export async function lockMeasure(em: EntityManager, code: string): Promise<Measure> {
  const measure = await em.findOne(Measure, { where: { code }, lock: { mode: 'pessimistic_write' } });
  if (!measure) throw measureNotFound();
  return measure;
}

export async function findVersion(
  em: EntityManager,
  code: string,
  version: number,
): Promise<{ measure: Measure; version: MeasureVersion }> {
  const measure = await em.findOneBy(Measure, { code });
  if (!measure) throw measureNotFound();
  const found = await em.findOneBy(MeasureVersion, { measureId: measure.id, version });
  if (!found) throw measureNotFound();
  return { measure, version: found };
}

/** The published version in force at an instant: validity started and not yet ended. */
export function inForceQuery(em: EntityManager, at: Date) {
  return em
    .getRepository(MeasureVersion)
    .createQueryBuilder('v')
    .innerJoin(Measure, 'm', 'm.id = v.measure_id')
    .addSelect('m.code', 'measure_code')
    .where("v.status = 'published'")
    .andWhere('v.valid_from <= :at', { at })
    .andWhere('(v.valid_to IS NULL OR v.valid_to > :at)', { at })
    .orderBy('m.code', 'ASC')
    .addOrderBy('v.version', 'DESC');
}

/** The measure's version in force at an instant, if any. */
export const inForceForMeasure = (em: EntityManager, measureId: string, at: Date): Promise<MeasureVersion | null> =>
  inForceQuery(em, at).andWhere('v.measure_id = :id', { id: measureId }).getOne();

/** A measure by code and its version in force at an instant; null when either is missing. */
export async function inForceByCode(
  em: EntityManager,
  code: string,
  at: Date,
): Promise<{ measure: Measure; version: MeasureVersion } | null> {
  const measure = await em.findOneBy(Measure, { code });
  const version = measure && (await inForceForMeasure(em, measure.id, at));
  return measure && version ? { measure, version } : null;
}

/** As inForceByCode, refusing (404) an unknown measure or one with no version in force. */
export async function inForceOrNotFound(
  em: EntityManager,
  code: string,
  at: Date,
): Promise<{ measure: Measure; version: MeasureVersion }> {
  const found = await inForceByCode(em, code, at);
  if (!found) throw measureNotFound();
  return found;
}

/** TypeORM's deep-partial typing cannot follow a readonly JSON document (jsonb definition). */
type Row = QueryDeepPartialEntity<MeasureVersion>;

export const insertVersion = (em: EntityManager, values: Partial<MeasureVersion>) =>
  em.insert(MeasureVersion, values as Row);

export const updateVersion = (em: EntityManager, id: string, values: Partial<MeasureVersion>) =>
  em.update(MeasureVersion, { id }, values as Row);
