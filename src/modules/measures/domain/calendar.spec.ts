import { describe, expect, it } from '@jest/globals';

import { addMonths, ageInYears, applicationDateInRome, isIsoDate, parseIsoDate } from './calendar.js';

describe('calendar', () => {
  it('accepts only real calendar dates', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2025-04-31')).toBe(false);
    expect(isIsoDate('2025-4-1')).toBe(false);
    expect(isIsoDate('01/04/2025')).toBe(false);
  });

  it('counts completed years: 26 years and 364 days is still 26', () => {
    expect(ageInYears('1998-03-15', '2025-03-14')).toBe(26);
    expect(ageInYears('1998-03-15', '2025-03-15')).toBe(27);
    expect(ageInYears('2025-03-15', '2025-03-15')).toBe(0);
  });

  it('lets a 29 February birth complete its year on 28 February of common years (c.c. art. 2963)', () => {
    expect(ageInYears('2000-02-29', '2027-02-27')).toBe(26);
    expect(ageInYears('2000-02-29', '2027-02-28')).toBe(27);
    expect(ageInYears('2000-02-29', '2028-02-28')).toBe(27);
    expect(ageInYears('2000-02-29', '2028-02-29')).toBe(28);
  });

  it('adds calendar months, clamping to the end of the month', () => {
    expect(addMonths('2025-03-15', -6)).toBe('2024-09-15');
    expect(addMonths('2025-08-31', -6)).toBe('2025-02-28');
    expect(addMonths('2024-08-31', -6)).toBe('2024-02-29');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(() => addMonths('2025-01-01', 0.5)).toThrow(RangeError);
  });

  it('dates an application by the civil day in Italy, summer time included', () => {
    expect(applicationDateInRome(new Date('2024-12-31T23:30:00Z'))).toBe('2025-01-01');
    expect(applicationDateInRome(new Date('2024-12-31T22:59:59Z'))).toBe('2024-12-31');
    expect(applicationDateInRome(new Date('2025-06-30T22:00:00Z'))).toBe('2025-07-01');
    expect(applicationDateInRome(new Date('2025-06-30T21:59:59Z'))).toBe('2025-06-30');
  });
});
