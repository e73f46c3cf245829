import { BUDAPEST_TIME_ZONE, localDateOf, partsOf, type LocalDate } from '../calendar/local-date.js';
import { InvalidInputError, InvalidStateError, NotFoundError } from '../shared/domain-error.js';
import type { ConsequenceBook, ConsequenceEvent, ConsequenceKind, PendingConsequence } from './consequence.events.js';

/**
 * The first instant of a local date in a time zone (Budapest by default): where a
 * consequence that takes effect "on" a date may fire.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string = BUDAPEST_TIME_ZONE): Date {
  const { year, month, day } = partsOf(date);
  const utcMidnight = Date.UTC(year, month - 1, day);
  const quarter = 15 * 60_000;
  // Every zone's midnight lies within 14 hours of UTC midnight, on a quarter hour.
  for (let t = utcMidnight - 14 * 3_600_000; t <= utcMidnight + 14 * 3_600_000; t += quarter) {
    if (localDateOf(new Date(t), timeZone) === date) return new Date(t);
  }
  throw new InvalidInputError('SCHEDULING.NO_START_OF_DAY', `No start of ${date} found in ${timeZone}`, { field: 'dueDate' });
}

export interface ScheduleRequest {
  readonly consequenceId: string;
  readonly kind: ConsequenceKind;
  readonly streamId: string;
  readonly streamType: string;
  /** The date on which the consequence takes effect. */
  readonly dueDate: LocalDate;
  /** The type of the command sent with `{ consequenceId }` when it falls due. */
  readonly commandType: string;
  readonly rule: string;
  readonly description: string;
}

/** `ConsequenceScheduled`: the scheduler sends `{ type: commandType, data: { consequenceId } }` to the stream at `dueAt`. */
export function scheduleConsequence(request: ScheduleRequest): ConsequenceEvent {
  const { consequenceId, kind, streamId, streamType, dueDate, commandType, rule, description } = request;
  return {
    type: 'ConsequenceScheduled',
    data: {
      consequenceId,
      kind,
      streamId,
      streamType,
      dueDate,
      dueAt: startOfLocalDay(dueDate).toISOString(),
      command: { type: commandType, data: { consequenceId } },
      rule,
      description,
    },
  };
}

/** Cancels the pending consequences that match `which` (all by default): the case moved on first. */
export function cancelConsequences(
  book: ConsequenceBook,
  reason: string,
  rule: string | null,
  which: (consequence: PendingConsequence) => boolean = () => true,
): ConsequenceEvent[] {
  return Object.values(book.pending)
    .filter(which)
    .map((c) => ({ type: 'ConsequenceCancelled', data: { consequenceId: c.consequenceId, reason, rule } }) as const);
}

/**
 * What a scheduled command finds when it arrives: the pending consequence to execute, or
 * null when it was already executed or cancelled (the command then changes nothing, so
 * firing twice, or after the case moved on, is harmless).
 * @throws NotFoundError `SCHEDULING.UNKNOWN_CONSEQUENCE` for an id never scheduled on this case;
 *   InvalidInputError `SCHEDULING.WRONG_CONSEQUENCE` when the id belongs to another kind;
 *   InvalidStateError `SCHEDULING.NOT_YET_DUE` before its `dueAt`.
 */
export function dueConsequence(book: ConsequenceBook, consequenceId: string, kind: ConsequenceKind, now: Date): PendingConsequence | null {
  const pending = book.pending[consequenceId];
  if (!pending) {
    if (book.settled.includes(consequenceId)) return null;
    throw new NotFoundError('SCHEDULING.UNKNOWN_CONSEQUENCE', `No consequence ${consequenceId} was scheduled on this case`, { consequenceId });
  }
  if (pending.kind !== kind) {
    throw new InvalidInputError('SCHEDULING.WRONG_CONSEQUENCE', `Consequence ${consequenceId} is a ${pending.kind}, not a ${kind}`, { field: 'consequenceId' });
  }
  if (now.getTime() < new Date(pending.dueAt).getTime()) {
    throw new InvalidStateError('SCHEDULING.NOT_YET_DUE', `Consequence ${consequenceId} is due at ${pending.dueAt}`, { rule: pending.rule, details: { dueAt: pending.dueAt } });
  }
  return pending;
}

export function consequenceExecuted(consequence: PendingConsequence, now: Date): ConsequenceEvent {
  return { type: 'ConsequenceExecuted', data: { consequenceId: consequence.consequenceId, executedAt: now.toISOString() } };
}
