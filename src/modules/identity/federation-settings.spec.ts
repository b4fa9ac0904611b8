import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../config/app-config.js';
import { generateRsaJwks, publicJwks, type PrivateJwkSet } from './federation/jwks.js';
import { federationSettingsFrom } from './federation-settings.js';

const base = { DATABASE_URL: 'postgres://localhost/x', JWT_ACCESS_SECRET: 'x'.repeat(32) };
let federationKeys: PrivateJwkSet;
let oidcKeys: PrivateJwkSet;
const on = () => ({
  ...base,
  SPID_FEDERATION_JWKS: JSON.stringify(federationKeys),
  SPID_OIDC_JWKS: JSON.stringify(oidcKeys),
  SPID_TRUST_ANCHOR_ID: 'https://registry.spid.gov.it/',
  SPID_TRUST_ANCHOR_JWKS: JSON.stringify(publicJwks(federationKeys)),
  SPID_ORGANIZATION_NAME: 'Comune di Esempio',
  SPID_CONTACTS: 'tech@comune.example.it,dpo@comune.example.it',
  PUBLIC_WEB_URL: 'https://sportello.comune.example.it/',
});

beforeAll(async () => {
  [federationKeys, oidcKeys] = await Promise.all([generateRsaJwks(), generateRsaJwks()]);
});

describe('federation settings from the configuration', () => {
  it('are off when SPID_FEDERATION_JWKS is unset', () => {
    expect(federationSettingsFrom(loadConfig(base))).toBeNull();
  });

  it('default the entity id to PUBLIC_WEB_URL, the hints to the anchor, the redirect under the entity id', () => {
    const settings = federationSettingsFrom(loadConfig(on()))!;
    expect(settings.relyingParty).toMatchObject({
      entityId: 'https://sportello.comune.example.it',
      authorityHints: ['https://registry.spid.gov.it'],
      redirectUris: ['https://sportello.comune.example.it/accesso/spid/callback'],
      contacts: ['tech@comune.example.it', 'dpo@comune.example.it'],
      trustMarks: [],
      ttlSeconds: 172_800,
    });
    expect(settings.anchor.entityId).toBe('https://registry.spid.gov.it');
  });

  it('require the anchor, the OIDC keys, the organisation and contacts once the federation is on', () => {
    const { SPID_FEDERATION_JWKS } = on();
    expect(() => loadConfig({ ...base, SPID_FEDERATION_JWKS })).toThrow(
      /SPID_OIDC_JWKS[\s\S]*SPID_TRUST_ANCHOR_ID[\s\S]*SPID_TRUST_ANCHOR_JWKS[\s\S]*SPID_ORGANIZATION_NAME[\s\S]*SPID_CONTACTS/,
    );
  });

  it('refuse the same key for federation and OIDC, public or short keys, and malformed trust marks', () => {
    const same = { ...on(), SPID_OIDC_JWKS: JSON.stringify(federationKeys) };
    expect(() => federationSettingsFrom(loadConfig(same))).toThrow(/must not reuse a key/);
    const pub = { ...on(), SPID_OIDC_JWKS: JSON.stringify(publicJwks(oidcKeys)) };
    expect(() => federationSettingsFrom(loadConfig(pub))).toThrow(
      /SPID_OIDC_JWKS: every key must be a private RSA JWK/,
    );
    const short = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'jwk' });
    const weak = { ...on(), SPID_FEDERATION_JWKS: JSON.stringify({ keys: [{ ...short, kid: 'k' }] }) };
    expect(() => federationSettingsFrom(loadConfig(weak))).toThrow(/at least 2048 bits/);
    const marks = { ...on(), SPID_TRUST_MARKS: '[{"id":1}]' };
    expect(() => federationSettingsFrom(loadConfig(marks))).toThrow(/SPID_TRUST_MARKS/);
  });
});
