import { Injectable } from '@nestjs/common';

/**
 * The one source of "now". Deadlines (L. 241/1990 terms), protocol timestamps and token
 * expiry all read it, so tests can set the time by overriding this provider.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that tests move by hand. */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  override now(): Date {
    return new Date(this.current);
  }
  set(date: Date): void {
    this.current = new Date(date);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
