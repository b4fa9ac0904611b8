import type { Application } from './application.entity.js';
import { OPEN_STATES } from './domain/application-status.js';
import { daysLeft, deadlineDate, romeDate, type DeadlineState } from './domain/legal-deadline.js';
import type { ApplicationDto, ApplicationSummaryDto } from './intake/intake.dto.js';

export function deadlineOf(app: Application): DeadlineState | null {
  if (!app.receivedDate || app.deadlineDays === null) return null;
  return {
    receivedDate: app.receivedDate,
    deadlineDays: app.deadlineDays,
    suspendedDays: app.suspendedDays,
    suspendedSince: app.suspendedSince,
  };
}

/** Deadline figures of a case on a day; only open cases count days. */
export function deadlineView(app: Application, now: Date) {
  const state = deadlineOf(app);
  if (!state) return { deadlineDate: null, daysLeft: null, overdue: false, suspended: false };
  const open = OPEN_STATES.includes(app.status);
  const left = open ? daysLeft(state, romeDate(now)) : null;
  return {
    deadlineDate: deadlineDate(state),
    daysLeft: left,
    overdue: left !== null && left < 0,
    suspended: app.suspendedSince !== null,
  };
}

export function toSummary(
  app: Application,
  measureCode: string,
  now: Date,
): Omit<ApplicationSummaryDto, 'allowedActions' | 'possibleDuplicate'> {
  const d = deadlineView(app, now);
  return {
    id: app.id,
    measureCode,
    status: app.status,
    protocolNumber: app.protocolNumber,
    receivedAt: app.receivedAt?.toISOString() ?? null,
    deadlineDate: d.deadlineDate,
    daysLeft: d.daysLeft,
    overdue: d.overdue,
    suspended: d.suspended,
    atsCode: app.atsCode,
    ambitoCode: app.ambitoCode,
    assignedOperatorId: app.assignedOperatorId,
    sealed: app.sealed,
  };
}

export function toDto(
  app: Application,
  measureCode: string,
  now: Date,
  eligibility: Record<string, unknown> | null,
): Omit<ApplicationDto, 'allowedActions' | 'possibleDuplicate' | 'possibleDuplicates'> {
  const d = deadlineView(app, now);
  return {
    id: app.id,
    measureCode,
    status: app.status,
    version: app.version,
    data: app.data,
    protocolNumber: app.protocolNumber,
    receivedAt: app.receivedAt?.toISOString() ?? null,
    deadlineDate: d.deadlineDate,
    daysLeft: d.daysLeft,
    suspended: d.suspended,
    amountCents: app.amountCents === null ? null : Number(app.amountCents),
    funding: app.funding,
    eligibility,
    proposal: app.proposal,
    decision: app.decision,
    integrationRequest: app.integrationRequest,
    preRejectionNotice: app.preRejectionNotice,
    noticeLapsedAt: app.noticeLapsedAt,
    sealed: app.sealed,
    assignedOperatorId: app.assignedOperatorId,
  };
}
