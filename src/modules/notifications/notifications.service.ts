import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { AppError } from '../../common/errors/app-error.js';
import { sqlRows } from '../../common/database/sql.js';
import { AppConfig } from '../../config/app-config.js';
import type { Principal } from '../auth/principal.js';
import { renderNotification, type Language, type NotificationEvent, type TemplateParams } from './templates.js';

export interface NotifyCase {
  id: string;
  ownerId: string;
  sealed: boolean;
  protocolNumber: string | null;
  measureVersionId: string | null;
}

const notFound = () => new AppError('NOT_FOUND', { it: 'Notifica non trovata.', en: 'Notification not found.' });

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
  async enqueue(em: EntityManager, event: NotificationEvent, ref: { id: string }, extra: Pick<TemplateParams, 'days'> = {}): Promise<string> {
    const [app] = (await em.query(
      `SELECT id, owner_id AS "ownerId", sealed, protocol_number AS "protocolNumber", measure_version_id AS "measureVersionId" FROM applications WHERE id = $1`,
      [ref.id],
    )) as NotifyCase[];
    if (!app) throw new Error(`enqueue: application ${ref.id} not found`);
    const [user] = (await em.query(`SELECT language FROM users WHERE id = $1`, [app.ownerId])) as { language: Language }[];
    const language: Language = user?.language === 'en' ? 'en' : 'it';
    let measureTitle: string | null = null;
    if (!app.sealed && app.measureVersionId) {
      const [v] = (await em.query(`SELECT definition->'title' AS title FROM measure_versions WHERE id = $1`, [app.measureVersionId])) as { title: Record<Language, string> | null }[];
      measureTitle = v?.title?.[language] ?? null;
    }
    const params: TemplateParams = { protocolNumber: app.protocolNumber, measureTitle, days: extra.days ?? null };
    const channels = this.config.NOTIFICATION_CHANNELS.split(',');
    const now = this.clock.now();
    const [row] = (await em.query(
      `INSERT INTO notification_outbox (event, application_id, recipient_id, channels, template, language, sealed, params, created_at)
       VALUES ($1, $2, $3, $4, $1, $5, $6, $7, $8) RETURNING id`,
      [event, app.id, app.ownerId, channels, language, app.sealed, params, now],
    )) as { id: string }[];
    const message = renderNotification(event, language, app.sealed, params);
    await em.query(
      `INSERT INTO inbox_messages (user_id, notification_id, application_id, event, subject, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [app.ownerId, row.id, app.id, event, message.subject, message.markdown, now],
    );
    return row.id;
  }

  async inbox(actor: Principal, unreadOnly: boolean) {
    const rows = (await this.db.query(
      `SELECT id, application_id AS "applicationId", event, subject, body, created_at AS "createdAt", read_at AS "readAt"
         FROM inbox_messages WHERE user_id = $1 ${unreadOnly ? 'AND read_at IS NULL' : ''} ORDER BY created_at DESC, id LIMIT 200`,
      [actor.id],
    )) as { readAt: Date | null }[];
    const [{ unread }] = (await this.db.query(`SELECT count(*)::int AS unread FROM inbox_messages WHERE user_id = $1 AND read_at IS NULL`, [actor.id])) as { unread: number }[];
    return { unread, items: rows.map((r) => ({ ...r, read: r.readAt !== null })) };
  }

  /** Marks one of the caller's own messages read; someone else's is a 404. Idempotent. */
  async markRead(actor: Principal, id: string) {
    const [row] = await sqlRows<{ id: string; readAt: Date }>(
      this.db.manager,
      `UPDATE inbox_messages SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2 RETURNING id, read_at AS "readAt"`,
      [id, actor.id, this.clock.now()],
    );
    if (!row) throw notFound();
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
    if (!row) throw notFound();
    return { id: row.id, state: 'pending', generation: row.generation };
  }
}
