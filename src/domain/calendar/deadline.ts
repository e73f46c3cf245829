import { assertNever } from '../shared/decider.js';
import { describeDuration, validateDuration, type Duration } from './duration.js';
import {
  addDays,
  addMonths,
  addYears,
  BUDAPEST_TIME_ZONE,
  daysBetween,
  localDateOf,
  parseLocalDate,
  type LocalDate,
} from './local-date.js';
import { describeCalendarDay, type CalendarDay, type WorkingDayCalendar } from './working-day-calendar.js';

/** What starts a deadline: a business date, or an instant taken as its local (Budapest) date. */
export type DeadlineTrigger = LocalDate | Date;

/** A computed due date that explains itself. */
export interface Deadline {
  /** The triggering business date; it is not counted (R-LAW-13). */
  readonly trigger: LocalDate;
  readonly duration: Duration;
  /** Where the counting ends before any move off a rest day. */
  readonly nominal: LocalDate;
  /** The last day to act: `nominal`, or the next working day after it (R-DL-01). */
  readonly due: LocalDate;
  /** Calendar days from `nominal` to `due`. */
  readonly shiftedBy: number;
  /** The rest days stepped over, from `nominal` on; empty when not shifted. */
  readonly skippedDays: readonly CalendarDay[];
  /** Why the deadline moved; absent when it did not. */
  readonly reason?: string;
}

/** Options for {@link computeDeadline}. */
export interface DeadlineOptions {
  /** The zone whose date an instant trigger falls on; Europe/Budapest by default. */
  readonly timeZone?: string;
}

/**
 * Computes a due date (R-DL-01, R-LAW-13, Ptk. 8:3): the trigger day is not counted;
 * N calendar days end on trigger + N; months and years end on the same-numbered day or
 * that month's last day; working days count only working days; a deadline ending on a
 * non-working day moves to the next working day.
 * @throws InvalidInputError `DEADLINE.INVALID_DURATION` for a bad duration,
 *   `LOCAL_DATE.INVALID` / `LOCAL_DATE.INVALID_INSTANT` for a bad trigger.
 */
export function computeDeadline(
  trigger: DeadlineTrigger,
  duration: Duration,
  calendar: WorkingDayCalendar,
  options: DeadlineOptions = {},
): Deadline {
  const start =
    trigger instanceof Date ? localDateOf(trigger, options.timeZone ?? BUDAPEST_TIME_ZONE) : parseLocalDate(trigger, 'trigger');
  const checked = validateDuration(duration);
  const nominal = countFrom(start, checked, calendar);
  const due = calendar.workingDayOnOrAfter(nominal);
  const shiftedBy = daysBetween(nominal, due);
  const result = { trigger: start, duration: { amount: checked.amount, unit: checked.unit }, nominal, due, shiftedBy };
  if (shiftedBy === 0) return { ...result, skippedDays: [] };

  const skippedDays: CalendarDay[] = [];
  for (let day = nominal; day < due; day = addDays(day, 1)) skippedDays.push(calendar.dayOf(day));
  const reason =
    `${describeDuration(checked)} after ${start} ends on ${nominal}, a non-working day; ` +
    `moved to the next working day ${due} (R-DL-01): ${skippedDays.map(describeCalendarDay).join('; ')}`;
  return { ...result, skippedDays, reason };
}

function countFrom(start: LocalDate, duration: Duration, calendar: WorkingDayCalendar): LocalDate {
  switch (duration.unit) {
    case 'calendar_days':
      return addDays(start, duration.amount);
    case 'working_days':
      return calendar.addWorkingDays(start, duration.amount);
    case 'months':
      return addMonths(start, duration.amount);
    case 'years':
      return addYears(start, duration.amount);
    default:
      return assertNever(duration.unit, 'duration unit');
  }
}
