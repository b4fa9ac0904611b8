import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { FederationService } from '../src/modules/identity/federation.service.js';
import { createTestApp, type TestContext } from './support/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

it('without SPID_FEDERATION_JWKS the federation is off and its well-known path is not found', async () => {
  expect(ctx.app.get(FederationService).isEnabled).toBe(false);
  const res = await ctx.http().get('/.well-known/openid-federation');
  expect(res.status).toBe(404);
  expect(res.headers['content-type']).not.toMatch(/entity-statement/);
  await expect(ctx.app.get(FederationService).resolveProvider('https://op.example.it')).rejects.toThrow(
    /not configured/,
  );
});
