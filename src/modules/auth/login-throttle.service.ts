import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../../config/app-config.js';
import { AppError } from '../../common/errors/app-error.js';
import { REDIS } from '../../common/redis/redis.module.js';

/**
 * Slows down password guessing: failures per account and attempts per client IP are counted
 * in fixed windows in Redis, so every API process shares the same counters.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** Counts this attempt for the IP and refuses when either limit is already reached. */
  async checkAndCount(email: string, ip: string): Promise<void> {
    const window = this.config.LOGIN_THROTTLE_WINDOW_SECONDS;
    const ipKey = this.key('ip', ip);
    const accountKey = this.key('account', email.toLowerCase());
    const results = await this.redis
      .multi()
      .incr(ipKey)
      .expire(ipKey, window, 'NX')
      .get(accountKey)
      .ttl(ipKey)
      .ttl(accountKey)
      .exec();
    const ipAttempts = Number(results?.[0]?.[1] ?? 0);
    const accountFailures = Number(results?.[2]?.[1] ?? 0);
    if (ipAttempts > this.config.LOGIN_MAX_ATTEMPTS_PER_IP) this.refuse(Number(results?.[3]?.[1] ?? window));
    if (accountFailures >= this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT) this.refuse(Number(results?.[4]?.[1] ?? window));
  }

  async recordFailure(email: string): Promise<void> {
    const key = this.key('account', email.toLowerCase());
    await this.redis.multi().incr(key).expire(key, this.config.LOGIN_THROTTLE_WINDOW_SECONDS, 'NX').exec();
  }

  async recordSuccess(email: string): Promise<void> {
    await this.redis.del(this.key('account', email.toLowerCase()));
  }

  private key(kind: 'ip' | 'account', value: string): string {
    // Hashed so that e-mail addresses are not stored in Redis in clear.
    const digest = createHash('sha256').update(value).digest('base64url');
    return `${this.config.REDIS_PREFIX}:login-throttle:${kind}:${digest}`;
  }

  private refuse(retryAfterSeconds: number): never {
    const wait = Math.max(1, retryAfterSeconds);
    throw new AppError(
      'AUTH_THROTTLED',
      {
        it: `Troppi tentativi di accesso. Riprova tra ${Math.ceil(wait / 60)} minuti.`,
        en: `Too many login attempts. Try again in ${Math.ceil(wait / 60)} minutes.`,
      },
      { retryAfterSeconds: wait },
    );
  }
}
