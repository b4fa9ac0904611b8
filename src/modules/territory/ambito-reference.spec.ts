import { describe, expect, it } from '@jest/globals';
import sourced from './data/lombardy-ambiti-sourced.json' with { type: 'json' };
import { AMBITI } from './data/territory-rules.js';
import { buildAmbitoReference } from './ambito-reference.js';

const ref = buildAmbitoReference();
const ambitoOf = (istatCode: string) => ref.map.current.get(istatCode)?.ambitoCode ?? null;

describe('shipped Ambito reference data', () => {
  it('has the 8 ATS with their ministry codes (region 030 + 321..328)', () => {
    expect(ref.ats.map((a) => [a.code, a.ministryCode])).toEqual(
      ['321', '322', '323', '324', '325', '326', '327', '328'].map((c) => [c, `030${c}`]),
    );
    expect(ref.ats.every((a) => a.sourceIds.includes('hl7-it-terminology'))).toBe(true);
  });

  it('cites a known source for every ATS, Ambito and claim', () => {
    const ids = new Set(ref.sources.map((s) => s.id));
    expect(ids.size).toBe(ref.sources.length);
    for (const id of [
      ...ref.ats.flatMap((a) => a.sourceIds),
      ...ref.ambiti.flatMap((a) => a.sourceIds),
      ...ref.claims.map((c) => c.sourceId),
    ]) {
      expect({ id, known: ids.has(id) }).toEqual({ id, known: true });
    }
    for (const s of ref.sources) expect(s.id).toMatch(/^[a-z0-9-]{2,80}$/);
  });

  it('keeps the first 8 Ambiti and reconciles them with the sourced file without conflict (24 municipalities in both)', () => {
    const product = new Map(AMBITI.flatMap((a) => a.members.map((m) => [m, a.code] as const)));
    const shared = new Map(
      sourced.claims
        .filter(
          (c) =>
            !c.source.startsWith('ceriano') &&
            ![
              'mbnews-seregno-2014',
              'seietrenta-seregno-2020',
              'ilsaronno-lazzate-2023',
              'como-fna-sollievo-2017',
              'paoa-distretto-5-2021',
            ].includes(c.source),
        )
        .flatMap((c) => c.municipalities.map((m) => [m, c.ambitoCode] as const)),
    );
    const overlap = [...product.keys()].filter((m) => shared.has(m));
    expect(overlap).toHaveLength(24);
    for (const m of overlap) expect(shared.get(m)).toBe(product.get(m));
    for (const [m, code] of product) expect(ambitoOf(m)).toBe(code);
  });

  it('places Seregno and its Ambito from the sources, newest first; Ceriano Laghetto has no Ambito today but keeps its history', () => {
    const seregno = ['108005', '108020', '108024', '108025', '108054', '108030', '108032', '108039', '108040'];
    for (const m of seregno) expect({ m, ambito: ambitoOf(m) }).toEqual({ m, ambito: 'AMB-324-SEREGNO' });
    expect(ambitoOf('108018')).toBeNull();
    expect(
      ref.map.history.filter((p) => p.istatCode === '108018').map((p) => [p.ambitoCode, p.validFrom, p.validTo]),
    ).toEqual([
      ['AMB-324-SEREGNO', '2012-09-06', '2020-02-11'],
      [null, '2020-02-11', null],
    ]);
    expect(ambitoOf('108023')).toBe('AMB-324-DESIO');
    expect(ambitoOf('013075')).toBe('AMB-322-COMO');
  });

  it('covers 257 of the 1,502 municipalities; Ambiti known by name only have no members', () => {
    const withAmbito = [...ref.map.current.values()].filter((p) => p.ambitoCode !== null).length;
    expect(withAmbito).toBe(257);
    const members = new Set([...ref.map.current.values()].flatMap((p) => (p.ambitoCode ? [p.ambitoCode] : [])));
    for (const code of ['AMB-324-CARATE-BRIANZA', 'AMB-324-LECCO', 'AMB-324-MONZA', 'AMB-324-VIMERCATE']) {
      expect(ref.ambiti.some((a) => a.code === code)).toBe(true);
      expect(members.has(code)).toBe(false);
    }
  });
});
