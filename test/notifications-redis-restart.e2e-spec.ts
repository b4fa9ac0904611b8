import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startSmtpSink, type SmtpSink } from '../src/cli/smtp-sink.js';
import { Role } from '../src/common/access/role.js';
import { createTestEnvironment } from './support/test-app.js';

/**
 * A private redis-server (never the shared one) is killed in the middle of a run and started
 * again empty (`--save "" --appendonly no`: every job, completed or not, is lost). The worker
 * process keeps running; the outbox rows it had queued are queued again by the relay's sweep
 * (NOTIFICATION_REQUEUE_AFTER_SECONDS), and the per-(notification, channel) delivery record
 * stops a re-queued job from sending twice. Every committed notification reaches the SMTP sink.
 */
const N = 200;
let env: Awaited<ReturnType<typeof createTestEnvironment>>;
let smtp: SmtpSink;
let db: pg.Client;
let redisDir: string;
let port: number;
let redis: ChildProcess | null = null;
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address() as { port: number };
      srv.close(() => resolve(p));
    });
  });
}

async function startRedis(): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', redisDir], { stdio: 'ignore' });
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await client.connect();
      await client.ping();
      break;
    } catch {
      client.disconnect();
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  client.disconnect();
  return child;
}

beforeAll(async () => {
  env = await createTestEnvironment();
  smtp = await startSmtpSink({ delayMs: 25 });
  db = new pg.Client({ connectionString: env.config.DATABASE_URL });
  await db.connect();
  redisDir = await mkdtemp(join(tmpdir(), 'sportello-redis-'));
  port = await freePort();
  redis = await startRedis();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  if (redis && redis.exitCode === null && redis.signalCode === null) redis.kill('SIGKILL');
  await db.end();
  await smtp.close();
  await env.drop();
  await rm(redisDir, { recursive: true, force: true });
});

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['dist/src/worker.js'], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: env.config.DATABASE_URL,
      REDIS_URL: `redis://127.0.0.1:${port}`,
      REDIS_PREFIX: env.config.REDIS_PREFIX,
      JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      NOTIFICATION_CHANNELS: 'email',
      NOTIFICATION_RELAY_INTERVAL_MS: '100',
      NOTIFICATION_REQUEUE_AFTER_SECONDS: '2',
      LOG_LEVEL: 'silent',
    },
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

async function waitFor(probe: () => Promise<boolean> | boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sentCount = async () => (await db.query(`SELECT count(*)::int AS n FROM notification_outbox WHERE state = 'sent'`)).rows[0].n as number;

describe('Redis restarted (and emptied) in the middle of a run', () => {
  it(`delivers each of ${N} committed notifications to the SMTP sink, once by Message-ID`, async () => {
    const [user] = (
      await db.query(`INSERT INTO users (email, password_hash, roles, first_name, last_name) VALUES ($1, 'x', $2, 'Redis', 'Restart') RETURNING id`, [
        `redis-${randomBytes(3).toString('hex')}@test.sportello`,
        [Role.APPLICANT],
      ])
    ).rows;
    const ids = (
      await db.query(
        `INSERT INTO notification_outbox (event, recipient_id, channels, template, language, params)
         SELECT 'receipt', $1, '{email}', 'receipt', 'it', jsonb_build_object('protocolNumber', 'REDIS-' || g) FROM generate_series(1, $2) g RETURNING id`,
        [user.id, N],
      )
    ).rows.map((r: { id: string }) => r.id);

    const worker = startWorker();
    await waitFor(() => smtp.mails.length >= 40, 60_000);
    redis!.kill('SIGKILL');
    await new Promise((r) => redis!.once('exit', r));
    const atRestart = { received: smtp.mails.length, sent: await sentCount() };
    expect(atRestart.sent).toBeLessThan(N);
    await new Promise((r) => setTimeout(r, 1_000)); // the worker sees Redis gone
    redis = await startRedis();

    await waitFor(async () => (await sentCount()) === N, 90_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(worker.exitCode).toBeNull(); // it rode out the outage

    const byId = new Map<string, number>();
    for (const m of smtp.mails) byId.set(m.messageId ?? '', (byId.get(m.messageId ?? '') ?? 0) + 1);
    expect([...byId.keys()].sort()).toEqual(ids.map((id) => `<${id}@notifications.sportello>`).sort());
    const duplicates = smtp.mails.length - byId.size;
    // Only a message accepted by the sink whose delivery record was not yet written may arrive twice.
    expect(duplicates).toBeLessThanOrEqual(10);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM notification_deliveries WHERE channel = 'email'`);
    expect(rows[0].n).toBe(N);
    process.stdout.write(
      `redis restart test: ${atRestart.received} mails received and ${atRestart.sent} recorded when Redis died; ${smtp.mails.length} received in all, ${byId.size} distinct, ${duplicates} duplicate(s)\n`,
    );
  }, 180_000);
});
