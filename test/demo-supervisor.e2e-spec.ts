import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import {
  commandOf,
  credentialsOf,
  isRunning,
  login,
  readyStatus,
  startDemo,
  until,
  type DemoRun,
} from './support/demo-run.js';
import { TEST_REDIS_URL } from './support/env.js';

/**
 * `npm run demo` keeps the product running: a child killed with kill -9 is restarted and said so,
 * a child that keeps crashing stops the demo with a message and a non-zero code, its own
 * redis-server when none answers, and Ctrl-C stops everything it started.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'sportello-demo-sup-'));
const port = 30000 + Math.floor(Math.random() * 20000);
const base = `http://127.0.0.1:${port}`;
const runs: DemoRun[] = [];

/** A loopback port where nothing listens (the demo's Redis will take it). */
function deadPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createTcpServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function api(path: string, token: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

afterAll(async () => {
  for (const run of runs) run.kill();
  rmSync(dataDir, { recursive: true, force: true });
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`test-demo-${port}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('npm run demo without a Redis, then with crashing children', () => {
  let demo: DemoRun;
  let redisPort: number;

  beforeAll(async () => {
    redisPort = await deadPort();
    demo = startDemo(dataDir, {
      HTTP_PORT: String(port),
      EMBEDDED_PG_PORT: String(port + 1),
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      REDIS_PREFIX: `test-demo-${port}`,
    });
    runs.push(demo);
    await until(
      () => demo.output().includes('Press Ctrl-C') || demo.child.exitCode !== null,
      150_000,
      'the demo to start',
    );
  }, 180_000);

  it('starts its own redis-server when none answers at REDIS_URL, and comes up', async () => {
    expect(demo.output()).toContain(`No Redis answers at redis://127.0.0.1:${redisPort}: starting`);
    expect(demo.output()).toContain('Press Ctrl-C');
    const redisPid = demo.pids().redis;
    expect(commandOf(redisPid)).toMatch(new RegExp(`redis-server .*:${redisPort}`));
    const own = new Redis(`redis://127.0.0.1:${redisPort}`);
    expect(await own.ping()).toBe('PONG');
    own.disconnect();
    await until(async () => (await readyStatus(base)) === 200, 30_000, 'readiness');
  });

  it('restarts the worker after kill -9, and the new worker delivers mail', async () => {
    await until(() => demo.mails().length > 0, 60_000, 'the receipt e-mail');
    const old = demo.pids().worker;
    process.kill(old, 'SIGKILL');
    await until(
      () => /^worker stopped unexpectedly \(killed by SIGKILL\): restarting it in 1 s/m.test(demo.output()),
      20_000,
      'the restart line',
    );
    const worker = await until(
      () => (demo.pids().worker !== old && isRunning(demo.pids().worker) ? demo.pids().worker : 0),
      20_000,
      'a new worker',
    );
    expect(isRunning(old)).toBe(false);
    expect(commandOf(worker)).toContain('dist/src/worker.js');

    // Only a worker sends e-mail: an integration request reaches the citizen through the new one.
    const operator = credentialsOf(demo.output(), 'OPERATOR');
    const { accessToken } = await login(base, operator.email, operator.password);
    const queue = (await api('/api/v1/cases', accessToken!)) as { items: { id: string }[] };
    const id = queue.items[0].id;
    const read = await api(`/api/v1/applications/${id}`, accessToken!);
    const taken = await api(`/api/v1/cases/${id}/take-in-charge`, accessToken!, { version: read.version });
    const before = demo.mails().length;
    await api(`/api/v1/cases/${id}/integration-request`, accessToken!, {
      version: taken.version,
      message: 'Allegare la ricevuta della retta',
      days: 10,
    });
    await until(() => demo.mails().length > before, 60_000, 'the integration e-mail');
    await until(
      () => /^mail to cittadina@sportello\.demo: "Richiesta di integrazione/m.test(demo.output()),
      10_000,
      'its console line',
    );
    expect(demo.pids().worker).toBe(worker);
  }, 120_000);

  it('restarts the API after kill -9, and it answers again', async () => {
    const old = demo.pids().api;
    process.kill(old, 'SIGKILL');
    await until(
      () => /^api stopped unexpectedly \(killed by SIGKILL\): restarting it in 1 s/m.test(demo.output()),
      20_000,
      'the restart line',
    );
    const apiPid = await until(
      () => (demo.pids().api !== old && isRunning(demo.pids().api) ? demo.pids().api : 0),
      20_000,
      'a new API',
    );
    expect(commandOf(apiPid)).toContain('dist/src/main.js');
    await until(async () => (await readyStatus(base)) === 200, 60_000, 'readiness after the restart');
    const admin = credentialsOf(demo.output(), 'ADMIN');
    expect((await login(base, admin.email, admin.password)).status).toBe(200);
  }, 90_000);

  it('stops everything it started on SIGINT, its own Redis included, and exits 0', async () => {
    const started = { ...demo.pids() };
    const postgres = [...demo.seen].find(([, command]) => command.includes('postgres -D'))![0];
    for (const pid of [started.api, started.worker, started.redis, postgres]) expect(isRunning(pid)).toBe(true);
    demo.child.kill('SIGINT');
    expect(await demo.exit).toBe(0);
    expect(demo.output()).toMatch(/Stopping Sportello \(api, worker, redis, PostgreSQL, mail sink\)\.\.\.\nStopped\./);
    for (const pid of [started.api, started.worker, started.redis, postgres]) {
      expect({ pid, running: isRunning(pid) }).toEqual({ pid, running: false });
    }
    expect(existsSync(join(dataDir, 'demo.pids.json'))).toBe(false);
    expect(
      await fetch(`${base}/api/v1/health/live`).then(
        (r) => r.status,
        () => 0,
      ),
    ).toBe(0);
  }, 60_000);

  it('after a kill -9 of the demo itself, the next run stops what it left running and comes up', async () => {
    const env = {
      HTTP_PORT: String(port),
      EMBEDDED_PG_PORT: String(port + 1),
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      REDIS_PREFIX: `test-demo-${port}`,
    };
    const killed = startDemo(dataDir, env);
    runs.push(killed);
    await until(
      () => killed.output().includes('Press Ctrl-C') || killed.child.exitCode !== null,
      150_000,
      'the first demo',
    );
    const left = { ...killed.pids() };
    const postgres = [...killed.seen].find(([, command]) => command.includes('postgres -D'))![0];
    process.kill(left.demo, 'SIGKILL');
    await killed.exit;
    expect(isRunning(postgres)).toBe(true); // the embedded PostgreSQL outlives its demo

    const next = startDemo(dataDir, env);
    runs.push(next);
    await until(() => next.output().includes('Press Ctrl-C') || next.child.exitCode !== null, 150_000, 'the next demo');
    expect(next.output()).toMatch(
      new RegExp(
        `^A previous demo was killed without stopping: stopped what it left running, .*PostgreSQL \\(pid ${postgres}\\)\\.$`,
        'm',
      ),
    );
    for (const pid of [left.api, left.worker, left.redis, postgres]) {
      expect({ pid, running: isRunning(pid) }).toEqual({ pid, running: false });
    }
    await until(async () => (await readyStatus(base)) === 200, 30_000, 'readiness');

    // While it runs, a second demo on the same folder refuses to start and touches nothing.
    const second = startDemo(dataDir, env);
    runs.push(second);
    expect(await second.exit).toBe(1);
    expect(second.output()).toContain(`Another demo is running with ${dataDir} (pid ${next.child.pid})`);
    expect(await readyStatus(base)).toBe(200);

    next.child.kill('SIGINT');
    expect(await next.exit).toBe(0);
  }, 360_000);

  it('gives up on a child that keeps crashing: a message, a non-zero exit, nothing left running', async () => {
    // Something else holds the HTTP port: every API start fails at listen.
    const squatter: Server = createServer((_req, res) => res.writeHead(503).end());
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', () => resolve()));
    try {
      const crashing = startDemo(dataDir, {
        HTTP_PORT: String(port),
        EMBEDDED_PG_PORT: String(port + 1),
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: `test-demo-${port}`,
      });
      runs.push(crashing);
      const code = await crashing.exit;
      const out = crashing.output();
      expect(code).toBe(1);
      for (const delay of [1, 2, 4, 8]) {
        expect(out).toMatch(
          new RegExp(
            `^api stopped unexpectedly \\(exit code 1, Error: listen EADDRINUSE[^)]*\\): restarting it in ${delay} s`,
            'm',
          ),
        );
      }
      expect(out).toMatch(
        /^api keeps crashing \(5 crashes in \d+ s, last: exit code 1, Error: listen EADDRINUSE.*\); log: .*api\.log\.$/m,
      );
      expect(out).toMatch(/Stopping Sportello \(api, worker, PostgreSQL, mail sink\)\.\.\.\nStopped after an error\./);
      expect(out).not.toContain('Press Ctrl-C');
      const pids = [...crashing.seen.keys()];
      expect(pids.length).toBeGreaterThanOrEqual(3); // APIs, a worker, PostgreSQL
      for (const pid of pids) expect({ pid, running: isRunning(pid) }).toEqual({ pid, running: false });
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  }, 180_000);
});

describe('npm run demo without Redis and without redis-server', () => {
  it('stops at once and says how to get one', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sportello-demo-path-'));
    const run = startDemo(join(dataDir, 'no-redis'), {
      PATH: empty,
      REDIS_URL: `redis://127.0.0.1:${await deadPort()}`,
    });
    runs.push(run);
    try {
      expect(await run.exit).toBe(1);
      expect(run.output()).toContain('Redis does not answer at');
      expect(run.output()).toContain('apt-get install redis-server');
      expect(run.output()).toContain('docker compose up -d redis');
      expect(run.output()).not.toContain('Starting embedded PostgreSQL');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }, 30_000);
});
