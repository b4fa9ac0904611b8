/**
 * Notifications: N outbox rows (default 20,000) through the real path, outbox → relay →
 * BullMQ → worker → SMTP, into an in-process SMTP sink that records every message by its
 * Message-ID; first with one worker process (`node dist/src/worker.js`), then with two, each on
 * a fresh batch. Throughput is end to end: from the commit of the batch to the last delivery
 * recorded. Then zero duplicates is checked (distinct Message-IDs = messages received = N,
 * delivery records = N). In the same run, a baseline: nodemailer sending N mails to the same
 * sink from this process with the worker's concurrency (10) and the same transport settings.
 *
 *   npm run bench:notify -- [--notifications 20000] [--workers 1,2] [--keep]
 *
 * The last line printed is one JSON object with every figure.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { startSmtpSink, type SmtpSink } from '../../src/cli/smtp-sink.js';
import { QUEUES } from '../../src/common/queue/queues.js';
import { cleanupScratch, scratchNames } from '../support/scratch.js';

const { values: args } = parseArgs({
  options: {
    notifications: { type: 'string', default: '20000' },
    workers: { type: 'string', default: '1,2' },
    keep: { type: 'boolean', default: false },
  },
});
const N = Number(args.notifications);
const WORKER_COUNTS = args.workers.split(',').map(Number);
const CONCURRENCY = QUEUES.notifications.concurrency;
const { adminUrl: ADMIN_URL, dbName, dbUrl, prefix } = scratchNames('notify');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const children: ChildProcess[] = [];
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function cleanup() {
  await cleanupScratch({
    children,
    redisUrl: REDIS_URL,
    prefix,
    adminUrl: ADMIN_URL,
    dbName,
    keep: Boolean(args.keep),
  });
}

interface PhaseResult {
  workers: number;
  notifications: number;
  seconds: number;
  perSecond: number;
  received: number;
  distinctMessageIds: number;
  deliveryRecords: number;
  duplicates: number;
  ok: boolean;
}

async function phase(
  db: pg.Client,
  sink: SmtpSink,
  env: Record<string, string>,
  workers: number,
  tag: string,
): Promise<PhaseResult> {
  const procs = Array.from({ length: workers }, () => {
    const child = spawn(process.execPath, [resolve(root, 'dist/src/worker.js')], {
      env: {
        ...process.env,
        ...env,
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        NOTIFICATION_CHANNELS: 'email',
        NOTIFICATION_RELAY_INTERVAL_MS: '100',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  });
  await sleep(4000); // the workers connect and start relaying (an empty outbox meanwhile)
  const before = sink.mails.length;
  await db.query('BEGIN');
  const ids = (
    await db.query(
      `INSERT INTO notification_outbox (event, recipient_id, channels, template, language, params)
     SELECT 'receipt', u.id, '{email}', 'receipt', 'it', jsonb_build_object('protocolNumber', $1 || '-' || g, 'measureTitle', 'Contributo di prova')
       FROM generate_series(1, $2::int) g JOIN users u ON u.email = 'recipient-' || (g % 1000) || '@bench.example'
     RETURNING id`,
      [tag, N],
    )
  ).rows.map((r: { id: string }) => r.id);
  await db.query('COMMIT');
  const t0 = performance.now();
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM notification_outbox WHERE state = 'sent' AND id = ANY($1)`,
      [ids],
    );
    if (rows[0].n === N) break;
    if (Date.now() > deadline) throw new Error(`${workers} worker(s): only ${rows[0].n} of ${N} sent in 30 minutes`);
    await sleep(50);
  }
  const seconds = (performance.now() - t0) / 1000;
  await sleep(1000); // anything late (a duplicate) would arrive now
  for (const p of procs) p.kill('SIGTERM');
  await Promise.all(
    procs.map((p) => (p.exitCode !== null ? Promise.resolve() : new Promise((r) => p.once('exit', r)))),
  );
  const expected = new Set(ids.map((id) => `<${id}@notifications.sportello>`));
  const mails = sink.mails.slice(before);
  const distinct = new Set(mails.map((m) => m.messageId));
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM notification_deliveries WHERE channel = 'email' AND notification_id = ANY($1)`,
    [ids],
  );
  const ok =
    mails.length === N && distinct.size === N && [...distinct].every((m) => expected.has(m ?? '')) && rows[0].n === N;
  return {
    workers,
    notifications: N,
    seconds: Number(seconds.toFixed(2)),
    perSecond: Math.round(N / seconds),
    received: mails.length,
    distinctMessageIds: distinct.size,
    deliveryRecords: rows[0].n,
    duplicates: mails.length - distinct.size,
    ok,
  };
}

/** nodemailer straight to the sink, same transport options as the e-mail channel (pooled), CONCURRENCY sends in flight. */
async function baseline(sink: SmtpSink) {
  const transport = nodemailer.createTransport(
    { url: `smtp://127.0.0.1:${sink.port}`, pool: true, maxConnections: CONCURRENCY },
    { from: 'Sportello <noreply@sportello.example>' },
  );
  const before = sink.mails.length;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        const i = next++;
        await transport.sendMail({
          to: `recipient-${i % 1000}@bench.example`,
          subject: `Domanda ricevuta: protocollo BASE-${i}`,
          text: `Gentile utente,\nla tua domanda per Contributo di prova è stata ricevuta con protocollo BASE-${i}.\n`,
          messageId: `<baseline-${i}@notifications.sportello>`,
        });
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  transport.close();
  await sleep(500);
  const mails = sink.mails.slice(before);
  return {
    notifications: N,
    concurrency: CONCURRENCY,
    seconds: Number(seconds.toFixed(2)),
    perSecond: Math.round(N / seconds),
    received: mails.length,
    distinct: new Set(mails.map((m) => m.messageId)).size,
  };
}

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const env = {
    DATABASE_URL: dbUrl,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
    AUDIT_PSEUDONYM_KEY: randomBytes(32).toString('hex'),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
  };
  execFileSync(process.execPath, [resolve(root, 'dist/src/cli/migrate.js')], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  const db = new pg.Client({ connectionString: dbUrl });
  db.on('error', () => undefined);
  await db.connect();
  await db.query(
    `INSERT INTO users (email, password_hash, roles, first_name, last_name)
     SELECT 'recipient-' || i || '@bench.example', 'x', '{APPLICANT}', 'Bench', 'Recipient ' || i FROM generate_series(0, 999) i`,
  );
  const sink = await startSmtpSink();
  try {
    const phases: PhaseResult[] = [];
    for (const w of WORKER_COUNTS) {
      const r = await phase(db, sink, env, w, `W${w}`);
      phases.push(r);
      say(
        `${w} worker(s): ${N} notifications in ${r.seconds} s = ${r.perSecond}/s end to end; received ${r.received}, distinct Message-IDs ${r.distinctMessageIds}, ` +
          `delivery records ${r.deliveryRecords}, duplicates ${r.duplicates}: ${r.ok ? 'ok' : 'FAILED'}`,
      );
    }
    const base = await baseline(sink);
    say(
      `baseline (nodemailer → sink, one process, ${CONCURRENCY} in flight): ${N} mails in ${base.seconds} s = ${base.perSecond}/s`,
    );
    for (const p of phases) say(`${p.workers} worker(s) / baseline: ${(p.perSecond / base.perSecond).toFixed(2)}`);
    await db.end();
    const ok = phases.every((p) => p.ok) && base.received === N;
    say(
      JSON.stringify({
        bench: 'notify',
        notifications: N,
        queueConcurrency: CONCURRENCY,
        phases,
        baseline: base,
        ratios: Object.fromEntries(
          phases.map((p) => [`workers${p.workers}`, Number((p.perSecond / base.perSecond).toFixed(2))]),
        ),
        invariants: { zeroDuplicatesEveryDelivered: phases.every((p) => p.ok) },
      }),
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await sink.close();
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`notify bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
