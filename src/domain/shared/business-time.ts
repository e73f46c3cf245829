import { isLocalDate, localDateOf } from '../calendar/local-date.js';
import { InvalidInputError } from './domain-error.js';

/**
 * Business time keeps its order: no fact of a case is dated before a fact it depends on (a reply
 * before the receipt, a worksheet's return before its issue, a body's request before the
 * referral). Facts are dated by an ISO 8601 instant or by a Budapest business date.
 */

/** An earlier fact a new one depends on: where it is recorded (`ComplaintRegistered.receivedAt`) and when it happened. */
export interface DatedFact {
  /** The event type and field that date the earlier fact. */
  readonly fact: string;
  /** An ISO 8601 instant or a YYYY-MM-DD business date; null when the fact has no date (never compared). */
  readonly at: string | null;
}

/** Instants compare as instants; where either side is a business date, both compare as Budapest dates. */
export function isBefore(at: string, earlier: string): boolean {
  if (isLocalDate(at) || isLocalDate(earlier)) return dayOf(at) < dayOf(earlier);
  return Date.parse(at) < Date.parse(earlier);
}

function dayOf(value: string): string {
  return isLocalDate(value) ? value : localDateOf(new Date(value));
}

/**
 * Refuses a fact dated `at` (given in `field`) when it lies before any of the facts it depends on.
 * @throws InvalidInputError `${code}.BEFORE_EARLIER_FACT` naming the field and the earlier fact (422).
 */
export function requireNotBefore(at: string, field: string, earlier: DatedFact | readonly DatedFact[], code: string): void {
  const facts = Array.isArray(earlier) ? (earlier as readonly DatedFact[]) : [earlier as DatedFact];
  for (const fact of facts) {
    if (fact.at === null || !isBefore(at, fact.at)) continue;
    throw new InvalidInputError(`${code}.BEFORE_EARLIER_FACT`, `${field} (${at}) lies before the fact it depends on: ${fact.fact} (${fact.at})`, {
      field,
      details: { earlierFact: fact.fact, earlierAt: fact.at },
    });
  }
}

/** The latest of the facts, or null when none is dated: what a new fact must not precede. */
export function latestFact(facts: readonly DatedFact[]): DatedFact | null {
  let latest: DatedFact | null = null;
  for (const fact of facts) if (fact.at !== null && (latest === null || isBefore(latest.at!, fact.at))) latest = fact;
  return latest;
}
