import { beforeAll, describe, expect, it } from '@jest/globals';
import { importJWK, SignJWT } from 'jose';
import { verifyStatement } from './entity-statement.js';
import { generateRsaJwks, publicJwks, type PrivateJwkSet } from './jwks.js';

const ID = 'https://op.example.it';
const NOW = new Date('2026-03-02T09:00:00Z');
const t = Math.floor(NOW.getTime() / 1000);
let keys: PrivateJwkSet;

beforeAll(async () => {
  keys = await generateRsaJwks();
});

async function statement(claims: Record<string, unknown>, typ = 'entity-statement+jwt'): Promise<string> {
  return new SignJWT({ iss: ID, sub: ID, jwks: publicJwks(keys), iat: t, exp: t + 3600, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: keys.keys[0].kid!, typ })
    .sign(await importJWK(keys.keys[0], 'RS256'));
}
const verify = async (jwt: string) => verifyStatement(jwt, publicJwks(keys), { iss: ID, sub: ID }, NOW);

describe('verifying an entity statement', () => {
  it('accepts a valid one, and an iat up to a minute ahead of our clock', async () => {
    await expect(verify(await statement({}))).resolves.toMatchObject({ iss: ID });
    await expect(verify(await statement({ iat: t + 60 }))).resolves.toMatchObject({ iss: ID });
  });

  it('refuses an iat further in the future', async () => {
    await expect(verify(await statement({ iat: t + 61 }))).rejects.toThrow(/issued in the future/);
  });

  it('refuses an exp reached, with no tolerance', async () => {
    await expect(verify(await statement({ iat: t - 100, exp: t }))).rejects.toThrow(/^EXPIRED/);
  });

  it('refuses another typ, other iss/sub, and unknown critical claims', async () => {
    await expect(verify(await statement({}, 'JWT'))).rejects.toThrow(/^BAD_STATEMENT: not an entity statement/);
    await expect(verify(await statement({ sub: 'https://other.example.it' }))).rejects.toThrow(/iss\/sub are/);
    await expect(verify(await statement({ crit: ['jti_policy'], jti_policy: 1 }))).rejects.toThrow(
      /critical claims not understood: jti_policy/,
    );
  });
});
