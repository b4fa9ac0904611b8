import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS } from '../../common/redis/redis.module.js';

const TIMEOUT_MS = 2000;

export type Probe = 'up' | 'down';

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}

const probe = (check: Promise<unknown>): Promise<Probe> =>
  within(check, TIMEOUT_MS).then(
    () => 'up' as const,
    () => 'down' as const,
  );

/** Whether the API's dependencies answer, each within 2 s (a hung one counts as down). */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async check(): Promise<{ database: Probe; redis: Probe }> {
    const [database, redis] = await Promise.all([probe(this.db.query('SELECT 1')), probe(this.redis.ping())]);
    return { database, redis };
  }
}
