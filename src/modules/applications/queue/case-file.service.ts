import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../common/access/principal.js';
import type { MeasureDefinition } from '../../measures/domain/measure-definition.js';
import { MeasureVersion } from '../../measures/measure-version.entity.js';
import { applicationNotFound } from '../application-errors.js';
import { Application } from '../application.entity.js';
import { mayViewAsStaff } from '../case-access.js';

/** The case's place in the budget: booked (its reserved amount), queued at position N, or neither. */
export interface BudgetPosition {
  funding: 'none' | 'reserved' | 'queued';
  reservedCents: number;
  /** 1 for the next case the scorrimento funds; null unless queued. */
  queuePosition: number | null;
  queueLength: number | null;
}

export interface NotificationSent {
  event: string;
  template: string;
  channels: string[];
  state: string;
  sentChannel: string | null;
  createdAt: string;
  sentAt: string | null;
}

/**
 * What the workbench's case page shows beside CaseReadsService.get: the budget position and the
 * notifications sent about the case. Staff who may see the case only (the same rule, so a case
 * they may not see is not found here either); the page's read of a sealed case is recorded by
 * CaseReadsService.get, which the page calls first.
 */
export interface CaseFile {
  budget: BudgetPosition;
  notifications: NotificationSent[];
  /** The measure version the case was submitted under: its form's titles label the declared data. */
  definition: MeasureDefinition | null;
  /** Days the deadline stood still so far, and the start of a suspension running now. */
  suspension: { days: number; since: string | null };
}

@Injectable()
export class CaseFileService {
  constructor(private readonly db: DataSource) {}

  async file(actor: Principal, id: string): Promise<CaseFile> {
    const app = await this.visible(actor, id);
    const [budget, notifications, version] = await Promise.all([
      this.budgetPosition(app),
      this.notifications(id),
      app.measureVersionId ? this.db.getRepository(MeasureVersion).findOneBy({ id: app.measureVersionId }) : null,
    ]);
    return {
      budget,
      notifications,
      definition: version?.definition ?? null,
      suspension: { days: app.suspendedDays, since: app.suspendedSince },
    };
  }

  private async budgetPosition(app: Application): Promise<BudgetPosition> {
    const reservedCents = Number(app.reservedAmount);
    if (app.funding !== 'queued') {
      return { funding: app.funding, reservedCents, queuePosition: null, queueLength: null };
    }
    // The scorrimento's own order (budget.service.ts): ranking position, then protocol order.
    const [row] = (await this.db.query(
      `SELECT count(*) FILTER (WHERE (coalesce(q.queue_position, 2147483647), q.protocol_year, q.protocol_seq)
                                   <= (coalesce($2::int, 2147483647), $3::int, $4::bigint))::int AS position,
              count(*)::int AS length
         FROM applications q WHERE q.measure_id = $1 AND q.funding = 'queued'`,
      [app.measureId, app.queuePosition, app.protocolYear, app.protocolSeq],
    )) as { position: number; length: number }[];
    return { funding: 'queued', reservedCents, queuePosition: row.position, queueLength: row.length };
  }

  private async notifications(id: string): Promise<NotificationSent[]> {
    const rows = (await this.db.query(
      `SELECT event, template, channels, state, sent_channel, created_at, sent_at
         FROM notification_outbox WHERE application_id = $1 ORDER BY created_at, id`,
      [id],
    )) as {
      event: string;
      template: string;
      channels: string[];
      state: string;
      sent_channel: string | null;
      created_at: Date;
      sent_at: Date | null;
    }[];
    return rows.map((r) => ({
      event: r.event,
      template: r.template,
      channels: r.channels,
      state: r.state,
      sentChannel: r.sent_channel,
      createdAt: new Date(r.created_at).toISOString(),
      sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
    }));
  }

  private async visible(actor: Principal, id: string): Promise<Application> {
    const app = await this.db.getRepository(Application).findOneBy({ id });
    if (!app || !mayViewAsStaff(actor, app)) throw applicationNotFound();
    return app;
  }
}
