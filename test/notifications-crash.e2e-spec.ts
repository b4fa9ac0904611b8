import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startSmtpSink, type SmtpSink } from '../src/cli/smtp-sink.js';
import { Role } from '../src/common/access/role.js';
import { createTestEnvironment } from './support/test-app.js';

/**
 * The worker as operators run it (node dist/src/worker.js), killed with SIGKILL in the middle of
 * a batch and started again: every committed notification reaches the SMTP sink, identified by
 * its Message-ID (derived from the outbox id).
 */
const N = 200;
let env: Awaited<ReturnType<typeof createTestEnvironment>>;
let smtp: SmtpSink;
let db: pg.Client;
const children: ChildProcess[] = [];

beforeAll(async () => {
  env = await createTestEnvironment();
  smtp = await startSmtpSink({ delayMs: 25 });
  db = new pg.Client({ connectionString: env.config.DATABASE_URL });
  await db.connect();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await db.end();
  await smtp.close();
  await env.drop();
});

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['dist/src/worker.js'], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: env.config.DATABASE_URL,
      REDIS_URL: env.config.REDIS_URL,
      REDIS_PREFIX: env.config.REDIS_PREFIX,
      JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      NOTIFICATION_CHANNELS: 'email',
      NOTIFICATION_RELAY_INTERVAL_MS: '100',
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

describe('a worker killed with SIGKILL in the middle of a batch', () => {
  it(`delivers each of ${N} committed notifications to the SMTP sink once (by Message-ID)`, async () => {
    const [user] = (
      await db.query(
        `INSERT INTO users (email, password_hash, roles, first_name, last_name) VALUES ($1, 'x', $2, 'Crash', 'Test') RETURNING id`,
        [`crash-${randomBytes(3).toString('hex')}@test.sportello`, [Role.APPLICANT]],
      )
    ).rows;
    await db.query('BEGIN');
    const ids = (
      await db.query(
        `INSERT INTO notification_outbox (event, recipient_id, channels, template, language, params)
         SELECT 'receipt', $1, '{email}', 'receipt', 'it', jsonb_build_object('protocolNumber', 'CRASH-' || g) FROM generate_series(1, $2) g RETURNING id`,
        [user.id, N],
      )
    ).rows.map((r: { id: string }) => r.id);
    await db.query('COMMIT');

    const first = startWorker();
    await waitFor(() => smtp.mails.length >= 40, 60_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = { received: smtp.mails.length, sent: await sentCount() };
    expect(atKill.sent).toBeLessThan(N);

    startWorker();
    await waitFor(async () => (await sentCount()) === N, 90_000);
    await new Promise((r) => setTimeout(r, 500));

    const byId = new Map<string, number>();
    for (const m of smtp.mails) byId.set(m.messageId ?? '', (byId.get(m.messageId ?? '') ?? 0) + 1);
    expect([...byId.keys()].sort()).toEqual(ids.map((id) => `<${id}@notifications.sportello>`).sort());
    const duplicates = smtp.mails.length - byId.size;
    // Only a message accepted by the sink whose delivery record the kill prevented may arrive
    // twice (same Message-ID, so an MTA or the mailbox de-duplicates): at most one per in-flight job.
    expect(duplicates).toBeLessThanOrEqual(10);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM notification_deliveries WHERE channel = 'email'`);
    expect(rows[0].n).toBe(N);
    process.stdout.write(`crash test: ${atKill.received} mails received and ${atKill.sent} recorded at SIGKILL; ${smtp.mails.length} received in all, ${byId.size} distinct, ${duplicates} duplicate(s)\n`);
  }, 180_000);
});
