import { computeDeadline } from '../calendar/deadline.js';
import { years, type Duration } from '../calendar/duration.js';
import { localDateOf, parseLocalDate } from '../calendar/local-date.js';
import { hungarianWorkingDayCalendar } from '../calendar/working-day-calendar.js';
import type { PolicyVersion, RetentionRecordType } from '../policy/policy-version.js';
import { keysIn } from './case-personal-data.js';
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
  /** `expired` once every record type's retention ended; a case some of whose record types expired stays `closed`. */
  readonly status: 'open' | 'closed' | 'expired';
  /** The policy version the case is judged by (in force at receipt). */
  readonly policyVersion: string | null;
  readonly closedOn: string | null;
  /** Until when each record type of the closed case is kept (R-RET-01, R-LAW-09). */
  readonly retainUntilByType: Readonly<Record<string, string>>;
  /** The latest of them: the day the whole case may expire; null while open. */
  readonly retainUntil: string | null;
  /** The earliest date of a record type not yet expired: when the next retention stage is due; null while open or once expired. */
  readonly nextDue: string | null;
  /** The data subjects whose keys encrypt the case's personal fields. */
  readonly subjectIds: readonly string[];
  /** Keys scoped to one record type (accounting documents), with it; every other key serves the case's other records. */
  readonly keyRecordTypes: Readonly<Record<string, string>>;
  /** The latest day a record of a dated record type was made (a call recorded, an accounting document issued). */
  readonly recordDays: Readonly<Record<string, string>>;
  /** The retention dates the closing event stated. */
  readonly closingDates: Readonly<Record<string, string>>;
  /** Call recordings of the case by their telephony id (R-LAW-10): the telephony system deletes them when their retention ends. */
  readonly callRecordings: readonly string[];
  /** The record types whose retention ended and was recorded (R-RET-03), and the keys already destroyed. */
  readonly expiredRecordTypes: readonly string[];
  readonly destroyedSubjects: readonly string[];
  readonly expired: { readonly runId: string; readonly asOf: string } | null;
}

/** A case known by its stream id only (a legal hold may name it before anything else is known); null for untracked streams. */
export function newRetentionCase(streamId: string): RetentionCase | null {
  const caseType = retentionCaseTypeOf(streamId);
  if (!caseType) return null;
  return {
    streamId,
    caseType,
    status: 'open',
    policyVersion: null,
    closedOn: null,
    retainUntilByType: {},
    retainUntil: null,
    nextDue: null,
    subjectIds: [],
    keyRecordTypes: {},
    recordDays: {},
    closingDates: {},
    callRecordings: [],
    expiredRecordTypes: [],
    destroyedSubjects: [],
    expired: null,
  };
}

/** An event of a case stream as retention reads it. */
export interface RetentionCaseEvent {
  readonly streamId: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

const dayOf = (value: unknown): string | null => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? (value.length === 10 ? value : localDateOf(new Date(value))) : null);

/**
 * Records whose retention runs from the day they were made (R-LAW-09): a call recording (5 years
 * from the call), an accounting document (8 years from its issue). A case keeps each record type
 * until the later of its period from the case's close and from its latest such record.
 */
