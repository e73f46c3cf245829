import { Query } from '@nestjs/cqrs';
import type { CalendarDay } from '../../../domain/calendar/working-day-calendar.js';

export interface CalendarYearView {
  readonly year: number;
  /** The calendar stream's version: send it back in If-Match when amending. */
  readonly version: number;
  readonly swappedDays: { readonly extraWorkingDays: readonly string[]; readonly extraRestDays: readonly string[]; readonly source: string; readonly builtIn: boolean } | null;
  /** Every non-working weekday and every worked weekend day of the year, in date order. */
  readonly exceptions: readonly CalendarDay[];
}

export class GetCalendarYearQuery extends Query<CalendarYearView> {
  constructor(readonly year: number) {
    super();
  }
}
