import { describe, expect, it } from '@jest/globals';

import { computeBenefit } from '../compute-benefit.js';
import { evaluateEligibility } from '../evaluate-eligibility.js';
import { contextOn, ruleOf } from '../test-support.js';
import { ALER_VIOLENZA } from './aler-violenza.js';
import { SAMPLE_APPLICATIONS } from './sample-applications.js';

const referral = SAMPLE_APPLICATIONS['ALER-VIOLENZA'] as Record<string, unknown>;

function evaluate(facts: Record<string, unknown>, applicationDate = '2025-03-15') {
  return evaluateEligibility(ALER_VIOLENZA, { ...referral, ...facts }, contextOn(applicationDate));
}

describe('ALER-VIOLENZA', () => {
  it('never allocates a flat automatically: the final phase is for the centre and ALER to assess', () => {
    const result = evaluate({});
    expect(result.outcome).toBe('needs_review');
    expect(result.rules.map((rule) => rule.result)).toEqual(['pass', 'pass', 'review']);
  });

  it('accepts a woman whose path with the centre ended up to 6 months ago', () => {
    expect(ruleOf(evaluate({ cavStatus: 'ended', cavEndDate: '2024-09-15' }), 'cav-in-charge')).toMatchObject({
      inputs: { cavStatus: 'ended', cavEndDate: '2024-09-15', applicationDate: '2025-03-15' },
      result: 'pass',
    });
    expect(ruleOf(evaluate({ cavStatus: 'ended', cavEndDate: '2024-09-14' }), 'cav-in-charge').result).toBe('fail');
    expect(
      ruleOf(evaluate({ cavStatus: 'ended', cavEndDate: '2025-02-28' }, '2025-08-31'), 'cav-in-charge').result,
    ).toBe('pass');
    expect(
      ruleOf(evaluate({ cavStatus: 'ended', cavEndDate: '2025-02-27' }, '2025-08-31'), 'cav-in-charge').result,
    ).toBe('fail');
  });

  it('asks for the end date when the path has ended', () => {
    expect(ruleOf(evaluate({ cavStatus: 'ended' }), 'cav-in-charge')).toMatchObject({
      result: 'review',
      missing: ['cavEndDate'],
    });
  });

  it('accepts only referrals by a centre operator, in the final phase', () => {
    expect(evaluate({ submitterRole: 'other' }).outcome).toBe('not_eligible');
    expect(ruleOf(evaluate({ finalPhaseOfLeavingViolence: false }), 'final-phase').result).toBe('fail');
  });

  it('allocates one flat, no money', () => {
    expect(computeBenefit(ALER_VIOLENZA, {})).toMatchObject({ amountCents: 0, units: 1 });
  });
});
