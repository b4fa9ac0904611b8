import { describe, it, expect } from '@jest/globals';
import {
  iseeExpiry,
  iseeProtocolProblem,
  isValidIseeProtocol,
  normalizeIseeProtocol,
  type IseeType,
} from './isee-attestation.js';

describe('ISEE attestation protocol', () => {
  it('accepts a well-formed protocol', () => {
    expect(isValidIseeProtocol('INPS-ISEE-2025-012345678-00')).toBe(true);
    expect(iseeProtocolProblem('INPS-ISEE-2025-012345678-00')).toBeNull();
  });

  it('accepts the first and last plausible years', () => {
    expect(isValidIseeProtocol('INPS-ISEE-2015-000000001-01')).toBe(true);
    expect(isValidIseeProtocol('INPS-ISEE-2099-999999999-99')).toBe(true);
  });

  it('normalises case and surrounding or inner whitespace', () => {
    expect(normalizeIseeProtocol(' inps-isee-2025-012345678-00\n')).toBe('INPS-ISEE-2025-012345678-00');
    expect(isValidIseeProtocol('inps-isee-2025- 012345678-00')).toBe(true);
  });

  it('rejects implausible years', () => {
    expect(iseeProtocolProblem('INPS-ISEE-2014-012345678-00')).toBe('implausible year, expected 2015-2099');
    expect(iseeProtocolProblem('INPS-ISEE-2100-012345678-00')).toBe('implausible year, expected 2015-2099');
  });

  it.each([
    'INPS-ISEE-2025-01234567-00', // 8 digits
    'INPS-ISEE-2025-0123456789-00', // 10 digits
    'INPS-ISEE-2025-012345678-0', // 1-digit suffix
    'INPS-ISEE-2025-012345678-000',
    'INPS-ISEE-25-012345678-00',
    'INPS-ISEE-2025-01234567A-00',
    'INPS ISEE 2025 012345678 00',
    'INPS_ISEE_2025_012345678_00',
    'ISEE-2025-012345678-00',
    'INPS-ISEE-2025-012345678-00-1',
    '',
  ])('rejects %p', (protocol) => {
    expect(iseeProtocolProblem(protocol)).toBe('bad format, expected INPS-ISEE-YYYY-XXXXXXXXX-NN');
    expect(isValidIseeProtocol(protocol)).toBe(false);
  });
});

describe('iseeExpiry', () => {
  it.each<IseeType>(['ordinario', 'minorenni', 'sociosanitario'])('%s expires on 31 December', (type) => {
    expect(iseeExpiry(type, '2025-01-01')).toBe('2025-12-31');
    expect(iseeExpiry(type, '2025-03-15')).toBe('2025-12-31');
    expect(iseeExpiry(type, '2025-12-31')).toBe('2025-12-31');
  });

  it.each([
    ['2025-01-10', '2025-07-09'],
    ['2025-03-15', '2025-09-14'],
    ['2025-07-31', '2026-01-30'], // crosses the year
    ['2025-10-15', '2026-04-14'],
    ['2025-12-15', '2026-06-14'],
    ['2025-07-01', '2025-12-31'], // 1st of the month: ends at the end of the previous month
    ['2025-09-01', '2026-02-28'],
    ['2027-09-01', '2028-02-29'], // leap year
    ['2025-08-31', '2026-02-28'], // "31 Feb" rolls over: ends on the last day of February
    ['2025-08-29', '2026-02-28'],
    ['2025-08-28', '2026-02-27'],
    ['2027-08-31', '2028-02-29'], // leap year
    ['2027-08-30', '2028-02-29'],
    ['2027-08-29', '2028-02-28'],
    ['2025-12-31', '2026-06-30'], // "31 Jun" rolls over
    ['2024-02-29', '2024-08-28'],
  ])('corrente issued on %s expires on %s', (issuedOn, expected) => {
    expect(iseeExpiry('corrente', issuedOn)).toBe(expected);
  });

  it.each(['2025-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-1-5', '05/01/2025', ''])(
    'rejects the non-date %p',
    (issuedOn) => {
      expect(() => iseeExpiry('ordinario', issuedOn)).toThrow(RangeError);
      expect(() => iseeExpiry('corrente', issuedOn)).toThrow(RangeError);
    },
  );

  it('rejects an unknown type from untyped callers', () => {
    expect(() => iseeExpiry('annuale' as IseeType, '2025-01-01')).toThrow(RangeError);
  });
});
