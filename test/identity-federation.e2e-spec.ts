import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { FederationError } from '../src/modules/identity/federation/federation.errors.js';
import { generateRsaJwks, publicJwks } from '../src/modules/identity/federation/jwks.js';
import { resolveTrustChain } from '../src/modules/identity/federation/trust-chain.js';
import { FederationService } from '../src/modules/identity/federation.service.js';
import { LocalFederation } from './support/federation-anchor.js';
import { createTestApp, type TestContext } from './support/test-app.js';

const ENTITY_ID = 'https://sportello.example.it';
let ctx: TestContext;
let federation: LocalFederation;
let service: FederationService;
let federationKeys: Awaited<ReturnType<typeof generateRsaJwks>>;
let oidcKeys: Awaited<ReturnType<typeof generateRsaJwks>>;
const now = () => ctx.clock.now();

beforeAll(async () => {
  federation = await LocalFederation.start(() => now());
  [federationKeys, oidcKeys] = await Promise.all([generateRsaJwks(), generateRsaJwks()]);
  ctx = await createTestApp({
    SPID_FEDERATION_JWKS: JSON.stringify(federationKeys),
    SPID_OIDC_JWKS: JSON.stringify(oidcKeys),
    SPID_ENTITY_ID: ENTITY_ID,
    SPID_TRUST_ANCHOR_ID: federation.anchor.id,
    SPID_TRUST_ANCHOR_JWKS: JSON.stringify(federation.anchorJwks()),
    SPID_AUTHORITY_HINTS: federation.intermediate.id,
    SPID_TRUST_MARKS: JSON.stringify([
      { id: 'https://registry.spid.gov.it/openid_relying_party/public', trust_mark: 'eyJ.test.mark' },
    ]),
    SPID_ORGANIZATION_NAME: 'Regione Lombardia',
    SPID_CONTACTS: 'spid-tech@regione.example.it',
    SPID_HOMEPAGE_URI: 'https://www.regione.example.it',
  });
  service = ctx.app.get(FederationService);
});
afterAll(async () => {
  await ctx.close();
  await federation.close();
});

