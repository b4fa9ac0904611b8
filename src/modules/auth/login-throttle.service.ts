import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../../config/app-config.js';
import { AppError } from '../../common/errors/app-error.js';
import { REDIS } from '../../common/redis/redis.module.js';

/**
 * Slows down password guessing: failures per account and per client IP are counted
 * in fixed windows in Redis, so every API process shares the same counters.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /**
   * Refuses when the account or the client IP has failed too often in the window. Only
   * failures count, so a whole office behind one NAT address can still log in every morning.
   */
  async check(email: string, ip: string): Promise<void> {
    const accountKey = this.key('account', email.toLowerCase());
    const ipKey = this.key('ip', ip);
    const [accountFailures, ipFailures, accountTtl, ipTtl] = await Promise.all([
      this.redis.get(accountKey),
      this.redis.get(ipKey),
      this.redis.ttl(accountKey),
      this.redis.ttl(ipKey),
    ]);
    if (Number(accountFailures ?? 0) >= this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT) this.refuse(accountTtl);
    if (Number(ipFailures ?? 0) >= this.config.LOGIN_MAX_FAILURES_PER_IP) this.refuse(ipTtl);
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const window = this.config.LOGIN_THROTTLE_WINDOW_SECONDS;
    const accountKey = this.key('account', email.toLowerCase());
    const ipKey = this.key('ip', ip);
    await this.redis.multi().incr(accountKey).expire(accountKey, window, 'NX').incr(ipKey).expire(ipKey, window, 'NX').exec();
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
    const wait = Math.max(1, retryAfterSeconds > 0 ? retryAfterSeconds : this.config.LOGIN_THROTTLE_WINDOW_SECONDS);
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
