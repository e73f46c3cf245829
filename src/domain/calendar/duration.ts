import { InvalidInputError } from '../shared/domain-error.js';

/** How a deadline's length is counted (R-DL-01, R-LAW-13). */
export type DurationUnit = 'calendar_days' | 'working_days' | 'months' | 'years';

/** A deadline's length: a positive whole number of units. */
export interface Duration {
  readonly amount: number;
  readonly unit: DurationUnit;
}

/** Upper bounds that keep arithmetic inside years 0001-9999 and loops short; far beyond any legal deadline. */
const MAX_AMOUNT: Readonly<Record<DurationUnit, number>> = {
  calendar_days: 36_600,
  working_days: 25_000,
  months: 1_200,
  years: 100,
};

const UNITS: readonly DurationUnit[] = ['calendar_days', 'working_days', 'months', 'years'];

/** Shorthand for a duration in calendar days. */
export const calendarDays = (amount: number): Duration => ({ amount, unit: 'calendar_days' });
/** Shorthand for a duration in working days. */
export const workingDays = (amount: number): Duration => ({ amount, unit: 'working_days' });
/** Shorthand for a duration in months. */
export const months = (amount: number): Duration => ({ amount, unit: 'months' });
/** Shorthand for a duration in years. */
export const years = (amount: number): Duration => ({ amount, unit: 'years' });

/** Whether `value` is a duration this module can compute with. */
export function isDuration(value: unknown): value is Duration {
  if (typeof value !== 'object' || value === null) return false;
  const { amount, unit } = value as { amount?: unknown; unit?: unknown };
  return (
    typeof unit === 'string' &&
    (UNITS as readonly string[]).includes(unit) &&
    typeof amount === 'number' &&
    Number.isInteger(amount) &&
    amount >= 1 &&
    amount <= MAX_AMOUNT[unit as DurationUnit]
  );
}

/**
 * Checks a duration (data may come from a database) and returns it.
 * @throws InvalidInputError `DEADLINE.INVALID_DURATION` for an unknown unit or an amount that is
 *   not a whole number between 1 and the unit's bound.
 */
export function validateDuration(value: unknown, field = 'duration'): Duration {
  if (!isDuration(value)) {
    throw new InvalidInputError(
      'DEADLINE.INVALID_DURATION',
      `Not a valid duration: ${JSON.stringify(value)} (amount must be a whole number >= 1; unit one of ${UNITS.join(', ')})`,
      { field },
    );
  }
  return value;
}

/** Human-readable form, e.g. "15 calendar days". */
export function describeDuration(duration: Duration): string {
  const unit = duration.unit.replace('_', ' ');
  return `${duration.amount} ${duration.amount === 1 ? unit.replace(/s$/, '') : unit}`;
}