function datedRecord(event: RetentionCaseEvent): { readonly recordType: RetentionRecordType; readonly on: string } | null {
  const d = event.data;
  switch (event.type) {
    case 'CallRecordingReferenced':
      return dayOf(d.calledOn) ? { recordType: 'call_recording', on: dayOf(d.calledOn)! } : null;
    case 'RefundCredited':
      return dayOf(d.creditedOn) ? { recordType: 'accounting_document', on: dayOf(d.creditedOn)! } : null;
    case 'CorrectionRecorded':
      return d.billedCustomer && dayOf(d.recordedOn) ? { recordType: 'accounting_document', on: dayOf(d.recordedOn)! } : null;
    case 'WorksheetForwardedToAccounting':
      return dayOf(d.forwardedAt) ? { recordType: 'accounting_document', on: dayOf(d.forwardedAt)! } : null;
    default:
      return null;
  }
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

/** Each record type's date: the later of the closing's and its period from its latest record (R-RET-01, R-LAW-09). */
function withDates(state: RetentionCase, policies: PolicyLookup): RetentionCase {
  if (state.status === 'open' || state.closedOn === null) return state;
  const policy = state.policyVersion ? policies(state.policyVersion) : undefined;
  const dates: Record<string, string> = { ...state.closingDates };
  for (const [type, on] of Object.entries(state.recordDays)) {
    const from = on > state.closedOn ? on : state.closedOn;
    const kept = retentionDates(from, [type as RetentionRecordType], policy)[type]!;
    if (!dates[type] || kept > dates[type]!) dates[type] = kept;
  }
  const pending = Object.entries(dates).filter(([type]) => !state.expiredRecordTypes.includes(type)).map(([, date]) => date).sort();
  return { ...state, retainUntilByType: dates, retainUntil: latestOf(dates), nextDue: state.status === 'expired' ? null : (pending[0] ?? null) };
}

function closed(state: RetentionCase, closedOn: string, closingDates: Readonly<Record<string, string>>, policies: PolicyLookup): RetentionCase {
  return withDates({ ...state, status: 'closed', closedOn, closingDates }, policies);
}

/**
 * The date until which a key must be kept: the latest date of the record types it serves. A key
 * scoped to a record type serves that type; every other key serves the case's record types that
 * have no key of their own, so no record loses its personal data before its own retention ends.
 */
export function keyRetainUntil(c: RetentionCase, subjectId: string): string | null {
  const scoped = c.keyRecordTypes[subjectId];
  const ownTypes = new Set(Object.values(c.keyRecordTypes));
  const served = scoped ? [scoped] : Object.keys(c.retainUntilByType).filter((type) => !ownTypes.has(type));
  const dates = served.map((type) => c.retainUntilByType[type]);
  if (dates.length === 0 || dates.some((d) => d === undefined)) return c.retainUntil;
  return dates.sort().at(-1)!;
}

/** One retention stage of a case on `asOf`: the record types whose retention ended, and the keys nothing kept any longer protects. */
export interface RetentionStage {
  readonly recordTypes: readonly string[];
  readonly subjectIds: readonly string[];
  /** The record types still kept after this stage, with their dates; empty when the case expires whole. */
  readonly remaining: Readonly<Record<string, string>>;
  /** R-LAW-10: the call recordings whose retention ends with this stage (deleted in the telephony system). */
  readonly callRecordings: readonly string[];
}

/** What expires of a closed case on `asOf`; null when nothing does. */
export function retentionStage(c: RetentionCase, asOf: string): RetentionStage | null {
  if (c.status !== 'closed') return null;
  const recordTypes = Object.entries(c.retainUntilByType)
    .filter(([type, date]) => date <= asOf && !c.expiredRecordTypes.includes(type))
    .map(([type]) => type)
    .sort();
  if (recordTypes.length === 0) return null;
  const subjectIds = c.subjectIds.filter((s) => !c.destroyedSubjects.includes(s) && (keyRetainUntil(c, s) ?? '9999-12-31') <= asOf);
  const remaining = Object.fromEntries(Object.entries(c.retainUntilByType).filter(([type]) => !recordTypes.includes(type) && !c.expiredRecordTypes.includes(type)));
  return { recordTypes, subjectIds, remaining, callRecordings: recordTypes.includes('call_recording') ? c.callRecordings : [] };
}

/** Folds one event of the case's stream; the first event of a tracked stream opens the case. */
export function evolveRetentionCase(state: RetentionCase | null, event: RetentionCaseEvent, policies: PolicyLookup): RetentionCase | null {
  const first = state ?? newRetentionCase(event.streamId);
  if (!first) return null;
  let next: RetentionCase = first;
  const keys = keysIn(event.type, event.data).filter((k) => !next.subjectIds.includes(k.subjectId));
  if (keys.length > 0) {
    next = {
      ...next,
      subjectIds: [...next.subjectIds, ...keys.map((k) => k.subjectId)],
      keyRecordTypes: { ...next.keyRecordTypes, ...Object.fromEntries(keys.filter((k) => k.recordType !== null).map((k) => [k.subjectId, k.recordType!])) },
    };
  }
  if (next.policyVersion === null && typeof event.data.policyVersion === 'string') next = { ...next, policyVersion: event.data.policyVersion };
  if (next.status === 'expired') return next;

  if (event.type === 'RetentionExpired') {
    const d = event.data as unknown as RetentionExpiredData;
    const expiredRecordTypes = [...new Set([...next.expiredRecordTypes, ...d.recordTypes])];
    const destroyedSubjects = [...new Set([...next.destroyedSubjects, ...d.subjectIds])];
    const whole = Object.keys(d.remaining ?? {}).length === 0;
    return { ...next, expiredRecordTypes, destroyedSubjects, status: whole ? 'expired' : next.status, nextDue: whole ? null : next.nextDue, expired: whole ? { runId: d.runId, asOf: d.asOf } : null, ...(whole ? {} : withDatesOf({ ...next, expiredRecordTypes, destroyedSubjects }, policies)) };
  }
  if (event.type === 'CallRecordingReferenced' && typeof event.data.callRecordingId === 'string' && !next.callRecordings.includes(event.data.callRecordingId)) {
    next = { ...next, callRecordings: [...next.callRecordings, event.data.callRecordingId] };
  }
  const record = datedRecord(event);
  if (record && (!next.recordDays[record.recordType] || record.on > next.recordDays[record.recordType]!)) {
    next = withDates({ ...next, recordDays: { ...next.recordDays, [record.recordType]: record.on } }, policies);
  }
  if (DATED_CLOSINGS.has(event.type)) {
    const d = event.data as { closedOn: string; retainUntil: Readonly<Record<string, string | undefined>> };
    const dates = Object.fromEntries(Object.entries(d.retainUntil).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return closed(next, d.closedOn, dates, policies);
  }
  const closedOnField = CONTRACT_CLOSINGS[event.type];
  if (closedOnField !== undefined && next.status === 'open') {
    const on = String(event.data[closedOnField]);
    return closed(next, on, retentionDates(on, ['contract_document'], next.policyVersion ? policies(next.policyVersion) : undefined), policies);
  }
  if (REOPENINGS.has(event.type)) return { ...next, status: 'open', closedOn: null, closingDates: {}, retainUntilByType: {}, retainUntil: null, nextDue: null };
  return next;
}

const withDatesOf = (state: RetentionCase, policies: PolicyLookup): Partial<RetentionCase> => {
  const dated = withDates(state, policies);
  return { retainUntilByType: dated.retainUntilByType, retainUntil: dated.retainUntil, nextDue: dated.nextDue };
};
