import { describe, expect, it } from '@jest/globals';
import { isCalendarDate, isInstantIdCursor, isTimestamp } from './validators.js';

describe('isCalendarDate', () => {
  it.each(['2026-03-02', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('%s is a date', (d) =>
    expect(isCalendarDate(d)).toBe(true),
  );
  it.each([
    '2026-02-30',
    '2025-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '0000-01-01',
    '2026-W05-1',
    '2026-035',
    '20260302',
    '2026-3-2',
    ' 2026-03-02',
    20260302,
  ])('%s is not', (d) => expect(isCalendarDate(d)).toBe(false));
});

describe('isTimestamp', () => {
  it.each(['2026-03-02', '2026-03-02T10:00Z', '2026-03-02T10:00:00+01:00', '2026-03-02T10:00:00.123456Z'])(
    '%s is an instant',
    (t) => expect(isTimestamp(t)).toBe(true),
  );
  it.each([
    '2026-02-30T10:00:00Z',
    '2026-03-02T24:00:00Z',
    '2026-03-02T10:00:00',
    '2026-W05-1T10:00:00Z',
    '2026-03-02T10:00:00.1234567Z',
    '2026-03-02 10:00:00Z',
    'now',
  ])('%s is not', (t) => expect(isTimestamp(t)).toBe(false));
  it('with offset: a date alone is not enough', () => {
    expect(isTimestamp('2026-03-02', { offset: true })).toBe(false);
    expect(isTimestamp('2026-03-02T10:00:00+01:00', { offset: true })).toBe(true);
  });
});

describe('isInstantIdCursor', () => {
  const cursor = (s: string) => Buffer.from(s).toString('base64url');
  it('accepts what the API hands out', () =>
    expect(isInstantIdCursor(cursor('2026-03-02T09:00:00.000000Z|7c9e6679-7425-40de-944b-e07fc1f90ae7'))).toBe(true));
  it.each([
    cursor('2026-02-30T09:00:00Z|7c9e6679-7425-40de-944b-e07fc1f90ae7'),
    cursor('1|------------------------------------'),
    cursor('2026-03-02T09:00:00Z|x|y'),
    'AAAA',
    'not base64!',
  ])('refuses %s', (c) => expect(isInstantIdCursor(c)).toBe(false));
});
