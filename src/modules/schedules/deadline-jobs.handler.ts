import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { sqlRows } from '../../common/database/sql.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import type { JobHandler } from '../../common/queue/job-handler.js';
import { ApplicationStatus as S } from '../applications/domain/application-status.js';
import {
  addDays,
  daysBetween,
  endSuspension,
  INTEGRATION_MAX_DAYS,
  PRE_REJECTION_DAYS,
  romeDate,
} from '../applications/domain/legal-deadline.js';
import { CaseTransitions } from '../applications/case-transitions.js';
import { findLocked } from '../applications/cases.repository.js';
import { NotificationsService } from '../notifications/notifications.service.js';

/** Reminders go this many days before a deadline ends (the nearest threshold not yet passed). */
export const REMINDER_DAYS = [3, 1] as const;

type Kind = 'integration' | 'pre_rejection';

interface Running {
  id: string;
  status: S;
  integrationRequest: { requestedAt?: string; days?: number } | null;
  preRejectionNotice: { sentAt?: string; days?: number } | null;
  hasObservations: boolean;
}

/**
 * The last day (Rome calendar) of a running term: an integration request's date + its days, an
 * art. 10-bis notice's date + 10. Null when the case is not waiting on the applicant.
 */
export function dueDateOf(
  app: Pick<Running, 'status' | 'integrationRequest' | 'preRejectionNotice' | 'hasObservations'>,
): { kind: Kind; due: string } | null {
  if (app.status === S.INTEGRATION_REQUESTED && app.integrationRequest?.requestedAt && app.integrationRequest.days) {
    return {
      kind: 'integration',
      due: addDays(romeDate(new Date(app.integrationRequest.requestedAt)), Number(app.integrationRequest.days)),
    };
  }
  if (app.status === S.PRE_REJECTION_NOTICE && !app.hasObservations && app.preRejectionNotice?.sentAt) {
    return {
      kind: 'pre_rejection',
      due: addDays(
        romeDate(new Date(app.preRejectionNotice.sentAt)),
        Number(app.preRejectionNotice.days ?? PRE_REJECTION_DAYS),
      ),
    };
  }
  return null;
}

/** The reminder threshold due when `left` days remain: the smallest not below it, so a missed run never sends two at once. */
export function reminderThreshold(left: number): number | null {
  if (left < 1) return null;
  const fits = REMINDER_DAYS.filter((t) => t >= left);
  return fits.length ? Math.min(...fits) : null;
}

const RUNNING_SQL = `SELECT id, status, integration_request AS "integrationRequest", pre_rejection_notice AS "preRejectionNotice",
                            observations IS NOT NULL AS "hasObservations"
                       FROM applications WHERE status IN ('INTEGRATION_REQUESTED', 'PRE_REJECTION_NOTICE')`;

async function lockRunning(em: EntityManager, id: string): Promise<Running | null> {
  const [row] = (await em.query(`${RUNNING_SQL} AND id = $1 FOR UPDATE`, [id])) as Running[];
  return row ?? null;
}

/**
 * Daily: one `deadline_reminder` notification per running term and threshold (3 and 1 days
 * before it ends). Each case is handled in its own transaction under its row lock, and the
 * (case, kind, threshold) row is unique: a second run, or a second worker, reminds nobody again.
 */
