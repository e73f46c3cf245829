import {
  addDays,
  addMonths,
  addYears,
  compareLocalDates,
  dayOfWeek,
  daysBetween,
  isLocalDate,
  localDateFromParts,
  localDateOf,
  parseLocalDate,
  type LocalDate,
} from '../../../../src/domain/calendar/local-date.js';
import { InvalidInputError } from '../../../../src/domain/shared/domain-error.js';

const d = (text: string): LocalDate => parseLocalDate(text);

describe('LocalDate', () => {
  it('accepts existing dates and refuses malformed or non-existent ones with LOCAL_DATE.INVALID', () => {
    expect(parseLocalDate('2026-02-28')).toBe('2026-02-28');
    expect(parseLocalDate('2028-02-29')).toBe('2028-02-29');
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2100-02-29')).toBe(false);
    expect(isLocalDate('2000-02-29')).toBe(true);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-1-5')).toBe(false);
    expect(isLocalDate('2026-01-05T00:00:00Z')).toBe(false);
    expect(isLocalDate(20260105)).toBe(false);
    expect(() => parseLocalDate('2026-04-31')).toThrow(expect.objectContaining({ code: 'LOCAL_DATE.INVALID' }));
    expect(() => parseLocalDate('2026-04-31')).toThrow(InvalidInputError);
  });

  it('builds a date from parts and refuses impossible parts', () => {
    expect(localDateFromParts(2026, 1, 2)).toBe('2026-01-02');
    expect(() => localDateFromParts(2026, 2, 30)).toThrow(expect.objectContaining({ code: 'LOCAL_DATE.INVALID' }));
    expect(() => localDateFromParts(2026.5, 2, 1)).toThrow(expect.objectContaining({ code: 'LOCAL_DATE.INVALID' }));
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays(d('2026-01-31'), 1)).toBe('2026-02-01');
    expect(addDays(d('2025-12-31'), 1)).toBe('2026-01-01');
    expect(addDays(d('2028-02-28'), 1)).toBe('2028-02-29');
    expect(addDays(d('2026-02-28'), 1)).toBe('2026-03-01');
    expect(addDays(d('2026-03-01'), -1)).toBe('2026-02-28');
    expect(addDays(d('2026-01-01'), 365)).toBe('2027-01-01');
    expect(() => addDays(d('2026-01-01'), 1.5)).toThrow(expect.objectContaining({ code: 'LOCAL_DATE.INVALID_DAY_COUNT' }));
    expect(() => addDays(d('9999-12-31'), 1)).toThrow(expect.objectContaining({ code: 'LOCAL_DATE.OUT_OF_RANGE' }));
  });

  it('R-LAW-13: adds months and years to the same-numbered day, or the month\'s last day', () => {
    expect(addMonths(d('2026-03-15'), 1)).toBe('2026-04-15');
    expect(addMonths(d('2026-01-31'), 1)).toBe('2026-02-28');
    expect(addMonths(d('2028-01-31'), 1)).toBe('2028-02-29');
    expect(addMonths(d('2026-08-31'), 1)).toBe('2026-09-30');
    expect(addMonths(d('2026-11-30'), 3)).toBe('2027-02-28');
    expect(addMonths(d('2026-03-31'), -1)).toBe('2026-02-28');
    expect(addYears(d('2028-02-29'), 1)).toBe('2029-02-28');
    expect(addYears(d('2028-02-29'), 4)).toBe('2032-02-29');
  });

  it('gives the ISO day of the week (1 = Monday, 7 = Sunday)', () => {
    expect(dayOfWeek(d('2026-01-01'))).toBe(4);
    expect(dayOfWeek(d('2026-01-10'))).toBe(6);
    expect(dayOfWeek(d('2026-04-05'))).toBe(7);
    expect(dayOfWeek(d('2026-04-06'))).toBe(1);
    expect(dayOfWeek(d('1970-01-01'))).toBe(4);
    expect(dayOfWeek(d('1969-12-28'))).toBe(7);
    expect(dayOfWeek(d('2000-02-29'))).toBe(2);
  });

  it('compares and measures distance between dates', () => {
    expect(compareLocalDates(d('2025-12-31'), d('2026-01-01'))).toBe(-1);
    expect(compareLocalDates(d('2026-01-01'), d('2026-01-01'))).toBe(0);
    expect(compareLocalDates(d('2026-10-01'), d('2026-09-30'))).toBe(1);
    expect(daysBetween(d('2026-01-01'), d('2026-03-01'))).toBe(59);
    expect(daysBetween(d('2028-03-01'), d('2028-02-01'))).toBe(-29);
  });

  describe('localDateOf (the Hungarian date of an instant)', () => {
    it('R-LAW-13: an instant late on 31 Dec 23:30 UTC is already 1 Jan in Budapest', () => {
      expect(localDateOf(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
      expect(localDateOf(new Date('2025-12-31T22:59:59Z'))).toBe('2025-12-31');
      expect(localDateOf(new Date('2025-12-31T23:30:00Z'), 'UTC')).toBe('2025-12-31');
    });

    it('R-LAW-13: follows the spring DST change (UTC+1 before, UTC+2 after 29 March 2026)', () => {
      expect(localDateOf(new Date('2026-03-28T22:59:00Z'))).toBe('2026-03-28');
      expect(localDateOf(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
      expect(localDateOf(new Date('2026-03-29T21:59:00Z'))).toBe('2026-03-29');
      expect(localDateOf(new Date('2026-03-29T22:30:00Z'))).toBe('2026-03-30');
    });

    it('R-LAW-13: follows the autumn DST change (UTC+2 before, UTC+1 after 25 October 2026)', () => {
      expect(localDateOf(new Date('2026-10-24T21:59:59Z'))).toBe('2026-10-24');
      expect(localDateOf(new Date('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
      expect(localDateOf(new Date('2026-10-25T22:59:00Z'))).toBe('2026-10-25');
      expect(localDateOf(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
    });

    it('refuses an invalid instant and an unknown time zone', () => {
      expect(() => localDateOf(new Date('not a date'))).toThrow(expect.objectContaining({ code: 'LOCAL_DATE.INVALID_INSTANT' }));
      expect(() => localDateOf(new Date('2026-01-01T00:00:00Z'), 'Mars/Olympus')).toThrow(
        expect.objectContaining({ code: 'LOCAL_DATE.INVALID_TIME_ZONE' }),
      );
    });
  });
});
