import { describe, expect, it } from '@jest/globals';
import { ApplicationStatus as S } from '../domain/application-status.js';
import { planRanking } from './ranking-plan.js';
import type { RankingCandidate } from './rankings.repository.js';

const candidate = (id: string, seq: number, outcome: 'approve' | 'reject', reasons: string | null = null) =>
  ({
    id,
    status: S.PROPOSED,
    outcome,
    reasons,
    proposedBy: 'officer',
    ownerId: `owner-${id}`,
    protocolNumber: `2026/${seq}`,
    protocolYear: 2026,
    protocolSeq: String(seq),
    amountCents: '300',
    atsCode: '321',
    ambitoCode: null,
    funding: 'none',
  }) satisfies RankingCandidate;

const plan = (candidates: RankingCandidate[], isee: Record<string, number>, available = 600) =>
  planRanking({
    candidates,
    facts: new Map(Object.entries(isee).map(([id, v]) => [id, { isee: v }])),
    criteria: {
      keys: [{ fact: 'isee', direction: 'asc', label: { it: 'ISEE', en: 'ISEE' } }],
      tieBreaker: 'protocol_order',
    },
    quotas: [],
    account: { total: available + 100, reserved: 100 },
    amountOf: (c) => Number(c.amountCents),
  });

describe('planning a graduatoria', () => {
  it('funds the admitted in ranking order while money lasts, then waitlists them; the rest are not admitted', () => {
    const out = plan(
      [
        candidate('a', 1, 'approve'),
        candidate('b', 2, 'reject', 'ISEE missing'),
        candidate('c', 3, 'approve'),
        candidate('d', 4, 'approve'),
      ],
      { a: 20_000, c: 5_000, d: 10_000 },
    );
    expect(out.cases.map((c) => `${c.candidate.id}:${c.entry.status}:${c.entry.position}`)).toEqual([
      'c:funded:1',
      'd:funded:2',
      'a:waitlisted:3',
      'b:not_admitted:null',
    ]);
    expect(out).toMatchObject({ available: 600, funded: 2, waitlisted: 1, notAdmitted: 1 });
    expect(out.cases.map((c) => c.event)).toEqual([
      'decide_approve',
      'decide_approve',
      'decide_waitlist',
      'decide_reject',
    ]);
  });

  it('writes what each decision holds: reserved amount only when funded, queue for the waitlisted, reasons kept', () => {
    const [funded, waitlisted, rejected] = plan(
      [candidate('a', 1, 'approve'), candidate('b', 2, 'approve'), candidate('c', 3, 'reject', 'ISEE missing')],
      { a: 1, b: 2 },
      300,
    ).cases.map((c) => c.decision);
    expect(funded).toMatchObject({ to: S.APPROVED, funding: 'reserved', reservedAmount: 300, position: 1 });
    expect(waitlisted).toMatchObject({ to: S.WAITLISTED, funding: 'queued', reservedAmount: null, position: 2 });
    expect(rejected).toMatchObject({ to: S.REJECTED, funding: 'none', reasons: 'ISEE missing', position: null });
  });

  it('keeps the criteria values of each ranked case, null when a fact is missing', () => {
    const out = plan([candidate('a', 1, 'approve'), candidate('b', 2, 'approve')], { a: 7 });
    expect(out.cases.map((c) => c.entry.sortKeys)).toEqual([{ isee: 7 }, { isee: null }]);
  });
});
