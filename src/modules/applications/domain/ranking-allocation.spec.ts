import { describe, expect, it } from '@jest/globals';
import { allocateRanking, type RankedCase } from './ranking-allocation.js';

const c = (
  id: string,
  amount: number,
  atsCode: string | null = '321',
  ambitoCode: string | null = null,
): RankedCase => ({ id, amount, atsCode, ambitoCode });
const statuses = (a: ReturnType<typeof allocateRanking>) =>
  a.map((x) => `${x.id}:${x.status}${x.quota ? `@${x.quota}` : ''}`);

describe('graduatoria allocation with quotas', () => {
  it('without quotas funds in ranking order while money lasts, then waitlists everyone after', () => {
    const out = allocateRanking([c('a', 300), c('b', 300), c('c', 500), c('d', 100)], 800, []);
    expect(statuses(out)).toEqual(['a:funded', 'b:funded', 'c:waitlisted', 'd:waitlisted']);
    expect(out.map((x) => x.position)).toEqual([1, 2, 3, 4]);
  });

  it('a territory draws on its quota first, then on the common pool', () => {
    const out = allocateRanking([c('m1', 300), c('b1', 300, '325'), c('b2', 300, '325'), c('m2', 300)], 900, [
      { kind: 'ATS', code: '325', amount: 300 },
    ]);
    expect(statuses(out)).toEqual(['m1:funded', 'b1:funded@ATS:325', 'b2:funded', 'm2:waitlisted']);
  });

  it('a quota keeps its money for its territory even after the common pool is exhausted', () => {
    const out = allocateRanking(
      [c('m1', 300), c('m2', 300), c('m3', 300), c('b1', 300, '325'), c('b2', 300, '325')],
      900,
      [{ kind: 'ATS', code: '325', amount: 300 }],
    );
    expect(statuses(out)).toEqual(['m1:funded', 'm2:funded', 'm3:waitlisted', 'b1:funded@ATS:325', 'b2:waitlisted']);
  });

  it('never jumps the order: a cheaper case ranked below a waitlisted one is waitlisted too', () => {
    const out = allocateRanking([c('a', 500), c('b', 400), c('c', 100, '325')], 800, [
      { kind: 'ATS', code: '325', amount: 200 },
    ]);
    // common pool 600: a fits, b does not (100 left) → b waitlisted; c still fits in its quota.
    expect(statuses(out)).toEqual(['a:funded', 'b:waitlisted', 'c:funded@ATS:325']);
    const closed = allocateRanking([c('x', 150, '325'), c('y', 100, '325')], 200, [
      { kind: 'ATS', code: '325', amount: 200 },
    ]);
    expect(statuses(closed)).toEqual(['x:funded@ATS:325', 'y:waitlisted']);
  });

  it('an Ambito quota is preferred to its ATS quota; quotas are capped by the money available', () => {
    const out = allocateRanking(
      [c('s', 100, '324', 'AMB-324-SEREGNO'), c('t', 100, '324', 'AMB-324-SEREGNO'), c('u', 100, '324')],
      250,
      [
        { kind: 'ATS', code: '324', amount: 100 },
        { kind: 'AMBITO', code: 'AMB-324-SEREGNO', amount: 1000 },
      ],
    );
    // ATS quota 100, Ambito quota capped to the remaining 150, common pool 0.
    expect(statuses(out)).toEqual(['s:funded@AMBITO:AMB-324-SEREGNO', 't:waitlisted', 'u:funded@ATS:324']);
  });

  it('an empty ranking or no money funds nobody', () => {
    expect(allocateRanking([], 1000, [])).toEqual([]);
    expect(statuses(allocateRanking([c('a', 1)], 0, []))).toEqual(['a:waitlisted']);
  });
});
