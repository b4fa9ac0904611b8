// After the whole e2e run: every status the API answered on a documented operation during the
// tests must be declared by that operation in the OpenAPI document. The document is written by
// test/openapi.e2e-spec.ts and the statuses by test/support/status-recorder.ts (same run dir).
// Keep RUN_DIR in sync with status-recorder.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function runDir(template) {
  return join(tmpdir(), `sportello-run-${template}`);
}

/** Returns the undeclared (operation, status) pairs, or null when the document was not written. */
export function undeclaredStatuses(dir) {
  const documentFile = join(dir, 'openapi.json');
  if (!existsSync(documentFile)) return null;
  const document = JSON.parse(readFileSync(documentFile, 'utf8'));
  const missing = new Set();
  for (const file of readdirSync(dir).filter((f) => f.startsWith('statuses-'))) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)) {
      const [method, route, status] = line.split(' ');
      const path = route.replace(/:([A-Za-z]+)/g, '{$1}');
      const operation = document.paths[path]?.[method.toLowerCase()];
      if (!operation) continue; // not an API operation (Swagger UI, dashboard, web pages)
      if (!operation.responses?.[status]) missing.add(`${method} ${path} → ${status}`);
    }
  }
  return [...missing].sort();
}
