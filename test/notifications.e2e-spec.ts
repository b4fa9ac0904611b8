import { beforeAll, describe, expect, it } from '@jest/globals';
import type { SmtpSink } from '../src/cli/smtp-sink.js';
import { SAMPLE_APPLICATIONS } from '../src/modules/measures/domain/reference-measures/sample-applications.js';
import { NotificationsService } from '../src/modules/notifications/notifications.service.js';
import { Role } from '../src/common/access/role.js';
import type { AppIoStub } from './support/app-io-stub.js';
import { bearer, draftAndSubmit } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { seedAccount, tokenFor, type TestContext } from './support/test-app.js';
import { MILANO, orphanForm } from './support/case-fixtures.js';
import { notificationAppOfFile } from './support/notification-app.js';

const harness = notificationAppOfFile();
let ctx: TestContext;
let smtp: SmtpSink;
let appIo: AppIoStub;
beforeAll(() => void ({ ctx, smtp, appIo } = harness));

async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      const rows = await ctx.db.query(
        `SELECT event, state, channel_index, attempts, last_error FROM notification_outbox ORDER BY created_at DESC LIMIT 3`,
      );
      throw new Error(`timed out waiting; latest outbox rows: ${JSON.stringify(rows)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const outboxOf = async (applicationId: string) =>
  (await ctx.db.query(
    `SELECT id, event, state, sent_channel, last_error, generation FROM notification_outbox WHERE application_id = $1 ORDER BY created_at`,
    [applicationId],
  )) as {
    id: string;
    event: string;
    state: string;
    sent_channel: string | null;
    last_error: string | null;
    generation: number;
  }[];

describe('notifications through the outbox', () => {
  it('a committed submission produces exactly one e-mail, in the recipient language, and one inbox message', async () => {
    const citizen = await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO });
    await ctx.db.query(`UPDATE users SET language = 'en' WHERE id = $1`, [citizen.id]);
    const token = await tokenFor(ctx, citizen);
    const { id, receipt } = await draftAndSubmit(
      ctx,
      token,
      'B1-FNA-2025',
      { ...SAMPLE_APPLICATIONS['B1-FNA-2025'], beneficiaryFiscalCode: uniqueFiscalCode() },
      'key-0001',
    );
    // a retried submission (same Idempotency-Key) notifies nobody again
    await ctx
      .http()
      .post(`/api/v1/applications/${id}/submit`)
      .set(bearer(token))
      .set('idempotency-key', 'key-0001')
      .expect(201);
    const [row] = await waitFor(async () => {
      const rows = await outboxOf(id);
      return rows.length === 1 && rows[0].state === 'sent' && rows;
    });
    expect(row).toMatchObject({ event: 'receipt', sent_channel: 'email' });
    await new Promise((r) => setTimeout(r, 500));
    const mails = smtp.mails.filter((m) => m.to.includes(citizen.email));
    expect(mails).toHaveLength(1);
    expect(mails[0].messageId).toBe(`<${row.id}@notifications.sportello>`);
    expect(mails[0].subject).toMatch(/^Application received: /);
    expect(mails[0].raw).toContain(receipt.protocolNumber);

    const inbox = await ctx.http().get('/api/v1/inbox').set(bearer(token)).expect(200);
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items).toHaveLength(1);
    expect(inbox.body.items[0]).toMatchObject({ applicationId: id, event: 'receipt', read: false });
    const msgId = inbox.body.items[0].id as string;
    // nobody else reads or marks it
    const other = await tokenFor(ctx, await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: ['321'] }));
    await ctx.http().post(`/api/v1/inbox/${msgId}/read`).set(bearer(other)).expect(404);
    expect((await ctx.http().get('/api/v1/inbox').set(bearer(other)).expect(200)).body.items).toHaveLength(0);
    await ctx.http().post(`/api/v1/inbox/${msgId}/read`).set(bearer(token)).expect(200);
    await ctx.http().post(`/api/v1/inbox/${msgId}/read`).set(bearer(token)).expect(200);
    const after = await ctx.http().get('/api/v1/inbox?unread=true').set(bearer(token)).expect(200);
    expect(after.body).toMatchObject({ unread: 0, items: [] });
  });

  it('a rolled-back transaction sends nothing', async () => {
    const citizen = await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO });
    const [app] = await ctx.db.query(`SELECT id FROM applications WHERE protocol_number IS NOT NULL LIMIT 1`);
    const notifications = ctx.app.get(NotificationsService);
    await expect(
      ctx.db.transaction(async (em) => {
        await em.query(`UPDATE applications SET owner_id = $2 WHERE id = $1`, [app.id, citizen.id]);
        await notifications.enqueue(em, 'decision_approved', app);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await new Promise((r) => setTimeout(r, 1000));
    const [{ count }] = await ctx.db.query(
      `SELECT count(*)::int AS count FROM notification_outbox WHERE recipient_id = $1`,
      [citizen.id],
    );
    expect(count).toBe(0);
    expect(smtp.mails.filter((m) => m.to.includes(citizen.email))).toHaveLength(0);
    const [{ inbox }] = await ctx.db.query(`SELECT count(*)::int AS inbox FROM inbox_messages WHERE user_id = $1`, [
      citizen.id,
    ]);
    expect(inbox).toBe(0);
  });

  it('a sealed measure: neutral e-mail subject and body; neutral App IO message after a rejected address falls back', async () => {
    const guardian = await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO });
    const first = await draftAndSubmit(ctx, await tokenFor(ctx, guardian), 'ORFANI-FEMMINICIDIO', orphanForm());
    await waitFor(async () => (await outboxOf(first.id))[0]?.state === 'sent');
    const mail = smtp.mails.find((m) => m.to.includes(guardian.email))!;
    expect(mail.subject).toBe('Aggiornamento sulla tua pratica');
    expect(mail.raw).not.toMatch(/violen|orfan|femminicid|crimin/i);

    const second = await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO });
    smtp.reject.add(second.email.toLowerCase());
    appIo.allowed.add(second.fiscalCode!);
    const { id } = await draftAndSubmit(ctx, await tokenFor(ctx, second), 'ORFANI-FEMMINICIDIO', orphanForm());
    const [row] = await waitFor(async () => {
      const rows = await outboxOf(id);
      return rows[0]?.state === 'sent' && rows;
    });
    expect(row.sent_channel).toBe('app_io');
    expect(row.last_error).toMatch(/SMTP 550/);
    expect(smtp.mails.filter((m) => m.to.includes(second.email))).toHaveLength(0);
    const io = appIo.messages.filter((m) => m.fiscal_code === second.fiscalCode);
    expect(io).toHaveLength(1);
    expect(io[0].content.subject).toBe('Aggiornamento sulla tua pratica');
    expect(`${io[0].content.subject} ${io[0].content.markdown}`).not.toMatch(/violen|orfan|femminicid|crimin/i);
  });

  it('permanent failures on every channel dead-letter; ADMIN lists and replays', async () => {
    const citizen = await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO });
    smtp.reject.add(citizen.email.toLowerCase());
    appIo.blocked.add(citizen.fiscalCode!); // sender_allowed: false
    const { id } = await draftAndSubmit(ctx, await tokenFor(ctx, citizen), 'B1-FNA-2025', {
      ...SAMPLE_APPLICATIONS['B1-FNA-2025'],
      beneficiaryFiscalCode: uniqueFiscalCode(),
    });
    const [row] = await waitFor(async () => {
      const rows = await outboxOf(id);
      return rows[0]?.state === 'dead' && rows;
    });
    expect(row.last_error).toMatch(/sender_allowed/);
    const admin = await tokenFor(ctx, await seedAccount(ctx.db, [Role.ADMIN]));
    const applicant = await tokenFor(ctx, citizen);
    await ctx.http().get('/api/v1/admin/notifications/dead-letters').set(bearer(applicant)).expect(403);
    const dead = await ctx.http().get('/api/v1/admin/notifications/dead-letters').set(bearer(admin)).expect(200);
    expect(dead.body.map((d: { id: string }) => d.id)).toContain(row.id);

    smtp.reject.delete(citizen.email.toLowerCase()); // the address is fixed
    const replay = await ctx.http().post(`/api/v1/admin/notifications/${row.id}/replay`).set(bearer(admin)).expect(200);
    expect(replay.body).toMatchObject({ state: 'pending', generation: 1 });
    await ctx.http().post(`/api/v1/admin/notifications/${row.id}/replay`).set(bearer(admin)).expect(404); // not dead any more
    await waitFor(async () => (await outboxOf(id))[0]?.state === 'sent');
    const mails = smtp.mails.filter((m) => m.to.includes(citizen.email));
    expect(mails).toHaveLength(1);
    expect(mails[0].messageId).toBe(`<${row.id}@notifications.sportello>`);
  });
});
