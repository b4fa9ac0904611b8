import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '../../common/database/sql.js';
import { PollingRelay } from '../../common/queue/polling-relay.js';
import { QUEUES } from '../../common/queue/queues.js';
import { AppConfig } from '../../config/app-config.js';

/** How often the relay looks for committed operations (the page shows them queued meanwhile). */
const INTERVAL_MS = 500;
/** An operation queued or running this long without a job in Redis gets its job again. */
const RESCUE_AFTER_SECONDS = 60;

/**
 * Moves committed bulk operations into BullMQ, as the notifications' outbox relay does: claims
 * pending rows with FOR UPDATE SKIP LOCKED, marks them queued, commits, then adds the jobs (job
 * id = operation id, so adding one twice is one job). If Redis refuses, the rows go back to
 * pending. An operation left queued or running whose job Redis lost is added again: the handler
 * skips the cases already done.
 */
@Injectable()
export class BulkRelayService extends PollingRelay {
  constructor(
    private readonly db: DataSource,
    config: AppConfig,
  ) {
    super(config, 'bulk', 'BulkRelay');
  }

  protected intervalMs() {
    return INTERVAL_MS;
  }

  /** One pass; public for tests. Returns how many operations it queued. */
  async tick(): Promise<number> {
    const claimed = await sqlRows<{ id: string }>(
      this.db.manager,
      `UPDATE bulk_operations SET state = 'queued', queued_at = now()
        WHERE id IN (SELECT id FROM bulk_operations WHERE state = 'pending' ORDER BY created_at LIMIT 50 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
    );
    if (claimed.length) {
      try {
        await this.add(claimed.map((r) => r.id));
      } catch (error) {
        await this.db.query(`UPDATE bulk_operations SET state = 'pending', queued_at = NULL WHERE id = ANY($1)`, [
          claimed.map((r) => r.id),
        ]);
        throw error;
      }
    }
    await this.rescue();
    return claimed.length;
  }

  private async rescue() {
    const stale = await sqlRows<{ id: string }>(
      this.db.manager,
      `UPDATE bulk_operations SET queued_at = now()
        WHERE id IN (SELECT id FROM bulk_operations WHERE state IN ('queued', 'running') AND queued_at < now() - make_interval(secs => $1)
                     ORDER BY queued_at LIMIT 50 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [RESCUE_AFTER_SECONDS],
    );
    const missing: string[] = [];
    for (const { id } of stale) if (!(await this.queue.getJob(id))) missing.push(id);
    if (missing.length) {
      this.logger.warn({ count: missing.length }, 'bulk operations without a job: queued again');
      await this.add(missing);
    }
  }

  private add(ids: string[]) {
    return this.queue.addBulk(
      ids.map((id) => ({ name: 'run', data: { id }, opts: { ...QUEUES.bulk.jobs, jobId: id } })),
    );
  }
}
