import { beforeAll, describe, expect, it } from '@jest/globals';
import type { SmtpSink } from '../src/cli/smtp-sink.js';
import { Role } from '../src/common/access/role.js';
import { SAMPLE_APPLICATIONS } from '../src/modules/measures/domain/reference-measures/sample-applications.js';
import type { AppIoStub } from './support/app-io-stub.js';
import { bearer, caseVersion, draftAndSubmit } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { ATS_MILANO, MILANO } from './support/places.js';
import { seedAccount, tokenFor, type TestContext } from './support/test-app.js';
import { notificationAppOfFile, setNotificationPreferences } from './support/notification-app.js';

const harness = notificationAppOfFile();
let ctx: TestContext;
let smtp: SmtpSink;
let appIo: AppIoStub;
beforeAll(() => void ({ ctx, smtp, appIo } = harness));

interface OutboxRow {
  event: string;
  state: string;
  sent_channel: string | null;
  last_error: string | null;
}

/** The case's outbox rows once every one has an outcome (sent, skipped or dead). */
async function settled(applicationId: string, count: number): Promise<OutboxRow[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const rows = (await ctx.db.query(
      `SELECT event, state, sent_channel, last_error FROM notification_outbox WHERE application_id = $1 ORDER BY created_at`,
      [applicationId],
    )) as OutboxRow[];
    if (rows.length === count && rows.every((r) => ['sent', 'skipped', 'dead'].includes(r.state))) return rows;
    if (Date.now() > deadline) throw new Error(`outbox not settled: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const b1 = () => ({ ...SAMPLE_APPLICATIONS['B1-FNA-2025'], beneficiaryFiscalCode: uniqueFiscalCode() });

describe('notification preferences', () => {
  it('are read and set through the API, validated, and only for who receives case messages', async () => {
    const citizen = await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO });
    const token = await tokenFor(ctx, citizen);
    const url = '/api/v1/me/notification-preferences';
    const first = await ctx.http().get(url).set(bearer(token)).expect(200);
    expect(first.body).toMatchObject({ email: true, appIo: true });
    expect(first.body.alwaysDelivered).toEqual(expect.arrayContaining(['integration_request', 'decision_rejected']));
    await ctx.http().put(url).set(bearer(token)).send({ email: 'no', appIo: true }).expect(400);
    await ctx.http().put(url).set(bearer(token)).send({ email: false }).expect(400);
    const set = await ctx.http().put(url).set(bearer(token)).send({ email: false, appIo: true }).expect(200);
    expect(set.body).toMatchObject({ email: false, appIo: true });
    expect((await ctx.http().get(url).set(bearer(token)).expect(200)).body).toMatchObject({
      email: false,
      appIo: true,
    });
    const auditor = await tokenFor(ctx, await seedAccount(ctx.db, [Role.AUDITOR]));
    await ctx.http().put(url).set(bearer(auditor)).send({ email: false, appIo: false }).expect(403);
  });

  it('both channels off: the receipt stays in the inbox only; an integration request still reaches the e-mail', async () => {
    const citizen = await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO });
    appIo.allowed.add(citizen.fiscalCode!);
    const token = await tokenFor(ctx, citizen);
    await setNotificationPreferences(ctx, token, { email: false, appIo: false });
    const { id, receipt } = await draftAndSubmit(ctx, token, 'B1-FNA-2025', b1());
    const [row] = await settled(id, 1);
    expect(row).toMatchObject({ event: 'receipt', state: 'skipped', sent_channel: null });
    expect(row.last_error).toMatch(/email: turned off by the recipient; app_io: turned off by the recipient/);

    const officer = await tokenFor(ctx, await seedAccount(ctx.db, [Role.OPERATOR], { atsCodes: [ATS_MILANO] }));
    const v = (
      await ctx
        .http()
        .post(`/api/v1/cases/${id}/take-in-charge`)
        .set(bearer(officer))
        .send({ version: await caseVersion(ctx, token, id) })
        .expect(200)
    ).body.version as number;
    await ctx
      .http()
      .post(`/api/v1/cases/${id}/integration-request`)
      .set(bearer(officer))
      .send({ version: v, message: 'Allegare il verbale di invalidità', days: 10 })
      .expect(200);
    const rows = await settled(id, 2);
    expect(rows[1]).toMatchObject({ event: 'integration_request', state: 'sent', sent_channel: 'email' });
    const mails = smtp.mails.filter((m) => m.to.includes(citizen.email));
    expect(mails).toHaveLength(1);
    expect(mails[0].raw).toContain(receipt.protocolNumber);
    expect(appIo.messages.filter((m) => m.fiscal_code === citizen.fiscalCode)).toHaveLength(0);
    const inbox = await ctx.http().get('/api/v1/inbox').set(bearer(token)).expect(200);
    expect(inbox.body.items.map((i: { event: string }) => i.event).sort()).toEqual(['integration_request', 'receipt']);
  });

  it('e-mail off, App IO on: the receipt goes to App IO only', async () => {
    const citizen = await seedAccount(ctx.db, [Role.APPLICANT], { residence: MILANO });
    appIo.allowed.add(citizen.fiscalCode!);
    const token = await tokenFor(ctx, citizen);
    await setNotificationPreferences(ctx, token, { email: false, appIo: true });
    const { id } = await draftAndSubmit(ctx, token, 'B1-FNA-2025', b1());
    const [row] = await settled(id, 1);
    expect(row).toMatchObject({ state: 'sent', sent_channel: 'app_io' });
    expect(smtp.mails.filter((m) => m.to.includes(citizen.email))).toHaveLength(0);
    expect(appIo.messages.filter((m) => m.fiscal_code === citizen.fiscalCode)).toHaveLength(1);
  });
});
