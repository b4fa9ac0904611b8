import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { NotificationsErrors } from './notifications.errors.js';
import { sqlRows } from '../../common/database/sql.js';
import { AppConfig } from '../../config/app-config.js';
import type { Principal } from '../../common/access/principal.js';
import { renderNotification, type Language, type NotificationEvent, type TemplateParams } from './templates.js';

export interface NotifyCase {
  id: string;
  ownerId: string;
  sealed: boolean;
  protocolNumber: string | null;
  measureVersionId: string | null;
}

/** One message of a person's inbox, as written at enqueue (neutral for sealed measures). */
export interface InboxRow {
  id: string;
  applicationId: string | null;
  event: NotificationEvent;
  subject: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface PreparedNotification {
  event: NotificationEvent;
  app: NotifyCase;
  language: Language;
  params: TemplateParams;
}

/**
 * The transactional outbox. `enqueue` must be called with the EntityManager of the transaction
 * that changes the state: the outbox row and the inbox message commit or roll back with it.
 * Nothing here talks to Redis; the worker's relay moves committed rows into BullMQ.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Writes the outbox row and the recipient's inbox message; returns the outbox id. The case is
   * re-read through `em` (this transaction's view), so the caller's in-memory copy may be partial.
   */
  async enqueue(
    em: EntityManager,
    event: NotificationEvent,
    ref: { id: string },
    extra: Pick<TemplateParams, 'days'> = {},
  ): Promise<string> {
    return this.write(em, await this.prepare(em, event, ref, extra));
  }

  /**
   * The reads of `enqueue` (case, language, measure title), for a caller that must keep the
   * writing part short: submission prepares before taking the protocol lock, then writes with
   * the number it was given.
   */
  async prepare(
    em: EntityManager,
    event: NotificationEvent,
    ref: { id: string },
    extra: Pick<TemplateParams, 'days'> = {},
  ): Promise<PreparedNotification> {
    const [app] = (await em.query(
      `SELECT a.id, a.owner_id AS "ownerId", a.sealed, a.protocol_number AS "protocolNumber", a.measure_version_id AS "measureVersionId",
              u.language, CASE WHEN a.sealed THEN NULL ELSE v.definition->'title' END AS title
         FROM applications a JOIN users u ON u.id = a.owner_id LEFT JOIN measure_versions v ON v.id = a.measure_version_id
        WHERE a.id = $1`,
      [ref.id],
    )) as (NotifyCase & { language: Language; title: Record<Language, string> | null })[];
    if (!app) throw new Error(`enqueue: application ${ref.id} not found`);
    const language: Language = app.language === 'en' ? 'en' : 'it';
    return {
      event,
      app,
      language,
      params: {
        protocolNumber: app.protocolNumber,
        measureTitle: app.title?.[language] ?? null,
        days: extra.days ?? null,
      },
    };
  }

  /** One statement: the outbox row and the inbox message. */
  async write(
    em: EntityManager,
    n: PreparedNotification,
    override: Partial<Pick<TemplateParams, 'protocolNumber'>> = {},
  ): Promise<string> {
    const params: TemplateParams = { ...n.params, ...override };
    const message = renderNotification(n.event, n.language, n.app.sealed, params);
    const [row] = (await em.query(
      `WITH o AS (
         INSERT INTO notification_outbox (event, application_id, recipient_id, channels, template, language, sealed, params, created_at)
         VALUES ($1, $2, $3, $4, $1, $5, $6, $7, $8) RETURNING id
       )
       INSERT INTO inbox_messages (user_id, notification_id, application_id, event, subject, body, created_at)
       SELECT $3, o.id, $2, $1, $9, $10, $8 FROM o RETURNING notification_id AS id`,
      [
        n.event,
        n.app.id,
        n.app.ownerId,
        this.config.NOTIFICATION_CHANNELS.split(','),
        n.language,
        n.app.sealed,
        params,
        this.clock.now(),
        message.subject,
        message.markdown,
      ],
    )) as { id: string }[];
    return row.id;
  }

  /**
   * An account mail (not about a case): an outbox row for the e-mail channel only and no inbox
   * message, since what it carries (a verification link) must reach the mailbox, not the account.
   */
  async enqueueAccountMail(
    em: EntityManager,
    event: Extract<NotificationEvent, 'email_verification' | 'registration_attempt'>,
    recipient: { id: string; language: Language },
    params: Pick<TemplateParams, 'link' | 'hours'> = {},
  ): Promise<string> {
    const [row] = (await em.query(
      `INSERT INTO notification_outbox (event, recipient_id, channels, template, language, sealed, params, created_at)
       VALUES ($1, $2, '{email}', $1, $3, false, $4, $5) RETURNING id`,
      [event, recipient.id, recipient.language, { protocolNumber: null, ...params }, this.clock.now()],
    )) as { id: string }[];
    return row.id;
  }

  async inbox(actor: Principal, unreadOnly: boolean) {
    const rows = (await this.db.query(
      `SELECT id, application_id AS "applicationId", event, subject, body, created_at AS "createdAt", read_at AS "readAt"
         FROM inbox_messages WHERE user_id = $1 ${unreadOnly ? 'AND read_at IS NULL' : ''} ORDER BY created_at DESC, id LIMIT 200`,
      [actor.id],
    )) as InboxRow[];
    const unread = await this.unreadCount(actor);
    return { unread, items: rows.map((r) => ({ ...r, read: r.readAt !== null })) };
  }

  /** How many of the caller's messages are unread (the personal area's link). */
  async unreadCount(actor: Principal): Promise<number> {
    const [{ unread }] = (await this.db.query(
      `SELECT count(*)::int AS unread FROM inbox_messages WHERE user_id = $1 AND read_at IS NULL`,
      [actor.id],
    )) as { unread: number }[];
    return unread;
  }

  /** Marks one of the caller's own messages read; someone else's is a 404. Idempotent. */
  async markRead(actor: Principal, id: string) {
    const [row] = await sqlRows<{ id: string; readAt: Date }>(
      this.db.manager,
      `UPDATE inbox_messages SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2 RETURNING id, read_at AS "readAt"`,
      [id, actor.id, this.clock.now()],
    );
    if (!row) throw NotificationsErrors.notFound();
    return { id: row.id, read: true, readAt: row.readAt };
  }

  deadLetters() {
    return this.db.query(
      `SELECT id, event, application_id AS "applicationId", recipient_id AS "recipientId", channels, attempts, last_error AS "lastError",
              generation, created_at AS "createdAt", dead_at AS "deadAt"
         FROM notification_outbox WHERE state = 'dead' ORDER BY dead_at DESC LIMIT 500`,
    );
  }

  /** Sends a dead notification again from its first channel: a new generation, so a new job id. */
  async replay(id: string) {
    const [row] = await sqlRows<{ id: string; generation: number }>(
      this.db.manager,
      `UPDATE notification_outbox SET state = 'pending', generation = generation + 1, channel_index = 0, attempts = 0, dead_at = NULL
        WHERE id = $1 AND state = 'dead' RETURNING id, generation`,
      [id],
    );
    if (!row) throw NotificationsErrors.notFound();
    return { id: row.id, state: 'pending', generation: row.generation };
  }
}
