import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/access/role.js';
import { bearer } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { content, newGrant } from './support/measure-fixtures.js';
import { createTestApp, seedAccount, tokenFor, type TestContext } from './support/test-app.js';

const MILANO = '015146';
const CODE = 'CONTRIBUTO-CONCORRENZA-2026';
const GRANT = 30_000; // 300 EUR
let ctx: TestContext;
let applicants: string[];
let operator: string;
let manager: string;
let admin: string;

const form = () => ({
  beneficiaryFiscalCode: uniqueFiscalCode(),
  residenceIstatCode: MILANO,
  iseeType: 'ordinario',
  iseeValue: '9.000,00',
});

async function draft(token: string): Promise<string> {
  const res = await ctx
    .http()
    .post('/api/v1/applications')
    .set(bearer(token))
    .send({ measureCode: CODE, data: form() })
    .expect(201);
  return res.body.id as string;
}

const budget = async () =>
  (await ctx.http().get(`/api/v1/measures/${CODE}/budget`).set(bearer(admin)).expect(200)).body;

beforeAll(async () => {
  ctx = await createTestApp({ DATABASE_POOL_SIZE: '10' });
  admin = await tokenFor(ctx, await seedAccount(ctx.db, [Role.ADMIN]));
  operator = await tokenFor(ctx, await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['321'] }));
  manager = await tokenFor(ctx, await seedAccount(ctx.db, [Role.MANAGER], { atsCodes: ['321'] }));
  applicants = await Promise.all(
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(async () =>
      tokenFor(ctx, await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO })),
    ),
  );
  // A grant whose budget funds exactly 10 applications.
  const definition = {
    ...newGrant(CODE),
    budget: { kind: 'money', totalCents: 10 * GRANT, figure: 'demo', note: { it: 'Prova', en: 'Test' } },
  };
  await ctx
    .http()
    .post('/api/v1/admin/measures')
    .set(bearer(admin))
    .send({ ...content(definition), quotas: [] })
    .expect(201);
  await ctx.http().post(`/api/v1/admin/measures/${CODE}/versions/1/publish`).set(bearer(admin)).send({}).expect(200);
});
afterAll(() => ctx.close());

