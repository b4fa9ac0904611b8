import { mod26CheckCharacter } from './check-character.js';

/**
 * IBAN lengths (ISO 13616 registry) of the 41 countries in the SEPA scheme scope, plus
 * Gibraltar, which has its own prefix. Only SEPA countries are known because
 * beneficiaries are paid by SEPA credit transfer: any other IBAN is of no use here.
 * Overseas territories and Crown dependencies use the FR, PT, ES, FI or GB prefixes.
 */
const SEPA_IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AL: 28,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GI: 23,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  RS: 22,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  VA: 22,
};

/** 'IT': Italian IBANs only; 'SEPA': any country of the SEPA scheme scope. */
export type IbanScope = 'IT' | 'SEPA';

export function normalizeIban(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Valid IBAN of any SEPA country (Italian ones are also checked as Italian). */
export function isValidIban(input: string): boolean {
  return ibanProblem(input, 'SEPA') === null;
}

export function isValidItalianIban(input: string): boolean {
  return ibanProblem(input, 'IT') === null;
}

/** A short English reason why the input is not a valid IBAN in `scope`, or null if it is. */
export function ibanProblem(input: string, scope: IbanScope = 'SEPA'): string | null {
  const iban = normalizeIban(input);
  if (iban.length === 0) return 'empty';
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return 'bad format';
  const country = iban.slice(0, 2);
  if (scope === 'IT' && country !== 'IT') return 'not an Italian IBAN';
  const length = SEPA_IBAN_LENGTHS[country];
  if (length === undefined) return `unsupported country ${country}`;
  if (iban.length !== length) return `wrong length, expected ${length} characters for ${country}`;
  if (country === 'IT') {
    const formatProblem = italianBbanFormatProblem(iban.slice(4));
    if (formatProblem !== null) return formatProblem;
  }
  // Computed check digits are always 02-98; 00, 01 and 99 would pass mod-97 as aliases.
  const checkDigits = Number(iban.slice(2, 4));
  if (checkDigits < 2 || checkDigits > 98 || mod97(iban.slice(4) + iban.slice(0, 4)) !== 1) {
    return 'check digits mismatch';
  }
  // The CIN is the Italian bank check character over ABI + CAB + account.
  if (country === 'IT' && mod26CheckCharacter(iban.slice(5)) !== iban[4]) return 'CIN mismatch';
  return null;
}

// Italian BBAN: CIN letter, ABI (bank, 5 digits), CAB (branch, 5 digits), account (12
// alphanumerics, already guaranteed by the general format and length checks).
function italianBbanFormatProblem(bban: string): string | null {
  if (!/^[A-Z]$/.test(bban[0])) return 'CIN must be a letter';
  if (!/^\d{5}$/.test(bban.slice(1, 6))) return 'ABI must be 5 digits';
  if (!/^\d{5}$/.test(bban.slice(6, 11))) return 'CAB must be 5 digits';
  return null;
}

// ISO 7064 mod 97-10 with letters as 10-35, folded one character at a time to stay within safe integers.
function mod97(chars: string): number {
  let remainder = 0;
  for (const char of chars) {
    const value = parseInt(char, 36);
    remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97;
  }
  return remainder;
}
