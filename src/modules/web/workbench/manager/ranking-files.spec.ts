import { describe, expect, it } from '@jest/globals';
import type { RankingDto } from '../../../applications/rankings/rankings.dto.js';
import { rankingCsv, renderRankingPdf } from './ranking-files.js';
import { tiesOf } from '../../../applications/rankings/ranking-preview.service.js';

const ranking = (entries: RankingDto['entries']): RankingDto => ({
  id: '00000000-0000-4000-8000-000000000001',
  measureCode: 'TEST',
  measureVersionId: '00000000-0000-4000-8000-000000000002',
  criteria: { keys: [{ fact: 'iseeValueCents', direction: 'asc' }], tieBreaker: 'protocol_order' },
  quotas: [],
  unit: 'cents',
  available: 60_000,
  population: entries.length,
  funded: 1,
  waitlisted: 1,
  notAdmitted: 0,
  publishedBy: '00000000-0000-4000-8000-000000000003',
  publishedAt: new Date('2026-03-11T09:00:00Z'),
  entries,
});

const entry = (position: number | null, protocolNumber: string, sortKeys: Record<string, unknown>) => ({
  position,
  applicationId: '00000000-0000-4000-8000-00000000000' + String(position ?? 9),
  protocolNumber,
  status: position === 1 ? 'funded' : position === null ? 'not_admitted' : 'waitlisted',
  amount: position === null ? null : 30_000,
  quota: null,
  sortKeys,
  caseStatus: 'APPROVED',
});

describe('the published ranking as files', () => {
  it('writes one CSV line per entry, text a spreadsheet would run as a formula neutralised', () => {
    const csv = rankingCsv(
      ranking([
        entry(1, '2026-0000002', { iseeValueCents: 500_000 }),
        entry(2, '2026-0000001', { iseeValueCents: '=HYPERLINK("x")' }),
      ]),
    );
    expect(csv.split('\r\n')).toEqual([
      'posizione,protocollo,esito,importo_centesimi,quota,criteri',
      '1,2026-0000002,funded,30000,,iseeValueCents=500000',
      `2,2026-0000001,waitlisted,30000,,"iseeValueCents==HYPERLINK(""x"")"`,
      '',
    ]);
    const formula = rankingCsv(ranking([entry(1, '=1+1', {})]));
    expect(formula).toContain(`\r\n1,'=1+1,funded,`);
  });

  it('renders a PDF of the list', async () => {
    const pdf = await renderRankingPdf(
      ranking([entry(1, '2026-0000002', { iseeValueCents: 500_000 })]),
      { it: 'Prova', en: 'Test' },
      new Date('2026-03-11T09:00:00Z'),
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('ties in a ranking', () => {
  it('marks an entry with the same criteria values as the one above; never the first nor the not admitted', () => {
    const criteria = {
      keys: [{ fact: 'iseeValueCents', direction: 'asc' as const, label: { it: 'ISEE', en: 'ISEE' } }],
      tieBreaker: 'protocol_order' as const,
    };
    const keys = (v: number | null) => ({ iseeValueCents: v });
    expect(
      tiesOf(
        [
          { position: 1, sortKeys: keys(5) },
          { position: 2, sortKeys: keys(8) },
          { position: 3, sortKeys: keys(8) },
          { position: 4, sortKeys: keys(9) },
          { position: null, sortKeys: {} },
          { position: null, sortKeys: {} },
        ],
        criteria,
      ),
    ).toEqual([false, false, true, false, false, false]);
  });
});
