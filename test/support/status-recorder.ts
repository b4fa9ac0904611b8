import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { TEMPLATE_DATABASE } from './env.js';

/**
 * Where this test run collects every (method, route, status) the API answered, so the global
 * teardown can check each one is declared in the OpenAPI document (see openapi-truth.mjs).
 */
export const RUN_DIR = join(tmpdir(), `sportello-run-${TEMPLATE_DATABASE}`);

/** Records the statuses the app answers; returns a flush to call when the app closes. */
export function recordStatuses(fastify: FastifyInstance): () => void {
  const seen = new Set<string>();
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url;
    if (route) seen.add(`${request.method} ${route} ${reply.statusCode}`);
    done();
  });
  return () => {
    if (!seen.size) return;
    mkdirSync(RUN_DIR, { recursive: true });
    appendFileSync(join(RUN_DIR, `statuses-${process.pid}.log`), [...seen].join('\n') + '\n');
    seen.clear();
  };
}
