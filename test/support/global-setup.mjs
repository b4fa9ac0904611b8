// Once per test run: a template database with every migration and the reference data, made by
// the real migration command (dist/, built by `npm test` first). Each e2e file then gets its
// own copy (CREATE DATABASE ... TEMPLATE), so files never share state.
// Plain ESM because Jest loads global setup outside its module system. Keep in sync with env.ts.
import { execFileSync } from 'node:child_process';
import { Redis } from 'ioredis';
import pg from 'pg';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// One template per run, so concurrent runs on one machine never drop each other's template.
const TEMPLATE = `sportello_tpl_${process.pid}_${Date.now().toString(36)}`;

export default async function globalSetup() {
  process.env.SPORTELLO_TEST_TEMPLATE = TEMPLATE; // inherited by the test workers
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    throw new Error(
      `Tests need Redis at ${REDIS_URL} (set TEST_REDIS_URL). Start it with: redis-server --daemonize yes`,
    );
  } finally {
    redis.disconnect();
  }

  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`Tests need PostgreSQL at ${ADMIN_URL} (set TEST_DATABASE_ADMIN_URL): ${String(error)}`);
  }
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${TEMPLATE}`;
  execFileSync(process.execPath, ['dist/src/cli/migrate.js'], {
    env: { ...process.env, DATABASE_URL: url.toString(), JWT_ACCESS_SECRET: 'x'.repeat(32), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
