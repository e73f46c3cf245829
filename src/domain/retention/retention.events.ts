import type { EventSchema } from '../shared/event-schema.js';

/** The case types whose streams keep personal data until their retention ends (R-RET-01). */
export const RETENTION_CASE_TYPES = ['complaint', 'fault_report', 'escalation', 'referral', 'connection_application', 'contract_offer', 'counter_offer', 'contract'] as const;
export type RetentionCaseType = (typeof RETENTION_CASE_TYPES)[number];

/**
 * R-RET-03: the retention of a closed case ended; its data subjects' keys are destroyed, so
 * every personal field of the case reads back as erased while the non-personal facts and
 * every hash stay. Appended on the case's own stream by a retention run.
 */
export interface RetentionExpiredData {
  readonly runId: string;
  /** The day the run judged the case by (a Budapest business date). */
  readonly asOf: string;
  readonly caseType: RetentionCaseType;
  readonly closedOn: string;
  /** Until when each record type of the case was kept; every date is on or before `asOf`. */
  readonly retainUntil: Readonly<Record<string, string>>;
  /** The record types whose retention ended: every record type of the case. */
  readonly recordTypes: readonly string[];
  /** The data subjects whose keys were destroyed. */
  readonly subjectIds: readonly string[];
  /** The policy version the retention periods came from. */
  readonly policyVersion: string;
  readonly rule: 'R-RET-03';
}

export type RetentionExpiredEvent = { readonly type: 'RetentionExpired'; readonly data: RetentionExpiredData };

/** One retention run and its result, on the `retention-runs` stream (the run is on record like a verification). */
export const RETENTION_RUNS_STREAM = 'retention-runs';

export const retentionEventSchemas: readonly EventSchema[] = [
  { type: 'RetentionExpired', schemaVersion: 1 },
  { type: 'RetentionRunCompleted', schemaVersion: 1 },
];
