import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../../common/database/sql.js';
import { PollingRelay } from '../../common/queue/polling-relay.js';
import { QUEUES } from '../../common/queue/queues.js';
import { AppConfig } from '../../config/app-config.js';

/** BullMQ job id of an outbox row: the outbox id itself, then `<id>.<n>` for the n-th replay. */
export const jobIdOf = (row: { id: string; generation: number }) =>
  row.generation === 0 ? row.id : `${row.id}.${row.generation}`;

const BATCH = 200;

/**
 * Moves committed outbox rows into BullMQ. Each tick claims pending rows with
 * `FOR UPDATE SKIP LOCKED` in a short transaction of its own (several workers take disjoint
 * rows), marks them queued, commits, and only then adds the jobs (job id = outbox id, so a row
 * added twice is one job). If Redis refuses, the rows go back to pending. Rows queued longer than
 * NOTIFICATION_REQUEUE_AFTER_SECONDS without an outcome are added again: a no-op while their job
 * exists, a rescue when Redis lost it.
 */
@Injectable()
export class OutboxRelayService extends PollingRelay {
  private lastSweep = 0;

  constructor(
    private readonly db: DataSource,
    config: AppConfig,
  ) {
    super(config, 'notifications', 'OutboxRelay');
  }

  protected intervalMs() {
    return this.config.NOTIFICATION_RELAY_INTERVAL_MS;
  }

  /** One relay pass; public for tests. Returns how many rows it queued. */
  async tick(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await sqlRows<{ id: string; generation: number }>(
        this.db.manager,
        `UPDATE notification_outbox SET state = 'queued', queued_at = now()
          WHERE id IN (SELECT id FROM notification_outbox WHERE state = 'pending' ORDER BY created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
          RETURNING id, generation`,
      );
      if (rows.length === 0) break;
      await this.add(rows, 'pending');
      total += rows.length;
      if (rows.length < BATCH || this.stopped) break;
    }
    if (Date.now() - this.lastSweep > Math.min(this.config.NOTIFICATION_REQUEUE_AFTER_SECONDS * 1000, 30_000) / 2) {
      this.lastSweep = Date.now();
      await this.sweep();
    }
    return total;
  }

  /** Queued rows with no outcome for too long: add their job again unless it is still there. */
  private async sweep() {
    const rows = await sqlRows<{ id: string; generation: number }>(
      this.db.manager,
      `UPDATE notification_outbox SET queued_at = now()
        WHERE id IN (SELECT id FROM notification_outbox WHERE state = 'queued' AND queued_at < now() - make_interval(secs => $1)
                     ORDER BY queued_at LIMIT 1000 FOR UPDATE SKIP LOCKED)
        RETURNING id, generation`,
      [this.config.NOTIFICATION_REQUEUE_AFTER_SECONDS],
    );
    if (rows.length === 0) return;
    const missing: typeof rows = [];
    for (const row of rows) {
      const job = await this.queue.getJob(jobIdOf(row));
      if (!job) missing.push(row);
      else if (await job.isFailed()) {
        await job.remove();
        missing.push(row);
      }
    }
    if (missing.length) {
      this.logger.warn({ count: missing.length }, 'queued notifications without a job: queued again');
      await this.add(missing, 'queued');
    }
  }

  private async add(rows: { id: string; generation: number }[], revertTo: 'pending' | 'queued') {
    try {
      await this.queue.addBulk(
        rows.map((r) => ({
          name: 'deliver',
          data: { id: r.id },
          opts: { ...QUEUES.notifications.jobs, jobId: jobIdOf(r) },
        })),
      );
    } catch (error) {
      if (revertTo === 'pending') {
        await this.db.query(
          `UPDATE notification_outbox SET state = 'pending', queued_at = NULL WHERE id = ANY($1) AND state = 'queued'`,
          [rows.map((r) => r.id)],
        );
      }
      throw error;
    }
  }
}
