import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock } from '../src/common/clock/clock.js';
import { Role } from '../src/common/access/role.js';
import { WorkerModule } from '../src/worker.module.js';
import { actor, type Actor } from './support/actors.js';
import { givenCase } from './support/case-fixtures.js';
import { ATS_BRESCIA, ATS_MILANO, MILANO } from './support/places.js';
import { waitFor } from './support/processes.js';
import { createTestApp, type TestContext } from './support/test-app.js';

jest.setTimeout(120_000);

let ctx: TestContext;
let worker: INestApplicationContext;
let mgr: Actor;
let op: Actor;
let applicant: Actor;

beforeAll(async () => {
  ctx = await createTestApp();
  // The real worker (relay, BullMQ consumer, job handler) on the same database, Redis prefix and clock.
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot(ctx.config)] })
    .overrideProvider(Clock)
    .useValue(ctx.clock)
    .compile();
  worker = moduleRef.createNestApplication({ logger: false });
  await worker.init();
  mgr = await actor(ctx, Role.MANAGER, { atsCodes: [ATS_BRESCIA] });
  op = await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_BRESCIA] });
  applicant = await actor(ctx, Role.APPLICANT, { residence: MILANO });
});
afterAll(async () => {
  await worker?.close();
  await ctx?.close();
});

const finished = async (who: Actor, id: string) => {
  let body: Record<string, unknown> = {};
  await waitFor(async () => {
    body = (await who.get(`/bulk-operations/${id}`).expect(200)).body as Record<string, unknown>;
    return body.state === 'done' || body.state === 'failed';
  }, 60_000);
  return body as {
    state: string;
    total: number;
    processed: number;
    done: number;
    already: number;
    refused: number;
    items: { applicationId: string; protocolNumber: string | null; result: string; refusalCode: string | null }[];
  };
};

const transitions = async (ids: string[], event: string) =>
  (
    (await ctx.db.query(
      `SELECT count(*)::int AS n FROM application_transitions WHERE application_id = ANY($1) AND event = $2`,
      [ids, event],
    )) as { n: number }[]
  )[0].n;

