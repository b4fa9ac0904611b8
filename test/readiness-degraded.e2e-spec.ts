import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestContext } from './support/test-app.js';

// Its own file: passport keeps strategies in a process-wide registry, so one app per file.
let degraded: TestContext;
beforeAll(async () => {
  degraded = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
});
afterAll(() => degraded.close());

describe('readiness when a dependency is down', () => {
  it('answers 503 naming Redis when Redis does not answer, while liveness stays up', async () => {
    const res = await degraded.http().get('/api/v1/health/ready').expect(503);
    expect(res.body).toEqual({ status: 'unavailable', checks: { database: 'up', redis: 'down' } });
    await degraded.http().get('/api/v1/health/live').expect(200);
  });
});
