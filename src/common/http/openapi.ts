import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '../../config/app-config.js';
import { ProblemDto } from '../errors/problem.dto.js';
import { serveApiDocsPage } from './api-docs.js';
import { addValidatorConstraints, type SchemaNode } from './openapi-constraints.js';
import { documentParameters } from './openapi-params.js';

const PROBLEM_REF = { $ref: '#/components/schemas/ProblemDto' };
type Responses = Record<string, { description?: string; content?: Record<string, unknown> }>;
interface Operation {
  summary?: string;
  description?: string;
  'x-access'?: string | string[];
  responses?: Responses;
  parameters?: { in: string }[];
  requestBody?: unknown;
  tags?: string[];
}

/** Errors any operation of a given shape can answer, whatever its handler does. */
const PLATFORM_ERRORS = {
  '400': 'Invalid request: `errors` lists each offending field',
  '404': 'No such resource, or not visible to the caller',
  '413': 'Request body too large',
  '415': 'Unsupported content type',
  '500': 'Internal error',
} as const;

/** What each group of operations is for (the tags controllers declare with @ApiTags). */
const TAG_DESCRIPTIONS: Record<string, string> = {
  'admin: accounts': 'ADMIN: staff accounts, roles and territorial scope',
  'admin: measures': 'ADMIN: measures, versions, publication',
  applicants: 'Staff: applicants as the office sees them',
  applications: 'Applicants: drafts, submission, receipts, own cases',
  audit: 'The hash-chained audit log and its verification',
  auditor: 'AUDITOR: decision search, snapshots, re-runs, exports, indicators',
  auth: 'Login, token refresh, logout, registration',
  budgets: 'Budget ledger of a measure',
  cases: 'Staff: work queue and the review workflow (L. 241/1990)',
  checks: 'Art. 71 DPR 445/2000 checks on self-declarations',
  flats: 'ALER flats (in-kind allocation)',
  health: 'Liveness and readiness',
  me: "The caller's own account",
  measures: 'The public catalogue of measures',
  notifications: 'In-app inbox and dead letters',
  rankings: 'Graduatorie: computation, publication, scorrimento',
  territory: 'ATS, Ambiti and municipalities',
  transparency: 'Transparency export (D.Lgs. 33/2013 art. 26-27)',
};

/** Builds the OpenAPI document; error responses are declared as application/problem+json. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Sportello API')
    .setDescription(
      'Case management for regional social-benefit measures (Regione Lombardia). Every error is an RFC 9457 ' +
        'problem+json body; `x-access` on each operation names who may call it.',
    )
    .setVersion('1')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'Access token from POST /api/v1/auth/login: a 15-minute HS256 JWT issued and checked following the ' +
        'JSON Web Token Best Current Practices (RFC8725): explicit algorithm, `exp` and `sub` required, account re-read per request.',
    })
    .addServer(
      '/',
      'The server that serves this document (local, test or production deployment)',
      {},
      { 'x-internal': false },
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] });
  const tags = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const [method, op] of Object.entries(item) as [string, Operation][]) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      for (const tag of op.tags ?? []) tags.add(tag);
      op.description ??= describeAccess(op);
      const errors: (keyof typeof PLATFORM_ERRORS)[] = ['400', '500'];
      if (op.parameters?.some((p) => p.in === 'path')) errors.push('404');
      // Fastify reads a body on every write method, whether or not the route expects one.
      if (op.requestBody || method !== 'get') errors.push('413', '415');
      for (const status of errors) op.responses[status] ??= { description: PLATFORM_ERRORS[status] };
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400) response.content = { 'application/problem+json': { schema: PROBLEM_REF } };
      }
    }
  }
  document.tags = [...tags].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? name }));
  addValidatorConstraints((document.components?.schemas ?? {}) as Record<string, SchemaNode>);
  documentParameters(app, document);
  giveIntegersAFormat(document);
  return document;
}

/** Who may call the operation, from its access policy, in words. */
function describeAccess(op: Operation): string {
  const access = op['x-access'];
  const who =
    access === 'public'
      ? 'anyone, without a token'
      : Array.isArray(access)
        ? `accounts with the role ${access.join(', ')}`
        : 'nobody';
  return `${op.summary ?? ''}${op.summary ? '. ' : ''}May be called by ${who}; each record is checked for ownership and territory.`;
}

/** int32 where the bounds fit, int64 otherwise: the wire format of every integer is stated. */
function giveIntegersAFormat(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach(giveIntegersAFormat);
  const schema = node as SchemaNode;
  if (schema.type === 'integer' && !schema.format) {
    const fits = (n: number | undefined) => n !== undefined && Math.abs(n) <= 2 ** 31 - 1;
    schema.format = fits(schema.maximum) && (schema.minimum === undefined || fits(schema.minimum)) ? 'int32' : 'int64';
  }
  for (const value of Object.values(schema)) giveIntegersAFormat(value);
}

/**
 * The OpenAPI document (JSON and YAML) and Swagger UI, only when OPENAPI_PUBLIC is on (off by
 * default in production): when off, these routes do not exist (404).
 */
export function setupOpenApi(app: NestFastifyApplication): void {
  if (!app.get(AppConfig).OPENAPI_PUBLIC) return;
  // Nest serves the documents only; the page is served without inline code (api-docs.ts).
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    ui: false,
    raw: ['json', 'yaml'],
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
  });
  serveApiDocsPage(app);
}
