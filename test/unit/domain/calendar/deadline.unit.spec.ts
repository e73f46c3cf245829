import { computeDeadline } from '../../../../src/domain/calendar/deadline.js';
import { calendarDays, months, workingDays, years, type Duration } from '../../../../src/domain/calendar/duration.js';
import { parseLocalDate, type LocalDate } from '../../../../src/domain/calendar/local-date.js';
import {
  hungarianWorkingDayCalendar as calendar,
  WorkingDayCalendar,
} from '../../../../src/domain/calendar/working-day-calendar.js';

const d = (text: string): LocalDate => parseLocalDate(text);

describe('computeDeadline', () => {
  it('R-LAW-13: the trigger day is not counted', () => {
    expect(computeDeadline(d('2026-03-02'), calendarDays(1), calendar)).toMatchObject({ nominal: '2026-03-03', due: '2026-03-03' });
    expect(computeDeadline(d('2026-03-02'), calendarDays(15), calendar)).toEqual({
      trigger: '2026-03-02',
      duration: { amount: 15, unit: 'calendar_days' },
      nominal: '2026-03-17',
      due: '2026-03-17',
      shiftedBy: 0,
      skippedDays: [],
    });
    expect(computeDeadline(d('2026-03-06'), workingDays(1), calendar).due).toBe('2026-03-09');
  });

  it('R-DL-01: a 15-day deadline ending on a Saturday moves to Monday', () => {
    const deadline = computeDeadline(d('2026-03-06'), calendarDays(15), calendar);
    expect(deadline).toMatchObject({ nominal: '2026-03-21', due: '2026-03-23', shiftedBy: 2 });
    expect(deadline.skippedDays.map((day) => day.kind)).toEqual(['weekend', 'weekend']);
    expect(deadline.reason).toContain('2026-03-21');
    expect(deadline.reason).toContain('2026-03-23');
  });

  it('R-LAW-14: a deadline ending on Easter Monday 2026 (2026-04-06) moves to Tuesday 2026-04-07', () => {
    const deadline = computeDeadline(d('2026-03-22'), calendarDays(15), calendar);
    expect(deadline).toMatchObject({ nominal: '2026-04-06', due: '2026-04-07', shiftedBy: 1 });
    expect(deadline.reason).toContain('Húsvéthétfő');
  });

  it('R-LAW-14: a deadline ending on Good Friday 2026 runs over the whole Easter weekend to Tuesday', () => {
    const deadline = computeDeadline(d('2026-03-19'), calendarDays(15), calendar);
    expect(deadline).toMatchObject({ nominal: '2026-04-03', due: '2026-04-07', shiftedBy: 4 });
    expect(deadline.skippedDays.map((day) => day.kind)).toEqual(['public_holiday', 'weekend', 'weekend', 'public_holiday']);
  });

  it('R-LAW-14: a deadline ending on 24 December 2026 (swapped rest day, then 25, 26, 27 off) moves to Monday 28 December', () => {
    const deadline = computeDeadline(d('2026-12-09'), calendarDays(15), calendar);
    expect(deadline).toMatchObject({ nominal: '2026-12-24', due: '2026-12-28', shiftedBy: 4 });
    expect(deadline.skippedDays.map((day) => [day.date, day.kind])).toEqual([
      ['2026-12-24', 'swapped_rest_day'],
      ['2026-12-25', 'public_holiday'],
      ['2026-12-26', 'public_holiday'],
      ['2026-12-27', 'weekend'],
    ]);
    expect(deadline.reason).toContain('10/2025. (IV. 30.) NGM rendelet');
  });

  it('R-LAW-14: a deadline ending on 2 January 2026 (swapped rest day) moves to Monday 5 January', () => {
    expect(computeDeadline(d('2025-12-18'), calendarDays(15), calendar)).toMatchObject({
      nominal: '2026-01-02',
      due: '2026-01-05',
      shiftedBy: 3,
    });
  });

  it('R-LAW-14: a calendar-day deadline ending on the swapped working Saturday 10 January 2026 does not move', () => {
    const deadline = computeDeadline(d('2025-12-26'), calendarDays(15), calendar);
    expect(deadline).toMatchObject({ nominal: '2026-01-10', due: '2026-01-10', shiftedBy: 0, skippedDays: [] });
    expect(deadline.reason).toBeUndefined();
  });

  it('R-DL-01: a working-days deadline counts the swapped working Saturday 10 January 2026 as a working day', () => {
    expect(computeDeadline(d('2026-01-08'), workingDays(2), calendar).due).toBe('2026-01-10');
    // The same count without the swap data lands on Monday: the swap is data, not code.
    expect(computeDeadline(d('2026-01-08'), workingDays(2), new WorkingDayCalendar()).due).toBe('2026-01-12');
  });

  it('R-DL-01: a working-days deadline never needs a shift: nominal and due agree', () => {
    const deadline = computeDeadline(d('2026-12-22'), workingDays(5), calendar);
    // 23 Dec, then 24-27 off, then 28, 29, 30, 31.
    expect(deadline).toMatchObject({ nominal: '2026-12-31', due: '2026-12-31', shiftedBy: 0 });
  });

  it('R-LAW-13: a month deadline from 31 January ends on 28 February and moves when that is a Saturday', () => {
    // 2026-02-28 is a Saturday.
    expect(computeDeadline(d('2026-01-31'), months(1), calendar)).toMatchObject({
      nominal: '2026-02-28',
      due: '2026-03-02',
      shiftedBy: 2,
    });
  });

  it('R-LAW-13: a month deadline from 31 January ends on 29 February in a leap year', () => {
    // 2028-02-29 is a Tuesday; 2028 has no swap data, which the calendar tolerates.
    expect(computeDeadline(d('2028-01-31'), months(1), calendar)).toMatchObject({
      nominal: '2028-02-29',
      due: '2028-02-29',
      shiftedBy: 0,
    });
  });

  it('R-LAW-13: a month deadline ends on the same-numbered day', () => {
    expect(computeDeadline(d('2026-03-15'), months(1), calendar).due).toBe('2026-04-15');
    // 2026-06-15 + 2 months = 2026-08-15, a Saturday -> Monday 17 August.
    expect(computeDeadline(d('2026-06-15'), months(2), calendar)).toMatchObject({ nominal: '2026-08-15', due: '2026-08-17' });
  });

  it('R-LAW-13: a year deadline ends on the same-numbered day, 29 February becoming 28 February', () => {
    expect(computeDeadline(d('2028-02-29'), years(1), calendar)).toMatchObject({ nominal: '2029-02-28', due: '2029-02-28' });
    // 2026-01-01 + 5 years = 2031-01-01, a public holiday (Wednesday) -> 2 January 2031.
    expect(computeDeadline(d('2026-01-01'), years(5), calendar)).toMatchObject({ nominal: '2031-01-01', due: '2031-01-02' });
  });

  it('R-LAW-13: an instant trigger counts from its Budapest date: 31 Dec 23:30 UTC starts on 1 January', () => {
    const fromInstant = computeDeadline(new Date('2025-12-31T23:30:00Z'), calendarDays(15), calendar);
    expect(fromInstant).toMatchObject({ trigger: '2026-01-01', nominal: '2026-01-16', due: '2026-01-16' });
    const inUtc = computeDeadline(new Date('2025-12-31T23:30:00Z'), calendarDays(15), calendar, { timeZone: 'UTC' });
    expect(inUtc).toMatchObject({ trigger: '2025-12-31', due: '2026-01-15' });
  });

  it.each<[string, Duration]>([
    ['zero', calendarDays(0)],
    ['negative', workingDays(-3)],
    ['fractional', months(1.5)],
    ['unknown unit', { amount: 3, unit: 'weeks' } as unknown as Duration],
    ['absurdly long', years(1000)],
  ])('refuses a %s duration with DEADLINE.INVALID_DURATION', (_what, duration) => {
    expect(() => computeDeadline(d('2026-03-02'), duration, calendar)).toThrow(
      expect.objectContaining({ code: 'DEADLINE.INVALID_DURATION', kind: 'invalid' }),
    );
  });

  it('refuses a malformed trigger', () => {
    expect(() => computeDeadline('2026-02-30' as LocalDate, calendarDays(15), calendar)).toThrow(
      expect.objectContaining({ code: 'LOCAL_DATE.INVALID' }),
    );
    expect(() => computeDeadline(new Date('nope'), calendarDays(15), calendar)).toThrow(
      expect.objectContaining({ code: 'LOCAL_DATE.INVALID_INSTANT' }),
    );
  });
});
