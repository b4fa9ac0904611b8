import type { JSONWebKeySet } from 'jose';
import type { AppConfig } from '../../config/app-config.js';
import type { RelyingPartySettings } from './federation/entity-configuration.js';
import { FederationError } from './federation/federation.errors.js';
import { parsePrivateJwks } from './federation/jwks.js';
import type { TrustAnchor } from './federation/trust-chain.js';

export interface FederationSettings {
  relyingParty: RelyingPartySettings;
  anchor: TrustAnchor;
  timeoutMs: number;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * The federation settings from the validated configuration, or null when the feature is off
 * (SPID_FEDERATION_JWKS unset). Checks what class-validator cannot: the keys themselves, and
 * that federation and OIDC keys are distinct. Throws at boot, naming the variable.
 */
export function federationSettingsFrom(config: AppConfig): FederationSettings | null {
  if (!config.SPID_FEDERATION_JWKS) return null;
  const federationKeys = parsePrivateJwks('SPID_FEDERATION_JWKS', config.SPID_FEDERATION_JWKS);
  const oidcKeys = parsePrivateJwks('SPID_OIDC_JWKS', config.SPID_OIDC_JWKS ?? '');
  const federationModuli = new Set(federationKeys.keys.map((k) => k.n));
  if (oidcKeys.keys.some((k) => federationModuli.has(k.n))) {
    throw new FederationError('BAD_CONFIGURATION', 'SPID_OIDC_JWKS must not reuse a key of SPID_FEDERATION_JWKS');
  }
  const anchorJwks = JSON.parse(config.SPID_TRUST_ANCHOR_JWKS ?? '') as JSONWebKeySet;
  if (!Array.isArray(anchorJwks?.keys) || anchorJwks.keys.length === 0) {
    throw new FederationError('BAD_CONFIGURATION', 'SPID_TRUST_ANCHOR_JWKS has no keys');
  }
  const trustMarks = JSON.parse(config.SPID_TRUST_MARKS) as unknown;
  if (
    !Array.isArray(trustMarks) ||
    !trustMarks.every(
      (m: { id?: unknown; trust_mark?: unknown }) => typeof m?.id === 'string' && typeof m?.trust_mark === 'string',
    )
  ) {
    throw new FederationError('BAD_CONFIGURATION', 'SPID_TRUST_MARKS must be an array of {id, trust_mark}');
  }
  const entityId = (config.SPID_ENTITY_ID ?? config.PUBLIC_WEB_URL).replace(/\/+$/, '');
  const anchorId = config.SPID_TRUST_ANCHOR_ID!.replace(/\/+$/, '');
  const hints = list(config.SPID_AUTHORITY_HINTS);
  const redirects = list(config.SPID_REDIRECT_URIS);
  return {
    relyingParty: {
      entityId,
      federationKeys,
      oidcKeys,
      redirectUris: redirects.length ? redirects : [`${entityId}/accesso/spid/callback`],
      authorityHints: hints.length ? hints : [anchorId],
      trustMarks: trustMarks as RelyingPartySettings['trustMarks'],
      organizationName: config.SPID_ORGANIZATION_NAME!,
      contacts: list(config.SPID_CONTACTS),
      homepageUri: config.SPID_HOMEPAGE_URI,
      ttlSeconds: config.SPID_ENTITY_CONFIGURATION_TTL_SECONDS,
    },
    anchor: { entityId: anchorId, jwks: anchorJwks },
    timeoutMs: config.SPID_FEDERATION_TIMEOUT_MS,
  };
}
