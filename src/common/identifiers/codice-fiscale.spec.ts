import { describe, it, expect } from '@jest/globals';
import {
  codiceFiscaleProblem,
  isProvisionalCodiceFiscale,
  isValidCodiceFiscale,
  normalizeCodiceFiscale,
} from './codice-fiscale.js';

// Independent re-implementation of the check letter, written from the domain README, so
// the tests do not trust the code under test.
const ODD_TABLE = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const ODD: Record<string, number> = {};
'0123456789'.split('').forEach((c, i) => (ODD[c] = ODD_TABLE[i])); // digits map like A-J
'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').forEach((c, i) => (ODD[c] = ODD_TABLE[i]));
const evenValue = (c: string) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65);
function withCheck(first15: string): string {
  let sum = 0;
  [...first15].forEach((c, i) => (sum += (i + 1) % 2 === 1 ? ODD[c] : evenValue(c)));
  return first15 + String.fromCharCode(65 + (sum % 26));
}

// Partita IVA style check digit, again written independently for the tests.
function withCheckDigit(first10: string): string {
  let sum = 0;
  [...first10].forEach((c, i) => {
    const d = Number(c);
    const doubled = d * 2;
    sum += i % 2 === 0 ? d : Math.floor(doubled / 10) + (doubled % 10);
  });
  return first10 + String((10 - (sum % 10)) % 10);
}

const flipCheck = (code: string) => code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');

describe('test helpers', () => {
  it('reproduce the reference code RSSMRA85T10A562S', () => {
    expect(withCheck('RSSMRA85T10A562')).toBe('RSSMRA85T10A562S');
  });
  it('reproduce a known partita IVA check digit', () => {
    expect(withCheckDigit('1234567890')).toBe('12345678903');
  });
});

describe('normalizeCodiceFiscale', () => {
  it('trims, upper-cases and removes inner spaces', () => {
    expect(normalizeCodiceFiscale('  rssmra 85t10 a562s \n')).toBe('RSSMRA85T10A562S');
  });
});

