import type { AddressInfo } from 'node:net';
import { createTestApp, type TestContext } from './test-app.js';

export interface WebTestContext extends TestContext {
  /** http://127.0.0.1:<port>, the real app on a real port. */
  baseUrl: string;
}

/** createTestApp, listening on a free loopback port so a browser can drive it. */
export async function startWebApp(overrides: Record<string, string> = {}): Promise<WebTestContext> {
  const ctx = await createTestApp(overrides);
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = ctx.app.getHttpServer().address() as AddressInfo;
  return { ...ctx, baseUrl: `http://127.0.0.1:${port}` };
}
