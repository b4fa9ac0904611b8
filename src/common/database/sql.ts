import type { EntityManager } from 'typeorm';

/**
 * Runs SQL and returns its rows, whatever the statement: TypeORM answers UPDATE and DELETE
 * with [rows, count] but SELECT and INSERT with rows.
 */
export async function sqlRows<T>(em: EntityManager, query: string, params: unknown[] = []): Promise<T[]> {
  const result = (await em.query(query, params)) as unknown;
  if (/^\s*(UPDATE|DELETE)\b/i.test(query) && Array.isArray(result) && Array.isArray(result[0])) return result[0] as T[];
  return result as T[];
}
