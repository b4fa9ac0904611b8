import { importJWK, SignJWT, type JWK } from 'jose';
import { ENTITY_STATEMENT_TYPE } from './entity-statement.js';
import { publicJwks, type PrivateJwkSet } from './jwks.js';

/** What our relying party declares about itself; from configuration (src/config). */
export interface RelyingPartySettings {
  entityId: string;
  federationKeys: PrivateJwkSet;
  /** Keys of the OIDC flow (request objects, client assertions, userinfo decryption): never the federation's. */
  oidcKeys: PrivateJwkSet;
  redirectUris: string[];
  authorityHints: string[];
  trustMarks: { id: string; trust_mark: string }[];
  organizationName: string;
  contacts: string[];
  homepageUri?: string;
  policyUri?: string;
  logoUri?: string;
  ttlSeconds: number;
}

/**
 * Our entity configuration (OpenID Federation 1.0, section 3; AgID "OpenID Connect in SPID"):
 * self-signed with the first federation key, publishing the federation keys, the relying party
 * metadata with the OIDC keys, the organisation, the authority hints and the trust marks.
 */
export function entityConfigurationClaims(settings: RelyingPartySettings, now: Date) {
  const iat = Math.floor(now.getTime() / 1000);
  const federationEntity: Record<string, unknown> = {
    organization_name: settings.organizationName,
    contacts: settings.contacts,
  };
  if (settings.homepageUri) federationEntity['homepage_uri'] = settings.homepageUri;
  if (settings.policyUri) federationEntity['policy_uri'] = settings.policyUri;
  if (settings.logoUri) federationEntity['logo_uri'] = settings.logoUri;
  return {
    iss: settings.entityId,
    sub: settings.entityId,
    iat,
    exp: iat + settings.ttlSeconds,
    jwks: publicJwks(settings.federationKeys),
    authority_hints: settings.authorityHints,
    ...(settings.trustMarks.length ? { trust_marks: settings.trustMarks } : {}),
    metadata: {
      openid_relying_party: {
        client_id: settings.entityId,
        client_name: settings.organizationName,
        contacts: settings.contacts,
        application_type: 'web',
        client_registration_types: ['automatic'],
        redirect_uris: settings.redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code', 'refresh_token'],
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'RS256',
        request_object_signing_alg: 'RS256',
        id_token_signed_response_alg: 'RS256',
        id_token_encrypted_response_alg: 'RSA-OAEP',
        id_token_encrypted_response_enc: 'A128CBC-HS256',
        userinfo_signed_response_alg: 'RS256',
        userinfo_encrypted_response_alg: 'RSA-OAEP',
        userinfo_encrypted_response_enc: 'A128CBC-HS256',
        subject_type: 'pairwise',
        jwks: publicJwks(settings.oidcKeys),
      },
      federation_entity: federationEntity,
    },
  };
}

/** The signed entity configuration, as served at /.well-known/openid-federation. */
export async function signEntityConfiguration(settings: RelyingPartySettings, now: Date): Promise<string> {
  const signingJwk: JWK = settings.federationKeys.keys[0];
  const key = await importJWK(signingJwk, 'RS256');
  return new SignJWT(entityConfigurationClaims(settings, now))
    .setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid!, typ: ENTITY_STATEMENT_TYPE })
    .sign(key);
}
