import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RUN_DIR } from './support/status-recorder.js';
import { createTestApp, type TestContext } from './support/test-app.js';

interface SpectralResult {
  code: string;
  severity: number;
  path: string[];
  message: string;
}
type Operation = {
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
  parameters?: { name: string; in: string; schema?: Record<string, unknown> }[];
  security?: unknown[];
  'x-access'?: unknown;
};

let ctx: TestContext;
let document: { paths: Record<string, Record<string, Operation>> };
const documentFile = join(RUN_DIR, 'openapi.json');

beforeAll(async () => {
  ctx = await createTestApp();
  document = (await ctx.http().get('/api/openapi.json').expect(200)).body;
  // The global teardown checks every status this run observed against this document.
  mkdirSync(RUN_DIR, { recursive: true });
  writeFileSync(documentFile, JSON.stringify(document));
});
afterAll(() => ctx.close());

const operations = () =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );

describe('the OpenAPI document', () => {
  it('passes Spectral (spectral:oas and the OWASP API ruleset, as configured in .spectral.yaml) with 0 errors', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(
      process.execPath,
      [
        'node_modules/@stoplight/spectral-cli/dist/index.js',
        'lint',
        documentFile,
        '--ruleset',
        '.spectral.yaml',
        '--format',
        'json',
        '--fail-severity',
        'hint',
        '--quiet',
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '[]' }));
    const results = JSON.parse(stdout || '[]') as SpectralResult[];
    const bySeverity = [0, 1, 2, 3].map((s) => results.filter((r) => r.severity === s).length);
    console.log(
      `Spectral: ${bySeverity[0]} errors, ${bySeverity[1]} warnings, ${bySeverity[2]} infos, ${bySeverity[3]} hints`,
    );
    expect(
      results.filter((r) => r.severity === 0).map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`),
    ).toEqual([]);
  });

  it('declares no response as a bare object', () => {
    const bare = operations().flatMap(({ key, op }) =>
      Object.entries(op.responses).flatMap(([status, r]) =>
        Object.values(r.content ?? {}).some(
          (c) => c.schema?.type === 'object' && !c.schema.properties && !c.schema.additionalProperties,
        )
          ? [`${key} ${status}`]
          : [],
      ),
    );
    expect(bare).toEqual([]);
  });

  it('types every parameter (no `Object` schema) and names one Idempotency-Key header', () => {
    const untyped = operations().flatMap(({ key, op }) =>
      (op.parameters ?? [])
        .filter((p) => !p.schema || (!p.schema.type && !p.schema.$ref) || JSON.stringify(p.schema).includes('/Object'))
        .map((p) => `${key} ${p.name}`),
    );
    expect(untyped).toEqual([]);
    const keys = new Set(
      operations().flatMap(({ op }) => (op.parameters ?? []).map((p) => p.name).filter((n) => /idempotency/i.test(n))),
    );
    expect([...keys]).toEqual(['Idempotency-Key']);
  });

  it('declares 401 and 403 on every authenticated operation and 404 wherever a path names a resource', () => {
    const missing = operations().flatMap(({ key, op }) => [
      ...(op.security?.length ? ['401', '403'].filter((s) => !op.responses[s]).map((s) => `${key} ${s}`) : []),
      ...((op.parameters ?? []).some((p) => p.in === 'path') && !op.responses['404'] ? [`${key} 404`] : []),
    ]);
    expect(missing).toEqual([]);
  });
});
