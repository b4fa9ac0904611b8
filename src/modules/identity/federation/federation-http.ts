import { FederationError } from './federation.errors.js';
import { ENTITY_STATEMENT_MEDIA_TYPE, WELL_KNOWN_PATH } from './entity-statement.js';

/** Where an entity publishes its configuration: the well-known path under its id (section 9). */
export function entityConfigurationUrl(entityId: string): string {
  return `${entityId.replace(/\/+$/, '')}${WELL_KNOWN_PATH}`;
}

/** The fetch endpoint's URL for one subordinate (section 8.1.1): `sub` as a query parameter. */
export function fetchEndpointUrl(endpoint: string, subject: string): string {
  const url = new URL(endpoint);
  url.searchParams.set('sub', subject);
  return url.toString();
}

/**
 * GETs one entity statement. Only the signed JWT is read; anything else (a redirect, an HTML page,
 * a slow server) is refused. Entity ids are public URLs, so naming them in errors leaks nothing.
 */
export async function getStatement(url: string, timeoutMs: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: ENTITY_STATEMENT_MEDIA_TYPE },
    });
  } catch (error) {
    throw new FederationError('FETCH_FAILED', `${url} unreachable (${(error as Error).message})`);
  }
  if (!response.ok) throw new FederationError('FETCH_FAILED', `${url} answered ${response.status}`);
  const type = response.headers.get('content-type')?.split(';')[0]?.trim();
  if (type !== ENTITY_STATEMENT_MEDIA_TYPE) {
    throw new FederationError('FETCH_FAILED', `${url} answered ${type ?? 'no content type'}, not an entity statement`);
  }
  return (await response.text()).trim();
}
