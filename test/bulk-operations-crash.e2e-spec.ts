import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role } from '../src/common/access/role.js';
import { actor } from './support/actors.js';
import { givenCase } from './support/case-fixtures.js';
import { ATS_BRESCIA, MILANO } from './support/places.js';
import { kill, Processes, waitFor, type TestEnvironment } from './support/processes.js';
import { createTestApp, type TestContext } from './support/test-app.js';

/**
 * The worker as operators run it (node dist/src/worker.js), killed with SIGKILL in the middle of
 * a bulk decision and started again: the job is taken back once its lock lapses and resumes; every
 * case is decided exactly once.
 */
jest.setTimeout(240_000);

const N = 60;
let ctx: TestContext;
const processes = new Processes();

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await processes.killAll();
  await ctx?.close();
});

describe('a worker killed in the middle of a bulk decision', () => {
  it(`decides each of ${N} cases once when started again`, async () => {
    const mgr = await actor(ctx, Role.MANAGER, { atsCodes: [ATS_BRESCIA] });
    const op = await actor(ctx, Role.OPERATOR, { atsCodes: [ATS_BRESCIA] });
    const applicant = await actor(ctx, Role.APPLICANT, { residence: MILANO });
    const cases = [];
    for (let i = 0; i < N; i++) cases.push(await givenCase(ctx, 'PROPOSED', { applicant, manager: mgr, operator: op }));
    const started = await mgr
      .post('/bulk-operations', {
        kind: 'decide',
        outcome: 'approve',
        reasons: 'Requisiti verificati',
        items: cases.map((c) => ({ id: c.id, version: c.version })),
      })
      .expect(201);
    const id = started.body.id as string;
    const processed = async () =>
      (
        (await ctx.db.query(
          `SELECT count(*)::int AS n FROM bulk_operation_items WHERE operation_id = $1 AND result IS NOT NULL`,
          [id],
        )) as { n: number }[]
      )[0].n;
    const env = { config: ctx.config } as TestEnvironment;

    const first = processes.worker(env, {});
    await waitFor(async () => (await processed()) >= 5, 60_000);
    await kill(first);
    const atKill = await processed();
    expect(atKill).toBeLessThan(N);

    processes.worker(env, {});
    // BullMQ takes the job back once its lock (30 s) lapses; the handler skips what has a result.
    await waitFor(async () => (await mgr.get(`/bulk-operations/${id}`).expect(200)).body.state === 'done', 150_000);
    const run = (await mgr.get(`/bulk-operations/${id}`).expect(200)).body as {
      processed: number;
      done: number;
      already: number;
      refused: number;
    };
    expect(run).toMatchObject({ processed: N, refused: 0 });
    // Only the case in flight at the kill may have committed without its result: then "already".
    expect(run.already).toBeLessThanOrEqual(1);
    const perCase = (await ctx.db.query(
      `SELECT application_id, count(*)::int AS n FROM application_transitions
        WHERE application_id = ANY($1) AND event IN ('decide_approve', 'decide_waitlist') GROUP BY application_id`,
      [cases.map((c) => c.id)],
    )) as { n: number }[];
    expect(perCase).toHaveLength(N);
    expect(perCase.every((r) => r.n === 1)).toBe(true);
  });
});
