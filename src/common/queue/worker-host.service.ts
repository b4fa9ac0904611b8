import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Queue, Worker, type Job } from 'bullmq';
import { AppConfig } from '../../config/app-config.js';
import { checkJobHandlers, JOB_HANDLERS, type JobHandler } from './job-handler.js';
import { QUEUES, SCHEDULES, type QueueKey } from './queues.js';

/**
 * Runs one BullMQ worker per queue of the table, dispatching jobs by name to their handlers (the
 * JOB_HANDLERS lists of every module of the process, checked against the table at start), and
 * installs the recurring schedules. Several worker processes may run: BullMQ hands each job to
 * one of them, and a scheduler id produces each occurrence once.
 */
@Injectable()
export class WorkerHostService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private readonly workers: Worker[] = [];
  private readonly queues: Queue[] = [];
  private reinstall: NodeJS.Timeout | null = null;
  private handlers: JobHandler[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
  ) {}

  async onApplicationBootstrap() {
    this.handlers = checkJobHandlers(
      this.discovery
        .getProviders()
        .filter((wrapper) => wrapper.token === JOB_HANDLERS)
        .flatMap((wrapper) => wrapper.instance as JobHandler[]),
    );
    const connection = { url: this.config.REDIS_URL, maxRetriesPerRequest: null };
    for (const key of Object.keys(QUEUES) as QueueKey[]) {
      const spec = QUEUES[key];
      const byName = new Map<string, JobHandler>(
        this.handlers.filter((h) => h.queue === key).map((h) => [h.jobName, h]),
      );
      const worker = new Worker(
        spec.name,
        async (job: Job) => {
          const handler = byName.get(job.name);
          if (!handler) throw new Error(`No handler for job ${job.name} on queue ${spec.name}`);
          return handler.handle(job);
        },
        {
          connection,
          prefix: this.config.REDIS_PREFIX,
          concurrency: spec.concurrency,
          ...('lock' in spec ? spec.lock : {}),
        },
      );
      worker.on('failed', (job, err) =>
        this.logger.warn({ queue: spec.name, jobId: job?.id, job: job?.name, err: err.message }, 'job failed'),
      );
      worker.on('error', (err) => this.logger.error(err));
      this.workers.push(worker);
    }
    for (const s of SCHEDULES) {
      const queue = new Queue(QUEUES[s.queue].name, { connection, prefix: this.config.REDIS_PREFIX });
      queue.on('error', (err) => this.logger.warn({ err: err.message }, 'redis error'));
      this.queues.push(queue);
    }
    await this.installSchedules();
    // Redis may lose its data (restart without persistence): the schedules are installed again
    // every 10 minutes (an upsert keeps one scheduler per id, so one job per tick).
    this.reinstall = setInterval(
      () =>
        void this.installSchedules().catch((err: Error) =>
          this.logger.warn({ err: err.message }, 'schedules not installed'),
        ),
      600_000,
    );
    this.reinstall.unref();
    this.logger.log({ queues: Object.keys(QUEUES), handlers: this.handlers.length }, 'worker started');
  }

  private async installSchedules() {
    for (const [i, s] of SCHEDULES.entries()) {
      await this.queues[i].upsertJobScheduler(
        s.schedulerId,
        { pattern: s.pattern, tz: 'Europe/Rome' },
        { name: s.jobName, opts: QUEUES[s.queue].jobs },
      );
    }
  }

  /** Graceful: waits for running jobs to finish before the process exits. */
  async onApplicationShutdown() {
    if (this.reinstall) clearInterval(this.reinstall);
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all(this.queues.map((q) => q.close()));
  }
}
