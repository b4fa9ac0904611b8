/**
 * The mod-26 check character shared by the codice fiscale (check letter) and the Italian
 * BBAN (CIN): characters at odd 1-based positions are mapped through ODD_VALUES, those at
 * even positions count as their own value (digit, or letter index A=0), and the sum
 * mod 26 is read as a letter. Digits map like the letters A-J in both tables.
 */
const ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

/** `chars` must contain only 0-9 and A-Z; callers check the format first. */
export function mod26CheckCharacter(chars: string): string {
  let sum = 0;
  for (let i = 0; i < chars.length; i++) {
    const code = chars.charCodeAt(i);
    const value = code <= 57 ? code - 48 : code - 65;
    sum += i % 2 === 0 ? ODD_VALUES[value] : value;
  }
  return String.fromCharCode(65 + (sum % 26));
}
