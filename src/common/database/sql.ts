import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Runs SQL and returns its rows, whatever the statement: TypeORM answers a statement whose
 * top level is UPDATE or DELETE (also behind WITH) with [rows, count], others with rows.
 * Rows are objects, never arrays, so the shape tells them apart.
 */
export async function sqlRows<T>(em: EntityManager, query: string, params: unknown[] = []): Promise<T[]> {
  const result = (await em.query(query, params)) as unknown;
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/** A LIKE pattern matching values that start with `text`, case-folded, its wildcards taken literally. */
export const likePrefix = (text: string) => `${text.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`;

/** One page of people in a stable order: by last name, then id (ties never reorder between pages). */
export const pageByLastName = <T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  page: { limit: number; offset: number },
) => qb.orderBy(`${alias}.last_name`).addOrderBy(`${alias}.id`).take(page.limit).skip(page.offset).getManyAndCount();
