import { CALENDAR_STREAM, calendarDecider, type CalendarCommand, type CalendarEvent, type CalendarState } from '../../domain/calendar/calendar.decider.js';
import type { CommandSpec } from '../command-pipeline/command-pipeline.js';

/** The calendar stream has no policy of its own; its events are judged by no version. */
export const calendarCommandSpec: CommandSpec<CalendarCommand, CalendarEvent, CalendarState, null> = {
  decider: calendarDecider,
  streamId: CALENDAR_STREAM,
  streamType: 'calendar',
  policy: () => ({ id: 'none', policy: null }),
  result: (_state, events) => ({ year: events[0]?.data.year ?? null }),
};