describe('isValidCodiceFiscale / codiceFiscaleProblem (personal code)', () => {
  it('accepts a valid code', () => {
    expect(isValidCodiceFiscale('RSSMRA85T10A562S')).toBe(true);
    expect(codiceFiscaleProblem('RSSMRA85T10A562S')).toBeNull();
  });

  it('accepts lower-case and spaced input', () => {
    expect(isValidCodiceFiscale(' rssmra85t10a562s ')).toBe(true);
    expect(isValidCodiceFiscale('RSS MRA 85T10 A562S')).toBe(true);
  });

  it('accepts a woman’s code (day + 40) and the boundary days', () => {
    for (const day of ['01', '31', '41', '50', '71']) {
      expect(codiceFiscaleProblem(withCheck(`BNCLRA90A${day}F205`))).toBeNull();
    }
  });

  it('accepts a foreign-born code (place code Z...)', () => {
    expect(isValidCodiceFiscale(withCheck('SMTJHN70C15Z114'))).toBe(true);
  });

  it('accepts every month letter', () => {
    for (const month of 'ABCDEHLMPRST') {
      expect(isValidCodiceFiscale(withCheck(`RSSMRA85${month}10A562`))).toBe(true);
    }
  });

  describe('homocode (omocodia) variants', () => {
    const variants = [
      'RSSMRA85T10A56N', // position 15: 2 -> N
      'RSSMRA85T10A5SN', // positions 14-15
      'RSSMRA85T10ARSN', // positions 13-15
      'RSSMRA85T1LARSN', // positions 11, 13-15
      'RSSMRA85TMLARSN', // positions 10-11, 13-15
      'RSSMRA8RTMLARSN', // positions 8, 10-11, 13-15
      'RSSMRAURTMLARSN', // all seven positions
    ];
    it.each(variants)('accepts %s with its recomputed check letter', (first15) => {
      expect(codiceFiscaleProblem(withCheck(first15))).toBeNull();
    });

    it('rejects a variant that keeps the original check letter', () => {
      const code = 'RSSMRA85T10A56NS';
      expect(withCheck('RSSMRA85T10A56N')).not.toBe(code);
      expect(codiceFiscaleProblem(code)).toBe('check character mismatch');
    });

    it('decodes homocode letters in the day before the range check', () => {
      // "RV" = 59 (woman, day 19): valid; "SV" = 69 (woman, day 29): valid; "TV" = 79: invalid.
      expect(codiceFiscaleProblem(withCheck('BNCLRA90ARVF205'))).toBeNull();
      expect(codiceFiscaleProblem(withCheck('BNCLRA90ASVF205'))).toBeNull();
      expect(codiceFiscaleProblem(withCheck('BNCLRA90ATVF205'))).toBe('invalid day');
    });

    it('rejects homocode letters outside LMNPQRSTUV', () => {
      expect(codiceFiscaleProblem(withCheck('RSSMRA85T10A56K'))).toBe('bad place code format');
      expect(codiceFiscaleProblem(withCheck('RSSMRAK5T10A562'))).toBe('bad birth year format');
    });
  });

  it('rejects a wrong check letter', () => {
    expect(isValidCodiceFiscale('RSSMRA85T10A562T')).toBe(false);
    expect(codiceFiscaleProblem('RSSMRA85T10A562T')).toBe('check character mismatch');
    expect(codiceFiscaleProblem(flipCheck(withCheck('BNCLRA90A41F205')))).toBe('check character mismatch');
  });

  it('rejects a single-character typo (caught by the check letter)', () => {
    expect(codiceFiscaleProblem('RSSMRA85T10A563S')).toBe('check character mismatch');
  });

  it('rejects a digit as check character', () => {
    expect(codiceFiscaleProblem('RSSMRA85T10A5621')).toBe('check character must be a letter');
  });

  it('rejects an invalid month letter', () => {
    expect(codiceFiscaleProblem(withCheck('RSSMRA85F10A562'))).toBe('invalid month letter');
    expect(codiceFiscaleProblem(withCheck('RSSMRA85110A562'))).toBe('invalid month letter');
  });

  it('rejects invalid days', () => {
    for (const day of ['00', '32', '40', '72', '99']) {
      expect(codiceFiscaleProblem(withCheck(`RSSMRA85T${day}A562`))).toBe('invalid day');
    }
  });

  it('rejects malformed segments', () => {
    expect(codiceFiscaleProblem(withCheck('RSSMR185T10A562'))).toBe('characters 1-6 must be letters');
    expect(codiceFiscaleProblem(withCheck('RSSMRA8AT10A562'))).toBe('bad birth year format');
    expect(codiceFiscaleProblem(withCheck('RSSMRA85T1AA562'))).toBe('bad birth day format');
    expect(codiceFiscaleProblem(withCheck('RSSMRA85T101562'))).toBe('bad place code format');
    expect(codiceFiscaleProblem('RSSMRA85T10A56-S')).toBe('bad place code format');
  });

  it('rejects wrong lengths', () => {
    const reason = 'wrong length, expected 16 characters or 11 digits for a provisional code';
    expect(codiceFiscaleProblem('RSSMRA85T10A562')).toBe(reason);
    expect(codiceFiscaleProblem('RSSMRA85T10A562SS')).toBe(reason);
    expect(codiceFiscaleProblem('1234567890')).toBe(reason);
    expect(codiceFiscaleProblem('')).toBe('empty');
    expect(codiceFiscaleProblem('   ')).toBe('empty');
  });
});

describe('provisional 11-digit code', () => {
  const valid = withCheckDigit('0123456789'); // 01234567897 (odd-sum + doubled even digits)

  it('accepts a code with the right check digit', () => {
    expect(valid).toBe('01234567897');
    expect(isValidCodiceFiscale(valid)).toBe(true);
    expect(isProvisionalCodiceFiscale(valid)).toBe(true);
    expect(isProvisionalCodiceFiscale(' 12345678903 ')).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(isValidCodiceFiscale('01234567890')).toBe(false);
    expect(codiceFiscaleProblem('12345678901')).toBe('check digit mismatch');
    expect(isProvisionalCodiceFiscale('12345678901')).toBe(false);
  });

  it('rejects 11 characters that are not all digits', () => {
    expect(codiceFiscaleProblem('1234567890A')).toBe('a provisional code has 11 digits');
  });

  it('rejects the all-zero placeholder', () => {
    expect(codiceFiscaleProblem('00000000000')).toBe('placeholder code of all zeros');
  });

  it('does not treat a personal code as provisional', () => {
    expect(isProvisionalCodiceFiscale('RSSMRA85T10A562S')).toBe(false);
  });
});
