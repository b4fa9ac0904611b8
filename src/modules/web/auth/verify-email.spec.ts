import { describe, expect, it } from '@jest/globals';
import { tokenOfPasted } from './verify-email.pages.js';

describe('tokenOfPasted', () => {
  const token = 'abcdefghijABCDEFGHIJ0123456789_-abcdefghij';
  it('reads the code alone or the whole link, spaces around ignored', () => {
    expect(tokenOfPasted(token + 'k')).toBe(token + 'k');
    expect(tokenOfPasted(` https://sportello.example.it/verifica-email#token=${token}k \n`)).toBe(token + 'k');
  });
  it('refuses anything else', () => {
    expect(tokenOfPasted('')).toBeNull();
    expect(tokenOfPasted(token)).toBeNull(); // 42 characters
    expect(tokenOfPasted(`${token}k extra`)).toBeNull();
  });
});
