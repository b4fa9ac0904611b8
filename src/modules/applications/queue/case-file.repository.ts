import type { EntityManager } from 'typeorm';
import type { Application } from '../application.entity.js';

/**
 * The case's place in its measure's waiting list, in the scorrimento's own order
 * (budget.service.ts): ranking position, then protocol order. Counts every queued case of the
 * measure: only for a reader who may know the whole queue (CaseFileService decides).
 */
export async function waitingListPlace(
  em: EntityManager,
  app: Pick<Application, 'measureId' | 'queuePosition' | 'protocolYear' | 'protocolSeq'>,
): Promise<{ position: number; length: number }> {
  const [row] = (await em.query(
    `SELECT count(*) FILTER (WHERE (coalesce(q.queue_position, 2147483647), q.protocol_year, q.protocol_seq)
                                 <= (coalesce($2::int, 2147483647), $3::int, $4::bigint))::int AS position,
            count(*)::int AS length
       FROM applications q WHERE q.measure_id = $1 AND q.funding = 'queued'`,
    [app.measureId, app.queuePosition, app.protocolYear, app.protocolSeq],
  )) as { position: number; length: number }[];
  return row;
}

export interface NotificationRow {
  event: string;
  template: string;
  channels: string[];
  state: string;
  sent_channel: string | null;
  created_at: Date;
  sent_at: Date | null;
}

/** The notifications queued or sent about one case, oldest first. */
export async function caseNotifications(em: EntityManager, id: string): Promise<NotificationRow[]> {
  return (await em.query(
    `SELECT event, template, channels, state, sent_channel, created_at, sent_at
       FROM notification_outbox WHERE application_id = $1 ORDER BY created_at, id`,
    [id],
  )) as NotificationRow[];
}
