import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import multipart from '@fastify/multipart';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { AppConfig } from '../../config/app-config.js';
import { PROBLEM_CONTENT_TYPE, ProblemDetailsFilter, toProblem } from '../errors/problem-details.filter.js';
import { createValidationPipe } from '../errors/validation.js';
import { logContext } from '../logging/logger.js';
import { setupOpenApi } from './openapi.js';

export const API_PREFIX = 'api/v1';
const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * On every response, JSON or page: the browser-facing pages (Swagger UI, Bull Board) load only
 * this origin's own files, run no inline script, cannot be framed, and leak no referrer.
 * `img-src data:`: both pages draw their icons from data: URIs in their stylesheets.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Fastify, measured faster than Express on this machine (docs/http-adapter.md). */
export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    logger: false,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1_048_576,
    // Errors Fastify raises before routing (a malformed percent-encoding in the path, such as
    // `/applications/%ZZ`): problem+json like every other error, not Fastify's own JSON.
    frameworkErrors: (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      const problem = toProblem(error, req.url.split('?')[0], String(req.id));
      void reply
        .status(problem.status)
        .headers(SECURITY_HEADERS)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send(problem);
    },
    // A caller's correlation id is kept if it is well-formed; otherwise a fresh one.
    genReqId: (req: IncomingMessage) => {
      const header = req.headers['x-request-id'];
      return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    },
  });
}

/** The cross-cutting HTTP layer: prefix, pipes, errors, security headers, logs, docs. */
export function configureHttp(app: NestFastifyApplication, logger: Logger): void {
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  const fastify = app.getHttpAdapter().getInstance();
  // multipart/form-data for document uploads; each route reads its parts with its own limits.
  void fastify.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 1024, parts: 20 } });
  fastify.addHook('onRequest', (req, _reply, done) => {
    logContext.run({ reqId: String(req.id) }, done);
  });
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', String(req.id));
    // Lesson of INPS, 1 April 2020: nothing an API returns may be cached by anyone.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    // A page may state its own, stricter or narrower, policy (the portal's); the default is strict.
    const csp = reply.getHeader('content-security-policy');
    reply.headers(SECURITY_HEADERS);
    if (csp) reply.header('content-security-policy', csp);
  });
  fastify.addHook('onResponse', async (req, reply) => {
    logger.info(
      {
        reqId: String(req.id),
        method: req.method,
        url: req.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
  });
  setupOpenApi(app);
}
