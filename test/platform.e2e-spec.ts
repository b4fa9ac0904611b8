import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestContext } from './support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('health', () => {
  it('liveness and readiness answer, readiness checking PostgreSQL and Redis', async () => {
    await ctx.http().get('/api/v1/health/live').expect(200, { status: 'ok' });
    const ready = await ctx.http().get('/api/v1/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
  });
});

describe('OpenAPI', () => {
  it('serves the document with the bearer scheme and the problem schema', async () => {
    const doc = (await ctx.http().get('/api/openapi.json').expect(200)).body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.ProblemDto.properties).toHaveProperty('errors');
    expect(doc.components.schemas.RegisterApplicantDto.required).toContain('fiscalCode');
    const register = doc.paths['/api/v1/auth/register'].post;
    expect(register.responses['400'].content).toHaveProperty('application/problem+json');
  });

  it('serves Swagger UI', async () => {
    const res = await ctx.http().get('/api/docs').redirects(1).expect(200);
    expect(res.text).toContain('swagger-ui');
  });
});

describe('one error format', () => {
  it('unknown route → 404 problem+json', async () => {
    const res = await ctx.http().get('/api/v1/nope').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND', instance: '/api/v1/nope' });
  });

  it('malformed JSON → 400 problem+json', async () => {
    const res = await ctx
      .http()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"email": ')
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.status).toBe(400);
  });

  it('unsupported media type → 415 problem+json', async () => {
    const res = await ctx
      .http()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/xml')
      .send('<a/>')
      .expect(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('a body over the limit → 413 problem+json', async () => {
    const res = await ctx
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'x@y.it', password: 'a'.repeat(2_000_000) })
      .expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('validation lists every offending field, nested ones by path', async () => {
    const res = await ctx.http().post('/api/v1/auth/login').send({ email: 'not-an-email', password: 7 }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
    expect(res.body.detail).toMatch(/Dati non validi/);
    expect(res.body.detailEn).toMatch(/Invalid fields/);
  });
});

describe('request ids and caching', () => {
  it('echoes a well-formed caller request id, and replaces a malformed one', async () => {
    const kept = await ctx.http().get('/api/v1/health/live').set('x-request-id', 'abc-123-xyz').expect(200);
    expect(kept.headers['x-request-id']).toBe('abc-123-xyz');
    const replaced = await ctx.http().get('/api/v1/health/live').set('x-request-id', 'bad id <script>').expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('nothing is cacheable', async () => {
    const res = await ctx.http().get('/api/v1/territory/ats').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toHaveLength(8);
  });
});
