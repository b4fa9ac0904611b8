import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { AppError } from '../../common/errors/app-error.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import { UsersService } from '../users/users.service.js';
import type { LoginDto, TokenPairDto } from './dto/login.dto.js';
import { JWT_AUDIENCE, JWT_ISSUER } from './jwt.strategy.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { verifyAgainstDummy, verifyPassword } from './password.js';
import { RefreshTokenService } from '../sessions/refresh-token.service.js';
import { personalDigest } from '../audit/audit-chain.js';
import { AuditService } from '../audit/audit.service.js';

const badCredentials = () =>
  new AppError('AUTH_INVALID_CREDENTIALS', {
    it: 'E-mail o password non corretti.',
    en: 'Wrong e-mail or password.',
  });

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

  async login(dto: LoginDto, ip: string): Promise<TokenPairDto> {
    await this.throttle.check(dto.email, ip);
    const user = await this.users.findByEmailForLogin(dto.email);
    const ok = user ? await verifyPassword(user.passwordHash, dto.password) : await verifyAgainstDummy(dto.password);
    if (!user || !ok) {
      await this.throttle.recordFailure(dto.email, ip);
      await this.recordFailure(dto.email, user?.id ?? null, user ? 'wrong_password' : 'unknown_email');
      throw badCredentials();
    }
    if (user.disabledAt) {
      await this.recordFailure(dto.email, user.id, 'account_disabled');
      throw new AppError('AUTH_ACCOUNT_DISABLED', {
        it: "Questo account è disabilitato. Contatta l'amministratore.",
        en: 'This account is disabled. Contact the administrator.',
      });
    }
    await this.throttle.recordSuccess(dto.email);
    const refresh = await this.tx.run(async (em) => {
      const issued = await this.refreshTokens.issue(em, user.id);
      await this.audit.record(em, { actor: user, action: 'auth.login', target: { type: 'user', id: user.id }, change: { sessionFamily: issued.row.familyId } });
      return issued;
    });
    return this.pair(user.id, refresh.token, refresh.row.expiresAt);
  }

  /** A failed login in its own small transaction: the e-mail as its SHA-256, never the password. */
  private recordFailure(email: string, userId: string | null, reason: string): Promise<void> {
    return this.tx.run((em) =>
      this.audit.record(em, {
        actor: null,
        action: 'auth.login_failed',
        target: userId ? { type: 'user', id: userId } : undefined,
        change: { emailSha256: personalDigest(email.trim().toLowerCase()), reason },
      }),
    );
  }

  async refresh(token: string): Promise<TokenPairDto> {
    const isActive = (em: EntityManager, userId: string) => this.users.isActive(em, userId);
    const { userId, next } = await this.refreshTokens.rotate(token, isActive);
    return this.pair(userId, next.token, next.row.expiresAt);
  }

  logout(token: string, userId: string): Promise<void> {
    return this.refreshTokens.revokeByToken(token, userId);
  }

  private async pair(userId: string, refreshToken: string, refreshExpiresAt: Date): Promise<TokenPairDto> {
    const accessToken = await this.jwt.signAsync(
      { typ: 'access' },
      {
        subject: userId,
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
      refreshTokenExpiresAt: refreshExpiresAt.toISOString(),
    };
  }
}
