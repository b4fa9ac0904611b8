import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deliveredAcross, emailOnly, freePort, kill, notificationRigOfFile } from './support/processes.js';

/**
 * A private redis-server (never the shared one) is killed in the middle of a run and started
 * again empty (`--save "" --appendonly no`: every job, completed or not, is lost). The worker
 * process keeps running; the outbox rows it had queued are queued again by the relay's sweep
 * (NOTIFICATION_REQUEUE_AFTER_SECONDS), and the per-(notification, channel) delivery record
 * stops a re-queued job from sending twice. Every committed notification reaches the SMTP sink.
 */
const N = 200;
const rig = notificationRigOfFile();
let redisDir: string;
let port: number;
let redis: ChildProcess;

beforeAll(async () => {
  redisDir = await mkdtemp(join(tmpdir(), 'sportello-redis-'));
  port = await freePort();
  redis = await rig.processes.redis(port, redisDir);
});
afterAll(async () => {
  await rig.processes.killAll(); // the redis-server stopped before its folder goes (idempotent)
  await rm(redisDir, { recursive: true, force: true });
});

const startWorker = () =>
  rig.processes.worker(rig.env, {
    ...emailOnly(rig.smtp),
    REDIS_URL: `redis://127.0.0.1:${port}`,
    NOTIFICATION_REQUEUE_AFTER_SECONDS: '2',
  });

describe('Redis restarted (and emptied) in the middle of a run', () => {
  it(`delivers each of ${N} committed notifications to the SMTP sink, once by Message-ID`, async () => {
    const { worker, atStop, mails } = await deliveredAcross(rig, {
      n: N,
      tag: 'REDIS',
      startWorker,
      stop: () => kill(redis),
      resume: async () => {
        await new Promise((r) => setTimeout(r, 1_000)); // the worker sees Redis gone
        redis = await rig.processes.redis(port, redisDir);
      },
    });
    expect(worker.exitCode).toBeNull(); // it rode out the outage
    process.stdout.write(
      `redis restart test: ${atStop.received} mails received and ${atStop.sent} recorded when Redis died; ${rig.smtp.mails.length} received in all, ${mails.distinct} distinct, ${mails.duplicates} duplicate(s)\n`,
    );
  }, 180_000);
});
