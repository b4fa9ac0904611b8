import { describe, expect, it } from '@jest/globals';
import { AmbitoClaimError, reconcileAmbitoClaims, type AmbitoClaim } from './ambito-claims.js';

const ATS: Record<string, string> = { '000001': '324', '000002': '324', '000003': '324', '000009': '326' };
const AMBITI: Record<string, string> = { A: '324', B: '324', C: '326' };
const reconcile = (claims: AmbitoClaim[]) =>
  reconcileAmbitoClaims(
    claims,
    (c) => ATS[c],
    (c) => AMBITI[c],
  );
const claim = (
  ambitoCode: string,
  sourceId: string,
  asOf: string | null,
  municipalities: string[],
  complete = false,
): AmbitoClaim => ({
  ambitoCode,
  sourceId,
  asOf,
  complete,
  municipalities,
});

describe('reconcileAmbitoClaims', () => {
  it('keeps agreeing sources in one period, from the oldest, with every source', () => {
    const { current, history } = reconcile([
      claim('A', 'new', '2021-01-01', ['000001']),
      claim('A', 'old', '2012-01-01', ['000001']),
    ]);
    expect(history).toEqual([
      { istatCode: '000001', ambitoCode: 'A', validFrom: '2012-01-01', validTo: null, sourceIds: ['old', 'new'] },
    ]);
    expect(current.get('000001')?.ambitoCode).toBe('A');
  });

  it('lets the newer source win and keeps the older one in the history', () => {
    const { current, history } = reconcile([
      claim('A', 's2014', '2014-01-01', ['000001']),
      claim('B', 's2020', '2020-02-11', ['000001']),
    ]);
    expect(history).toEqual([
      { istatCode: '000001', ambitoCode: 'A', validFrom: '2014-01-01', validTo: '2020-02-11', sourceIds: ['s2014'] },
      { istatCode: '000001', ambitoCode: 'B', validFrom: '2020-02-11', validTo: null, sourceIds: ['s2020'] },
    ]);
    expect(current.get('000001')?.ambitoCode).toBe('B');
  });

  it('ends, at its date, an older membership a newer complete list leaves out: no Ambito is invented', () => {
    const { current } = reconcile([
      claim('A', 'full-2014', '2014-01-01', ['000001', '000002', '000003'], true),
      claim('A', 'full-2020', '2020-01-01', ['000001'], true),
      claim('A', 'partial-2023', '2023-01-01', ['000002']),
    ]);
    expect(current.get('000001')).toMatchObject({ ambitoCode: 'A', validFrom: '2014-01-01' });
    // Left out in 2020, named again in 2023.
    expect(current.get('000002')).toMatchObject({
      ambitoCode: 'A',
      validFrom: '2023-01-01',
      sourceIds: ['partial-2023'],
    });
    // Left out in 2020 and never named again: unknown since.
    expect(current.get('000003')).toEqual({
      istatCode: '000003',
      ambitoCode: null,
      validFrom: '2020-01-01',
      validTo: null,
      sourceIds: ['full-2020'],
    });
  });

  it('a partial list ends nothing; an undated source is older than any dated one', () => {
    const { current, history } = reconcile([
      claim('A', 'partial', '2020-01-01', ['000001']),
      claim('B', 'undated', null, ['000002', '000001']),
    ]);
    expect(current.get('000002')?.ambitoCode).toBe('B');
    expect(history.filter((p) => p.istatCode === '000001')).toEqual([
      { istatCode: '000001', ambitoCode: 'B', validFrom: null, validTo: '2020-01-01', sourceIds: ['undated'] },
      { istatCode: '000001', ambitoCode: 'A', validFrom: '2020-01-01', validTo: null, sourceIds: ['partial'] },
    ]);
  });

  it('refuses sources of the same date that disagree, unknown codes and an Ambito of another ATS', () => {
    expect(() =>
      reconcile([claim('A', 'x', '2020-01-01', ['000001']), claim('B', 'y', '2020-01-01', ['000001'])]),
    ).toThrow(AmbitoClaimError);
    expect(() => reconcile([claim('A', 'x', null, ['000001']), claim('B', 'y', null, ['000001'])])).toThrow(/disagree/);
    expect(() => reconcile([claim('Z', 'x', null, ['000001'])])).toThrow(/unknown Ambito Z/);
    expect(() => reconcile([claim('A', 'x', null, ['999999'])])).toThrow(/not a Lombardy municipality/);
    expect(() => reconcile([claim('C', 'x', null, ['000001'])])).toThrow(/ATS 324, C in ATS 326/);
    expect(() => reconcile([claim('A', 'x', null, ['000001', '000001'])])).toThrow(/twice/);
  });
});
