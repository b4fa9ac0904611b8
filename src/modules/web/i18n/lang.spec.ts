import { describe, expect, it } from '@jest/globals';
import { chooseLang } from './lang.js';

describe('chooseLang', () => {
  it('defaults to Italian', () => expect(chooseLang(undefined, undefined)).toBe('it'));
  it('takes the query first, then the cookie', () => {
    expect(chooseLang('en', 'it')).toBe('en');
    expect(chooseLang(undefined, 'en')).toBe('en');
  });
  it('ignores unknown languages', () => expect(chooseLang('de', 'fr')).toBe('it'));
});
