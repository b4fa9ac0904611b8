import { describe, expect, it } from '@jest/globals';
import { csvField, csvLine } from './csv.js';

describe('RFC 4180 CSV', () => {
  it('quotes only when needed, doubles quotes, ends lines with CRLF', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvLine([1, 'x', null])).toBe('1,x,\r\n');
  });
});
