import { HUNGARIAN_SWAPPED_DAYS } from '../../../../src/domain/calendar/hungarian-swapped-days.data.js';
import { parseLocalDate, type LocalDate } from '../../../../src/domain/calendar/local-date.js';
import type { SwappedDaysYear } from '../../../../src/domain/calendar/swapped-days.js';
import {
  describeCalendarDay,
  hungarianWorkingDayCalendar as calendar,
  WorkingDayCalendar,
} from '../../../../src/domain/calendar/working-day-calendar.js';

const d = (text: string): LocalDate => parseLocalDate(text);

describe('WorkingDayCalendar', () => {
  it('R-LAW-14: the built-in swap data is exactly the 2025 and 2026 decrees, as JSON-compatible data', () => {
    expect(JSON.parse(JSON.stringify(HUNGARIAN_SWAPPED_DAYS))).toEqual([
      {
        year: 2025,
        extraWorkingDays: ['2025-05-17', '2025-10-18', '2025-12-13'],
        extraRestDays: ['2025-05-02', '2025-10-24', '2025-12-24'],
        source: expect.stringContaining('NGM rendelet'),
      },
      {
        year: 2026,
        extraWorkingDays: ['2026-01-10', '2026-08-08', '2026-12-12'],
        extraRestDays: ['2026-01-02', '2026-08-21', '2026-12-24'],
        source: expect.stringContaining('NGM rendelet'),
      },
    ]);
    expect(calendar.yearsWithSwappedDays()).toEqual([2025, 2026]);
  });

  it('R-DL-01: weekdays are working days, Saturdays and Sundays are not', () => {
    expect(calendar.isWorkingDay(d('2026-03-04'))).toBe(true);
    expect(calendar.isWorkingDay(d('2026-03-07'))).toBe(false);
    expect(calendar.isWorkingDay(d('2026-03-08'))).toBe(false);
    expect(calendar.dayOf(d('2026-03-07')).kind).toBe('weekend');
  });

  it('R-LAW-14: every public holiday of 2026 is a rest day', () => {
    for (const holiday of calendar.publicHolidays(2026)) {
      expect(calendar.dayOf(holiday.date)).toEqual({ date: holiday.date, kind: 'public_holiday', working: false, holiday });
    }
    expect(describeCalendarDay(calendar.dayOf(d('2026-04-06')))).toBe('2026-04-06 is a public holiday (Húsvéthétfő)');
  });

  it('R-LAW-14: 2 January 2026 (a Friday) is a swapped rest day', () => {
    expect(calendar.isWorkingDay(d('2026-01-02'))).toBe(false);
    expect(calendar.dayOf(d('2026-01-02'))).toMatchObject({ kind: 'swapped_rest_day', working: false });
    expect(calendar.nextWorkingDay(d('2025-12-31'))).toBe('2026-01-05');
  });

  it('R-LAW-14: Saturday 10 January 2026 is a swapped working day', () => {
    expect(calendar.isWorkingDay(d('2026-01-10'))).toBe(true);
    expect(calendar.dayOf(d('2026-01-10'))).toMatchObject({ kind: 'swapped_working_day', working: true });
    expect(calendar.nextWorkingDay(d('2026-01-09'))).toBe('2026-01-10');
    expect(calendar.isWorkingDay(d('2026-01-17'))).toBe(false);
  });

  it.each([
    ['2025-05-02', false],
    ['2025-05-17', true],
    ['2025-10-18', true],
    ['2025-10-24', false],
    ['2025-12-13', true],
    ['2025-12-24', false],
    ['2026-08-08', true],
    ['2026-08-21', false],
    ['2026-12-12', true],
    ['2026-12-24', false],
  ])('R-LAW-14: swapped day %s is a working day: %s', (date, working) => {
    expect(calendar.isWorkingDay(d(date))).toBe(working);
  });

  it('R-DL-01: nextWorkingDay is strictly after the date; workingDayOnOrAfter keeps a working day', () => {
    expect(calendar.nextWorkingDay(d('2026-03-04'))).toBe('2026-03-05');
    expect(calendar.workingDayOnOrAfter(d('2026-03-04'))).toBe('2026-03-04');
    expect(calendar.nextWorkingDay(d('2026-04-02'))).toBe('2026-04-07');
    expect(calendar.workingDayOnOrAfter(d('2026-12-24'))).toBe('2026-12-28');
  });

  it('R-DL-01: adds working days, skipping rest days and counting swapped working Saturdays', () => {
    expect(calendar.addWorkingDays(d('2026-01-08'), 2)).toBe('2026-01-10');
    expect(calendar.addWorkingDays(d('2025-12-30'), 1)).toBe('2025-12-31');
    expect(calendar.addWorkingDays(d('2025-12-30'), 2)).toBe('2026-01-05');
    expect(calendar.addWorkingDays(d('2026-03-04'), 0)).toBe('2026-03-04');
    expect(() => calendar.addWorkingDays(d('2026-03-04'), -1)).toThrow(
      expect.objectContaining({ code: 'CALENDAR.INVALID_WORKING_DAY_COUNT' }),
    );
  });

  it('R-DL-01: a year with no swap data still works: holidays computed, weekends off, no swaps', () => {
    expect(calendar.swappedDaysOf(2027)).toBeUndefined();
    expect(calendar.isWorkingDay(d('2027-03-26'))).toBe(false); // Good Friday 2027
    expect(calendar.isWorkingDay(d('2027-03-29'))).toBe(false); // Easter Monday 2027
    expect(calendar.isWorkingDay(d('2027-03-30'))).toBe(true);
    expect(calendar.isWorkingDay(d('2027-01-02'))).toBe(false); // a plain Saturday
    expect(calendar.nextWorkingDay(d('2027-12-23'))).toBe('2027-12-24'); // a Friday, no swap decreed
  });

  it('R-DL-01: the swaps are data: without them 10 January 2026 is a rest day and 2 January a working day', () => {
    const bare = new WorkingDayCalendar();
    expect(bare.isWorkingDay(d('2026-01-10'))).toBe(false);
    expect(bare.isWorkingDay(d('2026-01-02'))).toBe(true);
    expect(bare.isWorkingDay(d('2026-01-01'))).toBe(false);
  });

  it('R-DL-01: a further year loaded as data takes effect', () => {
    const withMore = new WorkingDayCalendar([
      ...HUNGARIAN_SWAPPED_DAYS,
      { year: 2027, extraWorkingDays: ['2027-12-18'], extraRestDays: ['2027-12-24'], source: 'test decree' },
    ]);
    expect(withMore.isWorkingDay(d('2027-12-24'))).toBe(false);
    expect(withMore.isWorkingDay(d('2027-12-18'))).toBe(true);
    expect(withMore.isWorkingDay(d('2026-01-10'))).toBe(true);
    expect(withMore.yearsWithSwappedDays()).toEqual([2025, 2026, 2027]);
  });

  describe('R-DL-01: refuses swap data that cannot be right, with CALENDAR.INVALID_SWAP_DATA', () => {
    const entry = (patch: Partial<SwappedDaysYear>): SwappedDaysYear => ({
      year: 2027,
      extraWorkingDays: [],
      extraRestDays: [],
      source: 'test decree',
      ...patch,
    });
    it.each<[string, SwappedDaysYear[]]>([
      ['a year given twice', [entry({}), entry({})]],
      ['a malformed date', [entry({ extraRestDays: ['2027-02-30'] })]],
      ['a date outside its year', [entry({ extraRestDays: ['2028-01-03'] })]],
      ['a worked day that is a weekday', [entry({ extraWorkingDays: ['2027-12-22'] })]],
      ['a rest day that is a weekend day', [entry({ extraRestDays: ['2027-12-18'] })]],
      ['a rest day on a public holiday', [entry({ extraRestDays: ['2027-03-15'] })]],
      ['a date listed in both lists', [entry({ extraWorkingDays: ['2027-12-18'], extraRestDays: ['2027-12-18'] })]],
      ['no source', [entry({ source: ' ' })]],
      ['a non-integer year', [entry({ year: 2027.5 })]],
    ])('%s', (_what, data) => {
      expect(() => new WorkingDayCalendar(data)).toThrow(expect.objectContaining({ code: 'CALENDAR.INVALID_SWAP_DATA' }));
    });
  });

  it('refuses a malformed date in queries', () => {
    expect(() => calendar.isWorkingDay('2026-02-30' as LocalDate)).toThrow(expect.objectContaining({ code: 'LOCAL_DATE.INVALID' }));
  });
});
