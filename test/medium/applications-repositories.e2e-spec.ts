// The applications repositories on a real database cloned from the template: the reads every
// feature shares (cases.repository.ts) and the queries whose shape the refactor changed. Every
// test builds the people and the case it needs.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { BudgetAdminService } from '../../src/modules/applications/budget/budget-admin.service.js';
import { findReachable, lockCase, versionFor } from '../../src/modules/applications/cases.repository.js';
import { IntakeService } from '../../src/modules/applications/intake/intake.service.js';
import { officerInCharge } from '../../src/modules/applications/intake/intake.repository.js';
import { staffPrincipal } from '../../src/modules/applications/review/review.repository.js';
import { Role } from '../../src/common/access/role.js';
import { SAMPLE_APPLICATIONS } from '../../src/modules/measures/domain/reference-measures/sample-applications.js';
import { inForceByCode } from '../../src/modules/measures/measure-versions.repository.js';
import { uniqueFiscalCode } from '../support/fiscal-codes.js';
import { ATS_MILANO, MILANO } from '../support/places.js';
import { createServiceContext, TEST_START, type ServiceContext } from '../support/service-app.js';

let ctx: ServiceContext;
let intake: IntakeService;

beforeAll(async () => {
  ctx = await createServiceContext();
  intake = ctx.module.get(IntakeService);
});
afterAll(() => ctx.close());

const notFound = expect.objectContaining({ code: 'APPLICATION_NOT_FOUND' });
const b1 = () => ({ ...SAMPLE_APPLICATIONS['B1-FNA-2025'], beneficiaryFiscalCode: uniqueFiscalCode() });

/** A MANAGER with a surname of its own (seeded accounts are all "Test User"). */
async function manager(lastName: string, scope: { atsCodes?: string[]; ambitoCodes?: string[] }) {
  const m = await ctx.principal(Role.MANAGER, scope);
  await ctx.db.query(`UPDATE users SET last_name = $2 WHERE id = $1`, [m.id, lastName]);
  return m;
}

describe('the shared case reads', () => {
  it('find and lock a case only for whom may reach it, refuse a stale version, judge a draft by the version in force', async () => {
    const owner = await ctx.principal(Role.APPLICANT, { residence: MILANO });
    const stranger = await ctx.principal(Role.APPLICANT, { residence: MILANO });
    const draft = await intake.createDraft(owner, 'B1-FNA-2025', b1());
    const em = ctx.db.manager;
    const mine = (a: { ownerId: string }) => a.ownerId === owner.id;
    await expect(findReachable(em, draft.id, (a) => a.ownerId === stranger.id)).rejects.toEqual(notFound);
    await expect(findReachable(em, randomUUID(), mine)).rejects.toEqual(notFound);
    expect((await findReachable(em, draft.id, mine)).id).toBe(draft.id);
    await ctx.db.transaction(async (tx) => {
      await expect(lockCase(tx, draft.id, mine, draft.version + 1)).rejects.toEqual(
        expect.objectContaining({ code: 'APPLICATION_STALE' }),
      );
    });
    await ctx.db.transaction(async (tx) => {
      expect((await lockCase(tx, draft.id, mine, draft.version)).id).toBe(draft.id);
    });
    const inForce = await inForceByCode(em, 'B1-FNA-2025', TEST_START);
    expect((await versionFor(em, draft, TEST_START))?.id).toBe(inForce?.version.id);
  });
});

describe('the queries the repositories rewrote', () => {
  it('the officer in charge is the MANAGER of the managing Ambito or ATS (for a regional measure, the ATS of residence)', async () => {
    await manager('Ambrosoli', { ambitoCodes: ['AMB-324-SEREGNO'] });
    await manager('Brambilla', { atsCodes: ['324'] });
    const em = ctx.db.manager;
    expect(await officerInCharge(em, { managingKind: 'AMBITO', managingCode: 'AMB-324-SEREGNO', atsCode: null })).toBe(
      'Test Ambrosoli',
    );
    expect(await officerInCharge(em, { managingKind: 'ATS', managingCode: '324', atsCode: null })).toBe(
      'Test Brambilla',
    );
    expect(await officerInCharge(em, { managingKind: 'REGION', managingCode: null, atsCode: '324' })).toBe(
      'Test Brambilla',
    );
    expect(await officerInCharge(em, { managingKind: 'REGION', managingCode: null, atsCode: null })).toBeNull();
  });

  it('a staff account as a principal: its roles and scope; no roles once disabled; null when unknown', async () => {
    const op = await ctx.principal(Role.OPERATOR, { atsCodes: [ATS_MILANO], ambitoCodes: ['AMB-324-SEREGNO'] });
    const gone = await ctx.principal(Role.OPERATOR, { atsCodes: [ATS_MILANO], disabled: true });
    const em = ctx.db.manager;
    expect(await staffPrincipal(em, op.id)).toEqual({
      id: op.id,
      roles: [Role.OPERATOR],
      scope: { atsCodes: [ATS_MILANO], ambitoCodes: ['AMB-324-SEREGNO'] },
    });
    expect(await staffPrincipal(em, gone.id)).toMatchObject({ roles: [] });
    expect(await staffPrincipal(em, randomUUID())).toBeNull();
  });

  it('the budget ledger answers camelCase numbers only (no raw snake_case column beside them)', async () => {
    const admin = await ctx.principal(Role.ADMIN);
    const budgets = ctx.module.get(BudgetAdminService);
    const raised = await budgets.increase(admin, 'B1-FNA-2025', 500, 'Decreto di integrazione');
    const status = await budgets.status(admin, 'B1-FNA-2025');
    expect(status).toMatchObject({ total: raised.total, reserved: raised.reserved });
    expect(status.movements[0]).toEqual({
      kind: 'increase',
      amount: 500,
      reservedAfter: raised.reserved,
      totalAfter: raised.total,
      applicationId: null,
      reason: 'Decreto di integrazione',
      at: expect.any(Date),
    });
  });
});
