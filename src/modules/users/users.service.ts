import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { AppError, fieldError } from '../../common/errors/app-error.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import { uniqueViolation } from '../../common/database/pg-errors.js';
import type { RegisterApplicantDto } from '../auth/dto/register-applicant.dto.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import type { Principal } from '../auth/principal.js';
import { RefreshTokenService } from '../sessions/refresh-token.service.js';
import { Municipality } from '../territory/municipality.entity.js';
import type { ChangePasswordDto, ProfileDto, UpdateProfileDto } from './dto/profile.dto.js';
import { Role } from './role.js';
import { UserScope } from './user-scope.entity.js';
import { User } from './user.entity.js';

const userNotFound = () => new AppError('USER_NOT_FOUND', { it: 'Utente non trovato.', en: 'User not found.' });

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

  /** Loads the caller for a request; null when the account is missing or disabled. */
  async loadActivePrincipal(id: string): Promise<Principal | null> {
    const rows: { id: string; roles: Role[]; ats: string[]; ambiti: string[] }[] = await this.db.query(
      `SELECT u.id, u.roles,
              coalesce(array_agg(s.ats_code) FILTER (WHERE s.ats_code IS NOT NULL), '{}') AS ats,
              coalesce(array_agg(s.ambito_code) FILTER (WHERE s.ambito_code IS NOT NULL), '{}') AS ambiti
         FROM users u LEFT JOIN user_scopes s ON s.user_id = u.id
        WHERE u.id = $1 AND u.disabled_at IS NULL
        GROUP BY u.id`,
      [id],
    );
    const row = rows[0];
    return row ? { id: row.id, roles: row.roles, scope: { atsCodes: row.ats, ambitoCodes: row.ambiti } } : null;
  }

  findByEmailForLogin(email: string): Promise<User | null> {
    return this.db.getRepository(User).createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  async isActive(em: EntityManager, userId: string): Promise<boolean> {
    const user = await em.findOneBy(User, { id: userId });
    return !!user && !user.disabledAt;
  }

  async registerApplicant(dto: RegisterApplicantDto): Promise<ProfileDto> {
    const today = this.clock.now().toISOString().slice(0, 10);
    if (dto.birthDate > today || ageOn(dto.birthDate, today) < 18) {
      throw fieldError('VALIDATION_FAILED', 'birthDate', {
        it: "Per registrarsi occorre essere maggiorenni (per un minore presenta domanda il genitore o il tutore).",
        en: 'You must be an adult to register (a parent or guardian applies for a minor).',
      });
    }
    const passwordHash = await hashPassword(dto.password);
    const id = await this.tx.run(async (em) => {
      await this.assertMunicipality(em, dto.residenceMunicipalityCode ?? null);
      try {
        const result = await em.insert(User, {
          email: dto.email,
          passwordHash,
          roles: [Role.APPLICANT],
          firstName: dto.firstName,
          lastName: dto.lastName,
          birthDate: dto.birthDate,
          fiscalCode: dto.fiscalCode,
          residenceMunicipalityCode: dto.residenceMunicipalityCode ?? null,
          language: dto.language ?? 'it',
        });
        return result.identifiers[0].id as string;
      } catch (error) {
        throw this.translateUnique(error);
      }
    });
    return this.profileOf(id);
  }

  async profileOf(id: string, em: EntityManager = this.db.manager): Promise<ProfileDto> {
    const user = await em.findOneBy(User, { id });
    if (!user) throw userNotFound();
    return (await this.profilesOf([user], em))[0];
  }

  /** Profiles of several users with two more queries in all (residences, scopes), not per user. */
  async profilesOf(users: User[], em: EntityManager = this.db.manager): Promise<ProfileDto[]> {
    if (users.length === 0) return [];
    const codes = [...new Set(users.flatMap((u) => (u.residenceMunicipalityCode ? [u.residenceMunicipalityCode] : [])))];
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

  async changePassword(actor: Principal, dto: ChangePasswordDto): Promise<void> {
    const user = await this.db.getRepository(User).findOneBy({ id: actor.id });
    if (!user || !(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      throw fieldError('AUTH_INVALID_CREDENTIALS', 'currentPassword', {
        it: 'La password attuale non è corretta.',
        en: 'The current password is wrong.',
      });
    }
    const passwordHash = await hashPassword(dto.newPassword);
    await this.tx.run(async (em) => {
      await em.update(User, { id: actor.id }, { passwordHash, updatedAt: this.clock.now() });
      // Other sessions end: whoever knew the old password loses access.
      await this.refreshTokens.revokeAllForUser(em, actor.id);
    });
  }

  /** Creates an account with a random password shown once; used by ADMIN and the demo seed. */
  async createAccount(
    em: EntityManager,
    data: { email: string; firstName: string; lastName: string; roles: Role[]; password?: string },
  ): Promise<{ id: string; password: string }> {
    const password = data.password ?? randomBytes(12).toString('base64url');
    try {
      const result = await em.insert(User, {
        email: data.email,
        passwordHash: await hashPassword(password),
        roles: data.roles,
        firstName: data.firstName,
        lastName: data.lastName,
      });
      return { id: result.identifiers[0].id as string, password };
    } catch (error) {
      throw this.translateUnique(error);
    }
  }

  private async assertMunicipality(em: EntityManager, istatCode: string | null): Promise<void> {
    if (istatCode && !(await em.existsBy(Municipality, { istatCode }))) {
      throw fieldError('TERRITORY_UNKNOWN_MUNICIPALITY', 'residenceMunicipalityCode', {
        it: 'Comune di residenza sconosciuto (codice ISTAT di un comune lombardo).',
        en: 'Unknown municipality of residence (ISTAT code of a Lombardy municipality).',
      });
    }
  }

  private translateUnique(error: unknown): unknown {
    const constraint = uniqueViolation(error);
    if (constraint === 'users_email_key') {
      return fieldError('USER_EMAIL_TAKEN', 'email', { it: 'Questa e-mail è già registrata.', en: 'This e-mail is already registered.' });
    }
    if (constraint === 'users_fiscal_code_key') {
      return fieldError('USER_FISCAL_CODE_TAKEN', 'fiscalCode', {
        it: 'Questo codice fiscale è già registrato.',
        en: 'This fiscal code is already registered.',
      });
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
