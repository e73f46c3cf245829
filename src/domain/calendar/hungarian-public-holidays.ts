import { addDays, localDateFromParts, type LocalDate } from './local-date.js';
import { easterSunday } from './easter.js';

/** Stable keys of the Hungarian public holidays (Mt. 102, R-LAW-14). */
export type HungarianHolidayKey =
  | 'new_year'
  | 'national_day_15_march'
  | 'good_friday'
  | 'easter_monday'
  | 'labour_day'
  | 'whit_monday'
  | 'state_foundation_day'
  | 'national_day_23_october'
  | 'all_saints_day'
  | 'christmas_day'
  | 'second_day_of_christmas';

/** A public holiday on a given date. */
export interface PublicHoliday {
  readonly date: LocalDate;
  readonly key: HungarianHolidayKey;
  /** The Hungarian name, for explanations shown to clerks. */
  readonly name: string;
}

/**
 * The Hungarian public holidays of `year`, in date order (R-LAW-14). Easter Sunday and
 * Whit Sunday are left out: they are Sundays and so rest days anyway.
 * @throws InvalidInputError `CALENDAR.INVALID_YEAR` outside 1583-9999.
 */
export function hungarianPublicHolidays(year: number): readonly PublicHoliday[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number): LocalDate => localDateFromParts(year, month, day);
  // Already in date order: Good Friday falls 20 March - 23 April, Whit Monday 11 May - 14 June.
  const holidays: readonly PublicHoliday[] = [
    { date: fixed(1, 1), key: 'new_year', name: 'Újév' },
    { date: fixed(3, 15), key: 'national_day_15_march', name: 'Nemzeti ünnep (március 15.)' },
    { date: addDays(easter, -2), key: 'good_friday', name: 'Nagypéntek' },
    { date: addDays(easter, 1), key: 'easter_monday', name: 'Húsvéthétfő' },
    { date: fixed(5, 1), key: 'labour_day', name: 'A munka ünnepe' },
    { date: addDays(easter, 50), key: 'whit_monday', name: 'Pünkösdhétfő' },
    { date: fixed(8, 20), key: 'state_foundation_day', name: 'Az államalapítás ünnepe' },
    { date: fixed(10, 23), key: 'national_day_23_october', name: 'Nemzeti ünnep (október 23.)' },
    { date: fixed(11, 1), key: 'all_saints_day', name: 'Mindenszentek' },
    { date: fixed(12, 25), key: 'christmas_day', name: 'Karácsony' },
    { date: fixed(12, 26), key: 'second_day_of_christmas', name: 'Karácsony másnapja' },
  ];
  return holidays;
}
