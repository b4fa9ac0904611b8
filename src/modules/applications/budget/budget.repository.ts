import type { EntityManager } from 'typeorm';
import { hasRole, type Principal } from '../../../common/access/principal.js';
import { Role } from '../../../common/access/role.js';
import { sqlRows } from '../../../common/database/sql.js';
import { Application } from '../application.entity.js';
import { staffVisibilityParams, VISIBLE_TO_STAFF_SQL } from '../case-access.js';

/**
 * The budget ledger's SQL; rows come back camelCase, amounts as numbers (bigint columns; a
 * budget in cents stays far below 2^53).
 */

/** A measure's budget account: its running totals, in cents or units. */
export interface BudgetAccount {
  id: string;
  unit: 'cents' | 'units';
  total: number;
  reserved: number;
}

const ACCOUNT = `id, unit, total::float8 AS total, reserved::float8 AS reserved`;

/** Creates the measure's account on first use; does nothing when it exists (no lock). */
export async function ensureAccount(
  em: EntityManager,
  measureId: string,
  unit: BudgetAccount['unit'],
  total: number,
): Promise<void> {
  await em.query(
    `INSERT INTO budget_accounts (measure_id, unit, total) VALUES ($1, $2, $3) ON CONFLICT (measure_id) DO NOTHING`,
    [measureId, unit, total],
  );
}

