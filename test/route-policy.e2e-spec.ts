import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/access/role.js';
import { discoverRoutes, type Route } from './support/routes.js';
import { createTestApp, seedAccount, tokenFor, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let routes: Route[];

/** Fills path parameters with well-formed values, so a request reaches the guard and the pipes. */
const concrete = (path: string) =>
  path
    .replace(':istatCode', '017029')
    .replace(/:id\b/, '00000000-0000-4000-8000-000000000000')
    .replace(/:[A-Za-z]+/g, 'X1');

beforeAll(async () => {
  ctx = await createTestApp();
  routes = discoverRoutes(ctx);
});
afterAll(() => ctx.close());

describe('every route declares who may call it', () => {
  it('finds the routes Fastify serves', () => {
    const fastifyRoutes = ctx.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
    expect(routes.length).toBeGreaterThan(20);
    // The printed tree splits a segment at a shared prefix ("receipt" then ".pdf"): compare up to a dot.
    for (const r of routes) {
      expect(fastifyRoutes).toContain(r.path.split('/').pop()!.replace(/^:.*/, ':').split('.')[0]);
    }
  });

  it('no route lacks a policy', () => {
    const missing = routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.path} (${r.handler})`);
    expect(missing).toEqual([]);
  });

  it('public routes are only login, registration and its e-mail confirmation, token refresh, health, territory and measure catalog reads', () => {
    const publicRoutes = routes
      .filter((r) => r.policy?.kind === 'public')
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(publicRoutes).toEqual(
      [
        'GET /api/v1/health/live',
        'GET /api/v1/health/ready',
        'GET /api/v1/measures',
        'GET /api/v1/measures/:code',
        'GET /api/v1/measures/:code/versions/:version',
        'GET /api/v1/territory/ambiti',
        'GET /api/v1/territory/ats',
        'GET /api/v1/territory/municipalities',
        'GET /api/v1/territory/municipalities/:istatCode',
        'GET /api/v1/territory/municipalities/:istatCode/history',
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/refresh',
        'POST /api/v1/auth/register',
        'POST /api/v1/auth/verify-email',
      ].sort(),
    );
  });

  it('every non-public route answers 401 problem+json without a token', async () => {
    for (const r of routes.filter((x) => x.policy?.kind !== 'public')) {
      const res = await ctx.http()[r.method.toLowerCase() as 'get'](concrete(r.path)).send({});
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 401,
      });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('AUDITOR changes nothing: every write route answers 403 (except read-only dry runs and own-account self-service)', async () => {
    const token = await tokenFor(ctx, await seedAccount(ctx.db, [Role.AUDITOR]));
    // Read-only by design, or the auditor's own session and profile (not case or configuration data).
    const exempt = [
      'POST /api/v1/auth/logout',
      'PATCH /api/v1/me',
      'PUT /api/v1/me/password',
      'POST /api/v1/inbox/:id/read',
    ];
    // The auditor's own tools: a re-run computes and compares, changing nothing; a disclosure only
    // records the auditor's justification in the audit log (no case or configuration data).
    exempt.push('POST /api/v1/auditor/decisions/:id/rerun', 'POST /api/v1/auditor/disclosures');
    const writes = routes.filter(
      (r) =>
        r.method !== 'GET' &&
        r.policy?.kind !== 'public' &&
        !r.path.endsWith('/dry-run') &&
        !exempt.includes(`${r.method} ${r.path}`),
    );
    expect(writes.length).toBeGreaterThan(10);
    for (const r of writes) {
      const res = await ctx
        .http()
        [r.method.toLowerCase() as 'post'](concrete(r.path))
        .set('Authorization', `Bearer ${token}`)
        .send({});
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 403,
      });
    }
  });

  it('the OpenAPI document describes every route with its access policy', async () => {
    const doc = (await ctx.http().get('/api/openapi.json').expect(200)).body;
    for (const r of routes) {
      const openApiPath = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = doc.paths[openApiPath]?.[r.method.toLowerCase()];
      expect({ route: `${r.method} ${r.path}`, documented: !!op, access: op?.['x-access'] !== undefined }).toEqual({
        route: `${r.method} ${r.path}`,
        documented: true,
        access: true,
      });
    }
  });
});
