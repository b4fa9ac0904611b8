import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock/clock.js';
import { sqlRows } from '../../../common/database/sql.js';
import { NotificationsService } from '../../notifications/notifications.service.js';
import { Application } from '../application.entity.js';
import { CaseTransitions, type CaseActor } from '../case-transitions.js';
import { ApplicationStatus } from '../domain/application-status.js';

interface Account {
  id: string;
  unit: 'cents' | 'units';
  total: number;
  reserved: number;
}

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
  async ensureAccount(
    em: EntityManager,
    measureId: string,
    budget: { kind: 'money'; totalCents: number } | { kind: 'units'; units: number },
  ): Promise<void> {
    const unit = budget.kind === 'money' ? 'cents' : 'units';
    const total = budget.kind === 'money' ? budget.totalCents : budget.units;
    await em.query(
      `INSERT INTO budget_accounts (measure_id, unit, total) VALUES ($1, $2, $3) ON CONFLICT (measure_id) DO NOTHING`,
      [measureId, unit, total],
    );
  }

  /** The measure's account, created from the published budget on first use, locked. */
  async lockAccount(
    em: EntityManager,
    measureId: string,
    budget: { kind: 'money'; totalCents: number } | { kind: 'units'; units: number },
  ): Promise<Account> {
    await this.ensureAccount(em, measureId, budget);
    return this.lockExisting(em, measureId) as Promise<Account>;
  }

  async lockExisting(em: EntityManager, measureId: string): Promise<Account | null> {
    const [row] = (await em.query(
      `SELECT id, unit, total, reserved FROM budget_accounts WHERE measure_id = $1 FOR UPDATE`,
      [measureId],
    )) as {
      id: string;
      unit: 'cents' | 'units';
      total: string;
      reserved: string;
    }[];
    return row ? { id: row.id, unit: row.unit, total: Number(row.total), reserved: Number(row.reserved) } : null;
  }

  /** Books the case's amount if it fits and nobody earlier is queued; otherwise queues it. */
  async bookOrQueue(
    em: EntityManager,
    account: Account,
    app: Application,
    actor: BudgetActor,
  ): Promise<'reserved' | 'queued'> {
    const amount = amountFor(account, app);
    const [{ queued }] = (await em.query(
      `SELECT count(*)::int AS queued FROM applications WHERE measure_id = $1 AND funding = 'queued' AND id <> $2`,
      [app.measureId, app.id],
    )) as { queued: number }[];
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
    account: Account,
    app: Application,
    actor: BudgetActor,
    reason: string,
  ): Promise<void> {
    const amount = Number(app.reservedAmount);
    app.funding = 'none';
    app.reservedAmount = '0';
    if (amount > 0) {
      const [row] = await sqlRows<{ reserved: string }>(
        em,
        `UPDATE budget_accounts SET reserved = reserved - $2 WHERE id = $1 RETURNING reserved`,
        [account.id, amount],
      );
      account.reserved = Number(row.reserved);
      await this.movement(em, account, app.id, 'release', amount, actor, reason);
    }
  }

  async increase(
    em: EntityManager,
    account: Account,
    amount: number,
    actor: BudgetActor,
    reason: string,
  ): Promise<void> {
    const [row] = await sqlRows<{ total: string }>(
      em,
      `UPDATE budget_accounts SET total = total + $2 WHERE id = $1 RETURNING total`,
      [account.id, amount],
    );
    account.total = Number(row.total);
    await this.movement(em, account, null, 'increase', amount, actor, reason);
  }

  /**
   * Scorrimento: funds queued cases strictly in order (ranking position for a graduatoria,
   * protocol otherwise) while money lasts; a waitlisted
   * case so funded is approved, each step recorded. `except` is a case the caller is saving.
   */
  async fundQueue(
    em: EntityManager,
    account: Account,
    measureId: string,
    actor: BudgetActor,
    except?: string,
  ): Promise<string[]> {
    const funded: string[] = [];
    const queue = await em
      .getRepository(Application)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where("a.measure_id = :measureId AND a.funding = 'queued'", { measureId })
      .andWhere(except ? 'a.id <> :except' : 'TRUE', { except })
      // graduatoria: the published ranking's order; a sportello (no queue position): protocol order
      .orderBy('a.queue_position', 'ASC', 'NULLS LAST')
      .addOrderBy('a.protocol_year', 'ASC')
      .addOrderBy('a.protocol_seq', 'ASC')
      .getMany();
    for (const app of queue) {
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
    account: Account,
    app: Application,
    amount: number,
    actor: BudgetActor,
    reason: string,
  ): Promise<boolean> {
    const rows = await sqlRows<{ reserved: string }>(
      em,
      `UPDATE budget_accounts SET reserved = reserved + $2 WHERE id = $1 AND reserved + $2 <= total RETURNING reserved`,
      [account.id, amount],
    );
    if (rows.length === 0) return false;
    account.reserved = Number(rows[0].reserved);
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
    account: Account,
    cases: readonly { applicationId: string; amount: number; reason: string }[],
    actor: BudgetActor,
  ): Promise<boolean> {
    if (cases.length === 0) return true;
    const sum = cases.reduce((s, c) => s + c.amount, 0);
    const rows = await sqlRows<{ reserved: string }>(
      em,
      `UPDATE budget_accounts SET reserved = reserved + $2 WHERE id = $1 AND reserved + $2 <= total RETURNING reserved`,
      [account.id, sum],
    );
    if (rows.length === 0) return false;
    let running = account.reserved;
    const after = cases.map((c) => (running += c.amount));
    account.reserved = Number(rows[0].reserved);
    await em.query(
      `INSERT INTO budget_movements (account_id, application_id, kind, amount, reserved_after, total_after, actor_id, reason, at)
       SELECT $1, u.application_id, 'reserve', u.amount, u.reserved_after, $2, $3, u.reason, $4
         FROM unnest($5::uuid[], $6::bigint[], $7::bigint[], $8::text[]) WITH ORDINALITY AS u(application_id, amount, reserved_after, reason, ord)
        ORDER BY u.ord`,
      [
        account.id,
        account.total,
        actor?.id ?? null,
        this.clock.now(),
        cases.map((c) => c.applicationId),
        cases.map((c) => c.amount),
        after,
        cases.map((c) => c.reason),
      ],
    );
    return true;
  }

  private async movement(
    em: EntityManager,
    account: Account,
    applicationId: string | null,
    kind: string,
    amount: number,
    actor: BudgetActor,
    reason: string,
  ) {
    await em.query(
      `INSERT INTO budget_movements (account_id, application_id, kind, amount, reserved_after, total_after, actor_id, reason, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        account.id,
        applicationId,
        kind,
        amount,
        account.reserved,
        account.total,
        actor?.id ?? null,
        reason,
        this.clock.now(),
      ],
    );
  }
}

/** What a case takes from the account: its benefit in cents, or one unit (a flat) in kind. */
export function amountFor(account: Pick<Account, 'unit'>, app: Pick<Application, 'amountCents'>): number | null {
  if (account.unit === 'units') return 1;
  return app.amountCents === null ? null : Number(app.amountCents);
}
