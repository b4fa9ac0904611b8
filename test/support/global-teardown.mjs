// Drops this run's template database (see global-setup.mjs), then checks the OpenAPI document
// against the statuses the run observed (openapi-truth.mjs).
import { rmSync } from 'node:fs';
import pg from 'pg';
import { runDir, undeclaredStatuses } from './openapi-truth.mjs';

export default async function globalTeardown() {
  const template = process.env.SPORTELLO_TEST_TEMPLATE;
  if (!template) return;
  const dir = runDir(template);
  const missing = undeclaredStatuses(dir);
  rmSync(dir, { recursive: true, force: true });
  const admin = new pg.Client({
    connectionString: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  if (missing?.length) {
    throw new Error(
      `The OpenAPI document does not declare statuses the API answered in this run:\n  ${missing.join('\n  ')}`,
    );
  }
}
