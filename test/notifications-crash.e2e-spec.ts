import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import type { SmtpSink } from '../src/cli/smtp-sink.js';
import {
  emailOnly,
  expectEachDeliveredOnce,
  kill,
  Processes,
  notificationRig,
  queueNotifications,
  sentCount,
  waitFor,
  type TestEnvironment,
} from './support/processes.js';

/**
 * The worker as operators run it (node dist/src/worker.js), killed with SIGKILL in the middle of
 * a batch and started again: every committed notification reaches the SMTP sink, identified by
 * its Message-ID (derived from the outbox id).
 */
const N = 200;
let env: TestEnvironment;
let smtp: SmtpSink;
let db: pg.Client;
let closeRig: () => Promise<void>;
const processes = new Processes();

beforeAll(async () => {
  ({ env, smtp, db, close: closeRig } = await notificationRig());
});
afterAll(async () => {
  await processes.killAll();
  await closeRig();
});

const startWorker = () => processes.worker(env, emailOnly(smtp));

describe('a worker killed with SIGKILL in the middle of a batch', () => {
  it(`delivers each of ${N} committed notifications to the SMTP sink once (by Message-ID)`, async () => {
    const ids = await queueNotifications(db, N, 'CRASH');

    const first = startWorker();
    await waitFor(() => smtp.mails.length >= 40, 60_000);
    await kill(first);
    const atKill = { received: smtp.mails.length, sent: await sentCount(db) };
    expect(atKill.sent).toBeLessThan(N);

    startWorker();
    // Only a mail accepted by the sink whose delivery record the kill prevented may come twice.
    const mails = await expectEachDeliveredOnce(smtp, db, ids);
    process.stdout.write(
      `crash test: ${atKill.received} mails received and ${atKill.sent} recorded at SIGKILL; ${smtp.mails.length} received in all, ${mails.distinct} distinct, ${mails.duplicates} duplicate(s)\n`,
    );
  }, 180_000);
});
