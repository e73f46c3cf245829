import { computeDeadline } from '../calendar/deadline.js';
import { years, type Duration } from '../calendar/duration.js';
import { parseLocalDate } from '../calendar/local-date.js';
import { hungarianWorkingDayCalendar } from '../calendar/working-day-calendar.js';
import type { PolicyVersion, RetentionRecordType } from '../policy/policy-version.js';
import { subjectIdsIn } from './case-personal-data.js';
import type { RetentionCaseType, RetentionExpiredData } from './retention.events.js';

/** R-RET-01: the period when the case's policy version is not known: 5 years after the case closes. */
export const DEFAULT_RETENTION_PERIOD: Duration = years(5);

/** The policy version with an id, as recorded on the case; undefined when unknown. */
export type PolicyLookup = (policyVersionId: string) => PolicyVersion | undefined;

const STREAM_PREFIXES: ReadonlyArray<readonly [string, RetentionCaseType]> = [
  ['complaint-', 'complaint'],
  ['fault-', 'fault_report'],
  ['escalation-', 'escalation'],
  ['referral-', 'referral'],
  ['connection-', 'connection_application'],
  // counter-offer- before offer-: the longer prefix first.
  ['counter-offer-', 'counter_offer'],
  ['offer-', 'contract_offer'],
  ['contract-', 'contract'],
];

/** The case type of a stream whose retention is tracked; null for any other stream. */
export function retentionCaseTypeOf(streamId: string): RetentionCaseType | null {
  return STREAM_PREFIXES.find(([prefix]) => streamId.startsWith(prefix))?.[1] ?? null;
}

/** What retention needs to know about one case, folded from its own stream. */
export interface RetentionCase {
  readonly streamId: string;
  readonly caseType: RetentionCaseType;
  readonly status: 'open' | 'closed' | 'expired';
  /** The policy version the case is judged by (in force at receipt). */
  readonly policyVersion: string | null;
  readonly closedOn: string | null;
  /** Until when each record type of the closed case is kept (R-RET-01). */
  readonly retainUntilByType: Readonly<Record<string, string>>;
  /** The latest of them: the day the whole case may expire; null while open. */
  readonly retainUntil: string | null;
  /** The data subjects whose keys encrypt the case's personal fields. */
  readonly subjectIds: readonly string[];
  readonly expired: { readonly runId: string; readonly asOf: string } | null;
}

/** A case known by its stream id only (a legal hold may name it before anything else is known); null for untracked streams. */
export function newRetentionCase(streamId: string): RetentionCase | null {
  const caseType = retentionCaseTypeOf(streamId);
  if (!caseType) return null;
  return { streamId, caseType, status: 'open', policyVersion: null, closedOn: null, retainUntilByType: {}, retainUntil: null, subjectIds: [], expired: null };
}

/** An event of a case stream as retention reads it. */
export interface RetentionCaseEvent {
  readonly streamId: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** Closing events that state their retention dates (the case deciders compute them, R-RET-01). */
const DATED_CLOSINGS = new Set(['ComplaintClosed', 'FaultReportClosed', 'EscalationClosed', 'ReferralClosed']);

/** Contract closings carry no retention date: the day they close on, from their own data. */
const CONTRACT_CLOSINGS: Readonly<Record<string, string>> = {
  ContractFormed: 'formedOn',
  CounterOfferReceived: 'receivedOn',
  OfferLapsed: 'lapsedOn',
  ConnectionInformationLapsed: 'lapsedOn',
  ContractRefused: 'sentOn',
  ConnectionApplicationWithdrawn: 'receivedOn',
  ContractRequestWithdrawn: 'receivedOn',
  ReconciliationFailed: 'endedOn',
  ContractTerminated: 'endedOn',
};

/** R-CON-06: a lapse set aside reopens the offer. */
const REOPENINGS = new Set(['OfferLapseSetAside']);

/**
 * Until when each record type is kept from `closedOn` under `policy` (R-RET-01); without a known
 * policy version, {@link DEFAULT_RETENTION_PERIOD}.
 */
export function retentionDates(closedOn: string, types: readonly RetentionRecordType[], policy: PolicyVersion | undefined): Record<string, string> {
  const dates: Record<string, string> = {};
  for (const type of types) {
    const period = policy?.retention[type] ?? DEFAULT_RETENTION_PERIOD;
    dates[type] = computeDeadline(parseLocalDate(closedOn, 'closedOn'), period, hungarianWorkingDayCalendar).nominal;
  }
  return dates;
}

const latestOf = (dates: Readonly<Record<string, string>>): string | null => Object.values(dates).reduce<string | null>((a, b) => (a === null || b > a ? b : a), null);

function closed(state: RetentionCase, closedOn: string, retainUntilByType: Readonly<Record<string, string>>): RetentionCase {
  return { ...state, status: 'closed', closedOn, retainUntilByType, retainUntil: latestOf(retainUntilByType) };
}

/** Folds one event of the case's stream; the first event of a tracked stream opens the case. */
export function evolveRetentionCase(state: RetentionCase | null, event: RetentionCaseEvent, policies: PolicyLookup): RetentionCase | null {
  const first = state ?? newRetentionCase(event.streamId);
  if (!first) return null;
  let next: RetentionCase = first;
  const subjects = subjectIdsIn(event.type, event.data).filter((s) => !next.subjectIds.includes(s));
  if (subjects.length > 0) next = { ...next, subjectIds: [...next.subjectIds, ...subjects] };
  if (next.policyVersion === null && typeof event.data.policyVersion === 'string') next = { ...next, policyVersion: event.data.policyVersion };
  if (next.status === 'expired') return next;

  if (event.type === 'RetentionExpired') {
    const d = event.data as unknown as RetentionExpiredData;
    return { ...next, status: 'expired', expired: { runId: d.runId, asOf: d.asOf } };
  }
  if (DATED_CLOSINGS.has(event.type)) {
    const d = event.data as { closedOn: string; retainUntil: Readonly<Record<string, string | undefined>> };
    const dates = Object.fromEntries(Object.entries(d.retainUntil).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return closed(next, d.closedOn, dates);
  }
  const closedOnField = CONTRACT_CLOSINGS[event.type];
  if (closedOnField !== undefined && next.status === 'open') {
    const on = String(event.data[closedOnField]);
    return closed(next, on, retentionDates(on, ['contract_document'], next.policyVersion ? policies(next.policyVersion) : undefined));
  }
  if (REOPENINGS.has(event.type)) return { ...next, status: 'open', closedOn: null, retainUntilByType: {}, retainUntil: null };
  return next;
}
