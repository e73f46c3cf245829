import type { EventSchema } from '../shared/event-schema.js';

/** The case types whose streams keep personal data until their retention ends (R-RET-01). */
export const RETENTION_CASE_TYPES = ['complaint', 'fault_report', 'escalation', 'referral', 'connection_application', 'contract_offer', 'counter_offer', 'contract'] as const;
export type RetentionCaseType = (typeof RETENTION_CASE_TYPES)[number];

/**
 * R-RET-03: the retention of record types of a closed case ended (R-RET-01, R-LAW-09): the keys
 * no longer protecting anything kept are destroyed, so their personal fields read back as erased
 * while the non-personal facts and every hash stay. A case whose record types have different
 * periods expires in stages, one event each; the last leaves nothing `remaining`. Appended on
 * the case's own stream by a retention run.
 */
export interface RetentionExpiredData {
  readonly runId: string;
  /** The day the run judged the case by (a Budapest business date). */
  readonly asOf: string;
  readonly caseType: RetentionCaseType;
  readonly closedOn: string;
  /** Until when each record type of the case was kept; every date is on or before `asOf`. */
  readonly retainUntil: Readonly<Record<string, string>>;
  /** The record types whose retention ended with this event. */
  readonly recordTypes: readonly string[];
  /** The data subjects' keys destroyed with this event. */
  readonly subjectIds: readonly string[];
  /** The record types still kept, with their dates; empty when the whole case expired (schema version 1 events expired whole). */
  readonly remaining: Readonly<Record<string, string>>;
  /** R-LAW-10: the call recordings (telephony ids) whose retention ended: the telephony system deletes them. */
  readonly callRecordings: readonly string[];
  /** The policy version the retention periods came from. */
  readonly policyVersion: string;
  readonly rule: 'R-RET-03';
}

export type RetentionExpiredEvent = { readonly type: 'RetentionExpired'; readonly data: RetentionExpiredData };

/** One retention run and its result, on the `retention-runs` stream (the run is on record like a verification). */
export const RETENTION_RUNS_STREAM = 'retention-runs';

export const retentionEventSchemas: readonly EventSchema[] = [
  // v2 expires a case by record type (`remaining`) and names the call recordings to delete; v1 always expired the whole case.
  { type: 'RetentionExpired', schemaVersion: 2, upcasters: { 1: (data) => ({ ...data, remaining: {}, callRecordings: [] }) } },
  { type: 'RetentionRunCompleted', schemaVersion: 1 },
];
