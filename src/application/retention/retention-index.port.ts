import type { LocalDate } from '../../domain/calendar/local-date.js';
import type { TrackedCase } from '../../domain/retention/retention.decide.js';

/** The projection that keeps the retention index; the runner waits for it to catch up before deciding. */
export const RETENTION_INDEX_PROJECTION = 'retention_cases';

export interface RetentionIndexPage {
  readonly items: readonly TrackedCase[];
  readonly nextCursor: string | null;
}

/**
 * Every case with personal data and a retention (R-RET-01), with the legal holds in force on it
 * (R-RET-02) and the data subjects whose keys hold its personal data (R-RET-03).
 */
export interface RetentionIndex {
  /** Closed, not yet expired cases with a record type whose retention ends on or before `asOf`, earliest first. */
  candidates(asOf: LocalDate, cursor: string | null, limit: number): Promise<RetentionIndexPage>;
  /** Every case whose personal data is encrypted under any of `subjectIds`. */
  holdersOf(subjectIds: readonly string[]): Promise<readonly TrackedCase[]>;
}

export const RETENTION_INDEX = Symbol('RetentionIndex');
