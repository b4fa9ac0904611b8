import type { DataSource } from 'typeorm';
import type { Principal } from '../../../../common/access/principal.js';
import type { Application } from '../../../applications/application.entity.js';
import { territoryCovers } from '../../../applications/case-access.js';

export interface StaffMember {
  id: string;
  name: string;
}

/**
 * The active OPERATORs whose territory covers a case (the assignment's choice list), by name.
 * ReviewService.takeInCharge checks the same rule again when the assignment is made.
 */
export async function officersCovering(db: DataSource, app: Application): Promise<StaffMember[]> {
  const rows = (await db.query(
    `SELECT u.id, u.first_name, u.last_name,
            coalesce(array_agg(s.ats_code) FILTER (WHERE s.ats_code IS NOT NULL), '{}') AS ats,
            coalesce(array_agg(s.ambito_code) FILTER (WHERE s.ambito_code IS NOT NULL), '{}') AS ambiti
       FROM users u JOIN user_scopes s ON s.user_id = u.id
      WHERE 'OPERATOR' = ANY(u.roles) AND u.disabled_at IS NULL
      GROUP BY u.id ORDER BY u.last_name, u.first_name, u.id`,
  )) as { id: string; first_name: string; last_name: string; ats: string[]; ambiti: string[] }[];
  return rows
    .filter((r) =>
      territoryCovers(
        { id: r.id, roles: [], scope: { atsCodes: r.ats, ambitoCodes: r.ambiti } } satisfies Principal,
        app,
      ),
    )
    .map((r) => ({ id: r.id, name: `${r.first_name} ${r.last_name}` }));
}

/** A staff member's name (who proposed), or null when the account is gone. */
export async function staffName(db: DataSource, id: string): Promise<string | null> {
  const [row] = (await db.query(`SELECT first_name, last_name FROM users WHERE id = $1`, [id])) as {
    first_name: string;
    last_name: string;
  }[];
  return row ? `${row.first_name} ${row.last_name}` : null;
}

/** The active OPERATORs who share a territory with the caller (a bulk assignment's choice list). */
export async function officersSharingScope(db: DataSource, actor: Principal): Promise<StaffMember[]> {
  const rows = (await db.query(
    `SELECT DISTINCT u.id, u.first_name, u.last_name FROM users u JOIN user_scopes s ON s.user_id = u.id
      WHERE 'OPERATOR' = ANY(u.roles) AND u.disabled_at IS NULL AND (s.ats_code = ANY($1) OR s.ambito_code = ANY($2))
      ORDER BY u.last_name, u.first_name, u.id`,
    [actor.scope.atsCodes, actor.scope.ambitoCodes],
  )) as { id: string; first_name: string; last_name: string }[];
  return rows.map((r) => ({ id: r.id, name: `${r.first_name} ${r.last_name}` }));
}
