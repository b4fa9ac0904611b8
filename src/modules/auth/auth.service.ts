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
  ) {}

  async login(dto: LoginDto, ip: string): Promise<TokenPairDto> {
    await this.throttle.check(dto.email, ip);
    const user = await this.users.findByEmailForLogin(dto.email);
    const ok = user ? await verifyPassword(user.passwordHash, dto.password) : await verifyAgainstDummy(dto.password);
    if (!user || !ok) {
      await this.throttle.recordFailure(dto.email, ip);
      throw badCredentials();
    }
    if (user.disabledAt) {
      throw new AppError('AUTH_ACCOUNT_DISABLED', {
        it: "Questo account è disabilitato. Contatta l'amministratore.",
        en: 'This account is disabled. Contact the administrator.',
      });
    }
    await this.throttle.recordSuccess(dto.email);
    const refresh = await this.tx.run((em) => this.refreshTokens.issue(em, user.id));
    return this.pair(user.id, refresh.token, refresh.row.expiresAt);
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
