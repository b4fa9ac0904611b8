import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort, Processes, type TestEnvironment } from './support/processes.js';
import { createTestEnvironment } from './support/test-app.js';
import { csrfOf } from './support/web-pages.js';

/**
 * The built API process (NestFactory, as `npm run start:api` and the demo run it) serves the
 * portal at "/": its adapter parses forms itself, unlike the testing module's app.
 */
const processes = new Processes();
let env: TestEnvironment;
let base: string;

beforeAll(async () => {
  env = await createTestEnvironment();
  const port = await freePort();
  await processes.api(env, port);
  base = `http://127.0.0.1:${port}`;
}, 60_000);
afterAll(async () => {
  await processes.killAll();
  await env?.drop();
});

describe('the API process serves the portal', () => {
  it('renders the catalogue at / and accepts a form post with its CSRF token', async () => {
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Contributi e servizi');
    const login = await fetch(`${base}/accedi`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const csrf = csrfOf(await login.text());
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
