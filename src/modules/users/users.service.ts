import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import { uniqueViolation } from '../../common/database/pg-errors.js';
import { hashPassword, verifyPassword } from './password.js';
import type { Principal, SessionPrincipal } from '../../common/access/principal.js';
import { RefreshTokenService } from '../sessions/refresh-token.service.js';
import { Municipality } from '../territory/municipality.entity.js';
import type { ChangePasswordDto, ProfileDto, UpdateProfileDto } from './dto/profile.dto.js';
import { Role } from '../../common/access/role.js';
import { UserScope } from './user-scope.entity.js';
import { canonicalEmail } from './email-canonical.js';
import { User } from './user.entity.js';
import { UsersErrors } from './users.errors.js';

/** Whole years between a birth date and a day, both YYYY-MM-DD (calendar arithmetic, no time zones). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly refreshTokens: RefreshTokenService,
  ) {}

  /**
   * Loads the caller for a request, with its session, in one query; null when the account is
   * missing or disabled, or the session (refresh-token family) has ended. Both ids must be
   * UUIDs already (`accessClaims` checks the token's).
   */
  async loadActivePrincipal(id: string, sessionId: string): Promise<SessionPrincipal | null> {
    const rows: {
      id: string;
      roles: Role[];
      ats: string[];
      ambiti: string[];
      password_change_required: boolean;
      email_verified: boolean;
    }[] = await this.db.query(
      `SELECT u.id, u.roles, u.password_change_required, u.email_verified_at IS NOT NULL AS email_verified,
              coalesce(array_agg(s.ats_code) FILTER (WHERE s.ats_code IS NOT NULL), '{}') AS ats,
              coalesce(array_agg(s.ambito_code) FILTER (WHERE s.ambito_code IS NOT NULL), '{}') AS ambiti
         FROM users u LEFT JOIN user_scopes s ON s.user_id = u.id
        WHERE u.id = $1 AND u.disabled_at IS NULL
          AND EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $2 AND r.user_id = u.id AND r.revoked_at IS NULL)
        GROUP BY u.id`,
      [id, sessionId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      roles: row.roles,
      scope: { atsCodes: row.ats, ambitoCodes: row.ambiti },
      sessionId,
      passwordChangeRequired: row.password_change_required,
      emailVerified: row.email_verified,
    };
  }

  /** The account an e-mail address names, compared in its canonical form (see canonicalEmail). */
  findByEmailForLogin(email: string): Promise<User | null> {
    return this.db.getRepository(User).findOneBy({ emailCanonical: canonicalEmail(email) });
  }

  findById(id: string): Promise<User | null> {
    return this.db.getRepository(User).findOneBy({ id });
  }

  async isActive(em: EntityManager, userId: string): Promise<boolean> {
    const user = await em.findOneBy(User, { id: userId });
    return !!user && !user.disabledAt;
  }

  async profileOf(id: string, em: EntityManager = this.db.manager): Promise<ProfileDto> {
    const user = await em.findOneBy(User, { id });
    if (!user) throw UsersErrors.userNotFound();
    return (await this.profilesOf([user], em))[0];
  }

  /** Profiles of several users with two more queries in all (residences, scopes), not per user. */
  async profilesOf(users: User[], em: EntityManager = this.db.manager): Promise<ProfileDto[]> {
    if (users.length === 0) return [];
    const codes = [
      ...new Set(users.flatMap((u) => (u.residenceMunicipalityCode ? [u.residenceMunicipalityCode] : []))),
    ];
    const municipalities = codes.length ? await em.findBy(Municipality, { istatCode: In(codes) }) : [];
    const byCode = new Map(municipalities.map((m) => [m.istatCode, m]));
    const scopes = await em.findBy(UserScope, { userId: In(users.map((u) => u.id)) });
    return users.map((user) => ({
      id: user.id,
      email: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
      roles: user.roles,
      birthDate: user.birthDate,
      fiscalCode: user.fiscalCode,
      fiscalCodeVerified: user.fiscalCodeVerifiedAt !== null,
      emailVerified: user.emailVerifiedAt !== null,
      residence: (user.residenceMunicipalityCode && byCode.get(user.residenceMunicipalityCode)) || null,
      language: user.language,
      scope: scopeOf(scopes.filter((s) => s.userId === user.id)),
    }));
  }

  updateProfile(actor: Principal, dto: UpdateProfileDto): Promise<ProfileDto> {
    return this.tx.run(async (em) => {
      if (dto.residenceMunicipalityCode !== undefined) await this.assertMunicipality(em, dto.residenceMunicipalityCode);
      const changes: Partial<User> = { ...dto };
      if (Object.keys(changes).length > 0) {
        await em.update(User, { id: actor.id }, { ...changes, updatedAt: this.clock.now() });
      }
      return this.profileOf(actor.id, em);
    });
  }

  /** Changes the password and ends the account's other sessions; clears a temporary password. */
  async changePassword(actor: SessionPrincipal, dto: ChangePasswordDto): Promise<void> {
    const user = await this.db.getRepository(User).findOneBy({ id: actor.id });
    if (!user || !(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      throw UsersErrors.wrongCurrentPassword();
    }
    if (await verifyPassword(user.passwordHash, dto.newPassword)) {
      throw UsersErrors.samePassword();
    }
    const passwordHash = await hashPassword(dto.newPassword);
    await this.tx.run(async (em) => {
      await em.update(
        User,
        { id: actor.id },
        { passwordHash, passwordChangeRequired: false, updatedAt: this.clock.now() },
      );
      // Other sessions end, with their access tokens: whoever knew the old password loses access.
      await this.refreshTokens.revokeAllForUser(em, actor.id, actor.sessionId);
    });
  }

  /**
   * Creates a staff account with a random temporary password, shown once to the administrator:
   * its holder must change it before anything else.
   */
  async createAccount(
    em: EntityManager,
    data: { email: string; firstName: string; lastName: string; roles: Role[] },
  ): Promise<{ id: string; password: string }> {
    const password = randomBytes(12).toString('base64url');
    try {
      const result = await em.insert(User, {
        email: data.email,
        passwordHash: await hashPassword(password),
        roles: data.roles,
        firstName: data.firstName,
        lastName: data.lastName,
        passwordChangeRequired: true,
      });
      return { id: result.identifiers[0].id as string, password };
    } catch (error) {
      throw this.translateUnique(error);
    }
  }

  async assertMunicipality(em: EntityManager, istatCode: string | null): Promise<void> {
    if (istatCode && !(await em.existsBy(Municipality, { istatCode }))) {
      throw UsersErrors.unknownResidence();
    }
  }

  /** Staff accounts only: the administrator creating one may learn that the address is in use. */
  private translateUnique(error: unknown): unknown {
    if (uniqueViolation(error) === 'users_email_canonical_key') {
      return UsersErrors.emailTaken();
    }
    return error;
  }
}

export function scopeOf(scopes: UserScope[]) {
  return {
    atsCodes: scopes.flatMap((s) => (s.atsCode ? [s.atsCode] : [])).sort(),
    ambitoCodes: scopes.flatMap((s) => (s.ambitoCode ? [s.ambitoCode] : [])).sort(),
  };
}
