import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionService } from '../../../common/database/transaction.service.js';
import { hasRole, type Principal } from '../../../common/access/principal.js';
import { measureNotFound } from '../../measures/measures.errors.js';
import { inForceOrNotFound } from '../../measures/measure-versions.repository.js';
import { Measure } from '../../measures/measure.entity.js';
import { Clock } from '../../../common/clock/clock.js';
import { Role } from '../../../common/access/role.js';
import type { BudgetIncreaseResultDto, BudgetStatusDto } from './budget.dto.js';
import { BudgetService } from './budget.service.js';
import { staffVisibilityParams, VISIBLE_TO_STAFF_SQL } from '../case-access.js';

/**
 * Which movements of the account the caller sees one by one: all of them for an open measure;
 * for a sealed measure those without a case (budget increases) and those of cases the caller
 * may see (their assigned staff), as case-access.ts decides. Positional parameter $1 is the
 * account; the visibility rule's named parameters follow.
 */
function individualMovementSql(db: DataSource, actor: Principal, sealed: boolean): { sql: string; params: unknown[] } {
  if (!sealed) return { sql: 'TRUE', params: [] };
  if (!hasRole(actor, Role.OPERATOR, Role.MANAGER)) return { sql: 'mv.application_id IS NULL', params: [] };
  const rule = `(mv.application_id IS NULL OR EXISTS (SELECT 1 FROM applications a WHERE a.id = mv.application_id AND ${VISIBLE_TO_STAFF_SQL}))`;
  const [sql, params] = db.driver.escapeQueryWithParameters(rule, staffVisibilityParams(actor));
  // Named parameters became $1..$n: shift them after the account id.
  return { sql: sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + 1}`), params };
}

/** Budget figures of a measure, and raising its budget (which funds the waiting list). */
@Injectable()
export class BudgetAdminService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly budget: BudgetService,
  ) {}

  /**
   * Totals for everyone. The ledger of a sealed measure (violence, orphans) would show who got
   * what and when: its movements are listed one by one only to the staff who may see their
   * case; everyone else gets them as aggregates (count and amount per kind).
   */
  async status(actor: Principal, code: string): Promise<BudgetStatusDto> {
    const measure = await this.db.getRepository(Measure).findOneBy({ code });
    if (!measure) throw measureNotFound();
    const [account] = (await this.db.query(
      `SELECT id, unit, total, reserved FROM budget_accounts WHERE measure_id = $1`,
      [measure.id],
    )) as {
      id: string;
      unit: string;
      total: string;
      reserved: string;
    }[];
    const [{ sealed }] = (await this.db.query(
      `SELECT coalesce(bool_or((definition->>'sealed')::boolean), false) AS sealed FROM measure_versions WHERE measure_id = $1`,
      [measure.id],
    )) as { sealed: boolean }[];
    const [{ queued }] = (await this.db.query(
      `SELECT count(*)::int AS queued FROM applications WHERE measure_id = $1 AND funding = 'queued'`,
      [measure.id],
    )) as { queued: number }[];
    const shown = individualMovementSql(this.db, actor, sealed);
    const movements = account
      ? ((await this.db.query(
          `SELECT kind, amount, reserved_after AS "reservedAfter", total_after AS "totalAfter", application_id AS "applicationId", reason, at FROM budget_movements mv
            WHERE mv.account_id = $1 AND ${shown.sql} ORDER BY mv.id DESC LIMIT 100`,
          [account.id, ...shown.params],
        )) as {
          kind: string;
          amount: string;
          reservedAfter: string;
          totalAfter: string;
          applicationId: string | null;
          reason: string;
          at: Date;
        }[])
      : [];
    const aggregated =
      account && sealed
        ? ((await this.db.query(
            `SELECT kind, count(*)::int AS count, sum(amount)::bigint AS amount FROM budget_movements mv
              WHERE mv.account_id = $1 AND NOT ${shown.sql} GROUP BY kind ORDER BY kind`,
            [account.id, ...shown.params],
          )) as { kind: string; count: number; amount: string }[])
        : [];
    return {
      measureCode: code,
      sealed,
      unit: account?.unit ?? null,
      total: account ? Number(account.total) : null,
      reserved: account ? Number(account.reserved) : 0,
      available: account ? Number(account.total) - Number(account.reserved) : null,
      queued,
      movements: movements.map((m) => ({
        ...m,
        amount: Number(m.amount),
        reservedAfter: Number(m.reservedAfter),
        totalAfter: Number(m.totalAfter),
      })),
      aggregatedMovements: aggregated.map((a) => ({ kind: a.kind, count: a.count, amount: Number(a.amount) })),
    };
  }

  increase(actor: Principal, code: string, amount: number, reason: string): Promise<BudgetIncreaseResultDto> {
    return this.tx.run(async (em) => {
      const { measure, version } = await inForceOrNotFound(em, code, this.clock.now());
      const account = await this.budget.lockAccount(em, measure.id, version.definition.budget);
      await this.budget.increase(em, account, amount, actor, reason);
      const funded = await this.budget.fundQueue(em, account, measure.id, actor);
      return { measureCode: code, total: account.total, reserved: account.reserved, fundedApplications: funded };
    });
  }
}
