import type { EntityManager } from 'typeorm';
import type { Principal } from '../../../common/access/principal.js';
import { staffVisibilityParams, VISIBLE_TO_STAFF_SQL } from '../case-access.js';

/**
 * The staff visibility rule of case-access.ts over the alias `a`, its named parameters turned
 * positional after the statement's own first `offset` ones, for raw SQL reads: the manager's
 * lists and counts apply the very rule the API's reads apply.
 */
export function visibleToStaffPositional(
  em: EntityManager,
  actor: Principal,
  offset: number,
): { sql: string; params: unknown[] } {
  const [sql, params] = em.connection.driver.escapeQueryWithParameters(
    VISIBLE_TO_STAFF_SQL,
    staffVisibilityParams(actor),
  );
  return { sql: sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`), params };
}
