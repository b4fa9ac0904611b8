import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ProblemDto } from '../errors/problem.dto.js';

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

export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
    customSiteTitle: 'Sportello API',
  });
}
