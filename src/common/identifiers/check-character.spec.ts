import { describe, it, expect } from '@jest/globals';
import { mod26CheckCharacter } from './check-character.js';

describe('mod26CheckCharacter', () => {
  it('gives the check letter of a known codice fiscale', () => {
    expect(mod26CheckCharacter('RSSMRA85T10A562')).toBe('S');
  });

  it('gives the CIN of a known Italian BBAN (ABI + CAB + account)', () => {
    expect(mod26CheckCharacter('0542811101000000123456')).toBe('X');
  });

  it('maps digits like the letters A-J', () => {
    expect(mod26CheckCharacter('0123456789')).toBe(mod26CheckCharacter('ABCDEFGHIJ'));
  });

  it('returns A for an empty string (sum 0)', () => {
    expect(mod26CheckCharacter('')).toBe('A');
  });
});
