import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import type { JobHandler } from '../../common/queue/job-handler.js';
import { AppIoChannel, EmailChannel, PermanentDeliveryError, type Channel, type ChannelName } from './channels.js';
import { channelAllowed } from './preferences-policy.js';
import { renderNotification, type Language, type NotificationEvent, type TemplateParams } from './templates.js';

interface OutboxRow {
  id: string;
  event: NotificationEvent;
  channels: ChannelName[];
  language: Language;
  sealed: boolean;
  params: TemplateParams;
  state: string;
  channel_index: number;
  email: string | null;
  fiscal_code: string | null;
  /** The recipient's preferences (notification_preferences; no row: both on). */
  email_on: boolean;
  app_io_on: boolean;
}

/**
 * Delivers one outbox row. The job carries only the outbox id; the row is re-read and is the
 * truth: anything but `queued` is a no-op (so a job that runs twice sends nothing twice once the
 * first run recorded its delivery). Per channel, in order: the idempotency record
 * (notification_deliveries) is checked before sending and written, with the row's `sent` state,
 * in one transaction right after the provider accepted the message. Permanent failures move to the
 * next channel; transient ones are thrown for BullMQ to retry with backoff, except on the last
 * attempt, where they count as final for that channel. No channel left: dead letter. A channel
 * the recipient turned off is skipped for the messages the law does not require
 * (preferences-policy.ts); the inbox message was written at enqueue and stays.
 */
@Injectable()
export class NotificationDeliveryHandler implements JobHandler<'notifications'> {
  readonly queue = 'notifications' as const;
  readonly jobName = 'deliver';
  private readonly logger = new Logger('Notifications');
  private readonly channels: Record<ChannelName, Channel>;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    email: EmailChannel,
    appIo: AppIoChannel,
  ) {
    this.channels = { email, app_io: appIo };
  }

  async handle(job: Job<{ id: string }>): Promise<unknown> {
    const id = job.data.id;
    const [row] = (await this.db.query(
      `SELECT o.id, o.event, o.channels, o.language, o.sealed, o.params, o.state, o.channel_index, u.email, u.fiscal_code,
              coalesce(p.email, true) AS email_on, coalesce(p.app_io, true) AS app_io_on
         FROM notification_outbox o JOIN users u ON u.id = o.recipient_id
         LEFT JOIN notification_preferences p ON p.user_id = o.recipient_id
        WHERE o.id = $1`,
      [id],
    )) as OutboxRow[];
    if (!row || row.state !== 'queued') return { skipped: row?.state ?? 'missing' };
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const message = renderNotification(row.event, row.language, row.sealed, row.params);
    const recipient = { email: row.email, fiscalCode: row.fiscal_code };
    let attempted = false;
    const reasons: string[] = [];

    for (let i = row.channel_index; i < row.channels.length; i++) {
      const name = row.channels[i];
      const channel = this.channels[name];
      const [done] = (await this.db.query(
        `SELECT external_id FROM notification_deliveries WHERE notification_id = $1 AND channel = $2`,
        [id, name],
      )) as { external_id: string }[];
      if (done) {
        await this.markSent(id, name, done.external_id);
        return { sent: name, alreadyDelivered: true };
      }
      // Read at delivery, not at enqueue: a channel turned off meanwhile is honoured.
      const unavailable = !channel
        ? `unknown channel ${name}`
        : !channelAllowed(row.event, name, { email: row.email_on, appIo: row.app_io_on })
          ? 'turned off by the recipient'
          : channel.unavailable(recipient);
      if (unavailable) {
        reasons.push(`${name}: ${unavailable}`);
        continue;
      }
      attempted = true;
      try {
        const externalId = await channel.send(id, recipient, message);
        await this.markSent(id, name, externalId);
        return { sent: name };
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        const final = error instanceof PermanentDeliveryError || lastAttempt;
        reasons.push(`${name}: ${text}`);
        await this.db.query(
          `UPDATE notification_outbox SET attempts = attempts + 1, last_error = $2, channel_index = $3 WHERE id = $1 AND state = 'queued'`,
          [id, text.slice(0, 1000), final ? i + 1 : i],
        );
        if (!final) throw error;
        this.logger.warn({ notificationId: id, channel: name, err: text }, 'channel failed permanently, falling back');
      }
    }
    const state = attempted ? 'dead' : 'skipped';
    await this.db.query(
      `UPDATE notification_outbox SET state = $2, last_error = COALESCE($3, last_error), dead_at = CASE WHEN $2 = 'dead' THEN $4::timestamptz END,
              channel_index = cardinality(channels) WHERE id = $1 AND state = 'queued'`,
      [id, state, reasons.join('; ').slice(0, 1000) || null, this.clock.now()],
    );
    if (state === 'dead') this.logger.error({ notificationId: id, reasons }, 'notification dead-lettered');
    return { [state]: true, reasons };
  }

  /** The idempotency record and the row's outcome, in one transaction. */
  private async markSent(id: string, channel: ChannelName, externalId: string) {
    await this.db.transaction(async (em) => {
      await em.query(
        `INSERT INTO notification_deliveries (notification_id, channel, external_id, delivered_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [id, channel, externalId, this.clock.now()],
      );
      await em.query(
        `UPDATE notification_outbox SET state = 'sent', sent_at = $3, sent_channel = $2 WHERE id = $1 AND state IN ('queued', 'dead')`,
        [id, channel, this.clock.now()],
      );
    });
  }
}
