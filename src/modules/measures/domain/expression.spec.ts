import { describe, expect, it } from '@jest/globals';

import { checkExpression, referencedFacts } from './expression-check.js';
import { evaluateExpression, ExpressionError, UNKNOWN, type Expression, type ReadLog } from './expression.js';
import type { Facts } from './facts.js';

function run(expression: Expression, facts: Facts = {}): { value: unknown; reads: ReadLog } {
  const reads: ReadLog = new Map();
  return { value: evaluateExpression(expression, facts, reads), reads };
}

const iseeAtMost25k: Expression = { '<=': [{ var: 'iseeValueCents' }, 2_500_000] };

describe('rule expressions', () => {
  it('never coerces a missing fact: a threshold on an absent ISEE is unknown, not passed', () => {
    // json-logic-js 2.0.5 and json-logic-engine 5.0.7 both return true here (null <= n).
    expect(run(iseeAtMost25k).value).toBe(UNKNOWN);
    expect(run(iseeAtMost25k, { iseeValueCents: 2_500_000 }).value).toBe(true);
    expect(run(iseeAtMost25k, { iseeValueCents: 2_500_001 }).value).toBe(false);
  });

  it('uses three-valued logic: a decisive operand wins over unknown ones', () => {
    const missing: Expression = { var: 'absent' };
    const isTrue: Expression = { '==': [missing, true] };
    expect(run({ and: [isTrue, false] }).value).toBe(false);
    expect(run({ and: [isTrue, true] }).value).toBe(UNKNOWN);
    expect(run({ or: [isTrue, true] }).value).toBe(true);
    expect(run({ or: [isTrue, false] }).value).toBe(UNKNOWN);
    expect(run({ '!': [isTrue] }).value).toBe(UNKNOWN);
    expect(run({ if: [isTrue, 1, 2] }).value).toBe(UNKNOWN);
  });

  it('records exactly the facts read, in order, stopping at the first decisive operand', () => {
    const expression: Expression = {
      or: [{ '!=': [{ var: 'applicantRole' }, 'parent'] }, { '==': [{ var: 'parentIsSuspect' }, false] }],
    };
    expect([...run(expression, { applicantRole: 'guardian', parentIsSuspect: true }).reads]).toEqual([
      ['applicantRole', 'guardian'],
    ]);
    expect([...run(expression, { applicantRole: 'parent' }).reads]).toEqual([
      ['applicantRole', 'parent'],
      ['parentIsSuspect', null],
    ]);
  });

  it('refuses to compare values of different types', () => {
    expect(() => run({ '==': [{ var: 'flag' }, true] }, { flag: 'true' })).toThrow(ExpressionError);
    expect(() => run({ '<': [{ var: 'name' }, 3] }, { name: 'abc' })).toThrow(ExpressionError);
    expect(() => run({ '<': ['abc', 'abd'] })).toThrow(ExpressionError);
    expect(() => run({ and: [1] })).toThrow(ExpressionError);
    expect(() => run({ nope: [1] } as unknown as Expression)).toThrow('Unknown operator: nope');
  });

  it('compares dates, computes months and tests membership', () => {
    expect(run({ '>=': [{ var: 'crimeDate' }, '2010-01-01'] }, { crimeDate: '2009-12-31' }).value).toBe(false);
    expect(run({ '>=': [{ var: 'crimeDate' }, '2010-01-01'] }, { crimeDate: '2010-01-01' }).value).toBe(true);
    expect(run({ addMonths: [{ var: 'applicationDate' }, -6] }, { applicationDate: '2025-08-31' }).value).toBe(
      '2025-02-28',
    );
    expect(run({ in: ['C5', ['C4', 'C5']] }).value).toBe(true);
    expect(run({ in: ['x', { var: 'choices' }] }, { choices: ['x', 'y'] }).value).toBe(true);
    expect(run({ if: [false, 'a', true, 'b', 'c'] }).value).toBe('b');
  });

  it('turns a declared fact that needs a person into unknown, but keeps a clear no', () => {
    expect(run({ needsReview: [{ var: 'declared' }] }, { declared: true }).value).toBe(UNKNOWN);
    expect(run({ needsReview: [{ var: 'declared' }] }, { declared: false }).value).toBe(false);
    expect(run({ needsReview: [{ var: 'declared' }] }).value).toBe(UNKNOWN);
  });
});

describe('static checks', () => {
  it('accepts well-formed expressions and lists the facts they read', () => {
    const expression: Expression = { and: [iseeAtMost25k, { in: [{ var: 'iseeType' }, ['minorenni']] }] };
    expect(checkExpression(expression)).toEqual([]);
    expect(referencedFacts(expression)).toEqual(['iseeType', 'iseeValueCents']);
  });

  it('reports unknown operators, bad arity, bad fact names and non-finite numbers with their path', () => {
    expect(checkExpression({ and: [{ '<=': [1] }] })).toEqual(['$.and[0].<=: wrong number of arguments (1)']);
    expect(checkExpression({ like: ['a', 'b'] })).toEqual(['$: unknown operator "like"']);
    expect(checkExpression({ var: 'Isee.value' })).toEqual(['$: var takes a camelCase fact name']);
    expect(checkExpression({ if: [true, 1] })).toEqual(['$.if: wrong number of arguments (2)']);
    expect(checkExpression({ '==': [Number.NaN, 1] })).toEqual(['$.==[0]: number must be finite']);
    expect(checkExpression({ a: 1, b: 2 })).toEqual(['$: an operation has exactly one operator, found 2']);
    expect(checkExpression(null)).toEqual(['$: not an expression']);
  });
});