describe('click-day concurrency', () => {
  let receipts: { applicationId: string; protocolNumber: string; receivedAt: string }[];

  it('200 parallel submissions get 200 distinct, gap-free protocol numbers in receipt order', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push(await draft(applicants[i % applicants.length]));
    const responses = await Promise.all(
      ids.map((id, i) =>
        ctx
          .http()
          .post(`/api/v1/applications/${id}/submit`)
          .set(bearer(applicants[i % applicants.length])),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(ids.map(() => 201));
    receipts = responses.map((r) => r.body);
    const seqs = receipts.map((r) => Number(r.protocolNumber.split('-')[1])).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(200);
    expect(seqs[199] - seqs[0]).toBe(199);
    const byProtocol = [...receipts].sort((a, b) => a.protocolNumber.localeCompare(b.protocolNumber));
    for (let i = 1; i < byProtocol.length; i++) {
      expect(byProtocol[i].receivedAt >= byProtocol[i - 1].receivedAt).toBe(true);
    }
    const [{ count }] = await ctx.db.query(`SELECT count(*)::int AS count FROM application_snapshots`);
    expect(count).toBe(200);
  });

  it('a sportello: exactly the first 10 by protocol are funded, the rest queue; never over-committed', async () => {
    const rows = await ctx.db.query(
      `SELECT protocol_seq::int AS seq, funding FROM applications WHERE status = 'SUBMITTED' AND protocol_number IS NOT NULL ORDER BY protocol_seq`,
    );
    expect(
      rows.filter((r: { funding: string }) => r.funding === 'reserved').map((r: { seq: number }) => r.seq),
    ).toEqual(rows.slice(0, 10).map((r: { seq: number }) => r.seq));
    expect(rows.slice(10).every((r: { funding: string }) => r.funding === 'queued')).toBe(true);
    expect(await budget()).toMatchObject({ total: 10 * GRANT, reserved: 10 * GRANT, queued: 190 });
  });

  it('100 parallel approvals against a budget for 10 fund exactly 10 and waitlist the rest', async () => {
    const first100 = [...receipts].sort((a, b) => a.protocolNumber.localeCompare(b.protocolNumber)).slice(0, 100);
    const versions = new Map<string, number>();
    for (const r of first100) {
      const v0 = (await ctx.http().get(`/api/v1/applications/${r.applicationId}`).set(bearer(operator)).expect(200))
        .body.version;
      const v1 = (
        await ctx
          .http()
          .post(`/api/v1/cases/${r.applicationId}/take-in-charge`)
          .set(bearer(operator))
          .send({ version: v0 })
          .expect(200)
      ).body.version;
      const v2 = (
        await ctx
          .http()
          .post(`/api/v1/cases/${r.applicationId}/proposal`)
          .set(bearer(operator))
          .send({ version: v1, outcome: 'approve', reasons: 'Requisiti verificati' })
          .expect(200)
      ).body.version;
      versions.set(r.applicationId, v2);
    }
    const decisions = await Promise.all(
      first100.map((r) =>
        ctx
          .http()
          .post(`/api/v1/cases/${r.applicationId}/decision`)
          .set(bearer(manager))
          .send({ version: versions.get(r.applicationId), outcome: 'approve', reasons: 'Accolta' }),
      ),
    );
    expect(decisions.every((d) => d.status === 200)).toBe(true);
    const statuses = decisions.map((d) => d.body.status as string);
    expect(statuses.filter((s) => s === 'APPROVED')).toHaveLength(10);
    expect(statuses.filter((s) => s === 'WAITLISTED')).toHaveLength(90);
    const approved = first100
      .filter((_, i) => statuses[i] === 'APPROVED')
      .map((r) => r.protocolNumber)
      .sort();
    expect(approved).toEqual(first100.slice(0, 10).map((r) => r.protocolNumber));
    expect(await budget()).toMatchObject({ reserved: 10 * GRANT });
  });

  it('raising the budget funds the waiting list strictly in protocol order (scorrimento)', async () => {
    const res = await ctx
      .http()
      .post(`/api/v1/admin/measures/${CODE}/budget/increase`)
      .set(bearer(admin))
      .send({ amount: 3 * GRANT, reason: 'DGR di integrazione' })
      .expect(200);
    expect(res.body.fundedApplications).toHaveLength(3);
    const funded = await ctx.db.query(
      `SELECT protocol_seq::int AS seq, status FROM applications WHERE id = ANY($1) ORDER BY protocol_seq`,
      [res.body.fundedApplications],
    );
    const [{ min }] = await ctx.db.query(
      `SELECT min(protocol_seq)::int AS min FROM applications WHERE funding = 'queued'`,
    );
    expect(funded.map((f: { seq: number }) => f.seq)).toEqual([min - 3, min - 2, min - 1]);
    expect(funded.every((f: { status: string }) => f.status === 'APPROVED')).toBe(true);
    const movements = (await budget()).movements;
    expect(movements.filter((m: { kind: string }) => m.kind === 'increase')).toHaveLength(1);
  });

  it('the same Idempotency-Key sent 20 times in parallel yields one application and one protocol number', async () => {
    const id = await draft(applicants[0]);
    const [{ before }] = await ctx.db.query(`SELECT last_seq::int AS before FROM protocol_counters`);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        ctx
          .http()
          .post(`/api/v1/applications/${id}/submit`)
          .set(bearer(applicants[0]))
          .set('idempotency-key', `retry-${id}`),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(responses.map((r) => r.body.protocolNumber)).size).toBe(1);
    const [{ after }] = await ctx.db.query(`SELECT last_seq::int AS after FROM protocol_counters`);
    expect(after - before).toBe(1);
    const [{ transitions }] = await ctx.db.query(
      `SELECT count(*)::int AS transitions FROM application_transitions WHERE application_id = $1`,
      [id],
    );
    expect(transitions).toBe(1);
  });
});
