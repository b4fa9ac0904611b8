import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionService } from '../../common/database/transaction.service.js';
import type { Principal } from '../auth/principal.js';
import { measureNotFound } from '../measures/measure-errors.js';
import { inForceQuery } from '../measures/measure-versions.repository.js';
import { Measure } from '../measures/measure.entity.js';
import { Clock } from '../../common/clock/clock.js';
import { BudgetService } from './budget.service.js';

/** Budget figures of a measure, and raising its budget (which funds the waiting list). */
@Injectable()
export class BudgetAdminService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly budget: BudgetService,
  ) {}

  async status(code: string) {
    const measure = await this.db.getRepository(Measure).findOneBy({ code });
    if (!measure) throw measureNotFound();
    const [account] = (await this.db.query(`SELECT id, unit, total, reserved FROM budget_accounts WHERE measure_id = $1`, [measure.id])) as {
      id: string; unit: string; total: string; reserved: string;
    }[];
    const [{ queued }] = (await this.db.query(`SELECT count(*)::int AS queued FROM applications WHERE measure_id = $1 AND funding = 'queued'`, [measure.id])) as { queued: number }[];
    const movements = account
      ? ((await this.db.query(
          `SELECT kind, amount, reserved_after, total_after, application_id, reason, at FROM budget_movements WHERE account_id = $1 ORDER BY id DESC LIMIT 100`,
          [account.id],
        )) as Record<string, unknown>[])
      : [];
    return {
      measureCode: code,
      unit: account?.unit ?? null,
      total: account ? Number(account.total) : null,
      reserved: account ? Number(account.reserved) : 0,
      available: account ? Number(account.total) - Number(account.reserved) : null,
      queued,
      movements: movements.map((m) => ({ ...m, amount: Number(m.amount), reservedAfter: Number(m.reserved_after), totalAfter: Number(m.total_after) })),
    };
  }

  increase(actor: Principal, code: string, amount: number, reason: string) {
    return this.tx.run(async (em) => {
      const measure = await em.findOneBy(Measure, { code });
      const version = measure && (await inForceQuery(em, this.clock.now()).andWhere('v.measure_id = :id', { id: measure.id }).getOne());
      if (!measure || !version) throw measureNotFound();
      const account = await this.budget.lockAccount(em, measure.id, version.definition.budget);
      const by = { id: actor.id, role: 'ADMIN' };
      await this.budget.increase(em, account, amount, by, reason);
      const funded = await this.budget.fundQueue(em, account, measure.id, by);
      return { measureCode: code, total: account.total, reserved: account.reserved, fundedApplications: funded };
    });
  }
}
