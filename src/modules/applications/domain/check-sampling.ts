import { createHash } from 'node:crypto';

/**
 * A seeded, reproducible pseudo-random stream: the n-th 32-bit number is the first four bytes
 * of sha256(seed ":" n). The same on every machine and Node version (no Math.random, no
 * engine-specific generator), so an auditor can redraw a sample from its recorded seed.
 */
export function seededStream(seed: string): () => number {
  let n = 0;
  return () => createHash('sha256').update(`${seed}:${n++}`, 'utf8').digest().readUInt32BE(0);
}

/** How many to draw: an explicit size, or a percentage of the population rounded up; never more than the population. */
export function sampleSize(population: number, request: { size?: number; percentage?: number }): number {
  const wanted = request.size ?? Math.ceil((population * (request.percentage ?? 0)) / 100);
  return Math.max(0, Math.min(population, wanted));
}

/**
 * Draws `size` items from `population` (given in protocol order) with a partial Fisher-Yates
 * shuffle driven by the seeded stream; returns them in drawing order. Same seed and same
 * population: the same sample. The index is taken with rejection sampling, so every item is
 * equally likely (no modulo bias).
 */
export function drawSample<T>(population: readonly T[], size: number, seed: string): T[] {
  const items = [...population];
  const next = seededStream(seed);
  const k = Math.min(size, items.length);
  for (let i = 0; i < k; i++) {
    const range = items.length - i;
    const limit = Math.floor(0x1_0000_0000 / range) * range;
    let r = next();
    while (r >= limit) r = next();
    const j = i + (r % range);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items.slice(0, k);
}

/** sha256 of the population's ids joined in order: recorded with the sample. */
export function populationHash(ids: readonly string[]): string {
  return createHash('sha256').update(ids.join('\n'), 'utf8').digest('hex');
}
