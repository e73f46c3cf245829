import { Inject, Injectable } from '@nestjs/common';
import { CALENDAR_STREAM, calendarDecider, workingDayCalendarOf, type CalendarEvent, type CalendarState } from '../../domain/calendar/calendar.decider.js';
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.js';
import { fold } from '../../domain/shared/decider.js';
import { CLOCK, type Clock } from '../ports/clock.port.js';
import { EVENT_STORE, type EventStore } from '../ports/event-store.port.js';

/**
 * The working-day calendar in force: built-in years overlaid by the declared ones. Cached
 * for a minute (the calendar changes a few times a year); a change made here drops the cache.
 */
@Injectable()
export class WorkingDayCalendarProvider {
  private cached: { state: CalendarState; version: number; calendar: WorkingDayCalendar; at: number } | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async current(): Promise<{ state: CalendarState; version: number; calendar: WorkingDayCalendar }> {
    const now = this.clock.now().getTime();
    if (this.cached && now - this.cached.at < 60_000) return this.cached;
    const events = await this.store.readStream(CALENDAR_STREAM);
    const state = fold(calendarDecider, events.map((e) => ({ type: e.type, data: e.data }) as unknown as CalendarEvent));
    this.cached = { state, version: events.at(-1)?.streamVersion ?? 0, calendar: workingDayCalendarOf(state), at: now };
    return this.cached;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
