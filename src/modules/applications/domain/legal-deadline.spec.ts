import { describe, expect, it } from '@jest/globals';
import { daysLeft, deadlineDate, endSuspension, romeDate } from './legal-deadline.js';

const received = { receivedDate: '2026-03-02', deadlineDays: 30, suspendedDays: 0, suspendedSince: null };

describe('legal deadline', () => {
  it('runs 30 days from receipt', () => {
    expect(deadlineDate(received)).toBe('2026-04-01');
    expect(daysLeft(received, '2026-03-02')).toBe(30);
    expect(daysLeft(received, '2026-04-03')).toBe(-2);
  });

  it('stands still while suspended and moves by the suspended days, capped', () => {
    const suspended = { ...received, suspendedSince: '2026-03-12' };
    expect(daysLeft(suspended, '2026-03-20')).toBe(20);
    const resumed = endSuspension(suspended, '2026-03-20', 30);
    expect(resumed.suspendedDays).toBe(8);
    expect(deadlineDate(resumed)).toBe('2026-04-09');
    expect(endSuspension(suspended, '2026-05-30', 30).suspendedDays).toBe(30);
  });

  it('dates receipt in Rome, not UTC', () => {
    expect(romeDate(new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
    expect(romeDate(new Date('2026-07-31T22:30:00Z'))).toBe('2026-08-01');
  });
});
