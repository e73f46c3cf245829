import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { addDays, isWeekend, localDateFromParts } from '../../../domain/calendar/local-date.js';
import type { CalendarDay } from '../../../domain/calendar/working-day-calendar.js';
import { WorkingDayCalendarProvider } from '../working-day-calendar.provider.js';
import { type CalendarYearView, GetCalendarYearQuery } from './get-calendar-year.query.js';

@QueryHandler(GetCalendarYearQuery)
export class GetCalendarYearHandler implements IQueryHandler<GetCalendarYearQuery> {
  constructor(private readonly calendars: WorkingDayCalendarProvider) {}

  async execute({ year }: GetCalendarYearQuery): Promise<CalendarYearView> {
    const { state, version, calendar } = await this.calendars.current();
    const exceptions: CalendarDay[] = [];
    for (let day = localDateFromParts(year, 1, 1); day <= localDateFromParts(year, 12, 31); day = addDays(day, 1)) {
      const described = calendar.dayOf(day);
      if (described.working === isWeekend(day)) exceptions.push(described);
    }
    const declared = state.years[year];
    return {
      year,
      version,
      swappedDays: declared
        ? { extraWorkingDays: declared.extraWorkingDays, extraRestDays: declared.extraRestDays, source: declared.source, builtIn: declared.builtIn }
        : null,
      exceptions,
    };
  }
}
