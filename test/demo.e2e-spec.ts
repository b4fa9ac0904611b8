import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from './support/env.js';

/**
 * `npm run demo` as a new user runs it: embedded PostgreSQL (no DATABASE_URL), migrations,
 * reference data, printed demo credentials that work, API and worker, clean stop on Ctrl-C.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'sportello-demo-'));
const port = 30000 + Math.floor(Math.random() * 20000);
let demo: ChildProcess | undefined;
let output = '';

afterAll(async () => {
  if (demo?.pid && demo.exitCode === null) process.kill(-demo.pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`test-demo-${port}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('npm run demo', () => {
  it('brings the product up with working demo credentials and stops cleanly', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, SPORTELLO_DATA_DIR: dataDir, HTTP_PORT: String(port), EMBEDDED_PG_PORT: String(port + 1), LOG_LEVEL: 'warn', REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: `test-demo-${port}` };
    delete env.DATABASE_URL;
    delete env.JWT_ACCESS_SECRET;
    // Its own process group, so a failed test still stops the API and worker it started.
    demo = spawn(process.execPath, ['dist/src/cli/demo.js'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    demo.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 90_000;
    while (!output.includes('Press Ctrl-C') && Date.now() < deadline && demo.exitCode === null) await new Promise((r) => setTimeout(r, 200));
    expect(output).toContain('Press Ctrl-C');

    const admin = /ADMIN\s+(\S+@sportello\.demo)\s+(\S+)/.exec(output);
    expect(admin).not.toBeNull();
    const base = `http://127.0.0.1:${port}`;
    let ready = 0;
    while (ready !== 200 && Date.now() < deadline) {
      ready = await fetch(`${base}/api/v1/health/ready`).then((r) => r.status, () => 0);
      if (ready !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect((await fetch(`${base}/api/docs`)).status).toBe(200);
    for (const role of ['ADMIN', 'OPERATOR', 'MANAGER', 'CAV_OPERATOR', 'AUDITOR', 'APPLICANT']) {
      const [, email, password] = new RegExp(`${role}\\s+(\\S+)\\s+(\\S+)`).exec(output)!;
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      expect({ role, status: res.status }).toEqual({ role, status: 200 });
    }

    // The demo citizen's application was submitted through the API: receipt e-mail and inbox.
    expect(output).toMatch(/A demo application was submitted by cittadina@sportello\.demo: protocol \d{4}-\d{7}/);
    const [, citizenEmail, citizenPassword] = /APPLICANT\s+(\S+)\s+(\S+)/.exec(output)!;
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: citizenEmail, password: citizenPassword }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    let inbox: { items: { event: string }[] } = { items: [] };
    while (inbox.items.length === 0 && Date.now() < deadline) {
      inbox = (await (await fetch(`${base}/api/v1/inbox`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as typeof inbox;
    }
    expect(inbox.items.map((m) => m.event)).toContain('receipt');
    let mails: string[] = [];
    while (mails.length === 0 && Date.now() < deadline) {
      mails = existsSync(join(dataDir, 'mails')) ? readdirSync(join(dataDir, 'mails')) : [];
      if (mails.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(mails.length).toBeGreaterThan(0);

    const exited = new Promise<number | null>((resolve) => demo!.once('exit', (code) => resolve(code)));
    demo.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 120_000);
});
