import { accessSync, constants, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { Redis } from 'ioredis';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
export const isLoopback = (url: string) => LOOPBACK.has(new URL(url).hostname);

export async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export function findOnPath(binary: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface OwnRedisPlan {
  binary: string;
  port: number;
  url: string;
  args: string[];
}

/**
 * What the demo does when nothing answers at `url`: null if it cannot help (Redis is expected on
 * another machine, or no `redis-server` is installed), else how to run its own. Its port is the
 * one `url` names (6379 by default) when free, any free port otherwise.
 *
 * No persistence (`--save ""`, no AOF): the demo's Redis holds only queues, throttling counters
 * and job schedulers; notifications are committed to the PostgreSQL outbox and re-queued if Redis
 * lost them, and the worker registers its schedules at every start, so nothing is lost with it.
 */
export async function planOwnRedis(url: string, dataDir: string): Promise<OwnRedisPlan | null> {
  const binary = findOnPath('redis-server');
  if (!binary || !isLoopback(url)) return null;
  const wanted = Number(new URL(url).port || 6379);
  const port = (await portIsFree(wanted)) ? wanted : (await portIsFree(6379)) ? 6379 : await anyFreePort();
  mkdirSync(dataDir, { recursive: true });
  return {
    binary,
    port,
    url: `redis://127.0.0.1:${port}`,
    args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dataDir],
  };
}

export async function waitForRedis(url: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await redisAnswers(url)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}
