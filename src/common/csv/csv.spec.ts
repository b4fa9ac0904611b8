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

  it('neutralises text cells a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+39 02 1234')).toBe("'+39 02 1234");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField('a=b')).toBe('a=b');
    // Numbers the product writes are kept as numbers.
    expect(csvField(-5)).toBe('-5');
    expect(csvLine(['=1', -1])).toBe("'=1,-1\r\n");
  });
});
