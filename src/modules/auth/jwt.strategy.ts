import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../config/app-config.js';
import { UsersService } from '../users/users.service.js';
import type { SessionPrincipal } from '../../common/access/principal.js';

export const JWT_ISSUER = 'sportello';
export const JWT_AUDIENCE = 'sportello-api';

/** Claims as decoded: anything may be missing or of another type in a hand-made token. */
export interface AccessClaims {
  sub?: unknown;
  sid?: unknown;
  typ?: unknown;
  exp?: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The claims of an access token we issued, or null: a subject and a session that are UUIDs and an
 * expiry (jsonwebtoken accepts a token without `exp` as never expiring; we do not).
 */
export function accessClaims(claims: AccessClaims): { sub: string; sid: string } | null {
  if (claims.typ !== 'access' || typeof claims.exp !== 'number') return null;
  if (
    typeof claims.sub !== 'string' ||
    !UUID.test(claims.sub) ||
    typeof claims.sid !== 'string' ||
    !UUID.test(claims.sid)
  ) {
    return null;
  }
  return { sub: claims.sub, sid: claims.sid };
}

/**
 * Verifies the access JWT, then re-reads the account and its session in one query: a disabled
 * account, a changed role or an ended session (logout, password change, reused refresh token)
 * takes effect on the very next request, not when the token expires.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject once: given a string, jsonwebtoken first tries (and fails) to parse it as a
      // public key on every request, which showed up as 5 % of the API's CPU under load.
      // jsonwebtoken 9 accepts a KeyObject; passport-jwt's typings predate it.
      secretOrKey: createSecretKey(Buffer.from(config.JWT_ACCESS_SECRET)) as unknown as string,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessClaims): Promise<SessionPrincipal | false> {
    const valid = accessClaims(claims);
    if (!valid) return false;
    return (await this.users.loadActivePrincipal(valid.sub, valid.sid)) ?? false;
  }
}
