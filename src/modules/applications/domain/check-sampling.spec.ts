import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { drawSample, populationHash, sampleSize, seededStream } from './check-sampling.js';

const population = Array.from({ length: 50 }, (_, i) => `case-${String(i).padStart(2, '0')}`);

describe('art. 71 seeded sampling', () => {
  it('the stream is fixed by the seed (the same on every machine)', () => {
    const a = seededStream('DGR-2026-01');
    const b = seededStream('DGR-2026-01');
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    // sha256("DGR-2026-01:0"), first four bytes, big-endian: pinned so a change of algorithm is noticed.
    expect(first[0]).toBe(Number.parseInt(require_sha256_prefix('DGR-2026-01:0'), 16));
  });

  it('the same seed and population give the same sample; another seed another one', () => {
    const one = drawSample(population, 5, 'seed-A');
    expect(drawSample(population, 5, 'seed-A')).toEqual(one);
    expect(drawSample(population, 5, 'seed-B')).not.toEqual(one);
    expect(new Set(one).size).toBe(5);
    one.forEach((id) => expect(population).toContain(id));
  });

  it('a larger sample starts with the smaller one (the draw order is stable)', () => {
    expect(drawSample(population, 8, 'seed-A').slice(0, 5)).toEqual(drawSample(population, 5, 'seed-A'));
  });

  it('never draws more than the population, and the whole population is a permutation', () => {
    const all = drawSample(population, 500, 'x');
    expect([...all].sort()).toEqual(population);
    expect(drawSample([], 3, 'x')).toEqual([]);
  });

  it('is roughly uniform', () => {
    const hits = new Map<string, number>();
    for (let s = 0; s < 2000; s++) {
      for (const id of drawSample(population.slice(0, 10), 1, `s${s}`)) hits.set(id, (hits.get(id) ?? 0) + 1);
    }
    for (const n of hits.values()) expect(n).toBeGreaterThan(140); // expected 200 each
  });

  it('size from a number or a percentage (rounded up), capped by the population', () => {
    expect(sampleSize(50, { size: 7 })).toBe(7);
    expect(sampleSize(50, { percentage: 5 })).toBe(3);
    expect(sampleSize(3, { size: 10 })).toBe(3);
    expect(sampleSize(0, { percentage: 10 })).toBe(0);
  });

  it('hashes the population in order', () => {
    expect(populationHash(['a', 'b'])).not.toBe(populationHash(['b', 'a']));
    expect(populationHash(['a', 'b'])).toMatch(/^[0-9a-f]{64}$/);
  });
});

function require_sha256_prefix(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}
