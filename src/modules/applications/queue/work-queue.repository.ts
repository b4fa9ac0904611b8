import type { EntityManager } from 'typeorm';
import type { Principal } from '../../../common/access/principal.js';
import { staffVisibilityParams, visibleToStaffSql } from '../case-access.js';
import { OPEN_STATES } from '../domain/application-status.js';
import { DUE_SOON_DAYS, QUEUE_VIEWS, type QueueView, type WorkQueueQueryDto } from './work-queue.dto.js';

/**
 * The work queue's SQL: one WHERE for the page, its total and the sidebar's counts, so a count
 * never disagrees with the list it names. Territory and the sealed rule come first
 * (case-access.ts visibleToStaffSql, the rule mayViewAsStaff applies to one case): an
 * unassigned OPERATOR's list and counts never include a sealed case.
 */

/** Days left to the deadline (received + days + suspended), frozen at a running suspension's start. */
const DAYS_LEFT = `((a.received_date + a.deadline_days + a.suspended_days) - coalesce(a.suspended_since, :today::date))`;
const RUNNING = `a.suspended_since IS NULL`;
const OPEN = `a.status IN (${OPEN_STATES.map((s) => `'${s}'`).join(', ')})`;

/** The latest eligibility evaluation: a re-evaluation (after an integration answer), else the submission's. */
const OUTCOME = `coalesce(
  (SELECT r.outcome FROM eligibility_reevaluations r WHERE r.application_id = a.id ORDER BY r.id DESC LIMIT 1),
  (SELECT e.outcome FROM eligibility_decisions e WHERE e.application_id = a.id))`;

/** A possible duplicate whose other case the caller may see too (no hint from a case they may not see). */
const LINKED = `EXISTS (SELECT 1 FROM application_duplicates d
  JOIN applications b ON b.id = CASE WHEN d.application_id = a.id THEN d.other_application_id ELSE d.application_id END
  WHERE (d.application_id = a.id OR d.other_application_id = a.id)
    AND b.status NOT IN ('DRAFT', 'WITHDRAWN', 'REJECTED') AND ${visibleToStaffSql('b')})`;

/** The assigned officer's name, as their colleagues of the territory read it in the list. */
const ASSIGNEE = `CASE WHEN o.id IS NULL THEN NULL ELSE o.first_name || ' ' || o.last_name END`;

const VIEW_SQL: Record<QueueView, string> = {
  open: 'true',
  mine: 'a.assigned_operator_id = :me',
  unassigned: 'a.assigned_operator_id IS NULL',
  due_soon: `${RUNNING} AND ${DAYS_LEFT} BETWEEN 0 AND ${DUE_SOON_DAYS}`,
  overdue: `${RUNNING} AND ${DAYS_LEFT} < 0`,
  suspended: 'a.suspended_since IS NOT NULL',
  duplicates: LINKED,
};

export interface QueueRow {
  id: string;
  measure_code: string;
  budget_kind: string | null;
  possible_duplicate: boolean;
  outcome: string | null;
  assignee_name: string | null;
}

interface Sql {
  where: string;
  params: Record<string, unknown>;
}

/** The caller's scope and the query's filters, as one WHERE over `applications a JOIN measures m`. */
export function queueWhere(actor: Principal, q: WorkQueueQueryDto, today: string, anyState = false): Sql {
  const params: Record<string, unknown> = { ...staffVisibilityParams(actor), today };
  const and = [visibleToStaffSql('a')];
  if (q.status) {
    and.push('a.status = :status');
    params.status = q.status;
  } else if (!anyState) and.push(OPEN);
  and.push(VIEW_SQL[q.view ?? 'open']);
  if (q.measureCode) {
    and.push('m.code = :measureCode');
    params.measureCode = q.measureCode;
  }
  if (q.atsCode) {
    and.push('a.ats_code = :atsCode');
    params.atsCode = q.atsCode;
  }
  if (q.ambitoCode) {
    and.push('a.ambito_code = :ambitoCode');
    params.ambitoCode = q.ambitoCode;
  }
  if (q.eligibility) {
    and.push(`${OUTCOME} = :outcome`);
    params.outcome = q.eligibility;
  }
  if (q.overdue === 'true') and.push(VIEW_SQL.overdue);
  if (q.overdue === 'false') and.push(`NOT (${VIEW_SQL.overdue})`);
  if (q.possibleDuplicate === 'true') and.push(LINKED);
  if (q.possibleDuplicate === 'false') and.push(`NOT ${LINKED}`);
  if (q.protocol) {
    // A prefix of the generated protocol number: "2026-00001" finds 2026-0000100…2026-0000199.
    and.push(`a.protocol_number LIKE :protocol`);
    params.protocol = `${q.protocol}%`;
  }
  return { where: and.map((c) => `(${c})`).join(' AND '), params };
}

const ORDER = {
  days_left: `${DAYS_LEFT} ASC, a.protocol_year ASC, a.protocol_seq ASC`,
  received_at: `a.protocol_year ASC, a.protocol_seq ASC`,
};

