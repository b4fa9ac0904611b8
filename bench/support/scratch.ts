import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import pg from 'pg';

const running = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;

/**
 * Ends a benchmark's scratch environment: its child processes (SIGTERM, then waits), its Redis
 * keys (by prefix) and, unless kept, its scratch database.
 */
export async function cleanupScratch(s: { children: ChildProcess[]; redisUrl: string; prefix: string; adminUrl: string; dbName: string; keep: boolean }) {
  for (const c of s.children) if (running(c)) c.kill('SIGTERM');
  await Promise.all(s.children.map((c) => (running(c) ? new Promise((r) => c.once('exit', r)) : null)));
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
