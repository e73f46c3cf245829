import type { PipelineCommand, PipelineDecider } from '../shared/pipeline-decider.js';
import { InvalidStateError, RuleViolation } from '../shared/domain-error.js';
import { assertNever } from '../shared/decider.js';
import type { EventSchema } from '../shared/event-schema.js';
import { HUNGARIAN_SWAPPED_DAYS } from './hungarian-swapped-days.data.js';
import type { SwappedDaysYear } from './swapped-days.js';
import { WorkingDayCalendar } from './working-day-calendar.js';

/** The one working-day calendar the product keeps (R-DL-01: the calendar is data, not code). */
export const CALENDAR_STREAM = 'calendar-hu';

export type CalendarCommand =
  | PipelineCommand<'DeclareSwappedDays', SwappedDaysYear>
  | PipelineCommand<'AmendSwappedDays', SwappedDaysYear & { readonly reason: string }>;

export type CalendarEvent =
  | { readonly type: 'SwappedDaysDeclared'; readonly data: SwappedDaysYear }
  | { readonly type: 'SwappedDaysAmended'; readonly data: SwappedDaysYear & { readonly reason: string; readonly previous: SwappedDaysYear } };

/** Years with their swaps; the built-in years of the seed data count as declared. */
export interface CalendarState {
  readonly years: Readonly<Record<number, SwappedDaysYear & { readonly builtIn: boolean }>>;
}

export const calendarEventSchemas: readonly EventSchema[] = [
  { type: 'SwappedDaysDeclared', schemaVersion: 1 },
  { type: 'SwappedDaysAmended', schemaVersion: 1 },
];

const initialState: CalendarState = {
  years: Object.fromEntries(HUNGARIAN_SWAPPED_DAYS.map((y) => [y.year, { ...y, builtIn: true }])),
};

function evolve(state: CalendarState, event: CalendarEvent): CalendarState {
  switch (event.type) {
    case 'SwappedDaysDeclared':
      return { years: { ...state.years, [event.data.year]: { ...event.data, builtIn: false } } };
    case 'SwappedDaysAmended': {
      const { reason: _reason, previous: _previous, ...year } = event.data;
      return { years: { ...state.years, [event.data.year]: { ...year, builtIn: false } } };
    }
    default:
      return assertNever(event, 'calendar event');
  }
}

/** Checks the data the way the calendar will use it (weekend worked days, weekday rest days, no holidays). */
function checked(data: SwappedDaysYear): SwappedDaysYear {
  const year: SwappedDaysYear = {
    year: data.year,
    extraWorkingDays: [...data.extraWorkingDays].sort(),
    extraRestDays: [...data.extraRestDays].sort(),
    source: data.source,
  };
  new WorkingDayCalendar([year]);
  return year;
}

function decide(command: CalendarCommand, state: CalendarState): readonly CalendarEvent[] {
  switch (command.type) {
    case 'DeclareSwappedDays': {
      if (state.years[command.data.year]) {
        throw new InvalidStateError('CALENDAR.YEAR_ALREADY_DECLARED', `The swapped days of ${command.data.year} are already declared; amend them with a reason instead`, {
          rule: 'R-DL-01',
          details: { year: command.data.year },
        });
      }
      return [{ type: 'SwappedDaysDeclared', data: checked(command.data) }];
    }
    case 'AmendSwappedDays': {
      const previous = state.years[command.data.year];
      if (!previous) {
        throw new InvalidStateError('CALENDAR.YEAR_NOT_DECLARED', `No swapped days are declared for ${command.data.year}; declare them first`, {
          details: { year: command.data.year },
        });
      }
      if (command.data.reason.trim().length === 0) {
        throw new RuleViolation('CALENDAR.AMENDMENT_REASON_MISSING', 'R-DL-01', 'An amendment of the calendar needs a reason');
      }
      const { builtIn: _builtIn, ...before } = previous;
      return [{ type: 'SwappedDaysAmended', data: { ...checked(command.data), reason: command.data.reason, previous: before } }];
    }
    default:
      return assertNever(command, 'calendar command');
  }
}

export const calendarDecider: PipelineDecider<CalendarCommand, CalendarEvent, CalendarState> = { initialState, evolve, decide };

/** The calendar deadlines are computed with: the built-in years overlaid by what admins declared. */
export function workingDayCalendarOf(state: CalendarState): WorkingDayCalendar {
  return new WorkingDayCalendar(Object.values(state.years).map(({ builtIn: _builtIn, ...year }) => year));
}
