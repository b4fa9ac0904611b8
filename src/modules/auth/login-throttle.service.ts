import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../../config/app-config.js';
import { AuthErrors } from './auth.errors.js';
import { REDIS } from '../../common/redis/redis.module.js';
import { countHit } from './rate-counter.js';

type Subject = 'email' | 'account';

/**
 * Slows down password guessing, with counters in Redis shared by every API process.
 *
 * Per account: every attempt is counted atomically BEFORE the password hash is verified, keyed
 * both on the canonical e-mail and on the account id, so concurrent guesses verify at most the
 * limit and no spelling of the address gets a fresh counter. A success clears both.
 *
 * Per client IP: failures are counted; past the limit the IP is slowed (a growing, capped delay
 * and few such attempts at once) but never refused valid credentials outright, so an office
 * behind one NAT address is not locked out by someone else's failures.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** Counts one attempt on the account (by e-mail or id); refuses past the limit. */
  async countAttempt(subject: Subject, value: string): Promise<void> {
    const { count, ttl } = await countHit(
      this.redis,
      this.key(subject, value),
      this.config.LOGIN_THROTTLE_WINDOW_SECONDS,
    );
    if (count > this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT) this.refuse(ttl);
  }

  /**
   * Waits as long as the IP's failures ask for, holding one of its few "slow" slots; returns the
   * function that frees the slot. An IP under its limit passes at once.
   */
  async enterIp(ip: string): Promise<() => Promise<void>> {
    const failures = Number((await this.redis.get(this.key('ip', ip))) ?? 0);
    const excess = failures - this.config.LOGIN_MAX_FAILURES_PER_IP + 1;
    if (excess <= 0) return async () => {};
    const slots = this.key('ip-slow', ip);
    const { count: inFlight } = await countHit(this.redis, slots, 60);
    const release = async () => {
      // Never below zero, and never a key without expiry if the window ended meanwhile.
      await this.redis.eval(
        `if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end return 0`,
        1,
        slots,
      );
    };
    if (inFlight > this.config.LOGIN_IP_SLOW_CONCURRENCY) {
      await release();
      this.refuse(1);
    }
    await sleep(Math.min(this.config.LOGIN_IP_MAX_DELAY_MS, this.config.LOGIN_IP_DELAY_MS * excess));
    return release;
  }

  async recordIpFailure(ip: string): Promise<void> {
    await countHit(this.redis, this.key('ip', ip), this.config.LOGIN_THROTTLE_WINDOW_SECONDS);
  }

  async recordSuccess(canonicalEmail: string, userId: string): Promise<void> {
    await this.redis.del(this.key('email', canonicalEmail), this.key('account', userId));
  }

  private key(kind: Subject | 'ip' | 'ip-slow', value: string): string {
    // Hashed so that e-mail addresses are not stored in Redis in clear.
    const digest = createHash('sha256').update(value).digest('base64url');
    return `${this.config.REDIS_PREFIX}:login-throttle:${kind}:${digest}`;
  }

  private refuse(retryAfterSeconds: number): never {
    const wait = Math.max(1, retryAfterSeconds > 0 ? retryAfterSeconds : this.config.LOGIN_THROTTLE_WINDOW_SECONDS);
    throw AuthErrors.loginThrottled(wait);
  }
}
