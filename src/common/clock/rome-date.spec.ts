import { describe, expect, it } from '@jest/globals';
import { romeDate } from './rome-date.js';

describe('romeDate', () => {
  it('is the date in Rome, winter (UTC+1) and summer (UTC+2)', () => {
    expect(romeDate(new Date('2024-12-31T23:30:00Z'))).toBe('2025-01-01');
    expect(romeDate(new Date('2024-12-31T22:59:59Z'))).toBe('2024-12-31');
    expect(romeDate(new Date('2025-06-30T22:00:00Z'))).toBe('2025-07-01');
    expect(romeDate(new Date('2025-06-30T21:59:59Z'))).toBe('2025-06-30');
  });
});
