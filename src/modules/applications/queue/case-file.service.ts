import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hasRole, type Principal } from '../../../common/access/principal.js';
import { Role } from '../../../common/access/role.js';
import type { MeasureDefinition } from '../../measures/domain/measure-definition.js';
import { MeasureVersion } from '../../measures/measure-version.entity.js';
import { applicationNotFound } from '../cases.errors.js';
import { Application } from '../application.entity.js';
import { mayViewAsStaff } from '../case-access.js';
import { coversManagingBody } from '../measure-staff.js';
import { caseNotifications, waitingListPlace } from './case-file.repository.js';

/** The case's place in the budget: booked (its reserved amount), queued at position N, or neither. */
export interface BudgetPosition {
  funding: 'none' | 'reserved' | 'queued';
  reservedCents: number;
  /** 1 for the next case the scorrimento funds; null unless queued and the reader manages the measure. */
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
      this.budgetPosition(actor, app),
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

  /**
   * Position and length only for a MANAGER of the measure's managing body (the responsabile
   * del procedimento, who runs the scorrimento and already sees the queue's size on the budget
   * page). The queue is one per measure (one budget account), so a count restricted to the
   * cases the reader may see would misstate the order the money follows, while the full count
   * would tell an assigned OPERATOR how many other sealed cases exist and an Ambito officer how
   * many cases other territories have: identity and existence of violence cases are for those
   * who need them (domain README, section 4). Others read "on the waiting list" only.
   */
  private async budgetPosition(actor: Principal, app: Application): Promise<BudgetPosition> {
    const reservedCents = Number(app.reservedAmount);
    if (app.funding !== 'queued') {
      return { funding: app.funding, reservedCents, queuePosition: null, queueLength: null };
    }
    const body = { kind: app.managingKind ?? 'REGION', code: app.managingCode };
    if (!hasRole(actor, Role.MANAGER) || !coversManagingBody(actor, body)) {
      return { funding: 'queued', reservedCents, queuePosition: null, queueLength: null };
    }
    const place = await waitingListPlace(this.db.manager, app);
    return { funding: 'queued', reservedCents, queuePosition: place.position, queueLength: place.length };
  }

  private async notifications(id: string): Promise<NotificationSent[]> {
    const rows = await caseNotifications(this.db.manager, id);
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
