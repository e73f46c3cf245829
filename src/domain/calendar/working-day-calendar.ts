import { InvalidInputError } from '../shared/domain-error.js';
import { assertNever } from '../shared/decider.js';
import { addDays, isLocalDate, isWeekend, parseLocalDate, yearOf, type LocalDate } from './local-date.js';
import { hungarianPublicHolidays, type PublicHoliday } from './hungarian-public-holidays.js';
import { HUNGARIAN_SWAPPED_DAYS } from './hungarian-swapped-days.data.js';
import type { SwappedDaysYear } from './swapped-days.js';

/** What a date is in the working-day calendar, and why. */
export type CalendarDay =
  | { readonly date: LocalDate; readonly kind: 'weekday'; readonly working: true }
  | { readonly date: LocalDate; readonly kind: 'swapped_working_day'; readonly working: true; readonly source: string }
  | { readonly date: LocalDate; readonly kind: 'weekend'; readonly working: false }
  | { readonly date: LocalDate; readonly kind: 'public_holiday'; readonly working: false; readonly holiday: PublicHoliday }
  | { readonly date: LocalDate; readonly kind: 'swapped_rest_day'; readonly working: false; readonly source: string };

/** A short English explanation of a calendar day, e.g. "2026-04-06 is a public holiday (Húsvéthétfő)". */
export function describeCalendarDay(day: CalendarDay): string {
  switch (day.kind) {
    case 'weekday':
      return `${day.date} is a working weekday`;
    case 'swapped_working_day':
      return `${day.date} is a swapped working day (${day.source})`;
    case 'weekend':
      return `${day.date} is a weekend day`;
    case 'public_holiday':
      return `${day.date} is a public holiday (${day.holiday.name})`;
    case 'swapped_rest_day':
      return `${day.date} is a swapped rest day (${day.source})`;
    default:
      return assertNever(day, 'calendar day');
  }
}

interface Swap {
  readonly kind: 'swapped_working_day' | 'swapped_rest_day';
  readonly source: string;
}

/**
 * The Hungarian working-day calendar: weekends and public holidays (R-LAW-14, Easter
 * computed) are rest days, adjusted by each year's swapped days, which are data (R-DL-01).
 * A year without swap data still works: holidays computed, no swaps.
 */
export class WorkingDayCalendar {
  private readonly swapsByYear = new Map<number, SwappedDaysYear>();
  private readonly swapsByDate = new Map<string, Swap>();
  private readonly holidaysByYear = new Map<number, ReadonlyMap<string, PublicHoliday>>();

  /**
   * @param swappedDays one entry per year; validated here because it may come from storage.
   * @throws InvalidInputError `CALENDAR.INVALID_SWAP_DATA` for a repeated year, a malformed date,
   *   a date outside its entry's year, a worked day that is not a weekend day, a rest day that
   *   is not a weekday, or either one falling on a public holiday.
   */
  constructor(swappedDays: readonly SwappedDaysYear[] = []) {
    for (const entry of swappedDays) this.addYear(entry);
  }

  /** What `date` is (working weekday, swapped working day, weekend, public holiday, swapped rest day). */
  dayOf(date: LocalDate): CalendarDay {
    parseLocalDate(date);
    const holiday = this.holidaysOf(yearOf(date)).get(date);
    if (holiday) return { date, kind: 'public_holiday', working: false, holiday };
    const swap = this.swapsByDate.get(date);
    if (swap) {
      return swap.kind === 'swapped_working_day'
        ? { date, kind: 'swapped_working_day', working: true, source: swap.source }
        : { date, kind: 'swapped_rest_day', working: false, source: swap.source };
    }
    return isWeekend(date) ? { date, kind: 'weekend', working: false } : { date, kind: 'weekday', working: true };
  }

