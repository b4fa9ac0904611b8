import type { Redis } from 'ioredis';

/** INCR and, on the first hit of a window, its expiry, in one atomic step. Returns [count, ttl]. */
const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('TTL', KEYS[1])}`;

/** Counts one hit in a fixed window; concurrent callers each get a distinct count. */
export async function countHit(
  redis: Redis,
  key: string,
  windowSeconds: number,
): Promise<{ count: number; ttl: number }> {
  const [count, ttl] = (await redis.eval(HIT, 1, key, windowSeconds)) as [number, number];
  return { count, ttl };
}
