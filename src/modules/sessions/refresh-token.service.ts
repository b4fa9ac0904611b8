import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IsNull, LessThan, Not, type EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { Clock } from '../../common/clock/clock.js';
import { AppError } from '../../common/errors/app-error.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import { RefreshToken } from './refresh-token.entity.js';

const invalid = () =>
  new AppError('AUTH_INVALID_TOKEN', {
    it: 'Sessione non valida o scaduta: effettua di nuovo il login.',
    en: 'Invalid or expired session: please log in again.',
  });

const sha256 = (secret: string) => createHash('sha256').update(secret).digest();

/** Parses "<uuid>.<secret>"; anything else is simply not a token of ours. */
function parse(token: string): { id: string; secret: string } | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { id: match[1], secret: match[2] } : null;
}

@Injectable()
export class RefreshTokenService {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly tx: TransactionService,
  ) {}

  /** Issues a token; without a family it starts a new one (a new login). */
  async issue(em: EntityManager, userId: string, familyId: string = randomUUID()) {
    const now = this.clock.now();
    const secret = randomBytes(32).toString('base64url');
    const row = em.create(RefreshToken, {
      id: randomUUID(),
      familyId,
      userId,
      tokenHash: sha256(secret),
      issuedAt: now,
      expiresAt: new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
      usedAt: null,
      revokedAt: null,
      replacedBy: null,
    });
    await em.insert(RefreshToken, row);
    return { token: `${row.id}.${secret}`, row };
  }

  /**
   * Exchanges a token for its successor. A token already used means it was copied: the whole
   * family is revoked (committed) before the caller is refused.
   */
  async rotate(token: string, isUserActive: (em: EntityManager, userId: string) => Promise<boolean>) {
    const parsed = parse(token);
    if (!parsed) throw invalid();
    const outcome = await this.tx.run(async (em) => {
      const row = await em.findOne(RefreshToken, { where: { id: parsed.id }, lock: { mode: 'pessimistic_write' } });
      if (!row || !timingSafeEqual(row.tokenHash, sha256(parsed.secret))) return { kind: 'invalid' as const };
      const now = this.clock.now();
      if (row.revokedAt || row.expiresAt <= now) return { kind: 'invalid' as const };
      if (row.usedAt) {
        await this.revokeFamilyIn(em, row.familyId);
        return { kind: 'reused' as const };
      }
      if (!(await isUserActive(em, row.userId))) return { kind: 'invalid' as const };
      const next = await this.issue(em, row.userId, row.familyId);
      await em.update(RefreshToken, { id: row.id }, { usedAt: now, replacedBy: next.row.id });
      return { kind: 'rotated' as const, userId: row.userId, next };
    });
    if (outcome.kind === 'reused') {
      throw new AppError('AUTH_REFRESH_REUSED', {
        it: 'Questa sessione è stata usata due volte ed è stata chiusa per sicurezza: effettua di nuovo il login.',
        en: 'This session was used twice and has been closed for safety: please log in again.',
      });
    }
    if (outcome.kind === 'invalid') throw invalid();
    return outcome;
  }

  /** Logout: revokes the family of the presented token if it is valid; silent otherwise. */
  async revokeByToken(token: string, userId: string): Promise<void> {
    const parsed = parse(token);
    if (!parsed) return;
    await this.tx.run(async (em) => {
      const row = await em.findOne(RefreshToken, { where: { id: parsed.id, userId } });
      if (row && timingSafeEqual(row.tokenHash, sha256(parsed.secret))) await this.revokeFamilyIn(em, row.familyId);
    });
  }

  /** Ends every session of the account, or every one but `keepFamilyId` (the caller's own). */
  async revokeAllForUser(em: EntityManager, userId: string, keepFamilyId?: string): Promise<void> {
    const where = { userId, revokedAt: IsNull(), ...(keepFamilyId ? { familyId: Not(keepFamilyId) } : {}) };
    await em.update(RefreshToken, where, { revokedAt: this.clock.now() });
  }

  /** Deletes tokens expired for more than a day (run by the worker). */
  async purgeExpired(em: EntityManager): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - 86_400_000);
    const result = await em.delete(RefreshToken, { expiresAt: LessThan(cutoff) });
    return result.affected ?? 0;
  }

  private async revokeFamilyIn(em: EntityManager, familyId: string): Promise<void> {
    await em.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }
}
