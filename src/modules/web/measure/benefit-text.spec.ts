import { describe, expect, it } from '@jest/globals';
import { REFERENCE_MEASURES } from '../../measures/domain/index.js';
import { describeBenefit, describeMoney } from './benefit-text.js';

describe('describeMoney', () => {
  it('says a formula in words, in each language', () => {
    const e = {
      op: 'percent',
      basisPoints: 6000,
      of: { op: 'fact', fact: 'costCents', label: { it: 'spesa sostenuta', en: 'cost incurred' } },
    } as const;
    expect(describeMoney(e, 'it')).toBe('60% di spesa sostenuta');
    expect(describeMoney(e, 'en')).toBe('60% of cost incurred');
  });
  it('describes ISEE bands and conditional amounts', () => {
    const nidi = REFERENCE_MEASURES.find((m) => m.code === 'NIDI-GRATIS-PLUS-2024-25')!;
    const text = describeBenefit(nidi.benefit, 'it');
    expect(text).toContain(
      'retta mensile oltre (se nato dal 2024 con fratello o sorella sotto i 10 anni: 327,27 €; altrimenti 272,73 €)',
    );
    expect(text).toContain('ISEE fino a 20.000,00 € senza tetto; ISEE fino a 25.000,00 € al massimo 100,00 €');
    expect(text).toContain('al massimo 11 mesi');
  });
});
