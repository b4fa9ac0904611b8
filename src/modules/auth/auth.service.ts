import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { AuthErrors } from './auth.errors.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import { canonicalEmail } from '../users/email-canonical.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import type { LoginDto, LoginResultDto } from './dto/login.dto.js';
import { JWT_AUDIENCE, JWT_ISSUER } from './jwt.strategy.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { verifyAgainstDummy, verifyPassword } from '../users/password.js';
import { RefreshTokenService } from '../sessions/refresh-token.service.js';
import { personalDigest } from '../audit-log/audit-chain.js';
import { AuditService } from '../audit-log/audit.service.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly throttle: LoginThrottleService,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Counts the attempt (per canonical e-mail, then per account) before the hash is verified, so
   * concurrent guesses verify at most the limit; an IP with many failures waits first.
   */
  async login(dto: LoginDto, ip: string): Promise<LoginResultDto> {
    const email = canonicalEmail(dto.email);
    await this.throttle.countAttempt('email', email);
    const user = await this.users.findByEmailForLogin(email);
    if (user) await this.throttle.countAttempt('account', user.id);
    const leave = await this.throttle.enterIp(ip);
    let ok: boolean;
    try {
      ok = user ? await verifyPassword(user.passwordHash, dto.password) : await verifyAgainstDummy(dto.password);
    } finally {
      await leave();
    }
    if (!user || !ok) {
      await this.throttle.recordIpFailure(ip);
      await this.recordFailure(email, user?.id ?? null, user ? 'wrong_password' : 'unknown_email');
      throw AuthErrors.badCredentials();
    }
    if (user.disabledAt) {
      await this.recordFailure(email, user.id, 'account_disabled');
      throw AuthErrors.accountDisabled();
    }
    await this.throttle.recordSuccess(email, user.id);
    const refresh = await this.tx.run(async (em) => {
      const issued = await this.refreshTokens.issue(em, user.id);
      await this.audit.record(em, {
        actor: user,
        action: 'auth.login',
        target: { type: 'user', id: user.id },
        change: { sessionFamily: issued.row.familyId },
      });
      return issued;
    });
    return this.pair(user, refresh.token, refresh.row);
  }

  /** A failed login in its own small transaction: the canonical e-mail as its SHA-256, never the password. */
  private recordFailure(email: string, userId: string | null, reason: string): Promise<void> {
    return this.tx.run((em) =>
      this.audit.record(em, {
        actor: null,
        action: 'auth.login_failed',
        target: userId ? { type: 'user', id: userId } : undefined,
        change: { emailSha256: personalDigest(email), reason },
      }),
    );
  }

  async refresh(token: string): Promise<LoginResultDto> {
    const isActive = (em: EntityManager, userId: string) => this.users.isActive(em, userId);
    const { userId, next } = await this.refreshTokens.rotate(token, isActive);
    const user = await this.users.findById(userId);
    if (!user) throw AuthErrors.invalidToken();
    return this.pair(user, next.token, next.row);
  }

  logout(token: string, userId: string): Promise<void> {
    return this.refreshTokens.revokeByToken(token, userId);
  }

  /** The access token names its session (`sid`, the refresh-token family), checked on every request. */
  private async pair(
    user: User,
    refreshToken: string,
    session: { familyId: string; expiresAt: Date },
  ): Promise<LoginResultDto> {
    const accessToken = await this.jwt.signAsync(
      { typ: 'access', sid: session.familyId },
      {
        subject: user.id,
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
        secret: this.config.JWT_ACCESS_SECRET,
        algorithm: 'HS256',
      },
    );
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      refreshToken,
      refreshTokenExpiresAt: session.expiresAt.toISOString(),
      passwordChangeRequired: user.passwordChangeRequired,
      emailVerified: user.emailVerifiedAt !== null,
    };
  }
}
