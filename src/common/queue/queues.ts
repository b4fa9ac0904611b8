import type { JobsOptions } from 'bullmq';

interface QueueSpec {
  /** Redis name of the queue (under REDIS_PREFIX). */
  name: string;
  /** Parallel jobs per worker process. */
  concurrency: number;
  /** Defaults for every job: attempts, exponential backoff with jitter, retention. */
  jobs: JobsOptions;
  /** Worker lock: a job whose process died is taken back after lockDuration (stall check every stalledInterval). */
  lock?: { lockDuration: number; stalledInterval: number };
  /** The jobs the queue carries: each has exactly one JobHandler in the worker. */
  jobNames: readonly string[];
}

/**
 * The one typed table of queues. Jobs carry ids, never personal data; handlers re-read state
 * and are idempotent, because a job may run again after a crash.
 */
export const QUEUES = {
  maintenance: {
    name: 'maintenance',
    concurrency: 1,
    jobs: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 5_000, jitter: 0.5 },
      removeOnComplete: { age: 7 * 86_400, count: 1_000 },
      removeOnFail: { age: 30 * 86_400 },
    },
    jobNames: ['purge-expired-refresh-tokens', 'deadline-lapses', 'protocol-register-export', 'deadline-reminders'],
  },
  /**
   * Outbox notifications: job id = outbox id, data = { id } only. 8 attempts with exponential
   * backoff (2 s base, jitter 50 %: about 2 s, 4 s, ... 4 min); the last failure falls back to
   * the next channel, then dead-letters. Completed jobs are kept 7 days so a relay re-adding the
   * same id is a no-op.
   */
  notifications: {
    name: 'notifications',
    concurrency: 10,
    jobs: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
      removeOnComplete: { age: 7 * 86_400 },
      removeOnFail: { age: 30 * 86_400 },
    },
    lock: { lockDuration: 10_000, stalledInterval: 5_000 },
    jobNames: ['deliver'],
  },
  /**
   * Bulk operations of the workbench: job id = operation id, data = { id } only. The handler
   * re-reads the operation's items and skips those with a result, so a job run again after a
   * crash (stalled lock taken back) resumes where it stopped.
   */
  bulk: {
    name: 'bulk',
    concurrency: 2,
    jobs: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
      removeOnComplete: { age: 7 * 86_400 },
      removeOnFail: { age: 30 * 86_400 },
    },
    lock: { lockDuration: 30_000, stalledInterval: 15_000 },
    jobNames: ['run'],
  },
} as const satisfies Record<string, QueueSpec>;

export type QueueKey = keyof typeof QUEUES;

/** The names of the jobs of one queue (by default, of any queue), as the table declares them. */
export type JobName<Q extends QueueKey = QueueKey> = (typeof QUEUES)[Q]['jobNames'][number];

type ScheduleSpec = {
  [Q in QueueKey]: { queue: Q; schedulerId: string; jobName: JobName<Q>; pattern: string };
}[QueueKey];

/**
 * Recurring jobs, created idempotently by the worker at start (one scheduler id each; however
 * many workers run, each tick is one job). Patterns in Europe/Rome. The handlers re-read state
 * and are safe to run twice (docs/notifications.md, "Scheduled work").
 */
export const SCHEDULES = [
  {
    queue: 'maintenance',
    schedulerId: 'purge-expired-refresh-tokens',
    jobName: 'purge-expired-refresh-tokens',
    pattern: '17 3 * * *',
  },
  /** Terms that ended yesterday: integrations resume the review, 10-bis notices are flagged. */
  { queue: 'maintenance', schedulerId: 'deadline-lapses', jobName: 'deadline-lapses', pattern: '5 0 * * *' },
  /** Yesterday's protocol registrations to a file with its SHA-256. */
  {
    queue: 'maintenance',
    schedulerId: 'protocol-register-export',
    jobName: 'protocol-register-export',
    pattern: '30 0 * * *',
  },
  /** Reminders 3 and 1 days before integration and 10-bis terms end. */
  { queue: 'maintenance', schedulerId: 'deadline-reminders', jobName: 'deadline-reminders', pattern: '0 8 * * *' },
] as const satisfies readonly ScheduleSpec[];
