import { describe, expect, it } from '@jest/globals';
import { formatProtocolNumber, parseProtocolNumber } from './protocol-number.js';

describe('protocol numbers', () => {
  it('have at least 7 digits after the year', () => {
    expect(formatProtocolNumber(2026, 123)).toBe('2026-0000123');
    expect(formatProtocolNumber(2026, 12_345_678)).toBe('2026-12345678');
  });
  it('start at 1', () => {
    expect(() => formatProtocolNumber(2026, 0)).toThrow(RangeError);
  });
  it('parse back', () => {
    expect(parseProtocolNumber('2026-0000123')).toEqual({ year: 2026, seq: 123 });
    expect(parseProtocolNumber('2026-123')).toBeNull();
  });
});
