import type { EntityManager } from 'typeorm';
import type { Principal } from '../../../common/access/principal.js';
import { sqlRows } from '../../../common/database/sql.js';
import { visibleToStaffPositional } from './visibility-sql.js';

/** The states in which a case is being worked on and its deadline runs (or is suspended). */
export const OPEN_STATES = ['SUBMITTED', 'IN_REVIEW', 'INTEGRATION_REQUESTED', 'PROPOSED', 'PRE_REJECTION_NOTICE'];

/** Days to the deadline (received + days + ended suspensions), frozen while a suspension runs: the work queue's rule. */
const DAYS_LEFT = `((a.received_date + a.deadline_days + a.suspended_days) - coalesce(a.suspended_since, $1::date))`;
/** Overdue and due soon count only running deadlines: a suspended one is not lapsing. */
const OVERDUE = `(${DAYS_LEFT} < 0 AND a.suspended_since IS NULL)`;
const DUE_SOON = `(${DAYS_LEFT} BETWEEN 0 AND $2 AND a.suspended_since IS NULL)`;

export interface OfficerLoadRow {
  officerId: string | null;
  firstName: string | null;
  lastName: string | null;
  inCharge: number;
  overdue: number;
  dueSoon: number;
}

export interface OverdueCaseRow {
  applicationId: string;
  protocolNumber: string;
  status: string;
  daysLate: number;
  officerId: string | null;
  firstName: string | null;
  lastName: string | null;
}

/**
 * Per officer: the open cases assigned to them, overdue, due within `soonDays`. Officers are
 * the OPERATORs of the caller's ATS and Ambiti (an Ambito of one of the caller's ATS too),
 * with those already holding a visible case; open cases nobody has taken form one row with no
 * officer.
 */
export async function officerLoad(
  em: EntityManager,
  actor: Principal,
  today: string,
  soonDays: number,
): Promise<OfficerLoadRow[]> {
  const rule = visibleToStaffPositional(em, actor, 5);
  return sqlRows<OfficerLoadRow>(
    em,
    `WITH load AS (
       SELECT a.assigned_operator_id AS officer_id, count(*)::int AS in_charge,
              count(*) FILTER (WHERE ${OVERDUE})::int AS overdue, count(*) FILTER (WHERE ${DUE_SOON})::int AS due_soon
         FROM applications a
        WHERE a.status = ANY($3::text[]) AND ${rule.sql}
        GROUP BY a.assigned_operator_id
     ), officers AS (
       SELECT u.id FROM users u JOIN user_scopes s ON s.user_id = u.id
         LEFT JOIN ambiti am ON am.code = s.ambito_code
        WHERE 'OPERATOR' = ANY(u.roles) AND u.disabled_at IS NULL
          AND (s.ats_code = ANY($4::text[]) OR s.ambito_code = ANY($5::text[]) OR am.ats_code = ANY($4::text[]))
       UNION SELECT officer_id FROM load WHERE officer_id IS NOT NULL
     )
     SELECT o.id AS "officerId", u.first_name AS "firstName", u.last_name AS "lastName",
            coalesce(l.in_charge, 0) AS "inCharge", coalesce(l.overdue, 0) AS overdue, coalesce(l.due_soon, 0) AS "dueSoon"
       FROM officers o JOIN users u ON u.id = o.id LEFT JOIN load l ON l.officer_id = o.id
     UNION ALL
     SELECT NULL, NULL, NULL, in_charge, overdue, due_soon FROM load WHERE officer_id IS NULL
     ORDER BY 5 DESC, 4 DESC, 3, 2`,
    [today, soonDays, OPEN_STATES, actor.scope.atsCodes, actor.scope.ambitoCodes, ...rule.params],
  );
}

/** The caller's visible open cases past their deadline, the latest first, at most `limit`. */
export async function overdueCases(
  em: EntityManager,
  actor: Principal,
  today: string,
  limit: number,
): Promise<OverdueCaseRow[]> {
  const rule = visibleToStaffPositional(em, actor, 3);
  return sqlRows<OverdueCaseRow>(
    em,
    `SELECT a.id AS "applicationId", a.protocol_number AS "protocolNumber", a.status,
            (-${DAYS_LEFT})::int AS "daysLate", a.assigned_operator_id AS "officerId", u.first_name AS "firstName", u.last_name AS "lastName"
       FROM applications a LEFT JOIN users u ON u.id = a.assigned_operator_id
      WHERE a.status = ANY($2::text[]) AND ${OVERDUE} AND ${rule.sql}
      ORDER BY ${DAYS_LEFT}, a.protocol_year, a.protocol_seq
      LIMIT $3`,
    [today, OPEN_STATES, limit, ...rule.params],
  );
}
