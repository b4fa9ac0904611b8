import { describe, expect, it } from '@jest/globals';
import { parseAmbitoCsv } from './ambito-csv.js';

describe('parseAmbitoCsv', () => {
  it('reads a header and one municipality per line; an empty Ambito clears it', () => {
    expect(parseAmbitoCsv('istatCode,ambitoCode\n108039,amb-324-seregno\r\n\n108018,\n')).toEqual({
      rows: [
        { line: 2, istatCode: '108039', ambitoCode: 'AMB-324-SEREGNO' },
        { line: 4, istatCode: '108018', ambitoCode: null },
      ],
      problems: [],
    });
  });

  it('accepts semicolons, quotes and a byte-order mark', () => {
    expect(parseAmbitoCsv('\uFEFF"istatCode";"ambitoCode"\n"108039";"AMB-324-SEREGNO"').rows).toEqual([
      { line: 2, istatCode: '108039', ambitoCode: 'AMB-324-SEREGNO' },
    ]);
  });

  it('reports every bad line by number', () => {
    const { problems } = parseAmbitoCsv(
      'istatCode,ambitoCode\n10803,AMB-1\n108039,AMB-324-SEREGNO,x\n108039,amb 1\n108040,AMB-324-SEREGNO\n108040,',
    );
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 6]);
    expect(problems[3].message).toContain('line 5');
  });

  it('refuses a file without the header or without rows', () => {
    expect(parseAmbitoCsv('108039,AMB-324-SEREGNO').problems[0]).toEqual({
      line: 1,
      message: 'the header must be istatCode,ambitoCode',
    });
    expect(parseAmbitoCsv('istatCode,ambitoCode\n').problems[0].message).toBe('no municipality in the file');
    expect(parseAmbitoCsv('  \n').problems[0].message).toBe('the file is empty');
  });
});
