import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { credentialsOf, login, readyStatus, startDemo, until, type DemoRun } from './support/demo-run.js';
import { TEST_REDIS_URL } from './support/env.js';

/**
 * `npm run demo` as a new user runs it: embedded PostgreSQL (no DATABASE_URL), migrations,
 * reference data, printed demo credentials that work, API and worker, clean stop on Ctrl-C.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'sportello-demo-'));
const port = 30000 + Math.floor(Math.random() * 20000);
let demo: DemoRun | undefined;

afterAll(async () => {
  demo?.kill();
  rmSync(dataDir, { recursive: true, force: true });
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`test-demo-${port}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('npm run demo', () => {
  it('brings the product up with working demo credentials and stops cleanly', async () => {
    // The children log at the default level (info): their JSON lines must not reach the console.
    demo = startDemo(dataDir, {
      HTTP_PORT: String(port),
      EMBEDDED_PG_PORT: String(port + 1),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: `test-demo-${port}`,
    });
    const d = demo;
    const deadline = Date.now() + 150_000;
    await until(() => d.output().includes('Press Ctrl-C') || d.child.exitCode !== null, 150_000, 'the demo to start');
    expect(d.output()).toContain('Press Ctrl-C');

    const base = `http://127.0.0.1:${port}`;
    await until(async () => (await readyStatus(base)) === 200, 30_000, 'readiness');
    expect((await fetch(`${base}/api/docs`)).status).toBe(200);
    for (const role of ['ADMIN', 'OPERATOR', 'MANAGER', 'CAV_OPERATOR', 'AUDITOR', 'APPLICANT']) {
      const { email, password } = credentialsOf(d.output(), role);
      expect({ role, status: (await login(base, email, password)).status }).toEqual({ role, status: 200 });
    }

    // The demo citizen's application was submitted through the API: receipt e-mail and inbox.
    expect(d.output()).toMatch(/A demo application was submitted by cittadina@sportello\.demo: protocol \d{4}-\d{7}/);
    const citizen = credentialsOf(d.output(), 'APPLICANT');
    const { accessToken } = await login(base, citizen.email, citizen.password);
    let inbox: { items: { event: string }[] } = { items: [] };
    while (inbox.items.length === 0 && Date.now() < deadline) {
      inbox = (await (
        await fetch(`${base}/api/v1/inbox`, { headers: { authorization: `Bearer ${accessToken}` } })
      ).json()) as typeof inbox;
    }
    expect(inbox.items.map((m) => m.event)).toContain('receipt');
    await until(() => d.mails().length > 0, 60_000, 'the receipt e-mail');
    await until(
      () => /^mail to cittadina@sportello\.demo: "Domanda ricevuta/m.test(d.output()),
      10_000,
      'the mail line',
    );

    // A readable console: the product's lines, URLs before the accounts, no JSON from the children,
    // whose logs (route mapping included) are in the files the console names.
    const screen = d.output();
    expect(screen.split('\n').filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
    expect(screen).not.toMatch(/Mapped \{|RouterExplorer|"level":/);
    const docs = screen.indexOf(`API docs (Swagger UI): ${base}/api/docs`);
    expect(docs).toBeGreaterThan(-1);
    expect(docs).toBeLessThan(screen.indexOf('Demo accounts'));
    expect(screen).toContain(`Logs:                  ${dataDir}/logs/{api,worker,postgres}.log`);
    expect(readFileSync(join(dataDir, 'logs', 'api.log'), 'utf8')).toMatch(
      /"msg":"Mapped \{\/api\/v1\/health\/ready, GET\} route"/,
    );
    expect(readFileSync(join(dataDir, 'logs', 'worker.log'), 'utf8')).toContain('"name":"sportello-worker"');

    d.child.kill('SIGINT');
    expect(await d.exit).toBe(0);
  }, 240_000);
});
