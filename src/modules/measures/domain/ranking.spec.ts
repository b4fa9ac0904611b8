import { describe, expect, it } from '@jest/globals';

import type { RankingCriteria } from './measure-definition.js';
import { compareForRanking, type RankingEntry } from './ranking.js';

const label = { it: 'x', en: 'x' };
const byIsee: RankingCriteria = {
  keys: [{ fact: 'iseeValueCents', direction: 'asc', label }],
  tieBreaker: 'protocol_order',
};

describe('compareForRanking', () => {
  it('orders by the keys, then by protocol order', () => {
    const entries: RankingEntry[] = [
      { protocolSeq: 4, facts: { iseeValueCents: 900_000 } },
      { protocolSeq: 1, facts: { iseeValueCents: 1_500_000 } },
      { protocolSeq: 3, facts: { iseeValueCents: 900_000 } },
      { protocolSeq: 2, facts: {} },
    ];
    expect([...entries].sort(compareForRanking(byIsee)).map((entry) => entry.protocolSeq)).toEqual([3, 4, 1, 2]);
  });

  it('puts missing values last in either direction and supports descending keys', () => {
    const descending: RankingCriteria = {
      keys: [
        { fact: 'familySize', direction: 'desc', label },
        { fact: 'requestDate', direction: 'asc', label },
      ],
      tieBreaker: 'protocol_order',
    };
    const entries: RankingEntry[] = [
      { protocolSeq: 1, facts: {} },
      { protocolSeq: 2, facts: { familySize: 3, requestDate: '2025-03-02' } },
      { protocolSeq: 3, facts: { familySize: 5 } },
      { protocolSeq: 4, facts: { familySize: 3, requestDate: '2025-03-01' } },
    ];
    expect([...entries].sort(compareForRanking(descending)).map((entry) => entry.protocolSeq)).toEqual([3, 4, 2, 1]);
  });

  // Speed is measured by bench:ranking, not asserted here (a loaded machine would fail it).
  it('ranks 100,000 applications identically whatever the input order', () => {
    let seed = 42;
    const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    const entries: RankingEntry[] = Array.from({ length: 100_000 }, (_, index) => ({
      protocolSeq: index + 1,
      facts: { iseeValueCents: random() % 2_500_000 },
    }));
    const compare = compareForRanking(byIsee);
    const ranked = [...entries].sort(compare);
    const reversed = [...entries].reverse().sort(compare);
    expect(reversed.map((entry) => entry.protocolSeq)).toEqual(ranked.map((entry) => entry.protocolSeq));
    const outOfOrder = ranked.findIndex((entry, index) => index > 0 && compare(ranked[index - 1], entry) >= 0);
    expect(outOfOrder).toBe(-1);
  });
});
