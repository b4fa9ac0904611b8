import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock.js';
import { uniqueViolation } from '../../common/database/pg-errors.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import { isValidCodiceFiscale, normalizeCodiceFiscale } from '../../common/identifiers/index.js';
import { personalDigest } from '../audit-log/audit-chain.js';
import { AuditService } from '../audit-log/audit.service.js';
import type { Role } from '../../common/access/role.js';
import type { FiscalCodeSource } from './user.entity.js';
import { UsersErrors } from './users.errors.js';

/**
 * Codici fiscali proven by a digital identity. A code declared at registration proves nothing and
 * blocks nobody; the identity provider's login (SPID/CIE, to come) calls `claimVerifiedFiscalCode`
 * once it has authenticated the person, and the proven account takes the code over from every
 * account that merely declared it. Each step is in the hash-chained audit log.
 */
@Injectable()
export class FiscalCodeClaimsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async claimVerifiedFiscalCode(
    userId: string,
    fiscalCode: string,
    source: FiscalCodeSource,
  ): Promise<{ releasedFrom: string[] }> {
    const code = normalizeCodiceFiscale(fiscalCode);
    if (!isValidCodiceFiscale(code)) {
      throw UsersErrors.invalidFiscalCode();
    }
    try {
      return await this.tx.run(async (em) => {
        const now = this.clock.now();
        const [claimant] = (await em.query(
          `SELECT id, roles, fiscal_code AS "fiscalCode" FROM users WHERE id = $1 FOR UPDATE`,
          [userId],
        )) as {
          id: string;
          roles: Role[];
          fiscalCode: string | null;
        }[];
        if (!claimant) throw UsersErrors.userNotFound();
        const holders = (await em.query(
          `SELECT id, fiscal_code_verified_at IS NOT NULL AS verified FROM users WHERE fiscal_code = $1 AND id <> $2 ORDER BY id FOR UPDATE`,
          [code, userId],
        )) as { id: string; verified: boolean }[];
        if (holders.some((h) => h.verified)) throw UsersErrors.fiscalCodeVerifiedElsewhere();
        const releasedFrom = holders.map((h) => h.id);
        const digest = personalDigest(code);
        for (const holder of releasedFrom) {
          await em.query(`UPDATE users SET fiscal_code = NULL, updated_at = $2, version = version + 1 WHERE id = $1`, [
            holder,
            now,
          ]);
          await this.audit.record(em, {
            actor: claimant,
            action: 'user.fiscal_code_released',
            target: { type: 'user', id: holder },
            change: { fiscalCodeSha256: digest, verifiedBy: userId, source },
          });
        }
        await em.query(
          `UPDATE users SET fiscal_code = $2, fiscal_code_verified_at = $3, fiscal_code_source = $4, updated_at = $3, version = version + 1 WHERE id = $1`,
          [userId, code, now, source],
        );
        await this.audit.record(em, {
          actor: claimant,
          action: 'user.fiscal_code_verified',
          target: { type: 'user', id: userId },
          change: {
            fiscalCodeSha256: digest,
            previousFiscalCodeSha256:
              claimant.fiscalCode && claimant.fiscalCode !== code ? personalDigest(claimant.fiscalCode) : null,
            source,
            releasedFrom,
          },
        });
        return { releasedFrom };
      });
    } catch (error) {
      // Two proven accounts claiming one code at the same moment: the index lets one win.
      if (uniqueViolation(error) === 'users_fiscal_code_verified_key') throw UsersErrors.fiscalCodeVerifiedElsewhere();
      throw error;
    }
  }
}
