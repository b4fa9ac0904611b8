import { describe, it } from '@jest/globals';
import { deliveredAcross, emailOnly, kill, notificationRigOfFile } from './support/processes.js';

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
    const { atStop, mails } = await deliveredAcross(rig, {
      n: N,
      tag: 'CRASH',
      startWorker,
      stop: kill,
      resume: () => Promise.resolve(startWorker()),
    });
    process.stdout.write(
      `crash test: ${atStop.received} mails received and ${atStop.sent} recorded at SIGKILL; ${rig.smtp.mails.length} received in all, ${mails.distinct} distinct, ${mails.duplicates} duplicate(s)\n`,
    );
  }, 180_000);
});
