import { romeDate } from '../../../common/clock/rome-date.js';

/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD) without time zones: eligibility is about
 * civil dates in Italy, and Date objects would silently shift them by the host's offset.
 */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A real calendar date (2023-02-29 is rejected), or null. */
export function parseIsoDate(value: string): CalendarDate | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && parseIsoDate(value) !== null;
}

export function formatIsoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function mustParse(value: string): CalendarDate {
  const date = parseIsoDate(value);
  if (!date) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${value}`);
  return date;
}

/**
 * Completed years of age on `on` (compiuti). Someone born on 29 February completes a year
 * on 28 February in common years: c.c. art. 2963 c.4 ("se nel mese di scadenza manca tale
 * giorno, il termine si compie con l'ultimo giorno dello stesso mese"). So an orphan born
 * 2000-02-29 is 26 on 2027-02-27 and 27 on 2027-02-28.
 */
export function ageInYears(birthDate: string, on: string): number {
  const birth = mustParse(birthDate);
  const day = mustParse(on);
  const anniversaryDay = Math.min(birth.day, daysInMonth(day.year, birth.month));
  const beforeAnniversary = day.month < birth.month || (day.month === birth.month && day.day < anniversaryDay);
  return day.year - birth.year - (beforeAnniversary ? 1 : 0);
}

/**
 * The same day `months` later (or earlier), clamped to the month's last day, as c.c. art.
 * 2963 counts terms in months: 2025-08-31 minus 6 months is 2025-02-28.
 */
export function addMonths(date: string, months: number): string {
  if (!Number.isSafeInteger(months)) throw new RangeError(`Months must be an integer: ${months}`);
  const { year, month, day } = mustParse(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  if (targetYear < 1 || targetYear > 9999) throw new RangeError(`Date out of range: ${date} + ${months} months`);
  return formatIsoDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/**
 * The civil date in Italy of an instant: an application received at 23:30 UTC on
 * 31 December is dated 1 January (the protocol date is the Italian one).
 */
export const applicationDateInRome: (receivedAt: Date) => string = romeDate;
