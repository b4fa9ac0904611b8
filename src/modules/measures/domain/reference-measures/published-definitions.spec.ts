import { describe, expect, it } from '@jest/globals';

import { contentHash } from '../content-hash.js';
import { REFERENCE_MEASURES } from './index.js';

/**
 * The reference measures are published: their first versions are seeded with these content
 * hashes and decisions cite them. Building a definition from shared fragments (form-fields.ts,
 * eligibility-rules.ts) must leave its canonical JSON unchanged; a real change is a new version.
 */
const PUBLISHED_HASHES: Record<string, string> = {
  'ORFANI-FEMMINICIDIO': '1cf3dddf30e3e52b96e8d2f4939624d8fc323848cb57ae9a5a6ee7b404d992f0',
  'NIDI-GRATIS-PLUS-2024-25': 'a1f1c37dc2c91fe99b64b377052a04a9ecec79258f36cfba116aa3f205044328',
  'B1-FNA-2025': 'fd431d7bbd848065b06cf672a35c651330a074895e0e181b37cab7616dccf397',
  'B2-FNA-2025-SEREGNO': 'f5b434a3384031fa314c10d54b7e205444f024e52b83585ed134736be251b5f8',
  'ALER-VIOLENZA': 'd4f2974238e2c73702cc466ac069a52cd4e14e01d6d1d0804a01619dfd654cd8',
  'BONUS-ASSISTENTI-FAMILIARI': '35a73e614d4d8c97a67c3d58bbe87be6c24aded4dd0c07926422b7e0085bef17',
};

describe('published reference measures', () => {
  it.each(REFERENCE_MEASURES.map((m) => [m.code, m] as const))('%s keeps its published content hash', (code, m) => {
    expect(contentHash(m)).toBe(PUBLISHED_HASHES[code]);
  });

  it('pins every reference measure', () => {
    expect(REFERENCE_MEASURES.map((m) => m.code).sort()).toEqual(Object.keys(PUBLISHED_HASHES).sort());
  });
});