@Injectable()
export class DeadlineRemindersHandler implements JobHandler {
  readonly queue = 'maintenance' as const;
  readonly jobName = 'deadline-reminders';
  private readonly logger = new Logger('DeadlineReminders');

  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
  ) {}

  async handle() {
    const today = romeDate(this.clock.now());
    const candidates = (await this.db.query(RUNNING_SQL)) as Running[];
    let sent = 0;
    for (const c of candidates) {
      const term = dueDateOf(c);
      if (!term || reminderThreshold(daysBetween(today, term.due)) === null) continue;
      const done = await this.tx.run(async (em) => {
        const app = await lockRunning(em, c.id);
        const now = app && dueDateOf(app);
        if (!now || now.kind !== term.kind || now.due !== term.due) return false; // changed meanwhile
        const left = daysBetween(today, now.due);
        const threshold = reminderThreshold(left);
        if (threshold === null) return false;
        const [seen] = (await em.query(
          `SELECT 1 FROM deadline_reminders WHERE application_id = $1 AND kind = $2 AND days_before = $3`,
          [c.id, now.kind, threshold],
        )) as unknown[];
        if (seen) return false;
        const notificationId = await this.notifications.enqueue(em, 'deadline_reminder', { id: c.id }, { days: left });
        await em.query(
          `INSERT INTO deadline_reminders (application_id, kind, days_before, due_date, notification_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
          [c.id, now.kind, threshold, now.due, notificationId, this.clock.now()],
        );
        return true;
      });
      if (done) sent++;
    }
    this.logger.log({ today, sent }, 'deadline reminders');
    return { today, reminders: sent };
  }
}

/**
 * Daily, just after midnight: terms that ended yesterday or before.
 * - An integration request not answered: the case goes back to IN_REVIEW, the suspension ends on
 *   the term's last day (at most 30 days counted), a SYSTEM transition and audit entry record it
 *   and the applicant is told. Conditional on the status under the row lock: a second run finds
 *   nothing to do.
 * - An art. 10-bis notice with no observations: only flagged (notice_lapsed_at) for the
 *   manager, who decides; nothing else changes.
 */
@Injectable()
export class DeadlineLapsesHandler implements JobHandler {
  readonly queue = 'maintenance' as const;
  readonly jobName = 'deadline-lapses';
  private readonly logger = new Logger('DeadlineLapses');

  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly transitions: CaseTransitions,
  ) {}

  async handle() {
    const today = romeDate(this.clock.now());
    const candidates = (await this.db.query(`${RUNNING_SQL} AND status = 'INTEGRATION_REQUESTED'`)) as Running[];
    let resumed = 0;
    for (const c of candidates) {
      const term = dueDateOf(c);
      if (!term || term.due >= today) continue;
      if (await this.tx.run((em) => this.lapseIntegration(em, c.id, today))) resumed++;
    }
    const flagged = await sqlRows<{ id: string }>(
      this.db.manager,
      `UPDATE applications SET notice_lapsed_at = $2
        WHERE status = 'PRE_REJECTION_NOTICE' AND observations IS NULL AND notice_lapsed_at IS NULL
          AND (((pre_rejection_notice->>'sentAt')::timestamptz AT TIME ZONE 'Europe/Rome')::date
               + COALESCE((pre_rejection_notice->>'days')::int, $3)) < $1::date
        RETURNING id`,
      [today, this.clock.now(), PRE_REJECTION_DAYS],
    );
    const flaggedCount = flagged.length;
    this.logger.log({ today, resumed, flagged: flaggedCount }, 'deadline lapses');
    return { today, integrationsLapsed: resumed, noticesFlagged: flaggedCount };
  }

  private async lapseIntegration(em: EntityManager, id: string, today: string): Promise<boolean> {
    const app = await findLocked(em, id);
    if (!app || app.status !== S.INTEGRATION_REQUESTED) return false;
    const term = dueDateOf({ ...app, hasObservations: app.observations !== null });
    if (!term || term.due >= today) return false;
    const before = app.suspendedDays;
    const state = endSuspension(
      {
        receivedDate: app.receivedDate!,
        deadlineDays: app.deadlineDays!,
        suspendedDays: app.suspendedDays,
        suspendedSince: app.suspendedSince,
      },
      term.due,
      INTEGRATION_MAX_DAYS,
    );
    app.suspendedDays = state.suspendedDays;
    app.suspendedSince = null;
    const details = { dueDate: term.due, suspendedDaysCounted: app.suspendedDays - before };
    await this.transitions.move(em, null, app, 'integration_lapsed', {
      reason: 'Termine per l’integrazione scaduto senza risposta / integration term lapsed without an answer',
      details,
      audited: details,
    });
    await this.notifications.enqueue(em, 'integration_lapsed', { id: app.id });
    return true;
  }
}
