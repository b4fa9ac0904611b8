import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock/clock.js';
import { NotificationsService } from '../../notifications/notifications.service.js';
import { Application } from '../application.entity.js';
import { CaseTransitions, type CaseActor } from '../case-transitions.js';
import { ApplicationStatus } from '../domain/application-status.js';
import {
  accountOf,
  ensureAccount,
  insertMovements,
  lockQueue,
  queuedCount,
  raiseTotal,
  releaseReserved,
  reserveIfFits,
  type BudgetAccount,
  type NewMovement,
} from './budget.repository.js';

/** A published budget (measure definition): money in cents, or units in kind (flats). */
type PublishedBudget = { kind: 'money'; totalCents: number } | { kind: 'units'; units: number };

/** Who moves money: recorded on each movement (null: the system). */
export type BudgetActor = CaseActor;

/**
 * The budget ledger of a measure edition. Every change is a movement; the account row keeps
 * the running totals and a CHECK (reserved <= total) makes over-commitment impossible in the
 * database itself. Lock order: the account first, then cases, so concurrent decisions queue on
 * the account instead of deadlocking.
 *
 * A sportello: money is booked at submission in protocol order (the counter lock orders
 * submissions); a case that does not fit, or arrives after one that did not, queues. Funds are
 * released on rejection, withdrawal or revocation, and the queue is then funded strictly in
 * protocol order (scorrimento), as is a budget increase.
 */
@Injectable()
export class BudgetService {
  constructor(
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly transitions: CaseTransitions,
  ) {}

  /** Creates the measure's account from the published budget on first use (no lock). */
  async ensureAccount(em: EntityManager, measureId: string, budget: PublishedBudget): Promise<void> {
    if (budget.kind === 'money') await ensureAccount(em, measureId, 'cents', budget.totalCents);
    else await ensureAccount(em, measureId, 'units', budget.units);
  }

  /** The measure's account, created from the published budget on first use, locked. */
  async lockAccount(em: EntityManager, measureId: string, budget: PublishedBudget): Promise<BudgetAccount> {
    await this.ensureAccount(em, measureId, budget);
    return (await this.lockExisting(em, measureId))!;
  }

  lockExisting(em: EntityManager, measureId: string): Promise<BudgetAccount | null> {
    return accountOf(em, measureId, { forUpdate: true });
  }

  /** Books the case's amount if it fits and nobody earlier is queued; otherwise queues it. */
  async bookOrQueue(
    em: EntityManager,
    account: BudgetAccount,
    app: Application,
    actor: BudgetActor,
  ): Promise<'reserved' | 'queued'> {
    const amount = amountFor(account, app);
    const queued = await queuedCount(em, app.measureId, app.id);
    if (
      amount !== null &&
      queued === 0 &&
      (await this.reserve(em, account, app, amount, actor, 'booking in protocol order'))
    ) {
      return 'reserved';
    }
    app.funding = 'queued';
    return 'queued';
  }

  /** Releases what the case holds, then funds the queue in protocol order. */
  async release(
    em: EntityManager,
    account: BudgetAccount,
    app: Application,
    actor: BudgetActor,
    reason: string,
  ): Promise<void> {
    const amount = Number(app.reservedAmount);
    app.funding = 'none';
    app.reservedAmount = '0';
    if (amount > 0) {
      account.reserved = await releaseReserved(em, account.id, amount);
      await this.movement(em, account, app.id, 'release', amount, actor, reason);
    }
  }

  async increase(
    em: EntityManager,
    account: BudgetAccount,
    amount: number,
    actor: BudgetActor,
    reason: string,
  ): Promise<void> {
    account.total = await raiseTotal(em, account.id, amount);
    await this.movement(em, account, null, 'increase', amount, actor, reason);
  }

  /**
   * Scorrimento: funds queued cases strictly in order (ranking position for a graduatoria,
   * protocol otherwise) while money lasts; a waitlisted
   * case so funded is approved, each step recorded. `except` is a case the caller is saving.
   */
  async fundQueue(
    em: EntityManager,
    account: BudgetAccount,
    measureId: string,
    actor: BudgetActor,
    except?: string,
  ): Promise<string[]> {
    const funded: string[] = [];
    for (const app of await lockQueue(em, measureId, except)) {
      const amount = amountFor(account, app);
      if (amount === null) break;
      if (!(await this.reserve(em, account, app, amount, actor, 'scorrimento'))) break;
      if (app.status === ApplicationStatus.WAITLISTED) {
        app.decidedAt = this.clock.now();
        await this.transitions.move(em, actor, app, 'fund_from_waitlist', {
          reason: 'Scorrimento della graduatoria: fondi disponibili / waiting list funded',
          details: { amount, unit: account.unit },
          audited: { amount },
        });
        await this.notifications.enqueue(em, 'waitlist_funded', app);
      } else {
        app.updatedAt = this.clock.now();
        await em.save(Application, app);
      }
      funded.push(app.id);
    }
    return funded;
  }

  /** Reserves if it fits; the conditional UPDATE and the CHECK make it atomic. */
  async reserve(
    em: EntityManager,
    account: BudgetAccount,
    app: Application,
    amount: number,
    actor: BudgetActor,
    reason: string,
  ): Promise<boolean> {
    const reserved = await reserveIfFits(em, account.id, amount);
    if (reserved === null) return false;
    account.reserved = reserved;
    app.funding = 'reserved';
    app.reservedAmount = String(amount);
    await this.movement(em, account, app.id, 'reserve', amount, actor, reason);
    return true;
  }

  /**
   * Reserves several cases at once, all or nothing (a graduatoria's funded cases, in ranking
   * order): one conditional UPDATE of the account by the sum, then one movement per case in
   * that order, each with the running total after it, as successive reserve() calls would
   * have written them. False, and nothing written, if the sum does not fit.
   */
  async reserveMany(
    em: EntityManager,
    account: BudgetAccount,
    cases: readonly { applicationId: string; amount: number; reason: string }[],
    actor: BudgetActor,
  ): Promise<boolean> {
    if (cases.length === 0) return true;
    const sum = cases.reduce((s, c) => s + c.amount, 0);
    const reserved = await reserveIfFits(em, account.id, sum);
    if (reserved === null) return false;
    let running = account.reserved;
    const movements = cases.map((c) => ({
      applicationId: c.applicationId,
      kind: 'reserve' as const,
      amount: c.amount,
      reservedAfter: (running += c.amount),
      totalAfter: account.total,
      reason: c.reason,
    }));
    account.reserved = reserved;
    await insertMovements(em, account.id, movements, { actorId: actor?.id ?? null, at: this.clock.now() });
    return true;
  }

  private async movement(
    em: EntityManager,
    account: BudgetAccount,
    applicationId: string | null,
    kind: NewMovement['kind'],
    amount: number,
    actor: BudgetActor,
    reason: string,
  ) {
    await insertMovements(
      em,
      account.id,
      [{ applicationId, kind, amount, reservedAfter: account.reserved, totalAfter: account.total, reason }],
      { actorId: actor?.id ?? null, at: this.clock.now() },
    );
  }
}

/** What a case takes from the account: its benefit in cents, or one unit (a flat) in kind. */
export function amountFor(account: Pick<BudgetAccount, 'unit'>, app: Pick<Application, 'amountCents'>): number | null {
  if (account.unit === 'units') return 1;
  return app.amountCents === null ? null : Number(app.amountCents);
}
