/**
 * The procedure's deadline (L. 241/1990 art. 2): N days from receipt, plus the days it was
 * suspended (soccorso istruttorio, art. 10-bis notice). Calendar dates as YYYY-MM-DD in
 * Europe/Rome; pure arithmetic on dates, no time zones.
 */
const DAY = 86_400_000;

/** Days for observations after an art. 10-bis notice. */
export const PRE_REJECTION_DAYS = 10;
/** An integration request (soccorso istruttorio) suspends the deadline at most this many days. */
export const INTEGRATION_MAX_DAYS = 30;

/**
 * The remedies a decision states: the TAR within 60 days (D.Lgs. 104/2010 art. 29) or the
 * President of the Republic within 120 (D.P.R. 1199/1971 art. 9).
 */
export const APPEAL = {
  it: 'Contro il presente provvedimento è ammesso ricorso al TAR entro 60 giorni o ricorso straordinario al Presidente della Repubblica entro 120 giorni dalla notifica.',
  en: 'This decision may be appealed to the Regional Administrative Court (TAR) within 60 days, or to the President of the Republic within 120 days of notification.',
};

const toUtc = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => fromUtc(toUtc(date) + days * DAY);
export const daysBetween = (from: string, to: string): number => Math.round((toUtc(to) - toUtc(from)) / DAY);

/** The calendar date in Rome of an instant (the legal date of receipt). */
export { romeDate } from '../../../common/clock/rome-date.js';

export interface DeadlineState {
  receivedDate: string;
  deadlineDays: number;
  /** Days of suspensions already ended. */
  suspendedDays: number;
  /** Start of a suspension still running, if any. */
  suspendedSince: string | null;
}

/** The date by which the case must be decided, counting ended suspensions. */
export const deadlineDate = (s: DeadlineState): string => addDays(s.receivedDate, s.deadlineDays + s.suspendedDays);

/**
 * Days left on a given day; while suspended the count stands still at the suspension's start.
 * Negative: overdue.
 */
export function daysLeft(s: DeadlineState, today: string): number {
  return daysBetween(s.suspendedSince ?? today, deadlineDate(s));
}

/** Ends a running suspension on a day, at most `maxDays` counted (30 for integration, 10 for 10-bis). */
export function endSuspension(s: DeadlineState, today: string, maxDays: number): DeadlineState {
  if (!s.suspendedSince) return s;
  const days = Math.min(Math.max(daysBetween(s.suspendedSince, today), 0), maxDays);
  return { ...s, suspendedDays: s.suspendedDays + days, suspendedSince: null };
}
