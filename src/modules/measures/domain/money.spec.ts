import { describe, expect, it } from '@jest/globals';

import { formatBasisPoints, formatCents, parseEuroToCents, percentOfCents } from './money.js';

describe('money', () => {
  it('parses euro amounts as written in Italy or in JSON, exactly', () => {
    expect(parseEuroToCents('25.000,00')).toBe(2_500_000);
    expect(parseEuroToCents('25000.00')).toBe(2_500_000);
    expect(parseEuroToCents('25.000')).toBe(2_500_000);
    expect(parseEuroToCents('20000,01')).toBe(2_000_001);
    expect(parseEuroToCents('20000.1')).toBe(2_000_010);
    expect(parseEuroToCents(20_000.01)).toBe(2_000_001);
    expect(parseEuroToCents(' 0 ')).toBe(0);
  });

  it('rejects what is not a plain amount with at most two decimals', () => {
    for (const input of ['-5', '1,234', '12.345,678', '1e5', 'abc', '', '20000.001']) {
      expect(parseEuroToCents(input)).toBeNull();
    }
    expect(parseEuroToCents(1e21)).toBeNull();
    expect(parseEuroToCents(Number.NaN)).toBeNull();
  });

  it('formats cents in Italian and English without Intl', () => {
    expect(formatCents(12_273, 'it')).toBe('122,73 €');
    expect(formatCents(2_500_000, 'it')).toBe('25.000,00 €');
    expect(formatCents(2_500_000, 'en')).toBe('€25,000.00');
    expect(formatCents(5, 'en')).toBe('€0.05');
  });

  it('rounds percentages half up to the cent', () => {
    expect(percentOfCents(333_333, 6_000)).toBe(200_000);
    expect(percentOfCents(333_332, 6_000)).toBe(199_999);
    expect(percentOfCents(1, 5_000)).toBe(1);
    expect(formatBasisPoints(6_000, 'it')).toBe('60%');
    expect(formatBasisPoints(1_250, 'it')).toBe('12,5%');
    expect(formatBasisPoints(1_250, 'en')).toBe('12.5%');
  });
});
