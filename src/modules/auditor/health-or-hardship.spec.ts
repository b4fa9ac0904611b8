import { describe, expect, it } from '@jest/globals';

import { REFERENCE_MEASURES } from '../measures/domain/index.js';
import { revealsHealthOrHardship } from './health-or-hardship.js';

describe('revealsHealthOrHardship', () => {
  it('follows the definition’s flag, whatever the measure’s code', () => {
    const b1 = REFERENCE_MEASURES.find((m) => m.code === 'B1-FNA-2025')!;
    expect(revealsHealthOrHardship(b1)).toBe(true);
    expect(revealsHealthOrHardship({ ...b1, revealsHealthOrHardship: undefined })).toBe(false);
    expect(revealsHealthOrHardship({ ...b1, revealsHealthOrHardship: false })).toBe(false);
    expect(revealsHealthOrHardship({ revealsHealthOrHardship: true })).toBe(true);
  });

  it('covers the reference measures about disability and dependency, and the sealed ones; not Nidi Gratis', () => {
    const flagged = REFERENCE_MEASURES.filter(revealsHealthOrHardship).map((m) => m.code);
    expect(flagged.sort()).toEqual([
      'ALER-VIOLENZA',
      'B1-FNA-2025',
      'B2-FNA-2025-SEREGNO',
      'BONUS-ASSISTENTI-FAMILIARI',
      'ORFANI-FEMMINICIDIO',
    ]);
  });
});
