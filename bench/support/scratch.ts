import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import pg from 'pg';

const running = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;

/**
 * Ends a benchmark's scratch environment: its child processes (SIGTERM, then waits), its Redis
 * keys (by prefix) and, unless kept, its scratch database.
 */
export async function cleanupScratch(s: {
  children: ChildProcess[];
  redisUrl: string;
  prefix: string;
  adminUrl: string;
  dbName: string;
  keep: boolean;
}) {
  for (const c of s.children) if (running(c)) c.kill('SIGTERM');
  await Promise.all(s.children.map((c) => (running(c) ? new Promise((r) => c.once('exit', r)) : Promise.resolve())));
  const redis = new Redis(s.redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${s.prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
  if (!s.keep) {
    const admin = new pg.Client({ connectionString: s.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${s.dbName} WITH (FORCE)`);
    await admin.end();
  }
}

/** The names of a benchmark's scratch environment: its database (beside the admin one) and Redis prefix. */
export function scratchNames(kind: string) {
  const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `sportello_bench_${kind}_${Date.now()}`;
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return { adminUrl, dbName, dbUrl: url.toString(), prefix: `bench-${dbName}` };
}

/** Polls a URL until it answers 2xx. */
export async function waitFor(url: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    ) {
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
}

/** POSTs JSON to the API and insists on the expected status. */
export async function postJson(
  base: string,
  path: string,
  token: string | null,
  body: unknown,
  expected: number,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== expected) throw new Error(`${path}: ${res.status} ${JSON.stringify(json).slice(0, 500)}`);
  return json;
}
