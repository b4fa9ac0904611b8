import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { AuthErrors } from './auth.errors.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import { REDIS } from '../../common/redis/redis.module.js';
import { AppConfig } from '../../config/app-config.js';
import { personalDigest } from '../audit-log/audit-chain.js';
import { AuditService } from '../audit-log/audit.service.js';
import type { RegisterApplicantDto, RegistrationAcceptedDto } from './dto/register-applicant.dto.js';
import { hashPassword } from '../users/password.js';
import { countHit } from './rate-counter.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { RefreshTokenService } from '../sessions/refresh-token.service.js';
import { canonicalEmail } from '../users/email-canonical.js';
import { Role } from '../../common/access/role.js';
import { ageOn, UsersService } from '../users/users.service.js';

/** The declared data a verification link applies when opened. */
interface Submission {
  firstName: string;
  lastName: string;
  birthDate: string;
  fiscalCode: string;
  residenceMunicipalityCode: string | null;
  language: 'it' | 'en';
}

interface ExistingAccount {
  id: string;
  roles: Role[];
  language: 'it' | 'en';
  verified: boolean;
}

/** The same answer whoever is registered: what exists is told only to the mailbox's owner. */
const ACCEPTED: RegistrationAcceptedDto = {
  status: 'verification_pending',
  message:
    "Controlla la tua casella di posta: se l'indirizzo può essere registrato, ti abbiamo inviato un link per confermarlo.",
  messageEn: 'Check your mailbox: if the address can be registered, we sent you a link to confirm it.',
};

const sha256 = (token: string) => createHash('sha256').update(token).digest();

/** Mails about an existing address go out at most once in this many seconds per account. */
const EXISTING_NOTICE_SECONDS = 900;

