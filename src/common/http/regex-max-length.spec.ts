import { describe, expect, it } from '@jest/globals';
import { regexMaxLength } from './regex-max-length.js';

describe('regexMaxLength', () => {
  it.each([
    ['^\\d{3}$', 3],
    ['^\\d{6}$', 6],
    ['^[A-Z0-9-]{2,64}$', 64],
    ['^(\\d{11}|[A-Z0-9]{16})$', 16],
    ['^INPS-ISEE-\\d{4}-[A-Z0-9]{9}-\\d{2}$', 27],
    ['^[a-z]?x(?:ab|c){2}$', 6],
    ['^[\\]a]{2}$', 2],
  ])('%s matches at most %d characters', (source, max) => {
    expect(regexMaxLength(source)).toBe(max);
  });

  it.each(['^[A-Z0-9]+(-[A-Z0-9]+)*$', '^a{2,}$', 'abc', '^(a)\\1$', '^(?=a)a$', '^a.*$'])(
    '%s has no bound it can state',
    (source) => {
      expect(regexMaxLength(source)).toBeNull();
    },
  );
});
