import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from './support/env.js';

/**
 * `npm run demo` has a working B2 case: the demo citizen's B2 application (for a person living
 * in Seregno) reaches the queue of the demo officer and manager of the Ambito di Seregno, and
 * the Brescia officer does not see it.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'sportello-demo-b2-'));
const port = 30000 + Math.floor(Math.random() * 20000);
let demo: ChildProcess | undefined;
let output = '';

afterAll(async () => {
  if (demo?.pid && demo.exitCode === null) process.kill(-demo.pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`test-demo-b2-${port}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

async function tokenOf(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect({ email, status: res.status }).toEqual({ email, status: 200 });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function queueOf(base: string, token: string): Promise<{ measureCode: string; status: string }[]> {
  const res = await fetch(`${base}/api/v1/cases`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { measureCode: string; status: string }[] }).items;
}

describe('npm run demo: the B2 case of the Ambito di Seregno', () => {
  it('reaches the Seregno officer and manager', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SPORTELLO_DATA_DIR: dataDir,
      HTTP_PORT: String(port),
      EMBEDDED_PG_PORT: String(port + 1),
      LOG_LEVEL: 'warn',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: `test-demo-b2-${port}`,
    };
    delete env.DATABASE_URL;
    delete env.JWT_ACCESS_SECRET;
    demo = spawn(process.execPath, ['dist/src/cli/demo.js'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    demo.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 90_000;
    while (!output.includes('Press Ctrl-C') && Date.now() < deadline && demo.exitCode === null) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(output).toContain('Press Ctrl-C');
    const base = `http://127.0.0.1:${port}`;

    const credentials = (email: string) => new RegExp(`(${email.replace('.', '\\.')})\\s+(\\S+)`).exec(output)!;
    const [, officerEmail, password] = credentials('istruttore.seregno@sportello.demo');
    for (const email of [officerEmail, 'responsabile.seregno@sportello.demo']) {
      const queue = await queueOf(base, await tokenOf(base, email, password));
      expect(queue.map((c) => [c.measureCode, c.status])).toEqual([['B2-FNA-2025-SEREGNO', 'SUBMITTED']]);
    }
    const brescia = await queueOf(base, await tokenOf(base, 'istruttore.brescia@sportello.demo', password));
    expect(brescia.map((c) => c.measureCode)).not.toContain('B2-FNA-2025-SEREGNO');

    const exited = new Promise<number | null>((resolve) => demo!.once('exit', (code) => resolve(code)));
    demo.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 120_000);
});
