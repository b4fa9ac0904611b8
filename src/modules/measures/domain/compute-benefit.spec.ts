import { describe, expect, it } from '@jest/globals';

import { BenefitComputationError, computeBenefit } from './compute-benefit.js';
import type { BenefitFormula } from './measure-definition.js';

const label = { it: 'importo', en: 'amount' };

describe('computeBenefit', () => {
  it('computes a fixed one-off amount', () => {
    const benefit: BenefitFormula = { type: 'one_off', amount: { op: 'constant', cents: 500_000, label } };
    expect(computeBenefit({ benefit }, {})).toEqual({
      amountCents: 500_000,
      explanation: { it: 'Contributo una tantum: importo 5.000,00 €.', en: 'One-off grant: amount €5,000.00.' },
    });
  });

  it('multiplies a monthly amount by fixed or declared months, capped', () => {
    const declared: BenefitFormula = {
      type: 'monthly',
      monthly: { op: 'constant', cents: 10_000, label },
      months: { fact: 'months', max: 11 },
    };
    expect(computeBenefit({ benefit: declared }, { months: 14 })).toMatchObject({
      amountCents: 110_000,
      monthlyCents: 10_000,
      months: 11,
    });
    expect(computeBenefit({ benefit: declared }, { months: 3 })).toMatchObject({ amountCents: 30_000, months: 3 });
  });

  it('reports the missing or unusable fact instead of guessing an amount', () => {
    const benefit: BenefitFormula = { type: 'one_off', amount: { op: 'fact', fact: 'declaredCostCents', label } };
    expect(() => computeBenefit({ benefit }, {})).toThrow(BenefitComputationError);
    expect(() => computeBenefit({ benefit }, { declaredCostCents: 10.5 })).toThrow(
      'declaredCostCents must be a non-negative whole number of cents',
    );
    try {
      computeBenefit({ benefit }, {});
    } catch (error) {
      expect((error as BenefitComputationError).fact).toBe('declaredCostCents');
    }
  });

  it('rejects an ISEE above every band and a table value without an amount', () => {
    const capped: BenefitFormula = {
      type: 'one_off',
      amount: {
        op: 'capByIseeBand',
        of: { op: 'constant', cents: 1, label },
        bands: [{ maxIseeCents: 100, capCents: null }],
      },
    };
    expect(() => computeBenefit({ benefit: capped }, { iseeValueCents: 101 })).toThrow('ISEE above the last band');
    const table: BenefitFormula = {
      type: 'one_off',
      amount: { op: 'table', fact: 'kind', label, cases: { a: { cents: 1, label } } },
    };
    expect(() => computeBenefit({ benefit: table }, { kind: 'b' })).toThrow('No amount for kind = b');
  });

  it('describes an in-kind benefit by units', () => {
    const benefit: BenefitFormula = {
      type: 'in_kind',
      units: 1,
      unit: { it: 'alloggio', en: 'flat' },
      description: { it: 'per 5 anni', en: 'for 5 years' },
    };
    expect(computeBenefit({ benefit }, {})).toEqual({
      amountCents: 0,
      units: 1,
      explanation: { it: '1 × alloggio: per 5 anni.', en: '1 × flat: for 5 years.' },
    });
  });
});
