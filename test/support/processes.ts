import { afterAll, beforeAll, expect } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startSmtpSink, type SmtpSink } from '../../src/cli/smtp-sink.js';
import { Role } from '../../src/common/access/role.js';
import { createTestEnvironment } from './test-app.js';

/**
 * The harness of the crash and restart tests: real processes (the built worker, a private
 * redis-server) started, killed and started again, and the probes that wait on them.
 */
export type TestEnvironment = Awaited<ReturnType<typeof createTestEnvironment>>;

export async function waitFor(probe: () => Promise<boolean> | boolean, ms: number, what = 'timed out waiting') {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(what);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const running = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;

/** Kills with SIGKILL (no shutdown hook runs) and waits for the exit. */
export async function kill(child: ChildProcess): Promise<void> {
  if (!running(child)) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** The processes one test file starts, all killed by `killAll` in its afterAll. */
export class Processes {
  private readonly children: ChildProcess[] = [];

  /** The worker as operators run it (node dist/src/worker.js) on the file's database. */
  worker(env: TestEnvironment, vars: Record<string, string>): ChildProcess {
    return this.built('dist/src/worker.js', env, { LOG_LEVEL: 'silent', ...vars });
  }

  /**
   * The API as operators run it (node dist/src/main.js, NestFactory) on the file's database,
   * listening on `port`, once it answers ready. Pass JWT_ACCESS_SECRET to keep tokens valid
   * across a restart.
   */
  async api(env: TestEnvironment, port: number, vars: Record<string, string> = {}): Promise<ChildProcess> {
    const child = this.built('dist/src/main.js', env, { HTTP_PORT: String(port), LOG_LEVEL: 'warn', ...vars });
    const ready = () =>
      fetch(`http://127.0.0.1:${port}/api/v1/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
    await waitFor(ready, 30_000, 'the API process did not start');
    return child;
  }

  private built(script: string, env: TestEnvironment, vars: Record<string, string>): ChildProcess {
    return this.track(
      spawn(process.execPath, [script], {
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: env.config.DATABASE_URL,
          REDIS_URL: env.config.REDIS_URL,
          REDIS_PREFIX: env.config.REDIS_PREFIX,
          JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
          ...vars,
        },
        stdio: 'ignore',
      }),
    );
  }

  /** A private, empty redis-server (never the shared one) that keeps nothing on disk. */
  async redis(port: number, dir: string): Promise<ChildProcess> {
    const child = this.track(
      spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
        { stdio: 'ignore' },
      ),
    );
    const client = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
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

  async killAll(): Promise<void> {
    await Promise.all(this.children.map(kill));
  }

  private track(child: ChildProcess): ChildProcess {
    this.children.push(child);
    return child;
  }
}

/** `n` committed e-mail notifications for one new account; returns the outbox ids. */
export async function queueNotifications(db: pg.Client, n: number, tag: string): Promise<string[]> {
  const [user] = (
    await db.query(
      `INSERT INTO users (email, password_hash, roles, first_name, last_name) VALUES ($1, 'x', $2, 'Crash', 'Test') RETURNING id`,
      [`${tag.toLowerCase()}-${randomBytes(3).toString('hex')}@test.sportello`, [Role.APPLICANT]],
    )
  ).rows;
  const { rows } = await db.query(
    `INSERT INTO notification_outbox (event, recipient_id, channels, template, language, params)
     SELECT 'receipt', $1, '{email}', 'receipt', 'it', jsonb_build_object('protocolNumber', $3 || '-' || g) FROM generate_series(1, $2) g RETURNING id`,
    [user.id, n, tag],
  );
  return rows.map((r: { id: string }) => r.id);
}

export const sentCount = async (db: pg.Client) =>
  (await db.query(`SELECT count(*)::int AS n FROM notification_outbox WHERE state = 'sent'`)).rows[0].n as number;

/** What the SMTP sink received: the distinct Message-IDs and how many mails came twice. */
export function received(smtp: SmtpSink) {
  const byId = new Map<string, number>();
  for (const m of smtp.mails) byId.set(m.messageId ?? '', (byId.get(m.messageId ?? '') ?? 0) + 1);
  return { messageIds: [...byId.keys()].sort(), distinct: byId.size, duplicates: smtp.mails.length - byId.size };
}

export const messageIdsOf = (ids: string[]) => ids.map((id) => `<${id}@notifications.sportello>`).sort();

/** A worker of the rig's database that sends e-mail only, to the rig's SMTP sink, relaying every 100 ms. */
export const emailOnly = (smtp: SmtpSink) => ({
  SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
  NOTIFICATION_CHANNELS: 'email',
  NOTIFICATION_RELAY_INTERVAL_MS: '100',
});

/**
 * Waits until all `ids` are sent, then checks that each reached the sink (by Message-ID) with
 * one delivery record; a mail accepted whose record was lost may come twice (same Message-ID,
 * which an MTA or the mailbox de-duplicates): at most one per in-flight job. Returns the figures.
 */
export async function expectEachDeliveredOnce(smtp: SmtpSink, db: pg.Client, ids: string[]) {
  await waitFor(async () => (await sentCount(db)) === ids.length, 90_000);
  await new Promise((r) => setTimeout(r, 500)); // late duplicates, if any, arrive
  const mails = received(smtp);
  expect(mails.messageIds).toEqual(messageIdsOf(ids));
  expect(mails.duplicates).toBeLessThanOrEqual(10);
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM notification_deliveries WHERE channel = 'email'`);
  expect(rows[0].n).toBe(ids.length);
  return mails;
}

/** A private database, an SMTP sink (25 ms per mail) and a client on the database. */
export async function notificationRig() {
  const env = await createTestEnvironment();
  const smtp = await startSmtpSink({ delayMs: 25 });
  const db = new pg.Client({ connectionString: env.config.DATABASE_URL });
  await db.connect();
  const close = async () => {
    await db.end();
    await smtp.close();
    await env.drop();
  };
  return { env, smtp, db, close };
}

/**
 * The file's rig and its processes, made in beforeAll; in afterAll every process the file
 * started is killed, then the rig is closed. Read the fields inside tests (not at load time).
 */
export function notificationRigOfFile() {
  const rig = { processes: new Processes() } as Awaited<ReturnType<typeof notificationRig>> & {
    processes: Processes;
  };
  beforeAll(async () => {
    Object.assign(rig, await notificationRig());
  });
  afterAll(async () => {
    await rig.processes.killAll();
    await rig.close();
  });
  return rig;
}

/**
 * The disruption tests' journey: `n` committed notifications and a worker started; once 40 mails
 * reached the sink `stop` kills something (the figures are taken then, fewer than `n` sent) and
 * `resume` starts it again; then each notification must reach the sink once by Message-ID.
 */
export async function deliveredAcross(
  rig: Awaited<ReturnType<typeof notificationRig>>,
  journey: {
    n: number;
    tag: string;
    startWorker: () => ChildProcess;
    stop: (worker: ChildProcess) => Promise<void>;
    resume: () => Promise<unknown>;
  },
) {
  const ids = await queueNotifications(rig.db, journey.n, journey.tag);
  const worker = journey.startWorker();
  await waitFor(() => rig.smtp.mails.length >= 40, 60_000);
  await journey.stop(worker);
  const atStop = { received: rig.smtp.mails.length, sent: await sentCount(rig.db) };
  expect(atStop.sent).toBeLessThan(journey.n);
  await journey.resume();
  // Only a mail accepted by the sink whose delivery record the stop lost may come twice.
  const mails = await expectEachDeliveredOnce(rig.smtp, rig.db, ids);
  return { worker, atStop, mails };
}
