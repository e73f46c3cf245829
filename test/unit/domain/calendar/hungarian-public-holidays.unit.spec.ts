import { easterSunday } from '../../../../src/domain/calendar/easter.js';
import { hungarianPublicHolidays } from '../../../../src/domain/calendar/hungarian-public-holidays.js';

describe('Easter and the Hungarian public holidays', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
    [1818, '1818-03-22'],
    [2285, '2285-03-22'],
    [1943, '1943-04-25'],
  ])('R-LAW-14: Easter Sunday %i is %s (computed, not listed)', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('R-LAW-14: refuses years outside the Gregorian range with CALENDAR.INVALID_YEAR', () => {
    expect(() => easterSunday(1582)).toThrow(expect.objectContaining({ code: 'CALENDAR.INVALID_YEAR' }));
    expect(() => easterSunday(2026.5)).toThrow(expect.objectContaining({ code: 'CALENDAR.INVALID_YEAR' }));
  });

  it('R-LAW-14: the 2026 public holidays, with Good Friday, Easter Monday and Whit Monday derived from Easter', () => {
    expect(hungarianPublicHolidays(2026).map((h) => [h.date, h.key])).toEqual([
      ['2026-01-01', 'new_year'],
      ['2026-03-15', 'national_day_15_march'],
      ['2026-04-03', 'good_friday'],
      ['2026-04-06', 'easter_monday'],
      ['2026-05-01', 'labour_day'],
      ['2026-05-25', 'whit_monday'],
      ['2026-08-20', 'state_foundation_day'],
      ['2026-10-23', 'national_day_23_october'],
      ['2026-11-01', 'all_saints_day'],
      ['2026-12-25', 'christmas_day'],
      ['2026-12-26', 'second_day_of_christmas'],
    ]);
  });

  it('R-LAW-14: the movable holidays of 2025 and 2038', () => {
    const movable = (year: number) =>
      hungarianPublicHolidays(year)
        .filter((h) => ['good_friday', 'easter_monday', 'whit_monday'].includes(h.key))
        .map((h) => h.date);
    expect(movable(2025)).toEqual(['2025-04-18', '2025-04-21', '2025-06-09']);
    expect(movable(2038)).toEqual(['2038-04-23', '2038-04-26', '2038-06-14']);
  });
});
