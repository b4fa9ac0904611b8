import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionService } from '../../../common/database/transaction.service.js';
import type { Principal } from '../../../common/access/principal.js';
import { measureNotFound } from '../../measures/measures.errors.js';
import { inForceOrNotFound } from '../../measures/measure-versions.repository.js';
import { Measure } from '../../measures/measure.entity.js';
import { Clock } from '../../../common/clock/clock.js';
import type { BudgetIncreaseResultDto, BudgetStatusDto } from './budget.dto.js';
import { BudgetService } from './budget.service.js';
import { accountOf, ledgerFor, measureSealed, queuedCount } from './budget.repository.js';

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
    const em = this.db.manager;
    const account = await accountOf(em, measure.id, { forUpdate: false });
    const sealed = await measureSealed(em, measure.id);
    const queued = await queuedCount(em, measure.id);
    const { movements, aggregated } = account
      ? await ledgerFor(em, actor, account.id, sealed)
      : { movements: [], aggregated: [] };
    return {
      measureCode: code,
      sealed,
      unit: account?.unit ?? null,
      total: account?.total ?? null,
      reserved: account?.reserved ?? 0,
      available: account ? account.total - account.reserved : null,
      queued,
      movements,
      aggregatedMovements: aggregated,
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
