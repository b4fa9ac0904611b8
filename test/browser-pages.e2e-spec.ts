import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestContext } from './support/test-app.js';

/** What a browser gets: a strict CSP and framing protection everywhere; Swagger UI that runs under it. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx?.close());

function expectSecurityHeaders(headers: Record<string, string>) {
  const csp = headers['content-security-policy'];
  expect(csp).toBeDefined();
  for (const directive of [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ]) {
    expect(csp).toContain(directive);
  }
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
}

/** Every src/href of a page, which must all be this origin's own paths. */
const references = (html: string) => [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);

describe('security headers on every response', () => {
  it('JSON, problem+json, a framework error and the docs page', async () => {
    expectSecurityHeaders((await ctx.http().get('/api/v1/territory/ats').expect(200)).headers);
    expectSecurityHeaders((await ctx.http().get('/api/v1/nope').expect(404)).headers);
    expectSecurityHeaders(
      (
        await ctx
          .http()
          .post('/api/v1/auth/login')
          .set('content-type', 'application/json')
          .send('{"email": ')
          .expect(400)
      ).headers,
    );
    expectSecurityHeaders((await ctx.http().get('/api/v1/measures/B1-FNA-2025/versions/%ZZ').expect(400)).headers);
    expectSecurityHeaders((await ctx.http().get('/api/docs').expect(200)).headers);
  });
});

describe('Swagger UI under the CSP', () => {
  it('has no inline script or style, and every file it references loads from this origin', async () => {
    const page = await ctx.http().get('/api/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('id="swagger-ui"');
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.text).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    const refs = references(page.text);
    expect(refs).toEqual(
      expect.arrayContaining(['/api/docs/swagger-ui-bundle.js', '/api/docs/swagger-ui.css', '/api/docs/docs-init.js']),
    );
    for (const ref of refs) {
      expect(ref).toMatch(/^\/api\/docs\//);
      const asset = await ctx.http().get(ref).buffer(true).expect(200);
      expect(asset.headers['content-type']).toMatch(/^(text\/css|text\/javascript|image\/png)/);
      expect(Buffer.isBuffer(asset.body) ? asset.body.length : asset.text.length).toBeGreaterThan(0);
    }
    const init = await ctx.http().get('/api/docs/docs-init.js').expect(200);
    expect(init.text).toContain("url: '/api/openapi.json'");
    expect(init.text).toContain('validatorUrl: null');
    await ctx.http().get('/api/openapi.json').expect(200);
  });

  it('serves nothing else of swagger-ui-dist (its own index.html inlines a script pointing at the petstore)', async () => {
    await ctx.http().get('/api/docs/index.html').expect(404);
    await ctx.http().get('/api/docs/swagger-initializer.js').expect(404);
  });
});

describe('OPENAPI_PUBLIC=false', () => {
  let closed: TestContext;
  beforeAll(async () => {
    closed = await createTestApp({ OPENAPI_PUBLIC: 'false' });
  });
  afterAll(() => closed?.close());

  it('the document and Swagger UI do not exist', async () => {
    for (const path of [
      '/api/openapi.json',
      '/api/openapi.yaml',
      '/api/docs',
      '/api/docs/swagger-ui-bundle.js',
      '/api/docs/docs-init.js',
    ]) {
      const res = await closed.http().get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    await closed.http().get('/api/v1/health/live').expect(200);
  });
});