/** The measure's account, if any; `forUpdate` locks it (lock order: the account, then cases). */
export async function accountOf(
  em: EntityManager,
  measureId: string,
  { forUpdate }: { forUpdate: boolean },
): Promise<BudgetAccount | null> {
  const [row] = await sqlRows<BudgetAccount>(
    em,
    `SELECT ${ACCOUNT} FROM budget_accounts WHERE measure_id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [measureId],
  );
  return row ?? null;
}

/** How many of the measure's cases wait for funds, leaving out one if given (the case being saved). */
export async function queuedCount(em: EntityManager, measureId: string, except: string | null = null): Promise<number> {
  const [{ queued }] = await sqlRows<{ queued: number }>(
    em,
    `SELECT count(*)::int AS queued FROM applications WHERE measure_id = $1 AND funding = 'queued' AND id IS DISTINCT FROM $2::uuid`,
    [measureId, except],
  );
  return queued;
}

/**
 * Adds to the reserved total only if it still fits (the conditional UPDATE and the CHECK make
 * it atomic); the reserved total after it, or null when it does not fit.
 */
export async function reserveIfFits(em: EntityManager, accountId: string, amount: number): Promise<number | null> {
  const [row] = await sqlRows<{ reserved: number }>(
    em,
    `UPDATE budget_accounts SET reserved = reserved + $2 WHERE id = $1 AND reserved + $2 <= total RETURNING reserved::float8 AS reserved`,
    [accountId, amount],
  );
  return row ? row.reserved : null;
}

/** Takes an amount off the reserved total; the reserved total after it. */
export async function releaseReserved(em: EntityManager, accountId: string, amount: number): Promise<number> {
  const [row] = await sqlRows<{ reserved: number }>(
    em,
    `UPDATE budget_accounts SET reserved = reserved - $2 WHERE id = $1 RETURNING reserved::float8 AS reserved`,
    [accountId, amount],
  );
  return row.reserved;
}

/** Raises the total; the total after it. */
export async function raiseTotal(em: EntityManager, accountId: string, amount: number): Promise<number> {
  const [row] = await sqlRows<{ total: number }>(
    em,
    `UPDATE budget_accounts SET total = total + $2 WHERE id = $1 RETURNING total::float8 AS total`,
    [accountId, amount],
  );
  return row.total;
}

/** One movement of the ledger, with the account's totals after it. */
export interface NewMovement {
  applicationId: string | null;
  kind: 'reserve' | 'release' | 'increase';
  amount: number;
  reservedAfter: number;
  totalAfter: number;
  reason: string;
}

/** Writes movements in the order given (WITH ORDINALITY), so serial ids follow it. */
export async function insertMovements(
  em: EntityManager,
  accountId: string,
  movements: readonly NewMovement[],
  { actorId, at }: { actorId: string | null; at: Date },
): Promise<void> {
  if (movements.length === 0) return;
  await em.query(
    `INSERT INTO budget_movements (account_id, application_id, kind, amount, reserved_after, total_after, actor_id, reason, at)
     SELECT $1, u.application_id, u.kind, u.amount, u.reserved_after, u.total_after, $2, u.reason, $3
       FROM unnest($4::uuid[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::text[]) WITH ORDINALITY
            AS u(application_id, kind, amount, reserved_after, total_after, reason, ord)
      ORDER BY u.ord`,
    [
      accountId,
      actorId,
      at,
      movements.map((m) => m.applicationId),
      movements.map((m) => m.kind),
      movements.map((m) => m.amount),
      movements.map((m) => m.reservedAfter),
      movements.map((m) => m.totalAfter),
      movements.map((m) => m.reason),
    ],
  );
}

/**
 * The measure's cases waiting for funds, locked, in scorrimento order: the published ranking's
 * order for a graduatoria, protocol order for a sportello (no queue position).
 */
export const lockQueue = (em: EntityManager, measureId: string, except?: string): Promise<Application[]> =>
  em
    .getRepository(Application)
    .createQueryBuilder('a')
    .setLock('pessimistic_write')
    .where("a.measure_id = :measureId AND a.funding = 'queued'", { measureId })
    .andWhere(except ? 'a.id <> :except' : 'TRUE', { except })
    .orderBy('a.queue_position', 'ASC', 'NULLS LAST')
    .addOrderBy('a.protocol_year', 'ASC')
    .addOrderBy('a.protocol_seq', 'ASC')
    .getMany();

/** Whether any version of the measure is sealed (violence, orphans): its ledger is then sealed too. */
export async function measureSealed(em: EntityManager, measureId: string): Promise<boolean> {
  const [{ sealed }] = await sqlRows<{ sealed: boolean }>(
    em,
    `SELECT coalesce(bool_or((definition->>'sealed')::boolean), false) AS sealed FROM measure_versions WHERE measure_id = $1`,
    [measureId],
  );
  return sealed;
}

/** A movement as the ledger shows it. */
export interface MovementRow {
  kind: string;
  amount: number;
  reservedAfter: number;
  totalAfter: number;
  applicationId: string | null;
  reason: string;
  at: Date;
}

/** The movements of a kind, counted and summed. */
export interface AggregatedMovementRow {
  kind: string;
  count: number;
  amount: number;
}

/**
 * Which movements of the account the caller sees one by one: all of them for an open measure;
 * for a sealed measure those without a case (budget increases) and those of cases the caller
 * may see (their assigned staff), as case-access.ts decides. Positional parameter $1 is the
 * account; the visibility rule's named parameters follow.
 */
function individualMovementSql(
  em: EntityManager,
  actor: Principal,
  sealed: boolean,
): { sql: string; params: unknown[] } {
  if (!sealed) return { sql: 'TRUE', params: [] };
  if (!hasRole(actor, Role.OPERATOR, Role.MANAGER)) return { sql: 'mv.application_id IS NULL', params: [] };
  const rule = `(mv.application_id IS NULL OR EXISTS (SELECT 1 FROM applications a WHERE a.id = mv.application_id AND ${VISIBLE_TO_STAFF_SQL}))`;
  const [sql, params] = em.connection.driver.escapeQueryWithParameters(rule, staffVisibilityParams(actor));
  // Named parameters became $1..$n: shift them after the account id.
  return { sql: sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + 1}`), params };
}

/**
 * The last 100 movements the caller may see one by one (newest first), and the others as
 * aggregates per kind (only a sealed ledger has others).
 */
export async function ledgerFor(
  em: EntityManager,
  actor: Principal,
  accountId: string,
  sealed: boolean,
): Promise<{ movements: MovementRow[]; aggregated: AggregatedMovementRow[] }> {
  const shown = individualMovementSql(em, actor, sealed);
  const movements = await sqlRows<MovementRow>(
    em,
    `SELECT kind, amount::float8 AS amount, reserved_after::float8 AS "reservedAfter", total_after::float8 AS "totalAfter",
            application_id AS "applicationId", reason, at
       FROM budget_movements mv
      WHERE mv.account_id = $1 AND ${shown.sql} ORDER BY mv.id DESC LIMIT 100`,
    [accountId, ...shown.params],
  );
  const aggregated = sealed
    ? await sqlRows<AggregatedMovementRow>(
        em,
        `SELECT kind, count(*)::int AS count, sum(amount)::float8 AS amount FROM budget_movements mv
          WHERE mv.account_id = $1 AND NOT ${shown.sql} GROUP BY kind ORDER BY kind`,
        [accountId, ...shown.params],
      )
    : [];
  return { movements, aggregated };
}