/**
 * Citizens' self-registration. Every valid submission gets the same 202; the account becomes able
 * to apply only when its holder opens the link e-mailed through the outbox. The codice fiscale
 * declared here stays unverified (see FiscalCodeClaimsService), so it blocks nobody.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly audit: AuditService,
  ) {}

  async register(dto: RegisterApplicantDto, ip: string): Promise<RegistrationAcceptedDto> {
    await this.throttle(ip);
    const today = this.clock.now().toISOString().slice(0, 10);
    if (dto.birthDate > today || ageOn(dto.birthDate, today) < 18) {
      throw AuthErrors.underage();
    }
    const submission: Submission = {
      firstName: dto.firstName,
      lastName: dto.lastName,
      birthDate: dto.birthDate,
      fiscalCode: dto.fiscalCode,
      residenceMunicipalityCode: dto.residenceMunicipalityCode ?? null,
      language: dto.language ?? 'it',
    };
    // Hashed whether or not the address exists, so the answer takes the same time.
    const passwordHash = await hashPassword(dto.password);
    await this.tx.run(async (em) => {
      await this.users.assertMunicipality(em, submission.residenceMunicipalityCode);
      const [created] = (await em.query(
        `INSERT INTO users (email, password_hash, roles, first_name, last_name, birth_date, fiscal_code, residence_municipality_code, language, email_verified_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL)
         ON CONFLICT (email_canonical) DO NOTHING RETURNING id`,
        [
          dto.email,
          passwordHash,
          [Role.APPLICANT],
          submission.firstName,
          submission.lastName,
          submission.birthDate,
          submission.fiscalCode,
          submission.residenceMunicipalityCode,
          submission.language,
        ],
      )) as { id: string }[];
      if (created) {
        await this.audit.record(em, {
          actor: null,
          action: 'user.registered',
          target: { type: 'user', id: created.id },
          change: { emailSha256: personalDigest(canonicalEmail(dto.email)), fiscalCodeVerified: false },
        });
        await this.sendLink(em, { id: created.id, language: submission.language }, passwordHash, submission);
        return;
      }
      await this.answerExisting(em, dto.email, passwordHash, submission);
    });
    return ACCEPTED;
  }

  /** Opens a link: applies the registration it was sent for and marks the address verified. */
  async verifyEmail(token: string): Promise<{ emailVerified: true }> {
    const now = this.clock.now();
    await this.tx.run(async (em) => {
      const [link] = (await em.query(
        `SELECT v.id, v.user_id AS "userId", v.password_hash AS "passwordHash", v.registration
           FROM email_verifications v JOIN users u ON u.id = v.user_id
          WHERE v.token_hash = $1 AND v.expires_at > $2 AND u.email_verified_at IS NULL
          FOR UPDATE OF v, u`,
        [sha256(token), now],
      )) as { id: string; userId: string; passwordHash: string; registration: Submission }[];
      if (!link) throw AuthErrors.invalidVerificationLink();
      const r = link.registration;
      await em.query(
        `UPDATE users SET email_verified_at = $2, password_hash = $3, first_name = $4, last_name = $5, birth_date = $6,
                fiscal_code = $7, residence_municipality_code = $8, language = $9, updated_at = $2, version = version + 1
          WHERE id = $1`,
        [
          link.userId,
          now,
          link.passwordHash,
          r.firstName,
          r.lastName,
          r.birthDate,
          r.fiscalCode,
          r.residenceMunicipalityCode,
          r.language,
        ],
      );
      // Every link of the account is spent, and the submissions they held are no longer needed.
      await em.query(`DELETE FROM email_verifications WHERE user_id = $1`, [link.userId]);
      // The links have done their work: they need not stay readable in the delivery queue.
      await em.query(
        `UPDATE notification_outbox SET params = params - 'link' WHERE recipient_id = $1 AND event = 'email_verification'`,
        [link.userId],
      );
      // Whoever logged in before the address was proven (with another submission's password) is out.
      await this.refreshTokens.revokeAllForUser(em, link.userId);
      await this.audit.record(em, {
        actor: null,
        action: 'user.email_verified',
        target: { type: 'user', id: link.userId },
        change: {},
      });
    });
    return { emailVerified: true };
  }

  /**
   * The address is taken: its owner alone learns of the attempt. An account still unverified gets
   * a fresh link for this submission instead (the holder of the mailbox decides which one to open).
   */
  private async answerExisting(
    em: EntityManager,
    email: string,
    passwordHash: string,
    submission: Submission,
  ): Promise<void> {
    const [existing] = (await em.query(
      `SELECT id, roles, language, email_verified_at IS NOT NULL AS verified FROM users WHERE email_canonical = $1 FOR UPDATE`,
      [canonicalEmail(email)],
    )) as ExistingAccount[];
    if (!existing) return;
    const first = await this.redis.set(
      `${this.config.REDIS_PREFIX}:registration-notice:${existing.id}`,
      '1',
      'EX',
      EXISTING_NOTICE_SECONDS,
      'NX',
    );
    if (first !== 'OK') return;
    if (!existing.verified && existing.roles.includes(Role.APPLICANT)) {
      await this.sendLink(em, existing, passwordHash, submission);
      return;
    }
    await this.notifications.enqueueAccountMail(em, 'registration_attempt', existing);
  }

  private async sendLink(
    em: EntityManager,
    user: { id: string; language: 'it' | 'en' },
    passwordHash: string,
    submission: Submission,
  ): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await em.query(`DELETE FROM email_verifications WHERE user_id = $1 AND expires_at <= $2`, [user.id, now]);
    const hours = this.config.EMAIL_VERIFICATION_TTL_HOURS;
    await em.query(
      `INSERT INTO email_verifications (user_id, token_hash, password_hash, registration, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [user.id, sha256(token), passwordHash, submission, now, new Date(now.getTime() + hours * 3_600_000)],
    );
    // In the fragment: browsers do not send it to any server, so it reaches no access log.
    const link = `${this.config.PUBLIC_WEB_URL.replace(/\/+$/, '')}/verifica-email#token=${token}`;
    await this.notifications.enqueueAccountMail(em, 'email_verification', user, { link, hours });
  }

  private async throttle(ip: string): Promise<void> {
    const key = `${this.config.REDIS_PREFIX}:registration-throttle:${createHash('sha256').update(ip).digest('base64url')}`;
    const { count, ttl } = await countHit(this.redis, key, this.config.REGISTER_THROTTLE_WINDOW_SECONDS);
    if (count <= this.config.REGISTER_MAX_PER_IP) return;
    const wait = Math.max(1, ttl);
    throw AuthErrors.registrationThrottled(wait);
  }
}
