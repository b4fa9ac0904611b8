import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock/clock.js';
import type { SessionPrincipal } from '../../../common/access/principal.js';
import { UsersService } from '../../users/users.service.js';
import { WebConfig } from '../web-config.js';

/** A live browser session: anonymous (forms' CSRF token only) or signed in. */
export interface WebSession {
  id: string;
  csrfToken: string;
  principal: SessionPrincipal | null;
}

export interface LoadedSession {
  session: WebSession | null;
  /** A cookie was presented but its session is over (expired, idle, logged out, revoked). */
  ended: boolean;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();
const COOKIE_VALUE = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

interface Row {
  id: string;
  secret_hash: Buffer;
  user_id: string | null;
  token_family_id: string | null;
  csrf_token: string;
  last_seen_at: Date;
  expires_at: Date;
}

/**
 * Server-side browser sessions (table web_sessions). The cookie holds "<id>.<secret>"; only the
 * secret's SHA-256 is stored. Every request re-checks, as the JWT strategy does: the idle and
 * absolute limits, the refresh-token family the login opened (revoked by logout, password
 * change and disabling), and the account itself (re-read: disabled or changed roles count at once).
 */
const LAST_SEEN_GRANULARITY_MS = 30_000;

@Injectable()
export class WebSessionService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly users: UsersService,
    private readonly config: WebConfig,
  ) {}

  get cookieName(): string {
    // __Host-: only over TLS, for this host and path "/" (no subdomain can set or read it).
    return this.config.secureCookies ? '__Host-sportello' : 'sportello_session';
  }

  async load(cookie: string | undefined): Promise<LoadedSession> {
    if (!cookie) return { session: null, ended: false };
    const parsed = COOKIE_VALUE.exec(cookie);
    if (!parsed) return { session: null, ended: true };
    const [row] = (await this.db.query(`SELECT * FROM web_sessions WHERE id = $1`, [parsed[1]])) as Row[];
    if (!row || !timingSafeEqual(row.secret_hash, sha256(parsed[2]))) return { session: null, ended: true };
    const now = this.clock.now();
    const idleLimit = new Date(row.last_seen_at.getTime() + this.config.idleMinutes * 60_000);
    if (row.expires_at <= now || idleLimit <= now) return this.end(row.id);
    let principal: SessionPrincipal | null = null;
    if (row.user_id && row.token_family_id) {
      const [family] = (await this.db.query(
        `SELECT 1 FROM refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL AND expires_at > $2 LIMIT 1`,
        [row.token_family_id, now],
      )) as unknown[];
      principal = family ? await this.users.loadActivePrincipal(row.user_id, row.token_family_id) : null;
      if (!principal) return this.end(row.id);
    }
    // Idle limits are minutes: a write per page view would add nothing a write per half-minute misses.
    if (now.getTime() - row.last_seen_at.getTime() >= LAST_SEEN_GRANULARITY_MS) {
      await this.db.query(`UPDATE web_sessions SET last_seen_at = $2 WHERE id = $1`, [row.id, now]);
    }
    return { session: { id: row.id, csrfToken: row.csrf_token, principal }, ended: false };
  }

  /** A session for a visitor about to fill in a form (login, registration, requirements check). */
  createAnonymous(): Promise<{ session: WebSession; cookie: string }> {
    return this.insert(null, null, null);
  }

  /**
   * After a successful login: a new session id and CSRF token (no fixation), bound to the
   * refresh-token family that AuthService.login opened. The refresh secret itself is dropped.
   */
  async signIn(previous: WebSession | null, refreshToken: string): Promise<{ session: WebSession; cookie: string }> {
    const tokenId = refreshToken.split('.')[0];
    const [token] = (await this.db.query(`SELECT user_id, family_id FROM refresh_tokens WHERE id = $1`, [tokenId])) as {
      user_id: string;
      family_id: string;
    }[];
    if (!token) throw new Error('login returned an unknown refresh token');
    if (previous) await this.db.query(`DELETE FROM web_sessions WHERE id = $1`, [previous.id]);
    const principal = await this.users.loadActivePrincipal(token.user_id, token.family_id);
    return this.insert(token.user_id, token.family_id, principal);
  }

  /** Logout: the row goes, and the family its login opened is revoked like an API logout. */
  async signOut(session: WebSession): Promise<void> {
    await this.db.transaction(async (em) => {
      const [row] = (await em.query(`SELECT token_family_id FROM web_sessions WHERE id = $1 FOR UPDATE`, [
        session.id,
      ])) as { token_family_id: string | null }[];
      await em.query(`DELETE FROM web_sessions WHERE id = $1`, [session.id]);
      if (row?.token_family_id) {
        await em.query(`UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL`, [
          row.token_family_id,
          this.clock.now(),
        ]);
      }
    });
  }

  /** Seconds of inactivity before the session ends (the page shows it and warns ahead). */
  get idleSeconds(): number {
    return this.config.idleMinutes * 60;
  }

  private async end(id: string): Promise<LoadedSession> {
    await this.db.query(`DELETE FROM web_sessions WHERE id = $1`, [id]);
    return { session: null, ended: true };
  }

  private async insert(userId: string | null, familyId: string | null, principal: SessionPrincipal | null) {
    const now = this.clock.now();
    // Sessions past their absolute lifetime, never to be presented again: each new session
    // removes a bounded batch, so the table stays the size of the live sessions.
    await this.db.query(
      `DELETE FROM web_sessions WHERE id IN (SELECT id FROM web_sessions WHERE expires_at <= $1 LIMIT 100)`,
      [now],
    );
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await this.db.query(
      `INSERT INTO web_sessions (id, secret_hash, user_id, token_family_id, csrf_token, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6, $7)`,
      [
        id,
        sha256(secret),
        userId,
        familyId,
        csrfToken,
        now,
        new Date(now.getTime() + this.config.maxHours * 3_600_000),
      ],
    );
    return { session: { id, csrfToken, principal }, cookie: `${id}.${secret}` };
  }
}

/** The posted token against the session's, in constant time. */
export function csrfMatches(session: WebSession | null, posted: unknown): boolean {
  if (!session || typeof posted !== 'string') return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(posted);
  return a.length === b.length && timingSafeEqual(a, b);
}
