import type { Job } from 'bullmq';
import type { QueueKey } from './queues.js';

/** A handler for one job name of one queue; registered with the worker through JOB_HANDLERS. */
export interface JobHandler {
  readonly queue: QueueKey;
  readonly jobName: string;
  handle(job: Job): Promise<unknown>;
}

export const JOB_HANDLERS = Symbol('JOB_HANDLERS');