/** The FederationError a promise rejects with: its reason and message. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => new Error('resolved, expected a refusal'),
    (e: unknown) => e,
  );
  if (!(error instanceof FederationError)) throw error;
  return error.message;
}

describe('our entity configuration at /.well-known/openid-federation', () => {
  it('is a public, self-signed entity statement verified by the published federation keys', async () => {
    const res = await ctx.http().get('/.well-known/openid-federation').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/entity-statement\+jwt/);
    expect(res.headers['cache-control']).toMatch(/^public/);
    const jwt = res.text;
    expect(decodeProtectedHeader(jwt)).toMatchObject({ typ: 'entity-statement+jwt', alg: 'RS256' });
    const published = decodeJwt(jwt) as { jwks: JSONWebKeySet };
    expect(published.jwks).toEqual(publicJwks(federationKeys));
    expect(JSON.stringify(published.jwks)).not.toMatch(/"d"/);
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(published.jwks), {
      typ: 'entity-statement+jwt',
      currentDate: now(),
    });
    expect(payload).toMatchObject({ iss: ENTITY_ID, sub: ENTITY_ID, authority_hints: [federation.intermediate.id] });
    expect(payload.exp! - payload.iat!).toBe(ctx.config.SPID_ENTITY_CONFIGURATION_TTL_SECONDS);
    expect(payload.iat).toBe(Math.floor(now().getTime() / 1000));
    expect(payload['trust_marks']).toEqual([
      { id: 'https://registry.spid.gov.it/openid_relying_party/public', trust_mark: 'eyJ.test.mark' },
    ]);
  });

  it('declares the relying party as SPID requires, with OIDC keys distinct from the federation keys', async () => {
    const payload = decodeJwt((await ctx.http().get('/.well-known/openid-federation').expect(200)).text) as {
      jwks: JSONWebKeySet;
      metadata: Record<string, Record<string, unknown>>;
    };
    const rp = payload.metadata['openid_relying_party'];
    expect(rp).toMatchObject({
      client_id: ENTITY_ID,
      client_registration_types: ['automatic'],
      redirect_uris: [`${ENTITY_ID}/accesso/spid/callback`],
      response_types: ['code'],
      grant_types: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_method: 'private_key_jwt',
      id_token_signed_response_alg: 'RS256',
      userinfo_signed_response_alg: 'RS256',
      userinfo_encrypted_response_alg: 'RSA-OAEP',
      userinfo_encrypted_response_enc: 'A128CBC-HS256',
      contacts: ['spid-tech@regione.example.it'],
    });
    const oidcJwks = rp['jwks'] as JSONWebKeySet;
    expect(oidcJwks).toEqual(publicJwks(oidcKeys));
    const federationKids = payload.jwks.keys.map((k) => k.kid);
    expect(oidcJwks.keys.every((k) => !federationKids.includes(k.kid) && k.d === undefined)).toBe(true);
    expect(payload.metadata['federation_entity']).toEqual({
      organization_name: 'Regione Lombardia',
      contacts: ['spid-tech@regione.example.it'],
      homepage_uri: 'https://www.regione.example.it',
    });
  });
});

describe('trust chain of a provider: leaf → intermediate → anchor', () => {
  it('is resolved with every signature verified and the merged metadata policy applied', async () => {
    const provider = await federation.addProvider({
      subordination: {
        metadataPolicy: {
          openid_provider: {
            subject_types_supported: { value: ['pairwise'] },
            scopes_supported: { default: ['openid', 'offline_access'] },
          },
        },
        metadata: { openid_provider: { organization_name: 'Provider as registered' } },
      },
    });
    const chain = await service.resolveProvider(provider.id);
    expect(chain.trustAnchor).toBe(federation.anchor.id);
    expect(chain.statements).toHaveLength(3);
    expect(chain.metadata).toMatchObject({
      issuer: provider.id,
      authorization_endpoint: `${provider.id}/authorization`,
      // Anchor: subset_of and value; intermediate: value and default; superior's metadata on top.
      acr_values_supported: ['https://www.spid.gov.it/SpidL1', 'https://www.spid.gov.it/SpidL2'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      subject_types_supported: ['pairwise'],
      scopes_supported: ['openid', 'offline_access'],
      organization_name: 'Provider as registered',
    });
  });

  it('is cached until the earliest expiry of the chain, then resolved again', async () => {
    const provider = await federation.addProvider({ subordination: { ttlSeconds: 600 } });
    const first = await service.resolveProvider(provider.id);
    // The intermediate's statement about the provider lives 600 s, every other statement a day.
    expect(first.expiresAt.getTime()).toBe(Math.floor(now().getTime() / 1000) * 1000 + 600_000);
    const fetched = federation.requestsFor(provider.id);
    expect(fetched).toBe(2); // its configuration, and the intermediate's statement about it

    ctx.clock.advance(599_000);
    expect(await service.resolveProvider(provider.id)).toBe(first);
    expect(federation.requestsFor(provider.id)).toBe(fetched);

    ctx.clock.advance(1_000);
    const second = await service.resolveProvider(provider.id);
    expect(second).not.toBe(first);
    expect(federation.requestsFor(provider.id)).toBe(fetched * 2);
    expect(second.expiresAt.getTime()).toBeGreaterThan(first.expiresAt.getTime());
  });

  it('shares one resolution among concurrent requests for the same provider', async () => {
    const provider = await federation.addProvider();
    const chains = await Promise.all([1, 2, 3].map(() => service.resolveProvider(provider.id)));
    expect(new Set(chains).size).toBe(1);
    expect(federation.requestsFor(provider.id)).toBe(2);
  });
});

describe('trust chain refused', () => {
  it('when a configuration was altered after signing', async () => {
    const provider = await federation.addProvider();
    provider.tampered = true;
    expect(await refusal(service.resolveProvider(provider.id))).toBe(
      `BAD_SIGNATURE: statement of ${provider.id} about ${provider.id}: signature not verified by the expected keys`,
    );
  });

  it('when a subordinate statement is signed by a key its issuer does not publish', async () => {
    const superior = await federation.addProvider({ superior: federation.intermediate });
    superior.metadata['federation_entity'] = { federation_fetch_endpoint: `${superior.id}/fetch` };
    const provider = await federation.addProvider({ superior });
    superior.rogueKeys = await generateRsaJwks();
    expect(await refusal(service.resolveProvider(provider.id))).toBe(
      `BAD_SIGNATURE: statement of ${superior.id} about ${provider.id}: signature not verified by the expected keys`,
    );
  });

  it('when the provider configuration is not signed by the keys its superior states', async () => {
    const stated = publicJwks(await generateRsaJwks());
    const provider = await federation.addProvider({ subordination: { statedJwks: stated } });
    expect(await refusal(service.resolveProvider(provider.id))).toBe(
      `BAD_SIGNATURE: ${provider.id}: configuration not signed by the keys its superior states`,
    );
  });

  it('when a statement of the chain has expired', async () => {
    const provider = await federation.addProvider({ subordination: { ttlSeconds: -10 } });
    expect(await refusal(service.resolveProvider(provider.id))).toBe(
      `EXPIRED: statement of ${federation.intermediate.id} about ${provider.id} expired`,
    );
  });

  it('when the anchor found on the network is not the configured one (other keys)', async () => {
    const provider = await federation.addProvider();
    const impostor = { entityId: federation.anchor.id, jwks: publicJwks(await generateRsaJwks()) };
    expect(
      await refusal(
        resolveTrustChain(provider.id, 'openid_provider', { anchor: impostor, now: now(), timeoutMs: 2000 }),
      ),
    ).toBe(
      `BAD_SIGNATURE: statement of ${federation.anchor.id} about ${federation.anchor.id}: signature not verified by the expected keys`,
    );
  });

  it('when the anchor is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = `http://127.0.0.1:${port}/ta`;
    const provider = await federation.addProvider();
    provider.authorityHints = [unreachable];
    const anchor = { entityId: unreachable, jwks: federation.anchorJwks() };
    expect(
      await refusal(resolveTrustChain(provider.id, 'openid_provider', { anchor, now: now(), timeoutMs: 2000 })),
    ).toMatch(new RegExp(`^FETCH_FAILED: ${unreachable}/.well-known/openid-federation unreachable`));
  });

  it('when the provider belongs to another federation (its hints never reach our anchor)', async () => {
    const provider = await federation.addProvider({ superior: federation.foreignAnchor });
    expect(await refusal(service.resolveProvider(provider.id))).toBe(
      `NOT_IN_FEDERATION: ${federation.foreignAnchor.id} names no authority (authority_hints empty)`,
    );
  });

  it('when the provider names no superior at all', async () => {
    const provider = await federation.addProvider();
    provider.authorityHints = [];
    expect(await refusal(service.resolveProvider(provider.id))).toBe(
      `NOT_IN_FEDERATION: ${provider.id} names no authority (authority_hints empty)`,
    );
  });

  it("when the intermediate's policy conflicts with the anchor's", async () => {
    const provider = await federation.addProvider({
      subordination: {
        metadataPolicy: { openid_provider: { id_token_signing_alg_values_supported: { superset_of: ['ES256'] } } },
      },
    });
    expect(await refusal(service.resolveProvider(provider.id))).toBe(
      'POLICY_CONFLICT: openid_provider.id_token_signing_alg_values_supported: superset_of is not a subset of subset_of',
    );
  });

  it("when the provider's metadata breaks the policy", async () => {
    const provider = await federation.addProvider({ metadata: { id_token_signing_alg_values_supported: ['ES256'] } });
    const chain = service.resolveProvider(provider.id);
    // subset_of leaves an empty list: present, so essential holds; one_of would refuse it.
    await expect(chain).resolves.toMatchObject({ metadata: { id_token_signing_alg_values_supported: [] } });
    const strict = await federation.addProvider({
      metadata: { request_object_signing_alg_values_supported: ['none'] },
      subordination: {
        metadataPolicy: {
          openid_provider: { request_object_signing_alg_values_supported: { superset_of: ['RS256'] } },
        },
      },
    });
    expect(await refusal(service.resolveProvider(strict.id))).toBe(
      'POLICY_VIOLATION: openid_provider.request_object_signing_alg_values_supported: does not contain every required value',
    );
  });

  it('and a refused chain is not cached: fixed at the source, it resolves', async () => {
    const provider = await federation.addProvider({ subordination: { ttlSeconds: -10 } });
    await expect(service.resolveProvider(provider.id)).rejects.toBeInstanceOf(FederationError);
    federation.intermediate.subordinates.set(provider.id, {});
    await expect(service.resolveProvider(provider.id)).resolves.toMatchObject({ subject: provider.id });
  });
});