describe('bulk operations', () => {
  it('a MANAGER decides proposed cases in protocol order, each with its own result; a re-run changes nothing twice', async () => {
    const crew = { applicant, manager: mgr, operator: op };
    const cases = [];
    for (let i = 0; i < 4; i++) cases.push(await givenCase(ctx, 'PROPOSED', crew));
    const [a, b, c, stale] = cases;
    const unknown = randomUUID();
    const items = [
      { id: c.id, version: c.version },
      { id: unknown, version: 1 },
      { id: a.id, version: a.version },
      { id: stale.id, version: stale.version - 1 },
      { id: b.id, version: b.version },
    ];
    const started = await mgr
      .post('/bulk-operations', { kind: 'decide', outcome: 'approve', reasons: 'Requisiti verificati', items })
      .expect(201);
    expect(started.body).toMatchObject({ kind: 'decide', total: 5, processed: 0 });
    // Protocol order for the visible cases; the unknown id last, as not visible.
    expect(started.body.items.map((i: { applicationId: string }) => i.applicationId)).toEqual([
      a.id,
      b.id,
      c.id,
      stale.id,
      unknown,
    ]);
    const run = await finished(mgr, started.body.id as string);
    expect(run).toMatchObject({ state: 'done', total: 5, processed: 5, done: 3, already: 0, refused: 2 });
    expect(run.items.map((i) => [i.result, i.refusalCode])).toEqual([
      ['done', null],
      ['done', null],
      ['done', null],
      ['refused', 'APPLICATION_STALE'],
      ['refused', 'APPLICATION_NOT_FOUND'],
    ]);
    expect(run.items[4].protocolNumber).toBeNull();
    const decided = [a.id, b.id, c.id];
    const statuses = (await ctx.db.query(`SELECT status FROM applications WHERE id = ANY($1)`, [decided])) as {
      status: string;
    }[];
    expect(statuses.every((r) => r.status === 'APPROVED' || r.status === 'WAITLISTED')).toBe(true);
    expect((await ctx.db.query(`SELECT status FROM applications WHERE id = $1`, [stale.id]))[0].status).toBe(
      'PROPOSED',
    );
    const decisions = async () =>
      (await transitions(decided, 'decide_approve')) + (await transitions(decided, 'decide_waitlist'));
    expect(await decisions()).toBe(3);

    // The same operation again (with the versions first read): nothing is decided twice.
    const again = await mgr
      .post('/bulk-operations', { kind: 'decide', outcome: 'approve', reasons: 'Requisiti verificati', items })
      .expect(201);
    const rerun = await finished(mgr, again.body.id as string);
    expect(rerun).toMatchObject({ done: 0, already: 3, refused: 2 });
    expect(await decisions()).toBe(3);
  });

  it('a case whose step committed before a crash counts as already done when the job runs again', async () => {
    const crew = { applicant, manager: mgr, operator: op };
    const first = await givenCase(ctx, 'PROPOSED', crew);
    const second = await givenCase(ctx, 'PROPOSED', crew);
    // The state a crash leaves: the first case decided by this manager, its item not recorded yet.
    await mgr
      .post(`/cases/${first.id}/decision`, { version: first.version, outcome: 'approve', reasons: 'Accolta' })
      .expect(200);
    const started = await mgr
      .post('/bulk-operations', {
        kind: 'decide',
        outcome: 'approve',
        reasons: 'Accolta',
        items: [
          { id: first.id, version: first.version },
          { id: second.id, version: second.version },
        ],
      })
      .expect(201);
    const run = await finished(mgr, started.body.id as string);
    expect(run.items.map((i) => i.result)).toEqual(['already', 'done']);
  });

  it('an OPERATOR sends one integration request to the cases assigned to them; another officer’s case is refused', async () => {
    const other = await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_BRESCIA] });
    const mine = await givenCase(ctx, 'IN_REVIEW', { applicant, manager: mgr, operator: op });
    const theirs = await givenCase(ctx, 'IN_REVIEW', { applicant, manager: mgr, operator: other });
    const started = await op
      .post('/bulk-operations', {
        kind: 'request_integration',
        message: 'Allegare il decreto di tutela',
        days: 15,
        items: [
          { id: mine.id, version: mine.version },
          { id: theirs.id, version: theirs.version },
        ],
      })
      .expect(201);
    const run = await finished(op, started.body.id as string);
    // The other officer's sealed case is not even visible to this one: not found, nothing revealed.
    expect(run.items.map((i) => [i.applicationId, i.result, i.refusalCode])).toEqual([
      [mine.id, 'done', null],
      [theirs.id, 'refused', 'APPLICATION_NOT_FOUND'],
    ]);
    const [row] = (await ctx.db.query(`SELECT status, integration_request FROM applications WHERE id = $1`, [
      mine.id,
    ])) as {
      status: string;
      integration_request: { days: number };
    }[];
    expect(row).toMatchObject({ status: 'INTEGRATION_REQUESTED', integration_request: { days: 15 } });
  });

  it('a MANAGER assigns submitted cases to an officer of the territory; an officer elsewhere is refused per case', async () => {
    const target = await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_BRESCIA] });
    const milan = await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_MILANO] });
    const one = await givenCase(ctx, 'SUBMITTED', { applicant });
    const two = await givenCase(ctx, 'SUBMITTED', { applicant });
    const items = [
      { id: one.id, version: one.version },
      { id: two.id, version: two.version },
    ];
    const ok = await mgr.post('/bulk-operations', { kind: 'assign', operatorId: target.id, items }).expect(201);
    expect((await finished(mgr, ok.body.id as string)).done).toBe(2);
    const rows = (await ctx.db.query(`SELECT assigned_operator_id, status FROM applications WHERE id = ANY($1)`, [
      [one.id, two.id],
    ])) as { assigned_operator_id: string; status: string }[];
    expect(rows).toEqual([
      { assigned_operator_id: target.id, status: 'IN_REVIEW' },
      { assigned_operator_id: target.id, status: 'IN_REVIEW' },
    ]);
    const three = await givenCase(ctx, 'SUBMITTED', { applicant });
    const wrong = await mgr
      .post('/bulk-operations', {
        kind: 'assign',
        operatorId: milan.id,
        items: [{ id: three.id, version: three.version }],
      })
      .expect(201);
    const refused = await finished(mgr, wrong.body.id as string);
    expect(refused.items[0]).toMatchObject({ result: 'refused', refusalCode: 'VALIDATION_FAILED' });
  });

  it('who may run which: roles per kind, only one’s own operations, bad bodies refused', async () => {
    const items = [{ id: randomUUID(), version: 1 }];
    await op.post('/bulk-operations', { kind: 'decide', outcome: 'approve', reasons: 'Accolta', items }).expect(403);
    await op.post('/bulk-operations', { kind: 'assign', operatorId: op.id, items }).expect(403);
    await mgr
      .post('/bulk-operations', { kind: 'request_integration', message: 'Allegare', days: 5, items })
      .expect(403);
    await applicant
      .post('/bulk-operations', { kind: 'decide', outcome: 'approve', reasons: 'x'.repeat(5), items })
      .expect(403);
    await ctx.http().post('/api/v1/bulk-operations').send({ kind: 'decide', items }).expect(401);
    await mgr.post('/bulk-operations', { kind: 'decide', outcome: 'approve', items }).expect(400);
    await mgr
      .post('/bulk-operations', { kind: 'decide', outcome: 'approve', reasons: 'Accolta', items: [] })
      .expect(400);
    await mgr
      .post('/bulk-operations', { kind: 'request_integration', message: 'Allegare', days: 31, items })
      .expect(400);
    await mgr
      .post('/bulk-operations', { kind: 'decide', outcome: 'approve', reasons: 'Accolta', items: [...items, ...items] })
      .expect(400);
    const mine = await mgr
      .post('/bulk-operations', { kind: 'decide', outcome: 'approve', reasons: 'Accolta', items })
      .expect(201);
    const otherManager = await actor(ctx, Role.MANAGER, { atsCodes: [ATS_BRESCIA] });
    await otherManager.get(`/bulk-operations/${mine.body.id as string}`).expect(404);
    await mgr.get(`/bulk-operations/${randomUUID()}`).expect(404);
    // The job payload and the items carry ids only.
    const [row] = (await ctx.db.query(
      `SELECT to_jsonb(i) - 'operation_id' - 'application_id' - 'refusal_detail' AS rest FROM bulk_operation_items i WHERE operation_id = $1`,
      [mine.body.id],
    )) as { rest: Record<string, unknown> }[];
    expect(Object.keys(row.rest).sort()).toEqual([
      'expected_version',
      'finished_at',
      'position',
      'refusal_code',
      'result',
    ]);
  });

  it('the same Idempotency-Key starts one operation (a double click); the key for another request is refused', async () => {
    const crew = { applicant, manager: mgr, operator: op };
    const c = await givenCase(ctx, 'PROPOSED', crew);
    const body = { kind: 'decide', outcome: 'approve', reasons: 'Accolta', items: [{ id: c.id, version: c.version }] };
    const key = `bulk-${randomUUID()}`;
    const first = await mgr.post('/bulk-operations', body).set('Idempotency-Key', key).expect(201);
    const again = await mgr.post('/bulk-operations', body).set('Idempotency-Key', key).expect(201);
    expect(again.body.id).toBe(first.body.id);
    await mgr
      .post('/bulk-operations', { ...body, reasons: 'Altro' })
      .set('Idempotency-Key', key)
      .expect(409);
    const [{ n }] = (await ctx.db.query(
      `SELECT count(*)::int AS n FROM bulk_operation_items WHERE application_id = $1`,
      [c.id],
    )) as { n: number }[];
    expect(n).toBe(1);
    await finished(mgr, first.body.id as string);
  });

  it('an integration request already answered is not "already done": the service refuses a second one', async () => {
    const c = await givenCase(ctx, 'IN_REVIEW', { applicant, manager: mgr, operator: op }, { integration: true });
    const started = await op
      .post('/bulk-operations', {
        kind: 'request_integration',
        message: 'Allegare il verbale',
        days: 10,
        items: [{ id: c.id, version: c.version }],
      })
      .expect(201);
    const run = await finished(op, started.body.id as string);
    expect(run.items.map((i) => [i.result, i.refusalCode])).toEqual([['refused', 'APPLICATION_INTEGRATION_USED']]);
    const [row] = (await ctx.db.query(`SELECT status FROM applications WHERE id = $1`, [c.id])) as {
      status: string;
    }[];
    expect(row.status).toBe('IN_REVIEW');
  });
});
