import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min, registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * Shared validators for values PostgreSQL reads differently from JavaScript. Each one accepts
 * only what the database column or parameter takes unchanged, so a hand-made value is a 400
 * naming the field instead of a driver error (a 500).
 */

/** The largest value of an `integer` column. */
export const INT4_MAX = 2_147_483_647;

/** An integer that fits an `integer` column (versions, counts, days). */
export const IsInt4 = (min = 0) => applyDecorators(IsInt(), Min(min), Max(INT4_MAX));

/** An integer that fits a `bigint` column and a JavaScript number exactly (amounts in cents). */
export const IsInt8 = (min = 0) => applyDecorators(IsInt(), Min(min), Max(Number.MAX_SAFE_INTEGER));

/** Query strings carry text: only plain decimal digits become a number ("0x10", "1e3", "" stay text and fail). */
const decimalInteger = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value;

/** An integer query parameter (limit, offset, a numeric cursor) between `min` and `max`. */
export const QueryInt = (min: number, max: number = Number.MAX_SAFE_INTEGER) =>
  applyDecorators(Transform(decimalInteger), IsInt(), Min(min), Max(max));

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-](\d{2}):(\d{2})))?$/;

/**
 * A calendar date written YYYY-MM-DD that exists: "2026-02-30", "2025-02-29", ISO week and
 * ordinal dates ("2026-W05-1", "2026-035") are not dates here. Years 0001-9999.
 */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Day 0 of the next month is the last day of this one (leap years included).
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeapYear(year) ? 1 : 0);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * An ISO 8601 instant as PostgreSQL reads it unambiguously: a calendar date, or a date with a
 * time (to at most microseconds) and an offset, e.g. "2026-03-02T10:00:00+01:00". With
 * `offset: true` the time and its offset are required.
 */
export function isTimestamp(value: unknown, options: { offset?: boolean } = {}): value is string {
  if (typeof value !== 'string') return false;
  const m = TIMESTAMP.exec(value);
  if (!m || !isCalendarDate(m[1])) return false;
  if (m[2] === undefined) return !options.offset;
  const [hh, mm, ss, oh, om] = [m[2], m[3], m[4] ?? '00', m[6] ?? '00', m[7] ?? '00'].map(Number);
  return hh <= 23 && mm <= 59 && ss <= 59 && oh <= 15 && om <= 59;
}

function register(name: string, test: (value: unknown) => boolean, message: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} ${message}`, ...options },
      validator: { validate: test },
    });
}

/** A YYYY-MM-DD date that exists in the calendar. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  register('isCalendarDate', isCalendarDate, 'must be an existing date written YYYY-MM-DD', options);

/** An ISO 8601 instant as PostgreSQL reads it ("2026-03-02" or "2026-03-02T10:00:00+01:00"); `offset`: time and offset required. */
export const IsTimestamp = (opts: { offset?: boolean } = {}, options?: ValidationOptions) =>
  register(
    'isTimestamp',
    (v) => isTimestamp(v, opts),
    opts.offset
      ? 'must be a date and time with an offset, e.g. 2026-03-02T10:00:00+01:00'
      : 'must be a date (YYYY-MM-DD) or a date and time with an offset',
    options,
  );

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Whether `value` is base64url of "<instant>|<uuid>", the keyset cursors this API hands out. */
export function isInstantIdCursor(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,200}$/.test(value)) return false;
  const [instant, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  return rest.length === 0 && isTimestamp(instant, { offset: true }) && typeof id === 'string' && UUID.test(id);
}

/** A keyset cursor given back by the API (base64url of "<instant>|<uuid>"); anything else is a 400. */
export const IsInstantIdCursor = (options?: ValidationOptions) =>
  register(
    'isInstantIdCursor',
    isInstantIdCursor,
    "must be a cursor returned by the previous page's nextAfter",
    options,
  );
