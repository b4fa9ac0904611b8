import { describe, expect, it } from '@jest/globals';

import { computeBenefit } from '../compute-benefit.js';
import { deriveFacts } from '../derive-facts.js';
import { evaluateEligibility } from '../evaluate-eligibility.js';
import type { RankingCriteria } from '../measure-definition.js';
import { compareForRanking } from '../ranking.js';
import { BRESCIA, MILANO, contextOn, ruleOf } from '../test-support.js';
import { B2_FNA_2025_SEREGNO } from './b2-fna-2025-seregno.js';
import { SAMPLE_APPLICATIONS } from './sample-applications.js';

const context = contextOn('2025-04-01');
const application = SAMPLE_APPLICATIONS['B2-FNA-2025-SEREGNO'] as Record<string, unknown>;

function evaluate(facts: Record<string, unknown>) {
  return evaluateEligibility(B2_FNA_2025_SEREGNO, { ...application, ...facts }, context);
}

describe('B2-FNA-2025-SEREGNO', () => {
  it('accepts L. 104 art. 3 c. 3 or the care allowance', () => {
    expect(evaluate({}).outcome).toBe('eligible');
    expect(evaluate({ law104Art3Comma3: false, receivesCareAllowance: true }).outcome).toBe('eligible');
    expect(ruleOf(evaluate({ law104Art3Comma3: false }), 'severe-disability')).toMatchObject({
      inputs: { law104Art3Comma3: false, receivesCareAllowance: false },
      result: 'fail',
    });
  });

  it('requires residence in the Ambito, and asks when the municipality has none assigned', () => {
    expect(ruleOf(evaluate({ residenceIstatCode: BRESCIA }), 'resident-in-ambito')).toMatchObject({
      inputs: { residentInLombardy: true, residenceAmbitoCode: 'AMB-326-BRESCIA' },
      result: 'fail',
    });
    expect(ruleOf(evaluate({ residenceIstatCode: MILANO }), 'resident-in-ambito')).toMatchObject({
      result: 'review',
      missing: ['residenceAmbitoCode'],
    });
  });

  it.each([
    ['adult 25,000.00', {}, 'sociosanitario', '25000.00', 'eligible'],
    ['adult 25,000.01', {}, 'sociosanitario', '25000.01', 'not_eligible'],
    ['minor 40,000.00', { beneficiaryBirthDate: '2015-06-01' }, 'ordinario', '40000.00', 'eligible'],
    ['minor 40,000.01', { beneficiaryBirthDate: '2015-06-01' }, 'ordinario', '40000.01', 'not_eligible'],
  ])('ISEE %s', (_, person, iseeType, iseeValue, outcome) => {
    expect(evaluate({ ...person, iseeType, iseeValue }).outcome).toBe(outcome);
  });

  it('ranks by ISEE ascending, ties broken by protocol order', () => {
    const received = [
      { protocolSeq: 1, iseeValue: '18.000,00' },
      { protocolSeq: 2, iseeValue: '9.500,00' },
      { protocolSeq: 3, iseeValue: '18.000,00' },
      { protocolSeq: 4, iseeValue: '24.999,99' },
      { protocolSeq: 5, iseeValue: '9.500,00' },
    ];
    const entries = received.map(({ protocolSeq, iseeValue }) => ({
      protocolSeq,
      facts: deriveFacts({ ...application, iseeValue }, context).facts,
    }));
    const ranking = B2_FNA_2025_SEREGNO.ranking as RankingCriteria;
    expect(entries.sort(compareForRanking(ranking)).map((entry) => entry.protocolSeq)).toEqual([2, 5, 1, 3, 4]);
  });

  it('pays 100 EUR a month to a family caregiver, up to 800 with an employed assistant, for 12 months', () => {
    const facts = deriveFacts(application, context).facts;
    expect(computeBenefit(B2_FNA_2025_SEREGNO, facts)).toMatchObject({ monthlyCents: 10_000, amountCents: 120_000 });
    const assistant = computeBenefit(B2_FNA_2025_SEREGNO, { ...facts, careArrangement: 'employed_assistant' });
    expect(assistant).toMatchObject({ monthlyCents: 80_000, amountCents: 960_000 });
    expect(assistant.explanation.en).toBe(
      'Monthly amount: allowance for "employed personal assistant (maximum amount)" €800.00. For 12 months. Total: €800.00 × 12 = €9,600.00.',
    );
  });
});
