import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import type { JobHandler } from '../../common/queue/job-handler.js';
import { BulkCaseStep } from './bulk-case-step.js';
import { bulkErrors } from './bulk-operations.errors.js';
import { BulkOperationsRepository } from './bulk-operations.repository.js';

/**
 * Runs one bulk operation: the job carries its id only. The operation and its items are re-read;
 * items with a result are skipped, the others applied in protocol order, each result written as
 * soon as its case is done, so the page shows the progress and a job run again (a crash, a
 * stalled lock taken back, a retry) resumes where it stopped.
 */
@Injectable()
export class BulkOperationHandler implements JobHandler<'bulk'> {
  readonly queue = 'bulk' as const;
  readonly jobName = 'run';
  private readonly logger = new Logger('BulkOperations');

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly repo: BulkOperationsRepository,
    private readonly step: BulkCaseStep,
  ) {}

  async handle(job: Job<{ id: string }>): Promise<unknown> {
    const op = await this.repo.operation(job.data.id);
    if (!op || op.state === 'done' || op.state === 'failed') return { skipped: op?.state ?? 'missing' };
    await this.repo.setState(op.id, 'running', this.clock.now());
    const actor = await this.repo.activePrincipal(op.actor_id);
    let applied = 0;
    try {
      for (const item of await this.repo.items(op.id, true)) {
        const outcome = actor
          ? await this.step.apply(op.params, actor, item.application_id, item.expected_version, new Date(op.created_at))
          : { result: 'refused' as const, refusal: toRefusal(bulkErrors.accountInactive()) };
        await this.repo.record(
          this.db.manager,
          op.id,
          item.position,
          outcome.result,
          outcome.refusal,
          this.clock.now(),
        );
        applied++;
      }
    } catch (error) {
      // Not a rule's refusal (the database or Redis failed): BullMQ retries; the last attempt
      // marks the cases left as not changed, so nothing stays silently half-applied.
      if (job.attemptsMade + 1 < (job.opts.attempts ?? 1)) throw error;
      for (const item of await this.repo.items(op.id, true)) {
        await this.repo.record(
          this.db.manager,
          op.id,
          item.position,
          'refused',
          toRefusal(bulkErrors.interrupted()),
          this.clock.now(),
        );
      }
      await this.repo.setState(op.id, 'failed', this.clock.now());
      this.logger.warn({ operationId: op.id, err: error instanceof Error ? error.name : typeof error }, 'bulk failed');
      return { failed: true, applied };
    }
    await this.repo.setState(op.id, 'done', this.clock.now());
    return { applied };
  }
}

const toRefusal = (e: { code: string; detail: { it: string; en: string } }) => ({ code: e.code, detail: e.detail });
