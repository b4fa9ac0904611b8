const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const value = (c: string) => (c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65);

/** Test fixtures only: completes 15 characters with their check letter. */
export function withCheckLetter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) sum += i % 2 === 0 ? ODD[value(first15[i])] : value(first15[i]);
  return first15 + String.fromCharCode(65 + (sum % 26));
}

// A random start per test process, then consecutive: distinct for 8,000 codes per process.
let counter = Math.floor(Math.random() * 8000);
const LETTERS = 'BCDFGHJKLMNPQRSTVWXZ';

/** A distinct, well-formed codice fiscale for each call (different surname letters). */
export function uniqueFiscalCode(): string {
  const n = counter++;
  const surname = [0, 1, 2].map((i) => LETTERS[Math.floor(n / LETTERS.length ** i) % LETTERS.length]).join('');
  return withCheckLetter(`${surname}MRA85T50B157`);
}
