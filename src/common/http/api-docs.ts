import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Swagger UI at /api/docs without any inline script or style, so it renders under the strict
 * Content-Security-Policy every response carries: Nest's own page inlines styles and an SVG
 * style attribute. The page, its start-up script and the four swagger-ui-dist assets it needs
 * are served here (nothing else of that folder: its index.html points at the petstore).
 */
export const DOCS_PATH = '/api/docs';
export const OPENAPI_JSON_PATH = '/api/openapi.json';

const require = createRequire(import.meta.url);
// swagger-ui-dist comes with @nestjs/swagger: resolved from there, the version it was built for.
const ASSETS_DIR = dirname(
  require.resolve('swagger-ui-dist/package.json', { paths: [dirname(require.resolve('@nestjs/swagger'))] }),
);

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

export const DOCS_HTML = `<!DOCTYPE html>
<html lang="it">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>Sportello API</title>
  <link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css">
  <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
  <script src="${DOCS_PATH}/swagger-ui-standalone-preset.js"></script>
  <script src="${DOCS_PATH}/docs-init.js"></script>
</body>
</html>
`;

// validatorUrl null: Swagger UI would otherwise send the document to validator.swagger.io.
const INIT_JS = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '${OPENAPI_JSON_PATH}',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout'
  });
});
`;

export function serveApiDocsPage(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get(DOCS_PATH, (_req, reply) => reply.type('text/html; charset=utf-8').send(DOCS_HTML));
  fastify.get(`${DOCS_PATH}/docs-init.js`, (_req, reply) => reply.type('text/javascript; charset=utf-8').send(INIT_JS));
  for (const [file, type] of Object.entries(ASSETS)) {
    fastify.get(`${DOCS_PATH}/${file}`, (_req, reply) =>
      reply.type(type).send(createReadStream(join(ASSETS_DIR, file))),
    );
  }
}
