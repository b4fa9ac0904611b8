import { mod26CheckCharacter } from './check-character.js';

/*
 * Validation only. By the domain rules a person's code is never computed from their
 * personal data: it comes from the identity provider (SPID/CIE) or from the applicant.
 */

// Homocode (omocodia) letters standing for the digits 0-9.
const HOMOCODE_DIGITS = 'LMNPQRSTUV';
const DIGIT_OR_HOMOCODE = `[0-9${HOMOCODE_DIGITS}]`;
const MONTH_LETTERS = 'ABCDEHLMPRST';

const SURNAME_NAME = /^[A-Z]{6}$/;
const TWO_DIGITS = new RegExp(`^${DIGIT_OR_HOMOCODE}{2}$`);
const PLACE = new RegExp(`^[A-Z]${DIGIT_OR_HOMOCODE}{3}$`);

export function normalizeCodiceFiscale(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function isValidCodiceFiscale(input: string): boolean {
  return codiceFiscaleProblem(input) === null;
}

/** True for a valid 11-digit provisional code (codice fiscale provvisorio). */
export function isProvisionalCodiceFiscale(input: string): boolean {
  const code = normalizeCodiceFiscale(input);
  return /^\d{11}$/.test(code) && provisionalProblem(code) === null;
}

/** A short English reason why the input is not a valid codice fiscale, or null if it is. */
export function codiceFiscaleProblem(input: string): string | null {
  const code = normalizeCodiceFiscale(input);
  if (code.length === 0) return 'empty';
  if (code.length === 11) return provisionalProblem(code);
  if (code.length !== 16) return 'wrong length, expected 16 characters or 11 digits for a provisional code';
  return personalProblem(code);
}

function personalProblem(code: string): string | null {
  if (!SURNAME_NAME.test(code.slice(0, 6))) return 'characters 1-6 must be letters';
  if (!TWO_DIGITS.test(code.slice(6, 8))) return 'bad birth year format';
  if (!MONTH_LETTERS.includes(code[8])) return 'invalid month letter';
  const day = code.slice(9, 11);
  if (!TWO_DIGITS.test(day)) return 'bad birth day format';
  // Women's codes add 40 to the day. The month is not cross-checked: the check
  // character already catches typos, and the rule only guards the shape.
  const dayNumber = Number(decodeHomocode(day));
  if (!((dayNumber >= 1 && dayNumber <= 31) || (dayNumber >= 41 && dayNumber <= 71))) return 'invalid day';
  if (!PLACE.test(code.slice(11, 15))) return 'bad place code format';
  if (!/^[A-Z]$/.test(code[15])) return 'check character must be a letter';
  // Computed over the code as written: homocode letters count as letters.
  if (mod26CheckCharacter(code.slice(0, 15)) !== code[15]) return 'check character mismatch';
  return null;
}

// The provisional code uses the partita IVA algorithm: a Luhn-like check on the 11th digit.
function provisionalProblem(code: string): string | null {
  if (!/^\d{11}$/.test(code)) return 'a provisional code has 11 digits';
  // All zeros passes the arithmetic but is only ever a placeholder.
  if (/^0+$/.test(code)) return 'placeholder code of all zeros';
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = code.charCodeAt(i) - 48;
    if (i % 2 === 0) sum += digit;
    else sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  }
  if ((10 - (sum % 10)) % 10 !== code.charCodeAt(10) - 48) return 'check digit mismatch';
  return null;
}

function decodeHomocode(chars: string): string {
  return chars.replace(/[LMNPQRSTUV]/g, (letter) => String(HOMOCODE_DIGITS.indexOf(letter)));
}
