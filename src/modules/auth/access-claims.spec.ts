import { describe, expect, it } from '@jest/globals';
import { accessClaims } from './jwt.strategy.js';

const sub = '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b';
const sid = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('accessClaims', () => {
  it('accepts an access token with UUID subject and session and an expiry', () => {
    expect(accessClaims({ typ: 'access', sub, sid, exp: 1_900_000_000 })).toEqual({ sub, sid });
  });

  it.each([
    ['no exp', { typ: 'access', sub, sid }],
    ['exp not a number', { typ: 'access', sub, sid, exp: '1900000000' }],
    ['no session', { typ: 'access', sub, exp: 1 }],
    ['a non-UUID subject', { typ: 'access', sub: "1' OR '1'='1", sid, exp: 1 }],
    ['a numeric subject', { typ: 'access', sub: 42, sid, exp: 1 }],
    ['a non-UUID session', { typ: 'access', sub, sid: 'x', exp: 1 }],
    ['another token type', { typ: 'refresh', sub, sid, exp: 1 }],
  ])('refuses a token with %s', (_, claims) => {
    expect(accessClaims(claims)).toBeNull();
  });
});
