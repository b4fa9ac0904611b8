import type { Provider, Type } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QUEUES, type JobName, type QueueKey } from './queues.js';

/** A handler for one job of one queue, as the queue table names them (a typo does not compile). */
export interface JobHandler<Q extends QueueKey = QueueKey> {
  readonly queue: Q;
  readonly jobName: JobName<Q>;
  handle(job: Job): Promise<unknown>;
}

/** Token of a module's list of job handlers; the worker host collects every module's list. */
export const JOB_HANDLERS = Symbol('JOB_HANDLERS');

/** The providers a module declares for its job handlers: the classes, and their list under JOB_HANDLERS. */
export function jobHandlers(...handlers: Type<JobHandler>[]): Provider[] {
  return [
    ...handlers,
    { provide: JOB_HANDLERS, inject: handlers, useFactory: (...instances: JobHandler[]) => instances },
  ];
}

/** The handlers, if every job of the queue table has exactly one and none serves a job the table lacks. */
export function checkJobHandlers(handlers: JobHandler[]): JobHandler[] {
  const problems: string[] = [];
  for (const queue of Object.keys(QUEUES) as QueueKey[]) {
    for (const jobName of QUEUES[queue].jobNames) {
      const count = handlers.filter((h) => h.queue === queue && h.jobName === jobName).length;
      if (count !== 1) problems.push(`${queue}/${jobName} has ${count} handlers`);
    }
  }
  for (const h of handlers) {
    if (!(QUEUES[h.queue]?.jobNames as readonly string[] | undefined)?.includes(h.jobName)) {
      problems.push(`${h.queue}/${h.jobName} is not in the queue table`);
    }
  }
  if (problems.length) throw new Error(`Job handlers do not match the queue table: ${problems.join('; ')}`);
  return handlers;
}
