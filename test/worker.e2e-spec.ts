import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUES } from '../src/common/queue/queues.js';
import { WorkerModule } from '../src/worker.module.js';
import { Role } from '../src/common/access/role.js';
import { createTestEnvironment, seedAccount } from './support/test-app.js';

let worker: INestApplicationContext;
let queue: Queue;
let db: DataSource;
let drop: () => Promise<void>;

beforeAll(async () => {
  const env = await createTestEnvironment();
  drop = env.drop;
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot(env.config)] }).compile();
  worker = moduleRef.createNestApplication({ logger: false });
  await worker.init();
  db = worker.get(DataSource);
  queue = new Queue(QUEUES.maintenance.name, {
    connection: { url: env.config.REDIS_URL },
    prefix: env.config.REDIS_PREFIX,
  });
});
afterAll(async () => {
  await queue.close();
  await worker.close();
  await drop();
});

describe('worker process', () => {
  it('installs the nightly purge schedule once, in Europe/Rome', async () => {
    const scheduler = await queue.getJobScheduler('purge-expired-refresh-tokens');
    expect(scheduler).toMatchObject({ pattern: '17 3 * * *', tz: 'Europe/Rome' });
    expect(await queue.getJobSchedulersCount()).toBe(4);
  });

  it('runs the purge job: expired tokens go, live ones stay', async () => {
    const user = await seedAccount(db, [Role.APPLICANT]);
    const insert = (daysFromNow: number) =>
      db.query(
        `INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, issued_at, expires_at)
         VALUES (gen_random_uuid(), gen_random_uuid(), $1, '\\x00', now() - interval '30 days', now() + ($2 || ' days')::interval)`,
        [user.id, String(daysFromNow)],
      );
    await insert(-3);
    await insert(-2);
    await insert(5);
    const job = await queue.add('purge-expired-refresh-tokens', {}, QUEUES.maintenance.jobs);
    const deadline = Date.now() + 15_000;
    while (!(await job.isCompleted()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const done = await queue.getJob(job.id!);
    expect(done?.returnvalue).toEqual({ deleted: 2 });
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM refresh_tokens WHERE user_id = $1`, [
      user.id,
    ]);
    expect(count).toBe(1);
  });
});
