import { describe, expect, it } from '@jest/globals';

import { contentHash } from '../content-hash.js';
import { REFERENCE_MEASURES } from './index.js';

/**
 * The reference measures are published: their first versions are seeded with these content
 * hashes and decisions cite them. Building a definition from shared fragments (form-fields.ts,
 * eligibility-rules.ts) must leave its canonical JSON unchanged; a real change is a new version.
 * Re-pinned once, deliberately, when every form field gained its English texts (`x-en`): the
 * seed publishes these as version 1 of a new database; a database seeded before keeps its
 * Italian-only version 1 (the portal falls back to the Italian titles).
 */
const PUBLISHED_HASHES: Record<string, string> = {
  'ORFANI-FEMMINICIDIO': 'cf78ab8e5bad436a525725541ea5b5cd98ed33077ba6e69b97a848a160267e10',
  'NIDI-GRATIS-PLUS-2024-25': '63a320e7b5b71778938f9f39f3680ff3b9c6179cc415a2e7eda5e1f8147ace7d',
  'B1-FNA-2025': '0b4578f3a5ce1cd7e8c075cf31883c06a7f2f8569d0e9d554aa5c01e801412f4',
  'B2-FNA-2025-SEREGNO': '41767361252ede6f4302ca07ce1566ef97bc737925f32f432f48bf2f720ce239',
  'ALER-VIOLENZA': '95a4a6ae9552aa9acca9ce23bd10c25c06345b8c461df3572b9231bbfe8cb052',
  'BONUS-ASSISTENTI-FAMILIARI': '5d65a7c8e7a117861ec324cb2a4ee1f7dd72ebff7f5f75ec56f83d1683d6f140',
};

describe('published reference measures', () => {
  it.each(REFERENCE_MEASURES.map((m) => [m.code, m] as const))('%s keeps its published content hash', (code, m) => {
    expect(contentHash(m)).toBe(PUBLISHED_HASHES[code]);
  });

  it('pins every reference measure', () => {
    expect(REFERENCE_MEASURES.map((m) => m.code).sort()).toEqual(Object.keys(PUBLISHED_HASHES).sort());
  });
});
