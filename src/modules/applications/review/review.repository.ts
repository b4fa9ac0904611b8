import type { EntityManager } from 'typeorm';
import type { Principal } from '../../../common/access/principal.js';
import type { Role } from '../../../common/access/role.js';
import { sqlRows } from '../../../common/database/sql.js';

/**
 * A staff account as a principal, to check whom a case is assigned to: its roles (none once
 * disabled) and its territory. Null for an unknown id.
 */
export async function staffPrincipal(em: EntityManager, userId: string): Promise<Principal | null> {
  const [row] = await sqlRows<{ id: string; roles: Role[]; atsCodes: string[]; ambitoCodes: string[] }>(
    em,
    `SELECT u.id, CASE WHEN u.disabled_at IS NULL THEN u.roles ELSE '{}' END AS roles,
            coalesce(array_agg(s.ats_code) FILTER (WHERE s.ats_code IS NOT NULL), '{}') AS "atsCodes",
            coalesce(array_agg(s.ambito_code) FILTER (WHERE s.ambito_code IS NOT NULL), '{}') AS "ambitoCodes"
       FROM users u LEFT JOIN user_scopes s ON s.user_id = u.id
      WHERE u.id = $1 GROUP BY u.id`,
    [userId],
  );
  return row ? { id: row.id, roles: row.roles, scope: { atsCodes: row.atsCodes, ambitoCodes: row.ambitoCodes } } : null;
}
