import { describe, expect, it } from '@jest/globals';
import {
  emailOnly,
  expectEachDeliveredOnce,
  kill,
  notificationRigOfFile,
  queueNotifications,
  sentCount,
  waitFor,
} from './support/processes.js';

/**
 * The worker as operators run it (node dist/src/worker.js), killed with SIGKILL in the middle of
 * a batch and started again: every committed notification reaches the SMTP sink, identified by
 * its Message-ID (derived from the outbox id).
 */
const N = 200;
const rig = notificationRigOfFile();

const startWorker = () => rig.processes.worker(rig.env, emailOnly(rig.smtp));

describe('a worker killed with SIGKILL in the middle of a batch', () => {
  it(`delivers each of ${N} committed notifications to the SMTP sink once (by Message-ID)`, async () => {
    const ids = await queueNotifications(rig.db, N, 'CRASH');

    const first = startWorker();
    await waitFor(() => rig.smtp.mails.length >= 40, 60_000);
    await kill(first);
    const atKill = { received: rig.smtp.mails.length, sent: await sentCount(rig.db) };
    expect(atKill.sent).toBeLessThan(N);

    startWorker();
    // Only a mail accepted by the sink whose delivery record the kill prevented may come twice.
    const mails = await expectEachDeliveredOnce(rig.smtp, rig.db, ids);
    process.stdout.write(
      `crash test: ${atKill.received} mails received and ${atKill.sent} recorded at SIGKILL; ${rig.smtp.mails.length} received in all, ${mails.distinct} distinct, ${mails.duplicates} duplicate(s)\n`,
    );
  }, 180_000);
});
