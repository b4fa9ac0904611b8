/** Where the tests find PostgreSQL and Redis (real servers, never substitutes). */
export const TEST_ADMIN_DATABASE_URL =
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Set by global-setup.mjs for this run. */
export const TEMPLATE_DATABASE = process.env.SPORTELLO_TEST_TEMPLATE ?? 'sportello_test_template';

export function databaseUrl(name: string): string {
  const url = new URL(TEST_ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
