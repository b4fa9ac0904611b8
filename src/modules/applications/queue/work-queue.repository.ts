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

const OPEN = `a.status IN (${OPEN_STATES.map((s) => `'${s}'`).join(', ')})`;

/** The latest eligibility evaluation of one case: a re-evaluation (after an integration answer), else the submission's. */
const OUTCOME = `coalesce(
  (SELECT r.outcome FROM eligibility_reevaluations r WHERE r.application_id = a.id ORDER BY r.id DESC LIMIT 1),
  (SELECT e.outcome FROM eligibility_decisions e WHERE e.application_id = a.id))`;

/** A possible duplicate whose other case the caller may see too (no hint from a case they may not see). */
const LINKED = `a.id IN (SELECT application_id FROM application_duplicates UNION ALL SELECT other_application_id FROM application_duplicates)
  AND EXISTS (SELECT 1 FROM application_duplicates d
  JOIN applications b ON b.id = CASE WHEN d.application_id = a.id THEN d.other_application_id ELSE d.application_id END
  WHERE (d.application_id = a.id OR d.other_application_id = a.id)
    AND b.status NOT IN ('DRAFT', 'WITHDRAWN', 'REJECTED') AND ${visibleToStaffSql('b')})`;

/** The assigned officer's name, as their colleagues of the territory read it in the list. */
const ASSIGNEE = `CASE WHEN o.id IS NULL THEN NULL ELSE o.first_name || ' ' || o.last_name END`;

/**
 * The queue's order (migration 024's index): running deadlines first by their due date, then
 * suspended cases by the days they had left when the clock stopped; both keys immutable. For a
 * running case the second key minus TODAY_KEY is its days left, so the deadline filters below
 * are ranges of the index.
 */
const SUSPENDED_KEY = `(a.suspended_since IS NOT NULL)`;
const DUE_KEY = `(CASE WHEN a.suspended_since IS NULL
  THEN (a.received_date + a.deadline_days + a.suspended_days) - DATE '2000-01-01'
  ELSE (a.received_date + a.deadline_days + a.suspended_days) - a.suspended_since END)`;
const TODAY_KEY = `(:today::date - DATE '2000-01-01')`;
export const QUEUE_ORDER_KEY = `${SUSPENDED_KEY}, ${DUE_KEY}`;

const VIEW_SQL: Record<QueueView, string> = {
  open: 'true',
  mine: 'a.assigned_operator_id = :me',
  unassigned: 'a.assigned_operator_id IS NULL',
  due_soon: `${SUSPENDED_KEY} = false AND ${DUE_KEY} BETWEEN ${TODAY_KEY} AND ${TODAY_KEY} + ${DUE_SOON_DAYS}`,
  overdue: `${SUSPENDED_KEY} = false AND ${DUE_KEY} < ${TODAY_KEY}`,
  suspended: `${SUSPENDED_KEY} = true`,
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
  days_left: `${QUEUE_ORDER_KEY}, a.protocol_year ASC, a.protocol_seq ASC`,
  received_at: `a.protocol_year ASC, a.protocol_seq ASC`,
};

/**
 * Runs SQL written with :named parameters (the visibility rule's) through the driver's own
 * binding, in a read-only transaction without JIT: the subqueries' estimated cost makes
 * PostgreSQL compile these reads, which costs seconds and saves nothing at this size.
 */
async function run<T>(em: EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const [text, values] = em.connection.driver.escapeQueryWithParameters(sql, params);
  return em.transaction(async (t) => {
    await t.query('SET TRANSACTION READ ONLY');
    await t.query('SET LOCAL jit = off');
    return (await t.query(text, values)) as T[];
  });
}

/** Totals and counts are exact up to this; past it they say "more than" (a page stops at its rows). */
export const COUNT_CAP = 1000;

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
    // Counted up to the cap: past it the page says "more than" and the pager goes on while rows come.
    run<{ total: number }>(
      em,
      `SELECT count(*)::int AS total FROM (SELECT 1 FROM applications a JOIN measures m ON m.id = a.measure_id
        WHERE ${where} LIMIT :cap) bounded`,
      { ...params, cap: COUNT_CAP + 1 },
    ),
  ]);
  return { rows, total: Math.min(total, COUNT_CAP), totalExact: total <= COUNT_CAP };
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

export interface QueueCount {
  dimension: 'view' | 'measure' | 'ats' | 'ambito' | 'state';
  key: string;
  /** At most COUNT_CAP + 1: more than COUNT_CAP means "more than". */
  n: number;
}

/**
 * The sidebar's counts in one statement: every named filter, and the open cases per measure,
 * state, and the ATS and Ambiti of the caller's scope, each counted over the same WHERE as the
 * list and bounded (COUNT_CAP), so each stops early on migration 024's index instead of reading
 * the whole territory.
 */
export async function queueCounts(em: EntityManager, actor: Principal, today: string, measureCodes: string[]) {
  const parts: { dimension: QueueCount['dimension']; key: string; query: Partial<WorkQueueQueryDto> }[] = [
    ...QUEUE_VIEWS.map((v) => ({ dimension: 'view' as const, key: v, query: { view: v } })),
    ...measureCodes.map((c) => ({ dimension: 'measure' as const, key: c, query: { measureCode: c } })),
    ...OPEN_STATES.map((st) => ({ dimension: 'state' as const, key: st, query: { status: st } })),
    ...actor.scope.atsCodes.map((c) => ({ dimension: 'ats' as const, key: c, query: { atsCode: c } })),
    ...actor.scope.ambitoCodes.map((c) => ({ dimension: 'ambito' as const, key: c, query: { ambitoCode: c } })),
  ];
  const params: Record<string, unknown> = { cap: COUNT_CAP + 1 };
  const selects = parts.map((part, i) => {
    const { where, params: own } = queueWhere(actor, { ...part.query, limit: 1, offset: 0 }, today);
    // Each part's own parameters, renamed apart (the visibility rule's are the same in every part).
    const renamed = where.replace(/:(\w+)/g, (full, name: string) =>
      name in own && !(name in staffVisibilityParams(actor)) && name !== 'today' ? `:p${i}_${name}` : full,
    );
    for (const [name, value] of Object.entries(own)) {
      if (name in staffVisibilityParams(actor) || name === 'today') params[name] = value;
      else params[`p${i}_${name}`] = value;
    }
    return `SELECT ${i} AS part, (SELECT count(*)::int FROM (SELECT 1 FROM applications a JOIN measures m ON m.id = a.measure_id
              WHERE ${renamed} LIMIT :cap) bounded) AS n`;
  });
  const rows = await run<{ part: number; n: number }>(em, selects.join('\nUNION ALL\n'), params);
  return rows.map((r): QueueCount => ({ dimension: parts[r.part].dimension, key: parts[r.part].key, n: r.n }));
}

/** Every measure's code, in order. */
export async function measureCodes(em: EntityManager): Promise<string[]> {
  return ((await em.query(`SELECT code FROM measures ORDER BY code`)) as { code: string }[]).map((m) => m.code);
}
