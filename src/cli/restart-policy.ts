export interface RestartPolicyOptions {
  /** Wait before the first restart; doubled for each further crash in a row. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A child that ran this long before crashing is back to the first delay. */
  stableAfterMs: number;
  /** Give up after this many crashes in a row, or this many within `windowMs`. */
  maxCrashes: number;
  windowMs: number;
}

export const DEMO_RESTART_POLICY: RestartPolicyOptions = {
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
  stableAfterMs: 30_000,
  maxCrashes: 5,
  windowMs: 60_000,
};

export type RestartDecision =
  { restart: true; delayMs: number; streak: number } | { restart: false; crashes: number; overMs: number };

/**
 * When to restart a crashed child and when to stop trying: exponential backoff (1 s, 2 s, 4 s …
 * capped), back to the first delay once the child has stayed up a while, and a limit so a child
 * that cannot start does not restart forever.
 */
export class RestartPolicy {
  private streak = 0;
  private streakStartedAt = 0;
  private readonly crashes: number[] = [];

  constructor(private readonly options: RestartPolicyOptions = DEMO_RESTART_POLICY) {}

  /** `at`: when the child exited; `upForMs`: how long it had been running. */
  onCrash(at: number, upForMs: number): RestartDecision {
    const o = this.options;
    if (upForMs >= o.stableAfterMs) this.streak = 0;
    if (this.streak === 0) this.streakStartedAt = at;
    this.streak += 1;
    this.crashes.push(at);
    while (this.crashes[0] <= at - o.windowMs) this.crashes.shift();
    if (this.streak >= o.maxCrashes) return { restart: false, crashes: this.streak, overMs: at - this.streakStartedAt };
    if (this.crashes.length >= o.maxCrashes) {
      return { restart: false, crashes: this.crashes.length, overMs: at - this.crashes[0] };
    }
    return {
      restart: true,
      delayMs: Math.min(o.firstDelayMs * 2 ** (this.streak - 1), o.maxDelayMs),
      streak: this.streak,
    };
  }
}
