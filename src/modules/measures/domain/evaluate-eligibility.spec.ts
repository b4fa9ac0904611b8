import { describe, expect, it } from '@jest/globals';

import { evaluateEligibility } from './evaluate-eligibility.js';
import type { EligibilityRule } from './measure-definition.js';
import { contextOn } from './test-support.js';

const text = { it: 'testo', en: 'text' };
const definition: { eligibility: EligibilityRule[] } = {
  eligibility: [
    { id: 'isee', kind: 'requirement', text, expression: { '<=': [{ var: 'iseeValueCents' }, 2_500_000] } },
    { id: 'document', kind: 'review', text, expression: { '==': [{ var: 'hasRuling' }, true] } },
  ],
};
const context = contextOn('2025-03-14');

describe('evaluateEligibility', () => {
  it('explains every rule with the inputs it read', () => {
    const result = evaluateEligibility(
      definition,
      { iseeValue: '25.000,00', hasRuling: true, unrelated: 'x' },
      context,
    );
    expect(result).toEqual({
      outcome: 'needs_review',
      rules: [
        { id: 'isee', kind: 'requirement', text, inputs: { iseeValueCents: 2_500_000 }, result: 'pass' },
        { id: 'document', kind: 'review', text, inputs: { hasRuling: true }, result: 'review' },
      ],
      factIssues: [],
    });
  });

  it('is not eligible when any rule clearly fails, a review rule included', () => {
    expect(evaluateEligibility(definition, { iseeValue: '25000.01', hasRuling: true }, context).outcome).toBe(
      'not_eligible',
    );
    const noRuling = evaluateEligibility(definition, { iseeValue: '1000', hasRuling: false }, context);
    expect(noRuling.outcome).toBe('not_eligible');
    expect(noRuling.rules[1]?.result).toBe('fail');
  });

  it('is eligible only when every rule is a requirement that passes', () => {
    const requirementsOnly = { eligibility: definition.eligibility.slice(0, 1) };
    expect(evaluateEligibility(requirementsOnly, { iseeValue: '0' }, context).outcome).toBe('eligible');
  });

  it('sends a missing input to review and names it, instead of failing or crashing', () => {
    const result = evaluateEligibility(definition, { hasRuling: true }, context);
    expect(result.outcome).toBe('needs_review');
    expect(result.rules[0]).toMatchObject({
      result: 'review',
      inputs: { iseeValueCents: null },
      missing: ['iseeValueCents'],
    });
  });

  it('reports an unusable input on the rule and in factIssues', () => {
    const result = evaluateEligibility(definition, { iseeValue: 'venticinquemila', hasRuling: 'yes' }, context);
    expect(result.factIssues).toEqual([{ fact: 'iseeValue', code: 'invalid_isee_value' }]);
    expect(result.rules[0]).toMatchObject({ result: 'review', missing: ['iseeValueCents'] });
    expect(result.rules[1]).toMatchObject({ result: 'review', error: '== compares a string with a boolean' });
  });

  it('gives the same explanation, byte for byte, on every run', () => {
    const facts = { iseeValue: '20000', hasRuling: true };
    expect(JSON.stringify(evaluateEligibility(definition, facts, context))).toBe(
      JSON.stringify(evaluateEligibility(definition, facts, context)),
    );
  });
});
