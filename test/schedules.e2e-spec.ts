import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue, QueueEvents } from 'bullmq';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock, FixedClock } from '../src/common/clock/clock.js';
import { QUEUES } from '../src/common/queue/queues.js';
import { SAMPLE_APPLICATIONS } from '../src/modules/measures/domain/reference-measures/sample-applications.js';
import { Role } from '../src/common/access/role.js';
import { WorkerModule } from '../src/worker.module.js';
import { bearer, caseVersion, draftAndSubmit, toProposed } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { createTestApp, seedAccount, tokenFor, type TestContext } from './support/test-app.js';
import { describeAuditTrail } from './support/audit-invariant.js';

/**
 * The scheduled handlers run through the real worker (jobs enqueued under the schedulers' job
 * names), with the worker's clock set by the test, against real PostgreSQL and Redis.
 */
const MILANO = '015146';
const DAY = 86_400_000;
let ctx: TestContext;
let worker: INestApplicationContext;
let queue: Queue;
let events: QueueEvents;
let exportDir: string;
const clock = new FixedClock(new Date());

beforeAll(async () => {
  exportDir = await mkdtemp(join(tmpdir(), 'sportello-register-'));
  ctx = await createTestApp({ REGISTER_EXPORT_DIR: exportDir, NOTIFICATION_CHANNELS: 'email' });
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot(ctx.config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  worker = moduleRef.createNestApplication({ logger: false });
  await worker.init();
  const connection = { url: ctx.config.REDIS_URL };
  queue = new Queue(QUEUES.maintenance.name, { connection, prefix: ctx.config.REDIS_PREFIX });
  events = new QueueEvents(QUEUES.maintenance.name, { connection, prefix: ctx.config.REDIS_PREFIX });
  await events.waitUntilReady();
});
afterAll(async () => {
  await events?.close();
  await queue?.close();
  await worker?.close();
  await ctx?.close();
  await rm(exportDir, { recursive: true, force: true });
});

/** Enqueues one job as its scheduler would and waits for its result. */
async function run(jobName: string, data: Record<string, unknown> = {}) {
  const job = await queue.add(jobName, data, { ...QUEUES.maintenance.jobs, attempts: 1 });
  return (await job.waitUntilFinished(events, 20_000)) as Record<string, unknown>;
}

const outbox = (id: string, event: string) =>
  ctx.db.query(
    `SELECT id, params FROM notification_outbox WHERE application_id = $1 AND event = $2 ORDER BY created_at`,
    [id, event],
  ) as Promise<{ id: string; params: { days: number } }[]>;

let integrationCase: string;
let noticeCase: string;
let requestedAt: Date;
let noticeSentAt: Date;
let receivedDate: string;
let protocols: string[];

describe('scheduled work in the worker', () => {
  beforeAll(async () => {
    const operator = await tokenFor(ctx, await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['321'] }));
    const manager = await tokenFor(ctx, await seedAccount(ctx.db, [Role.MANAGER], { atsCodes: ['321'] }));
    const submit = async () => {
      const citizen = await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO });
      return draftAndSubmit(ctx, await tokenFor(ctx, citizen), 'B1-FNA-2025', {
        ...SAMPLE_APPLICATIONS['B1-FNA-2025'],
        beneficiaryFiscalCode: uniqueFiscalCode(),
      });
    };
    const a = await submit();
    integrationCase = a.id;
    let v = (
      await ctx
        .http()
        .post(`/api/v1/cases/${a.id}/take-in-charge`)
        .set(bearer(operator))
        .send({ version: await caseVersion(ctx, operator, a.id) })
        .expect(200)
    ).body.version;
    await ctx
      .http()
      .post(`/api/v1/cases/${a.id}/integration-request`)
      .set(bearer(operator))
      .send({ version: v, message: 'Manca il certificato ISEE aggiornato.', days: 10 })
      .expect(200);
    const b = await submit();
    noticeCase = b.id;
    v = await toProposed(ctx, operator, b.id, 'reject');
    await ctx
      .http()
      .post(`/api/v1/cases/${b.id}/pre-rejection-notice`)
      .set(bearer(manager))
      .send({ version: v, reasons: 'ISEE superiore alla soglia.' })
      .expect(200);
    const rows = await ctx.db.query(
      `SELECT id, integration_request->>'requestedAt' AS r, pre_rejection_notice->>'sentAt' AS s, received_date::text AS d, protocol_number AS p FROM applications WHERE id = ANY($1)`,
      [[a.id, b.id]],
    );
    const byId = new Map(rows.map((r: { id: string }) => [r.id, r]));
    requestedAt = new Date((byId.get(a.id) as { r: string }).r);
    noticeSentAt = new Date((byId.get(b.id) as { s: string }).s);
    receivedDate = (byId.get(a.id) as { d: string }).d;
    protocols = rows.map((r: { p: string }) => r.p);
  });

  it('installs every schedule once, in Europe/Rome', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual([
      'deadline-lapses',
      'deadline-reminders',
      'protocol-register-export',
      'purge-expired-refresh-tokens',
    ]);
    expect(schedulers.every((s) => s.tz === 'Europe/Rome')).toBe(true);
  });

  it('reminds 3 days and 1 day before each term ends, never twice for the same threshold', async () => {
    // integration: requested day D with 10 days, ends D+10; notice: sent day D', ends D'+10
    clock.set(new Date(requestedAt.getTime() + 7 * DAY));
    const first = await run('deadline-reminders');
    expect(first.reminders).toBe(2); // both cases, same day in this test
    expect(await run('deadline-reminders')).toMatchObject({ reminders: 0 });
    expect((await outbox(integrationCase, 'deadline_reminder')).map((r) => r.params.days)).toEqual([3]);
    clock.set(new Date(requestedAt.getTime() + 8 * DAY)); // 2 days left: the 3-day reminder is already sent
    expect(await run('deadline-reminders')).toMatchObject({ reminders: 0 });
    clock.set(new Date(requestedAt.getTime() + 9 * DAY));
    await Promise.all([run('deadline-reminders'), run('deadline-reminders')]); // two at once: still one each
    expect((await outbox(integrationCase, 'deadline_reminder')).map((r) => r.params.days)).toEqual([3, 1]);
    expect((await outbox(noticeCase, 'deadline_reminder')).map((r) => r.params.days)).toEqual([3, 1]);
    const [{ n }] = await ctx.db.query(`SELECT count(*)::int AS n FROM deadline_reminders`);
    expect(n).toBe(4);
  });

  it('a lapsed integration resumes the review (SYSTEM transition, audit, notice to the applicant); a lapsed 10-bis notice is only flagged', async () => {
    clock.set(new Date(requestedAt.getTime() + 10 * DAY)); // the last day: nothing lapses yet
    expect(await run('deadline-lapses')).toMatchObject({ integrationsLapsed: 0, noticesFlagged: 0 });
    clock.set(new Date(Math.max(requestedAt.getTime(), noticeSentAt.getTime()) + 11 * DAY));
    expect(await run('deadline-lapses')).toMatchObject({ integrationsLapsed: 1, noticesFlagged: 1 });
    expect(await run('deadline-lapses')).toMatchObject({ integrationsLapsed: 0, noticesFlagged: 0 });

    const [a] = await ctx.db.query(
      `SELECT status, suspended_days, suspended_since, notice_lapsed_at FROM applications WHERE id = $1`,
      [integrationCase],
    );
    expect(a).toMatchObject({ status: 'IN_REVIEW', suspended_days: 10, suspended_since: null, notice_lapsed_at: null });
    const transitions = await ctx.db.query(
      `SELECT from_status, to_status, actor_id, actor_role, details FROM application_transitions WHERE application_id = $1 AND event = 'integration_lapsed'`,
      [integrationCase],
    );
    expect(transitions).toEqual([
      expect.objectContaining({
        from_status: 'INTEGRATION_REQUESTED',
        to_status: 'IN_REVIEW',
        actor_id: null,
        actor_role: 'SYSTEM',
      }),
    ]);
    expect(transitions[0].details).toMatchObject({ suspendedDaysCounted: 10 });
    const audit = await ctx.db.query(
      `SELECT actor_id, change FROM audit_log WHERE target_id = $1 AND change->>'event' = 'integration_lapsed'`,
      [integrationCase],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBeNull();
    expect(await outbox(integrationCase, 'integration_lapsed')).toHaveLength(1);

    const [b] = await ctx.db.query(`SELECT status, notice_lapsed_at FROM applications WHERE id = $1`, [noticeCase]);
    expect(b.status).toBe('PRE_REJECTION_NOTICE');
    expect(b.notice_lapsed_at).not.toBeNull();
    const [{ n }] = await ctx.db.query(
      `SELECT count(*)::int AS n FROM application_transitions WHERE application_id = $1 AND actor_role = 'SYSTEM'`,
      [noticeCase],
    );
    expect(n).toBe(0);
  });

  it("exports a day's protocol register once, with its SHA-256 in a file and a row", async () => {
    const first = await run('protocol-register-export', { day: receivedDate });
    expect(first).toMatchObject({ day: receivedDate, created: true });
    const csv = await readFile(first.path as string, 'utf8');
    const sha = createHash('sha256').update(csv).digest('hex');
    expect(first.sha256).toBe(sha);
    expect(await readFile(`${first.path as string}.sha256`, 'utf8')).toBe(
      `${sha}  protocol-register-${receivedDate}.csv\n`,
    );
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('protocol_number,received_at_europe_rome,measure_code');
    for (const p of protocols) {
      expect(lines.some((l) => l.startsWith(`${p},`) && l.endsWith(',B1-FNA-2025'))).toBe(true);
    }
    expect(csv).not.toMatch(/[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]/); // no fiscal codes
    expect(first.registrations).toBe(lines.length - 1);
    const again = await run('protocol-register-export', { day: receivedDate });
    expect(again).toMatchObject({ created: false, sha256: sha, registrations: first.registrations });
    const [row] = await ctx.db.query(`SELECT registrations, sha256, path FROM register_exports WHERE day = $1`, [
      receivedDate,
    ]);
    expect(row).toEqual({ registrations: first.registrations, sha256: sha, path: first.path });
    // the scheduled run (no data) exports yesterday by the clock
    clock.set(new Date(`${receivedDate}T12:00:00Z`));
    clock.advance(DAY);
    expect(await run('protocol-register-export')).toMatchObject({ day: receivedDate, created: false });
  });
});

describeAuditTrail(
  () => ctx.db,
  ['integration_lapsed', 'propose', 'request_integration', 'send_pre_rejection_notice', 'submit', 'take_in_charge'],
);
