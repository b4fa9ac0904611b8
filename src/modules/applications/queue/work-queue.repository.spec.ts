import { describe, expect, it } from '@jest/globals';
import type { Principal } from '../../../common/access/principal.js';
import { Role } from '../../../common/access/role.js';
import { visibleToStaffSql } from '../case-access.js';
import { QUEUE_VIEWS } from './work-queue.dto.js';
import { queueWhere } from './work-queue.repository.js';

const officer = {
  id: '00000000-0000-4000-8000-000000000001',
  roles: [Role.OPERATOR],
  scope: { atsCodes: ['326'], ambitoCodes: [] },
} as unknown as Principal;

describe('queueWhere', () => {
  it('puts the territory and sealed rule first in every filter, with the caller as parameters', () => {
    const filters = [
      ...QUEUE_VIEWS.map((view) => ({ view })),
      { status: 'APPROVED' as never },
      { eligibility: 'needs_review' as const, measureCode: 'NIDI-GRATIS-PLUS-2024-25' },
      { protocol: '2026-00' },
      { possibleDuplicate: 'false' as const, overdue: 'true' as const },
    ];
    for (const f of filters) {
      const { where, params } = queueWhere(officer, { limit: 25, offset: 0, ...f }, '2026-12-02');
      expect(where.startsWith(`(${visibleToStaffSql('a')})`)).toBe(true);
      expect(params).toMatchObject({ ats: ['326'], ambiti: [], me: officer.id, isManager: false });
    }
  });

  it('takes the filters as parameters, never as SQL text', () => {
    const { where, params } = queueWhere(
      officer,
      {
        limit: 25,
        offset: 0,
        protocol: '2026-0000123',
        measureCode: 'NIDI-GRATIS-PLUS-2024-25',
        ambitoCode: 'AMB-326',
      },
      '2026-12-02',
    );
    expect(where).not.toContain('2026-0000123');
    expect(where).not.toContain('NIDI-GRATIS-PLUS');
    expect(params).toMatchObject({
      protocol: '2026-0000123%',
      measureCode: 'NIDI-GRATIS-PLUS-2024-25',
      ambitoCode: 'AMB-326',
    });
  });

  it('keeps to open cases unless a state is asked for or a search looks at every state', () => {
    const open = queueWhere(officer, { limit: 25, offset: 0 }, '2026-12-02').where;
    expect(open).toContain(`a.status IN ('SUBMITTED'`);
    expect(
      queueWhere(officer, { limit: 25, offset: 0, status: 'APPROVED' as never }, '2026-12-02').where,
    ).not.toContain(`a.status IN ('SUBMITTED'`);
    expect(queueWhere(officer, { limit: 25, offset: 0 }, '2026-12-02', true).where).not.toContain(
      `a.status IN ('SUBMITTED'`,
    );
  });
});