  /** Whether `date` is a working day. */
  isWorkingDay(date: LocalDate): boolean {
    return this.dayOf(date).working;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate {
    return this.workingDayOnOrAfter(addDays(date, 1));
  }

  /** `date` itself when it is a working day, otherwise the next working day (R-DL-01). */
  workingDayOnOrAfter(date: LocalDate): LocalDate {
    let current = date;
    while (!this.isWorkingDay(current)) current = addDays(current, 1);
    return current;
  }

  /**
   * The `count`-th working day after `date`, not counting `date` itself; `date` when `count` is 0.
   * @throws InvalidInputError `CALENDAR.INVALID_WORKING_DAY_COUNT` when `count` is not a whole number >= 0.
   */
  addWorkingDays(date: LocalDate, count: number): LocalDate {
    if (!Number.isInteger(count) || count < 0) {
      throw new InvalidInputError('CALENDAR.INVALID_WORKING_DAY_COUNT', `Working-day count must be a whole number >= 0, got ${count}`);
    }
    let current = parseLocalDate(date);
    for (let counted = 0; counted < count; counted++) current = this.nextWorkingDay(current);
    return current;
  }

  /** The public holidays of `year` (R-LAW-14). */
  publicHolidays(year: number): readonly PublicHoliday[] {
    return [...this.holidaysOf(year).values()];
  }

  /** The swap data loaded for `year`, if any. */
  swappedDaysOf(year: number): SwappedDaysYear | undefined {
    return this.swapsByYear.get(year);
  }

  /** The years for which swap data is loaded, ascending. */
  yearsWithSwappedDays(): readonly number[] {
    return [...this.swapsByYear.keys()].sort((a, b) => a - b);
  }

  private holidaysOf(year: number): ReadonlyMap<string, PublicHoliday> {
    let holidays = this.holidaysByYear.get(year);
    if (!holidays) {
      holidays = new Map(hungarianPublicHolidays(year).map((holiday) => [holiday.date, holiday]));
      this.holidaysByYear.set(year, holidays);
    }
    return holidays;
  }

  private addYear(entry: SwappedDaysYear): void {
    const refuse = (problem: string): never => {
      throw new InvalidInputError('CALENDAR.INVALID_SWAP_DATA', `Swapped days${describeYear(entry)}: ${problem}`, {
        field: 'swappedDays',
        details: { year: entry?.year },
      });
    };
    if (typeof entry !== 'object' || entry === null) refuse('entry is not an object');
    const { year, extraWorkingDays, extraRestDays, source } = entry;
    if (!Number.isInteger(year) || year < 1583 || year > 9999) refuse('year must be a whole number 1583-9999');
    if (this.swapsByYear.has(year)) refuse('year given twice');
    if (!Array.isArray(extraWorkingDays) || !Array.isArray(extraRestDays)) refuse('day lists must be arrays');
    if (typeof source !== 'string' || source.trim() === '') refuse('source must name the decree');

    const seen = new Set<string>();
    const check = (date: unknown, kind: Swap['kind']): LocalDate => {
      if (!isLocalDate(date)) return refuse(`${JSON.stringify(date)} is not a YYYY-MM-DD date`);
      if (yearOf(date) !== year) refuse(`${date} is not in ${year}`);
      if (seen.has(date)) refuse(`${date} is listed twice`);
      seen.add(date);
      if (this.holidaysOf(year).has(date)) refuse(`${date} is a public holiday`);
      // A swap moves a working day onto a weekend day, so each list can only hold the other kind of day.
      if (kind === 'swapped_working_day' && !isWeekend(date)) refuse(`extra working day ${date} is not a weekend day`);
      if (kind === 'swapped_rest_day' && isWeekend(date)) refuse(`extra rest day ${date} is not a weekday`);
      return date;
    };
    const working = extraWorkingDays.map((date) => check(date, 'swapped_working_day'));
    const rest = extraRestDays.map((date) => check(date, 'swapped_rest_day'));

    const stored: SwappedDaysYear = { year, extraWorkingDays: Object.freeze(working), extraRestDays: Object.freeze(rest), source };
    this.swapsByYear.set(year, Object.freeze(stored));
    for (const date of working) this.swapsByDate.set(date, { kind: 'swapped_working_day', source });
    for (const date of rest) this.swapsByDate.set(date, { kind: 'swapped_rest_day', source });
  }
}

function describeYear(entry: unknown): string {
  const year = typeof entry === 'object' && entry !== null ? (entry as { year?: unknown }).year : undefined;
  return year === undefined ? '' : ` for ${String(year)}`;
}

/** The calendar with the built-in Hungarian swapped days (2025, 2026); load further years by building a new one. */
export const hungarianWorkingDayCalendar = new WorkingDayCalendar(HUNGARIAN_SWAPPED_DAYS);
