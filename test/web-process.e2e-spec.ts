import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createTestEnvironment } from './support/test-app.js';

/**
 * The built API process (NestFactory, as `npm run start:api` and the demo run it) serves the
 * portal at "/": its adapter parses forms itself, unlike the testing module's app.
 */
let env: Awaited<ReturnType<typeof createTestEnvironment>>;
let api: ChildProcess;
const port = 20000 + Math.floor(Math.random() * 20000);
const base = `http://127.0.0.1:${port}`;

beforeAll(async () => {
  env = await createTestEnvironment();
  api = spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: env.config.DATABASE_URL,
      REDIS_URL: env.config.REDIS_URL,
      REDIS_PREFIX: env.config.REDIS_PREFIX,
      JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
      HTTP_PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 30_000;
  while (
    !(await fetch(`${base}/api/v1/health/ready`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error('API did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}, 60_000);
afterAll(async () => {
  api?.kill('SIGTERM');
  await env?.drop();
});

describe('the API process serves the portal', () => {
  it('renders the catalogue at / and accepts a form post with its CSRF token', async () => {
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Contributi e servizi');
    const login = await fetch(`${base}/accedi`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await login.text())![1];
    const res = await fetch(`${base}/accedi`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrf,
        email: 'nobody@test.sportello',
        password: 'not-the-password',
      }).toString(),
    });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('E-mail o password non corretti.');
  });
});
