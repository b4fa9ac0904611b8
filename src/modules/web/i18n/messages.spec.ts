import { describe, expect, it } from '@jest/globals';
import { mergeTables, translator } from './messages.js';

describe('portal messages', () => {
  it('merges the features’ tables into the core one', () => {
    expect(mergeTables({ a: 'A' }, [{ b: 'B' }, { c: 'C' }])).toEqual({ a: 'A', b: 'B', c: 'C' });
  });

  it('refuses a key defined twice, in the core or in another feature', () => {
    expect(() => mergeTables({ a: 'A' }, [{ a: 'other' }])).toThrow('Portal message key defined twice: a');
    expect(() => mergeTables({}, [{ b: 'B' }, { b: 'B2' }])).toThrow('defined twice: b');
  });

  it('keeps the applicant’s and the staff’s outcome texts apart', () => {
    const t = translator('it');
    expect(t('outcome_not_eligible')).toBe('In base alle risposte, non hai tutti i requisiti.');
    expect(t('staffOutcome_not_eligible')).toBe('Non ammissibile');
  });
});
