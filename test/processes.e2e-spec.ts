import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { createTestEnvironment } from './support/test-app.js';

/** The built processes as operators run them: configuration checks, JSON logs, graceful stop. */
let env: Awaited<ReturnType<typeof createTestEnvironment>>;
beforeAll(async () => {
  env = await createTestEnvironment();
});
afterAll(() => env.drop());

function run(
  script: string,
  vars: Record<string, string | undefined>,
): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, [`dist/src/${script}`], {
    env: { PATH: process.env.PATH, ...vars },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
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
    await waitFor(() =>
      fetch(`http://127.0.0.1:${port}/api/v1/health/ready`).then(
        (r) => r.ok,
        () => false,
      ),
    );
    await fetch(`http://127.0.0.1:${port}/api/v1/territory/ats`, { headers: { 'x-request-id': 'trace-me-0001' } });
    await waitFor(() => api.output().includes('trace-me-0001'));
    const lines = api
      .output()
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.reqId === 'trace-me-0001')).toMatchObject({
      msg: 'request completed',
      status: 200,
      url: '/api/v1/territory/ats',
    });
    api.child.kill('SIGTERM');
    expect(await api.exit).toBe(0);
  });
});

describe('personal data never reaches the logs', () => {
  it('a failed SQL statement carrying personal data logs neither its parameters nor the driver details', async () => {
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const api = run('main.js', { ...processEnv(), HTTP_PORT: port, LOG_LEVEL: 'debug' });
    const base = `http://127.0.0.1:${port}/api/v1`;
    await waitFor(() =>
      fetch(`${base}/health/ready`).then(
        (r) => r.ok,
        () => false,
      ),
    );
    const person = {
      email: `log-probe-${randomBytes(4).toString('hex')}@example.org`,
      password: `Segreta-${randomBytes(6).toString('hex')}`,
      firstName: 'Zebedea',
      lastName: `Logprobe${randomBytes(3).toString('hex')}`,
      birthDate: '1985-12-10',
      fiscalCode: uniqueFiscalCode(),
    };
    // An unforeseen database failure on the very INSERT that carries them: PostgreSQL's detail
    // then reads "Failing row contains (…)" with every column, the argon2 hash included.
    const db = new pg.Client({ connectionString: env.config.DATABASE_URL });
    await db.connect();
    await db.query(`ALTER TABLE users ADD CONSTRAINT log_probe CHECK (first_name <> 'Zebedea') NOT VALID`);
    await db.end();
    const post = (body: unknown) =>
      fetch(`${base}/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post(person)).status).toBe(500);
    // A NUL byte is refused before any statement, and the body is not logged either.
    expect((await post({ ...person, lastName: `${person.lastName}\u0000` })).status).toBe(400);
    await waitFor(() => api.output().includes('"code":"23514"') && api.output().split('request completed').length > 3);
    api.child.kill('SIGTERM');
    expect(await api.exit).toBe(0);
    const output = api.output();
    expect(output).toMatch(/"constraint":"log_probe"/); // the failure itself is logged, usefully
    for (const value of [
      person.email,
      person.password,
      person.lastName,
      person.fiscalCode,
      '$argon2',
      'Failing row',
      'INSERT INTO',
    ]) {
      expect(output).not.toContain(value);
    }
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
