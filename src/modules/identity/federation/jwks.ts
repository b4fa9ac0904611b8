import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { FederationError } from './federation.errors.js';

export interface PrivateJwkSet {
  keys: JWK[];
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/**
 * Reads a private JWK set from configuration (a JSON object {keys:[...]} or an array of keys):
 * RSA keys of at least 2048 bits with a kid, as the SPID and CIE profiles require (RS256).
 */
export function parsePrivateJwks(name: string, json: string): PrivateJwkSet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new FederationError('BAD_CONFIGURATION', `${name} is not JSON`);
  }
  const keys = (Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown })?.keys) as JWK[] | undefined;
  if (!Array.isArray(keys) || keys.length === 0) throw new FederationError('BAD_CONFIGURATION', `${name} has no keys`);
  for (const key of keys) {
    if (key.kty !== 'RSA' || typeof key.d !== 'string' || typeof key.n !== 'string') {
      throw new FederationError('BAD_CONFIGURATION', `${name}: every key must be a private RSA JWK`);
    }
    if (Buffer.from(key.n, 'base64url').length * 8 < 2048) {
      throw new FederationError('BAD_CONFIGURATION', `${name}: RSA keys must have at least 2048 bits`);
    }
    if (typeof key.kid !== 'string' || key.kid === '') {
      throw new FederationError('BAD_CONFIGURATION', `${name}: a key has no kid`);
    }
  }
  return { keys };
}

/** The public half of each key, as published. */
export function publicJwks(set: PrivateJwkSet): { keys: JWK[] } {
  return {
    keys: set.keys.map((key) => {
      const pub: JWK = { ...key };
      for (const member of PRIVATE_MEMBERS) delete (pub as Record<string, unknown>)[member];
      return pub;
    }),
  };
}

/** A fresh private RSA-2048 key set with thumbprint kids: the demo's keys, and the tests'. */
export async function generateRsaJwks(): Promise<PrivateJwkSet> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { keys: [{ ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' }] };
}
