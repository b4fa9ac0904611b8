import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '../../config/app-config.js';
import { ProblemDto } from '../errors/problem.dto.js';
import { serveApiDocsPage } from './api-docs.js';

const PROBLEM_REF = { $ref: '#/components/schemas/ProblemDto' };
type Responses = Record<string, { description?: string; content?: Record<string, unknown> }>;

/** Builds the OpenAPI document; error responses are declared as application/problem+json. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Sportello API')
    .setDescription(
      'Case management for regional social-benefit measures (Regione Lombardia). Every error is an RFC 9457 ' +
        'problem+json body; `x-access` on each operation names who may call it.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from POST /api/v1/auth/login' })
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] });
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as { responses?: Responses }[]) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      op.responses['400'] ??= { description: 'Invalid request: `errors` lists each offending field' };
      op.responses['500'] ??= { description: 'Internal error' };
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400) response.content = { 'application/problem+json': { schema: PROBLEM_REF } };
      }
    }
  }
  return document;
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
