import { describe, expect, it } from '@jest/globals';
import { DEMO_RESTART_POLICY, RestartPolicy } from './restart-policy.js';

describe('RestartPolicy', () => {
  it('doubles the delay for each crash in a row, capped', () => {
    const policy = new RestartPolicy({ ...DEMO_RESTART_POLICY, maxCrashes: 10, maxDelayMs: 5000, windowMs: 1 });
    const delays = [1, 2, 3, 4, 5].map((i) => policy.onCrash(i * 100_000, 10));
    expect(delays.map((d) => (d.restart ? d.delayMs : null))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('starts again from the first delay once the child stayed up a while', () => {
    const policy = new RestartPolicy();
    expect(policy.onCrash(0, 100)).toEqual({ restart: true, delayMs: 1000, streak: 1 });
    expect(policy.onCrash(2_000, 100)).toEqual({ restart: true, delayMs: 2000, streak: 2 });
    expect(policy.onCrash(200_000, 30_000)).toEqual({ restart: true, delayMs: 1000, streak: 1 });
  });

  it('gives up after five crashes in a row, however slow the child is to crash', () => {
    const policy = new RestartPolicy();
    const at = [0, 30_000, 60_000, 90_000];
    for (const t of at) expect(policy.onCrash(t, 29_000).restart).toBe(true);
    expect(policy.onCrash(120_000, 29_000)).toEqual({ restart: false, crashes: 5, overMs: 120_000 });
  });

  it('gives up after five crashes within a minute even if one of them ran long enough to reset the delay', () => {
    const policy = new RestartPolicy();
    expect(policy.onCrash(0, 100).restart).toBe(true);
    expect(policy.onCrash(2_000, 100).restart).toBe(true);
    expect(policy.onCrash(40_000, 35_000)).toEqual({ restart: true, delayMs: 1000, streak: 1 });
    expect(policy.onCrash(42_000, 100).restart).toBe(true);
    expect(policy.onCrash(45_000, 100)).toEqual({ restart: false, crashes: 5, overMs: 45_000 });
  });

  it('forgets crashes older than the window', () => {
    const policy = new RestartPolicy();
    for (const t of [0, 1, 2, 3]) policy.onCrash(t * 1000, 100);
    const later = policy.onCrash(300_000, 40_000);
    expect(later).toEqual({ restart: true, delayMs: 1000, streak: 1 });
  });
});
