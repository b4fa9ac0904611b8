import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet } from 'jose';
import { FederationError } from './federation.errors.js';
import type { JsonObject, MetadataPolicy } from './metadata-policy.js';

export const ENTITY_STATEMENT_TYPE = 'entity-statement+jwt';
export const ENTITY_STATEMENT_MEDIA_TYPE = 'application/entity-statement+jwt';
export const WELL_KNOWN_PATH = '/.well-known/openid-federation';

/** The claims of an entity statement (OpenID Federation 1.0, section 3) this code reads. */
export interface EntityStatement {
  iss: string;
  sub: string;
  iat: number;
  exp: number;
  jwks: JSONWebKeySet;
  authority_hints?: string[];
  metadata?: Record<string, JsonObject>;
  metadata_policy?: MetadataPolicy;
  metadata_policy_crit?: string[];
  crit?: string[];
  trust_marks?: { id: string; trust_mark: string }[];
}

/** Claims this implementation understands: a statement marking any other as critical is refused. */
const UNDERSTOOD = new Set([
  'iss',
  'sub',
  'iat',
  'exp',
  'jwks',
  'authority_hints',
  'metadata',
  'metadata_policy',
  'metadata_policy_crit',
  'trust_marks',
  'constraints',
  'source_endpoint',
]);

/**
 * How far in the future an iat may be: another entity's clock may run slightly ahead of ours,
 * and a resolution reads "now" once while statements are issued during it. exp is strict.
 */
const ISSUED_AT_SKEW_MS = 60_000;

/** Reads the claims without trusting them: to learn who claims to have signed. */
export function peekStatement(jwt: string): EntityStatement {
  try {
    const header = decodeProtectedHeader(jwt);
    if (header.typ !== ENTITY_STATEMENT_TYPE) throw new Error(`typ is ${String(header.typ)}`);
    const claims = decodeJwt(jwt) as unknown as EntityStatement;
    if (typeof claims.iss !== 'string' || typeof claims.sub !== 'string') throw new Error('iss or sub missing');
    if (!claims.jwks || !Array.isArray(claims.jwks.keys)) throw new Error('jwks missing');
    return claims;
  } catch (error) {
    throw new FederationError('BAD_STATEMENT', `not an entity statement (${(error as Error).message})`);
  }
}

/**
 * Verifies an entity statement: its type, its signature by one of `signerKeys`, the issuer and
 * subject expected, iat not in the future and exp not past at `now`, and no unknown critical claim.
 */
export async function verifyStatement(
  jwt: string,
  signerKeys: JSONWebKeySet,
  expected: { iss: string; sub: string },
  now: Date,
): Promise<EntityStatement> {
  const claims = peekStatement(jwt);
  const what = `statement of ${expected.iss} about ${expected.sub}`;
  if (claims.iss !== expected.iss || claims.sub !== expected.sub) {
    throw new FederationError('BAD_STATEMENT', `${what}: iss/sub are ${claims.iss} / ${claims.sub}`);
  }
  try {
    await jwtVerify(jwt, createLocalJWKSet(signerKeys), {
      typ: ENTITY_STATEMENT_TYPE,
      currentDate: now,
      requiredClaims: ['iat', 'exp'],
      clockTolerance: 0,
    });
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new FederationError('EXPIRED', `${what} expired`);
    if (error instanceof errors.JWTClaimValidationFailed) {
      throw new FederationError('BAD_STATEMENT', `${what}: ${error.claim} ${error.reason}`);
    }
    throw new FederationError('BAD_SIGNATURE', `${what}: signature not verified by the expected keys`);
  }
  if (claims.iat * 1000 > now.getTime() + ISSUED_AT_SKEW_MS) {
    throw new FederationError('BAD_STATEMENT', `${what}: issued in the future`);
  }
  const unknownCritical = (claims.crit ?? []).filter((c) => !UNDERSTOOD.has(c));
  if (unknownCritical.length) {
    throw new FederationError(
      'BAD_STATEMENT',
      `${what}: critical claims not understood: ${unknownCritical.join(', ')}`,
    );
  }
  return claims;
}
