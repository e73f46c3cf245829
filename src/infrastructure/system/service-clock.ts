import type { Clock } from '../../application/ports/clock.port.js';

const UNIT_MILLIS: Readonly<Record<string, number>> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 };
const OFFSET = /^\+?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/**
 * A forward clock offset as written in `CLOCK_OFFSET` or given to the admin route: `+30d`,
 * `+2h`, `+1d12h30m`; a leading `+` is optional. Null for anything else, a negative offset included.
 */
export function parseClockOffset(value: string): number | null {
  const match = OFFSET.exec(value.trim());
  if (!match || value.trim().replace('+', '') === '') return null;
  const [, d, h, m, s] = match;
  return [d && +d * UNIT_MILLIS.d!, h && +h * UNIT_MILLIS.h!, m && +m * UNIT_MILLIS.m!, s && +s * UNIT_MILLIS.s!].reduce<number>((sum, part) => sum + (part || 0), 0);
}

/** The offset as `+<days>d<hours>h<minutes>m<seconds>s`, leaving out zero parts (`+0s` for none). */
export function formatClockOffset(millis: number): string {
  let rest = Math.floor(millis / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86_400], ['h', 3_600], ['m', 60], ['s', 1]] as const) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0) parts.push(`${amount}${unit}`);
  }
  return `+${parts.join('') || '0s'}`;
}

export class ClockMovedBackward extends Error {
  constructor() {
    super('The service clock only moves forward');
    this.name = 'ClockMovedBackward';
  }
}

/**
 * The service clock of an acceptance or training run: the real (or a test's) clock shifted
 * forward by an offset that only grows, so "now" never goes back and scheduled consequences
 * fall due as they would later. Events still record the real time beside it.
 */
export class ServiceClock implements Clock {
  constructor(
    private readonly base: Clock,
    private offset = 0,
  ) {
    if (!Number.isFinite(offset) || offset < 0) throw new ClockMovedBackward();
  }

  now(): Date {
    return new Date(this.base.now().getTime() + this.offset);
  }

  get offsetMillis(): number {
    return this.offset;
  }

  /** Moves the clock forward by `millis`. @throws ClockMovedBackward for a negative amount. */
  advance(millis: number): void {
    if (!Number.isFinite(millis) || millis < 0) throw new ClockMovedBackward();
    this.offset += millis;
  }
}
