import { localDateOf, type LocalDate } from '../../domain/calendar/local-date.js';
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.js';
import type { CasePolicy, RegisterNumberRequest } from '../../domain/shared/case-support.js';
import type { PolicyCatalog } from '../../domain/policy/policy-catalog.js';
import type { SequenceRequest } from '../command-pipeline/command-pipeline.js';

/**
 * The policy a case is judged by, for its whole life: the version recorded on the case once
 * it exists, otherwise the version in force on the day it was received.
 */
export function casePolicy(catalog: PolicyCatalog, calendar: WorkingDayCalendar, recordedVersion: string | null, receivedOn: LocalDate): { readonly id: string; readonly policy: CasePolicy } {
  const version = recordedVersion !== null ? catalog.byId(recordedVersion) : catalog.inForceAt(receivedOn);
  return { id: version.id, policy: { version, calendar } };
}

/** The Budapest date of an ISO instant given in a command, or of `fallback` when it does not parse (the decider refuses it). */
export function dateOfInstant(value: string, fallback: Date): LocalDate {
  const instant = new Date(value);
  return localDateOf(Number.isNaN(instant.getTime()) ? fallback : instant);
}

/**
 * A register number a decider asks for (R-CPL-03), as the pipeline reserves it: the next
 * version of the register stream, recorded as `RegisterNumberAllocated` in the case's transaction.
 */
export function registerSequence(request: RegisterNumberRequest, caseType: string): SequenceRequest {
  const { register, unitId, year } = request;
  return {
    streamId: request.streamId,
    streamType: 'register',
    eventType: 'RegisterNumberAllocated',
    eventData: (number, caseStreamId) => ({ register, unitId, year, number, caseStreamId, caseType }),
  };
}
