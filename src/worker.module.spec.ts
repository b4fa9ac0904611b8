import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { checkJobHandlers, JOB_HANDLERS, type JobHandler } from './common/queue/job-handler.js';
import { SCHEDULES } from './common/queue/queues.js';
import type { AppConfig } from './config/app-config.js';
import { WorkerModule } from './worker.module.js';

type ModuleRef = Type<unknown> | DynamicModule;

/** The handler classes every module of the worker lists under JOB_HANDLERS, read from the modules' metadata. */
function handlerClasses(root: ModuleRef, seen = new Set<unknown>()): Type<JobHandler>[] {
  const type = 'module' in root ? root.module : root;
  if (seen.has(root)) return [];
  seen.add(root);
  const imports: ModuleRef[] = [
    ...((Reflect.getMetadata('imports', type) as ModuleRef[] | undefined) ?? []),
    ...('module' in root ? ((root.imports as ModuleRef[] | undefined) ?? []) : []),
  ];
  const providers: Provider[] = [
    ...((Reflect.getMetadata('providers', type) as Provider[] | undefined) ?? []),
    ...('module' in root ? (root.providers ?? []) : []),
  ];
  const own = providers.flatMap((p) =>
    typeof p === 'object' && 'provide' in p && p.provide === JOB_HANDLERS && 'inject' in p
      ? (p.inject as Type<JobHandler>[])
      : [],
  );
  return [...own, ...imports.flatMap((m) => handlerClasses(m, seen))];
}

describe('worker wiring', () => {
  // Built without their dependencies: only the queue and job name, set by field initialisers, are read.
  const handlers = handlerClasses(WorkerModule.forRoot({} as AppConfig)).map(
    (cls) => Reflect.construct(cls, []) as JobHandler,
  );

  it('has exactly one handler for every job of the queue table, and none for a job it lacks', () => {
    expect(handlers.length).toBeGreaterThan(0);
    expect(() => checkJobHandlers(handlers)).not.toThrow();
  });

  it.each([...SCHEDULES])('schedule $schedulerId runs a job that has a handler', (schedule) => {
    expect(handlers.filter((h) => h.queue === schedule.queue && h.jobName === schedule.jobName)).toHaveLength(1);
  });

  it('refuses a handler set with a job left out or handled twice', () => {
    const [first, ...rest] = handlers;
    expect(() => checkJobHandlers(rest)).toThrow(`${first.queue}/${first.jobName} has 0 handlers`);
    expect(() => checkJobHandlers([first, ...handlers])).toThrow(`${first.queue}/${first.jobName} has 2 handlers`);
  });
});
