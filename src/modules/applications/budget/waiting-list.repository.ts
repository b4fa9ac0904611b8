import type { EntityManager } from 'typeorm';
import type { Principal } from '../../../common/access/principal.js';
import { sqlRows } from '../../../common/database/sql.js';
import { visibleToStaffPositional } from '../workload/visibility-sql.js';

/** A queued case, at its place in the order fundQueue funds the queue in. */
export interface QueuedCaseRow {
  position: number;
  applicationId: string;
  protocolNumber: string;
  receivedAt: Date;
  status: string;
  amount: number | null;
  rankingPosition: number | null;
}

/** One budget movement of a scorrimento: what released money (or raised the budget) and what it funded. */
export interface ScorrimentoRow {
  id: string;
  step: number;
  kind: 'reserve' | 'release' | 'increase';
  amount: number;
  at: Date;
  reason: string | null;
  /** The case's protocol number; null for a budget increase or a case the caller may not see. */
  protocolNumber: string | null;
}

/**
 * The waiting list in the order the scorrimento follows (budget.service.ts fundQueue: a
 * graduatoria's published position, protocol order otherwise). The place is counted over the
 * whole queue, then the list keeps the cases the caller may see.
 */
export async function queuedCases(em: EntityManager, actor: Principal, measureId: string): Promise<QueuedCaseRow[]> {
  const rule = visibleToStaffPositional(em, actor, 1);
  return sqlRows<QueuedCaseRow>(
    em,
    `SELECT q.position, a.id AS "applicationId", a.protocol_number AS "protocolNumber", a.received_at AS "receivedAt",
            a.status, a.amount_cents::float8 AS amount, a.queue_position AS "rankingPosition"
       FROM (SELECT id, row_number() OVER (ORDER BY queue_position ASC NULLS LAST, protocol_year, protocol_seq)::int AS position
               FROM applications WHERE measure_id = $1 AND funding = 'queued') q
       JOIN applications a ON a.id = q.id
      WHERE ${rule.sql}
      ORDER BY q.position`,
    [measureId, ...rule.params],
  );
}

/**
 * The scorrimento's history: every movement that released money or raised the budget, each
 * followed by the cases the queue funded right after it (reserve movements whose reason is
 * "scorrimento", written by fundQueue in the same transaction, hence in id order). `step`
 * numbers the trigger each movement belongs to; only steps that funded someone are kept, the
 * latest first. A case's protocol number only where the caller may see the case.
 */
export async function scorrimentoMovements(
  em: EntityManager,
  actor: Principal,
  accountId: string,
  steps: number,
): Promise<ScorrimentoRow[]> {
  const rule = visibleToStaffPositional(em, actor, 2);
  return sqlRows<ScorrimentoRow>(
    em,
    `WITH mv AS (
       SELECT mv.id, mv.kind, mv.amount, mv.at, mv.reason, mv.application_id,
              (count(*) FILTER (WHERE mv.kind IN ('release', 'increase')) OVER (ORDER BY mv.id))::int AS step,
              (mv.kind = 'reserve' AND mv.reason = 'scorrimento') AS funded
         FROM budget_movements mv WHERE mv.account_id = $1
     ), steps AS (
       SELECT step FROM mv WHERE step > 0 GROUP BY step HAVING bool_or(funded) ORDER BY step DESC LIMIT $2
     )
     SELECT mv.id::text AS id, mv.step, mv.kind, mv.amount::float8 AS amount, mv.at, mv.reason,
            (SELECT a.protocol_number FROM applications a WHERE a.id = mv.application_id AND ${rule.sql}) AS "protocolNumber"
       FROM mv JOIN steps s ON s.step = mv.step
      WHERE mv.kind IN ('release', 'increase') OR mv.funded
      ORDER BY mv.step DESC, mv.id`,
    [accountId, steps, ...rule.params],
  );
}

/** The account of a measure, if money was ever booked on it. */
export async function accountOf(
  em: EntityManager,
  measureId: string,
): Promise<{ id: string; unit: 'cents' | 'units' } | null> {
  const [row] = await sqlRows<{ id: string; unit: 'cents' | 'units' }>(
    em,
    `SELECT id, unit FROM budget_accounts WHERE measure_id = $1`,
    [measureId],
  );
  return row ?? null;
}

/**
 * What the approved cases hold of the reserved money: the amount due to beneficiaries (the
 * product keeps no payment orders, as the auditor's indicators say), apart from what is only
 * booked for cases still under examination. Whole-measure figures, no case named.
 */
export async function approvedHolding(
  em: EntityManager,
  measureId: string,
): Promise<{ amount: number; cases: number }> {
  const [row] = await sqlRows<{ amount: number; cases: number }>(
    em,
    `SELECT coalesce(sum(reserved_amount), 0)::float8 AS amount, count(*)::int AS cases
       FROM applications WHERE measure_id = $1 AND status = 'APPROVED' AND funding = 'reserved'`,
    [measureId],
  );
  return row;
}

/** What the queued cases would need (a known amount each): the money the waiting list waits for. */
export async function queuedDemand(em: EntityManager, measureId: string): Promise<number> {
  const [row] = await sqlRows<{ amount: number }>(
    em,
    `SELECT coalesce(sum(amount_cents), 0)::float8 AS amount FROM applications WHERE measure_id = $1 AND funding = 'queued'`,
    [measureId],
  );
  return row.amount;
}