/** Runs SQL written with :named parameters (the visibility rule's) through the driver's own binding. */
async function run<T>(em: EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const [text, values] = em.connection.driver.escapeQueryWithParameters(sql, params);
  return (await em.query(text, values)) as T[];
}

/** One page of the queue (ids with what the list shows beside the case) and the filter's total. */
export async function queuePage(em: EntityManager, actor: Principal, q: WorkQueueQueryDto, today: string) {
  const { where, params } = queueWhere(actor, q, today);
  const [rows, [{ total }]] = await Promise.all([
    run<QueueRow>(
      em,
      `SELECT a.id, m.code AS measure_code, v.definition->'budget'->>'kind' AS budget_kind,
              ${LINKED} AS possible_duplicate, ${OUTCOME} AS outcome, ${ASSIGNEE} AS assignee_name
         FROM (SELECT a.id FROM applications a JOIN measures m ON m.id = a.measure_id
                WHERE ${where} ORDER BY ${ORDER[q.sort ?? 'days_left']} LIMIT :limit OFFSET :offset) page
         JOIN applications a ON a.id = page.id
         JOIN measures m ON m.id = a.measure_id
         LEFT JOIN measure_versions v ON v.id = a.measure_version_id
         LEFT JOIN users o ON o.id = a.assigned_operator_id
        ORDER BY ${ORDER[q.sort ?? 'days_left']}`,
      { ...params, limit: q.limit, offset: q.offset },
    ),
    run<{ total: number }>(
      em,
      `SELECT count(*)::int AS total FROM applications a JOIN measures m ON m.id = a.measure_id WHERE ${where}`,
      params,
    ),
  ]);
  return { rows, total };
}

/** The cases a codice fiscale reaches (the beneficiary's, or the applicant's account), in the caller's scope. */
export function searchByFiscalCode(em: EntityManager, actor: Principal, fiscalCode: string, today: string) {
  // Any state but a draft: a search looks for a person's cases, closed ones included.
  const { where, params } = queueWhere(actor, { limit: 50, offset: 0 }, today, true);
  return run<QueueRow>(
    em,
    `SELECT a.id, m.code AS measure_code, v.definition->'budget'->>'kind' AS budget_kind,
            ${LINKED} AS possible_duplicate, ${OUTCOME} AS outcome, ${ASSIGNEE} AS assignee_name
       FROM applications a JOIN measures m ON m.id = a.measure_id
       LEFT JOIN measure_versions v ON v.id = a.measure_version_id
       LEFT JOIN users o ON o.id = a.assigned_operator_id
      WHERE ${where}
        AND (a.beneficiary_fiscal_code = :cf OR a.owner_id IN (SELECT u.id FROM users u WHERE u.fiscal_code = :cf))
      ORDER BY a.protocol_year DESC, a.protocol_seq DESC LIMIT 50`,
    { ...params, cf: fiscalCode },
  );
}

export interface QueueCountRow {
  dimension: 'all' | 'measure' | 'ats' | 'ambito' | 'state' | 'outcome';
  key: string | null;
  counts: Record<QueueView, number>;
}

/**
 * The sidebar's counts in one pass: every named filter over the open cases, and the open cases
 * per measure, ATS, Ambito, state and eligibility outcome (GROUPING SETS over the same rows).
 */
export async function queueCounts(em: EntityManager, actor: Principal, today: string) {
  const { where, params } = queueWhere(actor, { view: 'open', limit: 1, offset: 0 }, today);
  const views = QUEUE_VIEWS.map((v) => `count(*) FILTER (WHERE ${VIEW_SQL[v]})::int AS ${v}`).join(',\n');
  const rows = await run<Record<string, unknown>>(
    em,
    `SELECT GROUPING(m.code) AS g_measure, GROUPING(a.ats_code) AS g_ats, GROUPING(a.ambito_code) AS g_ambito,
            GROUPING(a.status) AS g_state, GROUPING(x.outcome) AS g_outcome,
            m.code AS measure, a.ats_code AS ats, a.ambito_code AS ambito, a.status AS state, x.outcome, ${views}
       FROM applications a JOIN measures m ON m.id = a.measure_id
       CROSS JOIN LATERAL (SELECT ${OUTCOME} AS outcome) x
      WHERE ${where}
      GROUP BY GROUPING SETS ((), (m.code), (a.ats_code), (a.ambito_code), (a.status), (x.outcome))`,
    params,
  );
  return rows.map((r): QueueCountRow => {
    const counts = Object.fromEntries(QUEUE_VIEWS.map((v) => [v, Number(r[v])])) as Record<QueueView, number>;
    const set = (['measure', 'ats', 'ambito', 'state', 'outcome'] as const).find((d) => Number(r[`g_${d}`]) === 0);
    return { dimension: set ?? 'all', key: set ? (r[set] as string | null) : null, counts };
  });
}
