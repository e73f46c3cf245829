/** The only source of "now" outside tests; the domain receives it through the decision context. */
export interface Clock {
  now(): Date;
}

/**
 * The service clock: the business "now" deciders, the scheduler and the registers read. In an
 * acceptance or training run it may run ahead of the real time (never behind, never in production).
 */
export const CLOCK = Symbol('Clock');

/**
 * The real time: when an event is recorded (`recorded_at`, part of its hash), when a checkpoint
 * or an extract is signed, when a verification ran. Never shifted.
 */
export const REAL_TIME_CLOCK = Symbol('RealTimeClock');
