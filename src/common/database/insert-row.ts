import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Inserts a row; TypeORM's deep-partial typing cannot follow free-form JSON (jsonb) columns. */
export function insertRow<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, values: Partial<T>) {
  return em.insert(target, values);
}
