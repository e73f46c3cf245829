import { InvalidInputError } from '../shared/domain-error.js';

declare const localDateBrand: unique symbol;

/**
 * A business date without time or zone, as an ISO 'YYYY-MM-DD' string (years 0001-9999).
 * Branded so that only validated strings pass where a LocalDate is expected; it still
 * serialises as the plain string.
 */
export type LocalDate = string & { readonly [localDateBrand]: true };

/** ISO day of the week: 1 = Monday ... 7 = Sunday. */
export type DayOfWeek = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The zone whose calendar decides a Hungarian business date. */
export const BUDAPEST_TIME_ZONE = 'Europe/Budapest';

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_EPOCH_DAY = daysFromCivil(1, 1, 1);
const MAX_EPOCH_DAY = daysFromCivil(9999, 12, 31);

/** Whether `year` is a leap year in the proleptic Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether `value` is a valid 'YYYY-MM-DD' date that exists in the calendar. */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = PATTERN.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Validates a 'YYYY-MM-DD' string and returns it as a LocalDate.
 * @throws InvalidInputError `LOCAL_DATE.INVALID` when the text is not an existing date.
 */
export function parseLocalDate(value: string, field = 'date'): LocalDate {
  if (!isLocalDate(value)) {
    throw new InvalidInputError('LOCAL_DATE.INVALID', `Not a valid YYYY-MM-DD date: ${JSON.stringify(value)}`, {
      field,
    });
  }
  return value;
}

/**
 * Builds a LocalDate from its parts (month 1-12).
 * @throws InvalidInputError `LOCAL_DATE.INVALID` when the parts do not name an existing date.
 */
export function localDateFromParts(year: number, month: number, day: number): LocalDate {
  const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || !isLocalDate(text)) {
    throw new InvalidInputError('LOCAL_DATE.INVALID', `No such date: year ${year}, month ${month}, day ${day}`);
  }
  return text;
}

/** The year, month (1-12) and day of a LocalDate. */
export function partsOf(date: LocalDate): { readonly year: number; readonly month: number; readonly day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** The year of a LocalDate. */
export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/**
 * Days since 1970-01-01 (negative before it).
 * @throws InvalidInputError `LOCAL_DATE.INVALID` when `date` is not a valid LocalDate.
 */
export function toEpochDay(date: LocalDate): number {
  const { year, month, day } = partsOf(parseLocalDate(date));
  return daysFromCivil(year, month, day);
}

/**
 * The LocalDate `epochDay` days after 1970-01-01.
 * @throws InvalidInputError `LOCAL_DATE.OUT_OF_RANGE` outside years 0001-9999.
 */
export function fromEpochDay(epochDay: number): LocalDate {
  if (!Number.isInteger(epochDay) || epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
    throw new InvalidInputError('LOCAL_DATE.OUT_OF_RANGE', `Date out of range (years 0001-9999): epoch day ${epochDay}`);
  }
  const { year, month, day } = civilFromDays(epochDay);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as LocalDate;
}

/**
 * The date `days` days after `date` (before it when negative).
 * @throws InvalidInputError `LOCAL_DATE.INVALID_DAY_COUNT` when `days` is not an integer.
 */
export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) {
    throw new InvalidInputError('LOCAL_DATE.INVALID_DAY_COUNT', `Day count must be an integer, got ${days}`);
  }
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * The same-numbered day `months` months later, or that month's last day when it is shorter (Ptk. 8:3, R-LAW-13).
 * @throws InvalidInputError `LOCAL_DATE.INVALID_MONTH_COUNT` when `months` is not an integer.
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  if (!Number.isInteger(months)) {
    throw new InvalidInputError('LOCAL_DATE.INVALID_MONTH_COUNT', `Month count must be an integer, got ${months}`);
  }
  const { year, month, day } = partsOf(parseLocalDate(date));
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  if (targetYear < 1 || targetYear > 9999) {
    throw new InvalidInputError('LOCAL_DATE.OUT_OF_RANGE', `Date out of range (years 0001-9999): ${date} + ${months} months`);
  }
  return localDateFromParts(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** The same-numbered day `years` years later; 29 February becomes 28 February in a common year (Ptk. 8:3). */
export function addYears(date: LocalDate, years: number): LocalDate {
  if (!Number.isInteger(years)) {
    throw new InvalidInputError('LOCAL_DATE.INVALID_YEAR_COUNT', `Year count must be an integer, got ${years}`);
  }
  return addMonths(date, years * 12);
}

/** ISO day of the week of `date` (1 = Monday ... 7 = Sunday). */
export function dayOfWeek(date: LocalDate): DayOfWeek {
  // 1970-01-01 was a Thursday (ISO 4).
  return (((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1) as DayOfWeek;
}

/** Whether `date` falls on a Saturday or Sunday. */
export function isWeekend(date: LocalDate): boolean {
  return dayOfWeek(date) >= 6;
}

/** Orders two dates: negative when `a` is earlier, 0 when equal, positive when later. */
export function compareLocalDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  // ISO dates with four-digit years order lexically.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
      });
    } catch {
      throw new InvalidInputError('LOCAL_DATE.INVALID_TIME_ZONE', `Unknown time zone: ${timeZone}`, { field: 'timeZone' });
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The calendar date of `instant` in `timeZone` (default Europe/Budapest): the day a
 * complaint was received is its Hungarian local date, across DST changes too.
 * @throws InvalidInputError `LOCAL_DATE.INVALID_INSTANT` for an invalid Date,
 *   `LOCAL_DATE.INVALID_TIME_ZONE` for an unknown zone.
 */
export function localDateOf(instant: Date, timeZone: string = BUDAPEST_TIME_ZONE): LocalDate {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new InvalidInputError('LOCAL_DATE.INVALID_INSTANT', 'Not a valid instant', { field: 'instant' });
  }
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return localDateFromParts(part('year'), part('month'), part('day'));
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

// Howard Hinnant's days_from_civil / civil_from_days: exact integer Gregorian arithmetic, no Date involved.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}
