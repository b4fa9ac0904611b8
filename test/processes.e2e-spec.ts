import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createTestEnvironment } from './support/test-app.js';

/** The built processes as operators run them: configuration checks, JSON logs, graceful stop. */
let env: Awaited<ReturnType<typeof createTestEnvironment>>;
beforeAll(async () => {
  env = await createTestEnvironment();
});
afterAll(() => env.drop());

function run(script: string, vars: Record<string, string | undefined>): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, [`dist/src/${script}`], { env: { PATH: process.env.PATH, ...vars }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

const processEnv = () => ({
  DATABASE_URL: env.config.DATABASE_URL,
  REDIS_URL: env.config.REDIS_URL,
  REDIS_PREFIX: env.config.REDIS_PREFIX,
  JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'info',
});

async function waitFor(predicate: () => boolean | Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('configuration is validated at boot', () => {
  it.each(['main.js', 'worker.js'])('%s stops naming a missing and a malformed variable', async (script) => {
    const p = run(script, { ...processEnv(), DATABASE_URL: undefined, HTTP_PORT: 'eighty' });
    expect(await p.exit).toBe(78);
    expect(p.output()).toMatch(/DATABASE_URL is required/);
    expect(p.output()).toMatch(/HTTP_PORT/);
  });
});

describe('the API process', () => {
  it('logs JSON lines with the request id and stops gracefully on SIGTERM', async () => {
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const api = run('main.js', { ...processEnv(), HTTP_PORT: port });
    await waitFor(() => fetch(`http://127.0.0.1:${port}/api/v1/health/ready`).then((r) => r.ok, () => false));
    await fetch(`http://127.0.0.1:${port}/api/v1/territory/ats`, { headers: { 'x-request-id': 'trace-me-0001' } });
    await waitFor(() => api.output().includes('trace-me-0001'));
    const lines = api.output().trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.reqId === 'trace-me-0001')).toMatchObject({ msg: 'request completed', status: 200, url: '/api/v1/territory/ats' });
    api.child.kill('SIGTERM');
    expect(await api.exit).toBe(0);
  });
});

describe('the worker process', () => {
  it('starts its consumers and stops gracefully on SIGTERM', async () => {
    const worker = run('worker.js', processEnv());
    await waitFor(() => worker.output().includes('worker started'));
    worker.child.kill('SIGTERM');
    expect(await worker.exit).toBe(0);
  });
});
