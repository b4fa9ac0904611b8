import { describe, expect, it } from '@jest/globals';

import { computeBenefit } from '../compute-benefit.js';
import { deriveFacts } from '../derive-facts.js';
import { evaluateEligibility } from '../evaluate-eligibility.js';
import { contextOn, ruleOf } from '../test-support.js';
import { NIDI_GRATIS_PLUS_2024_25 } from './nidi-gratis-plus-2024-25.js';
import { SAMPLE_APPLICATIONS } from './sample-applications.js';

const context = contextOn('2024-11-20');
const application = SAMPLE_APPLICATIONS['NIDI-GRATIS-PLUS-2024-25'] as Record<string, unknown>;

function benefit(facts: Record<string, unknown>) {
  return computeBenefit(NIDI_GRATIS_PLUS_2024_25, deriveFacts(facts, context).facts);
}

describe('NIDI-GRATIS-PLUS-2024-25', () => {
  it('is eligible up to ISEE 25,000.00 and not at 25,000.01', () => {
    expect(
      evaluateEligibility(NIDI_GRATIS_PLUS_2024_25, { ...application, iseeValue: '25000.00' }, context).outcome,
    ).toBe('eligible');
    const above = evaluateEligibility(NIDI_GRATIS_PLUS_2024_25, { ...application, iseeValue: '25000.01' }, context);
    expect(above.outcome).toBe('not_eligible');
    expect(ruleOf(above, 'isee-threshold')).toMatchObject({ inputs: { iseeValueCents: 2_500_001 }, result: 'fail' });
  });

  it('pays the whole excess over INPS up to ISEE 20,000.00, at most 100 EUR a month from 20,000.01', () => {
    expect(benefit({ ...application, iseeValue: '20000.00' }).monthlyCents).toBe(12_273);
    expect(benefit({ ...application, iseeValue: '20000.01' }).monthlyCents).toBe(10_000);
    expect(benefit({ ...application, iseeValue: '25000.00' }).monthlyCents).toBe(10_000);
  });

  it('fee 450.00 over INPS 327.27: 100.00 a month with ISEE 22,000, 122.73 with ISEE 18,000', () => {
    expect(benefit(application)).toEqual({
      amountCents: 100_000,
      monthlyCents: 10_000,
      months: 10,
      explanation: {
        it:
          'Importo mensile: retta mensile 450,00 € oltre importo mensile Bonus Nido INPS 327,27 € ' +
          '(nato dal 2024 con fratello o sorella sotto i 10 anni: sì): 122,73 €; ' +
          'ISEE 22.000,00 € nella fascia fino a 25.000,00 €, tetto 100,00 €: 100,00 €. ' +
          'Mesi dichiarati 10 (massimo 11): 10. Totale: 100,00 € × 10 = 1.000,00 €.',
        en:
          'Monthly amount: monthly fee €450.00 above INPS Bonus Nido monthly amount €327.27 ' +
          '(born from 2024 with a sibling under 10: yes): €122.73; ' +
          'ISEE €22,000.00 in the band up to €25,000.00, capped at €100.00: €100.00. ' +
          'Months declared 10 (at most 11): 10. Total: €100.00 × 10 = €1,000.00.',
      },
    });
    expect(benefit({ ...application, iseeValue: '18000' })).toMatchObject({
      monthlyCents: 12_273,
      amountCents: 122_730,
    });
  });

  it('uses 272.73 for children born before 2024 or without a sibling under 10', () => {
    expect(benefit({ ...application, iseeValue: '18000', childBirthDate: '2023-12-31' }).monthlyCents).toBe(17_727);
    expect(benefit({ ...application, iseeValue: '18000', hasSiblingUnder10: false }).monthlyCents).toBe(17_727);
  });

  it('requires a fee above the applicable INPS amount', () => {
    const atInps = evaluateEligibility(NIDI_GRATIS_PLUS_2024_25, { ...application, monthlyFeeCents: 32_727 }, context);
    expect(ruleOf(atInps, 'fee-above-inps')).toEqual({
      id: 'fee-above-inps',
      kind: 'requirement',
      text: NIDI_GRATIS_PLUS_2024_25.eligibility[5]?.text,
      inputs: { monthlyFeeCents: 32_727, childBirthDate: '2024-05-10', hasSiblingUnder10: true },
      result: 'fail',
    });
    const above = evaluateEligibility(NIDI_GRATIS_PLUS_2024_25, { ...application, monthlyFeeCents: 32_728 }, context);
    expect(ruleOf(above, 'fee-above-inps').result).toBe('pass');
    const olderChild = { ...application, childBirthDate: '2023-06-01', monthlyFeeCents: 30_000 };
    expect(ruleOf(evaluateEligibility(NIDI_GRATIS_PLUS_2024_25, olderChild, context), 'fee-above-inps').result).toBe(
      'pass',
    );
  });

  it('rejects attestations of another type or with omissions', () => {
    const ordinario = evaluateEligibility(NIDI_GRATIS_PLUS_2024_25, { ...application, iseeType: 'ordinario' }, context);
    expect(ruleOf(ordinario, 'isee-minorenni').result).toBe('fail');
    const omissions = evaluateEligibility(
      NIDI_GRATIS_PLUS_2024_25,
      { ...application, iseeHasOmissionsOrDiscrepancies: true },
      context,
    );
    expect(ruleOf(omissions, 'isee-without-discrepancies').result).toBe('fail');
  });

  it('pays at most 11 months', () => {
    expect(benefit({ ...application, months: 12 })).toMatchObject({ months: 11, amountCents: 110_000 });
  });
});
