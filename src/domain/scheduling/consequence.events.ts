import type { EventSchema } from '../shared/event-schema.js';

/**
 * Consequences that follow from the calendar alone, with no one acting: an offer lapsing
 * (R-CON-08), the provider's information expiring (R-CON-03), an agreed amendment taking
 * effect (R-CON-10), a termination taking effect (R-CON-13, R-CON-14), a fixed-term contract
 * running out (R-CON-10).
 */
export const CONSEQUENCE_KINDS = ['offer_lapse', 'information_lapse', 'amendment_effective', 'termination_effective', 'contract_expiry'] as const;
export type ConsequenceKind = (typeof CONSEQUENCE_KINDS)[number];

/** The command the scheduler sends to the stream when the consequence falls due; plain data. */
export interface ConsequenceCommand {
  readonly type: string;
  readonly data: { readonly consequenceId: string };
}

export interface ConsequenceScheduledData {
  /** Unique across the store: the scheduler may use it as the idempotency key of the command it sends. */
  readonly consequenceId: string;
  readonly kind: ConsequenceKind;
  /** The stream the command goes to (the stream this event is in). */
  readonly streamId: string;
  readonly streamType: string;
  /** The Budapest business date on which the consequence takes effect. */
  readonly dueDate: string;
  /** The first instant of `dueDate` in Budapest (ISO 8601): the scheduler fires at or after it. */
  readonly dueAt: string;
  readonly command: ConsequenceCommand;
  readonly rule: string;
  readonly description: string;
}

export type ConsequenceEvent =
  | { readonly type: 'ConsequenceScheduled'; readonly data: ConsequenceScheduledData }
  /** The case moved on first: the scheduler drops the consequence. */
  | { readonly type: 'ConsequenceCancelled'; readonly data: { readonly consequenceId: string; readonly reason: string; readonly rule: string | null } }
  /** The scheduled command ran and the consequence is recorded in the same decision. */
  | { readonly type: 'ConsequenceExecuted'; readonly data: { readonly consequenceId: string; readonly executedAt: string } };

export const consequenceEventSchemas: readonly EventSchema[] = [
  { type: 'ConsequenceScheduled', schemaVersion: 1 },
  { type: 'ConsequenceCancelled', schemaVersion: 1 },
  { type: 'ConsequenceExecuted', schemaVersion: 1 },
];

export interface PendingConsequence {
  readonly consequenceId: string;
  readonly kind: ConsequenceKind;
  readonly dueDate: string;
  readonly dueAt: string;
  readonly rule: string;
}

/** The consequences of one case: pending ones, and the ids already executed or cancelled. */
export interface ConsequenceBook {
  readonly pending: Readonly<Record<string, PendingConsequence>>;
  readonly settled: readonly string[];
}

export const emptyConsequenceBook: ConsequenceBook = { pending: {}, settled: [] };

export function isConsequenceEvent(event: { readonly type: string }): event is ConsequenceEvent {
  return event.type === 'ConsequenceScheduled' || event.type === 'ConsequenceCancelled' || event.type === 'ConsequenceExecuted';
}

/** Folds consequence events into the book of a case. */
export function evolveConsequences(book: ConsequenceBook, event: ConsequenceEvent): ConsequenceBook {
  switch (event.type) {
    case 'ConsequenceScheduled': {
      const { consequenceId, kind, dueDate, dueAt, rule } = event.data;
      return { ...book, pending: { ...book.pending, [consequenceId]: { consequenceId, kind, dueDate, dueAt, rule } } };
    }
    case 'ConsequenceCancelled':
    case 'ConsequenceExecuted': {
      const { [event.data.consequenceId]: _settled, ...rest } = book.pending;
      return { pending: rest, settled: [...book.settled, event.data.consequenceId] };
    }
  }
}
