import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../common/access/principal.js';
import { BudgetAdminService } from './budget-admin.service.js';
import type { BudgetStatusDto } from './budget.dto.js';
import { ManagedMeasuresService } from './managed-measures.service.js';
import {
  accountOf,
  approvedHolding,
  queuedCases,
  queuedDemand,
  scorrimentoMovements,
  type QueuedCaseRow,
  type ScorrimentoRow,
} from './waiting-list.repository.js';

/** How many scorrimento steps the manager's view lists (the latest). */
const SCORRIMENTO_STEPS = 20;

/** The budget as the manager reads it: the ledger's figures, split by what holds the money. */
export interface ManagerBudget {
  status: BudgetStatusDto;
  /** Held by approved cases: the amount due (no payment orders are kept). */
  approved: number;
  approvedCases: number;
  /** Booked for cases not decided yet (reserved minus approved). */
  booked: number;
  /** What the queued cases would take: their amounts (cents), or one unit each in kind. */
  queuedDemand: number;
}

/** One scorrimento: what freed or added money, and the cases then funded in order. */
export interface ScorrimentoStep {
  trigger: ScorrimentoRow[];
  funded: ScorrimentoRow[];
}

/**
 * The manager's reads of a measure's money: the budget (through the API's own
 * BudgetAdminService.status, for a measure the manager manages), the waiting list in the
 * scorrimento's order and the history of the scorrimento.
 */
@Injectable()
export class WaitingListService {
  constructor(
    private readonly db: DataSource,
    private readonly measures: ManagedMeasuresService,
    private readonly budgets: BudgetAdminService,
  ) {}

  async budget(actor: Principal, code: string): Promise<ManagerBudget> {
    const measure = await this.measures.get(actor, code);
    const status = await this.budgets.status(actor, code);
    const held = await approvedHolding(this.db.manager, measure.measureId);
    const demand = status.unit === 'units' ? status.queued : await queuedDemand(this.db.manager, measure.measureId);
    return {
      status,
      approved: held.amount,
      approvedCases: held.cases,
      booked: status.reserved - held.amount,
      queuedDemand: demand,
    };
  }

  async waitingList(
    actor: Principal,
    code: string,
  ): Promise<{ queue: QueuedCaseRow[]; scorrimento: ScorrimentoStep[] }> {
    const measure = await this.measures.get(actor, code);
    const queue = await queuedCases(this.db.manager, actor, measure.measureId);
    const account = await accountOf(this.db.manager, measure.measureId);
    const rows = account ? await scorrimentoMovements(this.db.manager, actor, account.id, SCORRIMENTO_STEPS) : [];
    const steps = new Map<number, ScorrimentoStep>();
    for (const row of rows) {
      const step = steps.get(row.step) ?? { trigger: [], funded: [] };
      (row.kind === 'reserve' ? step.funded : step.trigger).push(row);
      steps.set(row.step, step);
    }
    return { queue, scorrimento: [...steps.values()] };
  }
}
