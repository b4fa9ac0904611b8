import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ENTITY_STATEMENT_MEDIA_TYPE, WELL_KNOWN_PATH } from './federation/entity-statement.js';
import { FederationService } from './federation.service.js';

/**
 * Our entity configuration at the well-known path the federation protocol fixes, outside the
 * /api/v1 prefix and outside the OpenAPI document (like the portal's pages: not an API operation).
 * Public and the same for everyone, so cacheable for a short time; when the federation is not
 * configured, the path is the ordinary not-found answer.
 */
export function mountFederation(app: NestFastifyApplication): void {
  const federation = app.get(FederationService);
  app
    .getHttpAdapter()
    .getInstance()
    .get(WELL_KNOWN_PATH, async (_req, reply) => {
      if (!federation.isEnabled) return reply.callNotFound();
      const jwt = await federation.entityConfiguration();
      return reply.type(ENTITY_STATEMENT_MEDIA_TYPE).header('cache-control', 'public, max-age=600').send(jwt);
    });
}
