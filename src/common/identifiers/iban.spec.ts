import { describe, it, expect } from '@jest/globals';
import { ibanProblem, isValidIban, isValidItalianIban, normalizeIban } from './iban.js';

// Independent helpers (BigInt arithmetic) so the tests do not trust the code under test.
const numeric = (s: string) => [...s].map((c) => parseInt(c, 36).toString()).join('');
function withCheckDigits(country: string, bban: string): string {
  const check = 98n - (BigInt(numeric(bban + country + '00')) % 97n);
  return country + check.toString().padStart(2, '0') + bban;
}
// Italian CIN, written from the codice fiscale rule it shares.
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
function cin(abiCabAccount: string): string {
  let sum = 0;
  [...abiCabAccount].forEach((c, i) => {
    const base36 = parseInt(c, 36);
    const v = base36 < 10 ? base36 : base36 - 10; // letters count from A = 0
    sum += i % 2 === 0 ? ODD[v] : v;
  });
  return String.fromCharCode(65 + (sum % 26));
}
const italian = (abiCabAccount: string, cinLetter = cin(abiCabAccount)) =>
  withCheckDigits('IT', cinLetter + abiCabAccount);

const VALID_IT = 'IT60X0542811101000000123456';

describe('test helpers', () => {
  it('reproduce the reference Italian IBAN', () => {
    expect(italian('0542811101000000123456')).toBe(VALID_IT);
  });
  it('reproduce the ISO 13616 German example', () => {
    expect(withCheckDigits('DE', '370400440532013000')).toBe('DE89370400440532013000');
  });
});

describe('normalizeIban', () => {
  it('trims, upper-cases and removes the spaces of the paper format', () => {
    expect(normalizeIban(' it60 x054 2811 1010 0000 0123 456 ')).toBe(VALID_IT);
  });
});

describe('Italian IBAN', () => {
  it('accepts the reference IBAN, also in paper format and lower case', () => {
    expect(isValidItalianIban(VALID_IT)).toBe(true);
    expect(isValidIban(VALID_IT)).toBe(true);
    expect(ibanProblem('it60 x054 2811 1010 0000 0123 456', 'IT')).toBeNull();
  });

  it('accepts letters in the account number', () => {
    expect(isValidItalianIban(italian('0306909606100000ABC123'))).toBe(true);
  });

  it('rejects wrong check digits', () => {
    expect(ibanProblem('IT61X0542811101000000123456', 'IT')).toBe('check digits mismatch');
  });

  it('rejects a typo in the account', () => {
    expect(ibanProblem('IT60X0542811101000000123457', 'IT')).toBe('check digits mismatch');
    expect(ibanProblem('IT60X0542811101000000124356', 'IT')).toBe('check digits mismatch');
  });

  it('rejects a wrong CIN even with consistent check digits', () => {
    const iban = italian('0542811101000000123456', 'Y');
    expect(ibanProblem(iban, 'IT')).toBe('CIN mismatch');
    expect(isValidIban(iban)).toBe(false);
  });

  it('rejects a CIN that is not a letter', () => {
    expect(ibanProblem(withCheckDigits('IT', '10542811101000000123456'), 'IT')).toBe('CIN must be a letter');
  });

  it('rejects letters in ABI or CAB', () => {
    expect(ibanProblem(italian('05A2811101000000123456'), 'IT')).toBe('ABI must be 5 digits');
    expect(ibanProblem(italian('0542811B01000000123456'), 'IT')).toBe('CAB must be 5 digits');
  });

  it('rejects wrong lengths', () => {
    expect(ibanProblem(VALID_IT.slice(0, -1), 'IT')).toBe('wrong length, expected 27 characters for IT');
    expect(ibanProblem(VALID_IT + '7', 'IT')).toBe('wrong length, expected 27 characters for IT');
  });

  it('rejects foreign IBANs in the Italian scope', () => {
    expect(ibanProblem('DE89370400440532013000', 'IT')).toBe('not an Italian IBAN');
    expect(isValidItalianIban('DE89370400440532013000')).toBe(false);
  });

  it('rejects bad characters and empty input', () => {
    expect(ibanProblem('IT60X05428111010000001234-6', 'IT')).toBe('bad format');
    expect(ibanProblem('ITXXX0542811101000000123456', 'IT')).toBe('bad format');
    expect(ibanProblem('  ', 'IT')).toBe('empty');
  });
});

describe('SEPA IBAN', () => {
  const bbans: Array<[string, string]> = [
    ['DE', '370400440532013000'],
    ['FR', '20041010050500013M02606'],
    ['GB', 'WEST12345698765432'],
    ['CH', '00762011623852957'],
    ['NO', '86011117947'],
    ['BE', '539007547034'],
    ['MT', 'MALT011000012345MTLCAST001S'],
    ['SM', 'U0322509800000000270100'],
    ['VA', '001123000012345678'],
    ['RS', '260005601001611379'],
  ];
  it.each(bbans)('accepts a valid %s IBAN', (country, bban) => {
    expect(ibanProblem(withCheckDigits(country, bban))).toBeNull();
  });

  it('defaults to the SEPA scope', () => {
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(ibanProblem('DE89370400440532013000')).toBeNull();
  });

  it('rejects wrong check digits', () => {
    expect(ibanProblem('DE88370400440532013000')).toBe('check digits mismatch');
  });

  it('rejects a wrong length for the country', () => {
    expect(ibanProblem(withCheckDigits('DE', '3704004405320130001'))).toBe(
      'wrong length, expected 22 characters for DE',
    );
  });

  it('rejects countries outside SEPA', () => {
    expect(ibanProblem(withCheckDigits('TR', '0006100519786457841326'))).toBe('unsupported country TR');
    expect(ibanProblem('XX00123')).toBe('unsupported country XX');
  });

  it('rejects the check digits 00, 01 and 99, which only alias valid ones', () => {
    // Search German accounts for one whose real check digits are the aliased value.
    const germanIbanWithCheck = (check: string) => {
      for (let n = 0; ; n++) {
        const iban = withCheckDigits('DE', `37040044${String(n).padStart(10, '0')}`);
        if (iban.startsWith(`DE${check}`)) return iban;
      }
    };
    for (const [real, alias] of [
      ['97', '00'],
      ['98', '01'],
      ['02', '99'],
    ]) {
      const iban = germanIbanWithCheck(real);
      expect(isValidIban(iban)).toBe(true);
      expect(ibanProblem(`DE${alias}${iban.slice(4)}`)).toBe('check digits mismatch');
    }
  });
});
