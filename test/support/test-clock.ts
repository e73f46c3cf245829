import type { Clock } from '../../src/application/ports/clock.port.js';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  private current: Date;

  constructor(start: string | Date = '2026-03-02T09:00:00.000Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: string | Date): void {
    this.current = new Date(to);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }

  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }
}
