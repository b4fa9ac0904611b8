import { describe, expect, it } from '@jest/globals';
import { REFERENCE_MEASURES } from '../../../measures/domain/reference-measures/index.js';
import { filedByCentre } from './centre-measures.js';

describe('filedByCentre: the measures the centre’s pages offer', () => {
  it('is the ALER flats among the reference measures, not the orphans’ fund (sealed, but filed by the family)', () => {
    expect(REFERENCE_MEASURES.filter(filedByCentre).map((d) => d.code)).toEqual(['ALER-VIOLENZA']);
    expect(REFERENCE_MEASURES.find((d) => d.code === 'ORFANI-FEMMINICIDIO')?.sealed).toBe(true);
  });
});
