import { computeDeadline, type Deadline } from '../calendar/deadline.js';
import { describeDuration } from '../calendar/duration.js';
import { localDateOf, yearOf, type LocalDate } from '../calendar/local-date.js';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import type { DutyEvent, DutyKind, DutyOwner, OpenDuty } from '../duty/duty.events.js';
import { registerStreamId, type OrganisationUnit, type RegisterKind } from '../organisation/organisation.js';
import type { PolicyVersion, RetentionRecordType } from '../policy/policy-version.js';
import { InvalidInputError } from './domain-error.js';
import type { CaseContext } from './pipeline-decider.js';

/**
 * Helpers shared by the case deciders (complaints, fault reports, escalations, referrals,
 * consents, contracts): the policy they are judged by, register numbers reserved by the
 * application, business time and duties.
 */

/** The policy a case is judged by: the version in force at receipt, and the working-day calendar. */
export interface CasePolicy {
  readonly version: PolicyVersion;
  readonly calendar: WorkingDayCalendar;
}

export type CaseDecisionContext = CaseContext<CasePolicy>;

/** One line of a register (R-CPL-03): gapless per register, unit and calendar year. */
export interface CaseRegisterEntry {
  readonly register: RegisterKind;
  readonly unitId: string;
  readonly year: number;
  readonly number: number;
  /** As written in the register, e.g. `DSP/2026/12`, `RIK/SOR/2026/3`. */
  readonly entry: string;
}

/** A register number the application must reserve (in the same transaction) before deciding a command. */
export interface RegisterNumberRequest {
  readonly streamId: string;
  readonly register: RegisterKind;
  readonly unitId: string;
  readonly year: number;
}

/** How a register marks its entries when a unit keeps more than one register. */
const REGISTER_MARK: Readonly<Partial<Record<RegisterKind, string>>> = {
  serial_register: 'SOR', // Soros (folyószámos) iktatókönyv
  clerks_workbook: 'EMF', // Előadói munkafüzet
  referral_register: 'KSZ', // külső szervek
};

export function registerNumberRequest(register: RegisterKind, unitId: string, year: number): RegisterNumberRequest {
  return { streamId: registerStreamId(register, unitId, year), register, unitId, year };
}

/** The entry for the number the application reserved in `register` of `unit` for `year`. */
export function reservedEntry(register: RegisterKind, unit: Pick<OrganisationUnit, 'id' | 'code'>, year: number, context: CaseDecisionContext): CaseRegisterEntry {
  const streamId = registerStreamId(register, unit.id, year);
  const number = context.sequences.get(streamId);
  // The application reserves the number before deciding; its absence is a wiring fault, not a refusal.
  if (number === undefined) throw new Error(`No register number was reserved in ${streamId}`);
  const mark = REGISTER_MARK[register];
  return { register, unitId: unit.id, year, number, entry: mark ? `${unit.code}/${mark}/${year}/${number}` : `${unit.code}/${year}/${number}` };
}

export const today = (context: CaseDecisionContext): LocalDate => localDateOf(context.now);
export const currentYear = (context: CaseDecisionContext): number => yearOf(today(context));

/**
 * Parses an ISO 8601 date and time given in a command; `notInFuture` tolerates a few
 * minutes of clock skew between a workstation and the server.
 */
export function parseInstant(value: string, field: string, context: CaseDecisionContext, code: string, options: { notInFuture?: boolean } = {}): Date {
  const parsed = new Date(value);
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(parsed.getTime())) {
    throw new InvalidInputError(`${code}.INVALID_TIME`, `${field} must be an ISO 8601 date and time`, { field });
  }
  if (options.notInFuture && parsed.getTime() > context.now.getTime() + 5 * 60_000) {
    throw new InvalidInputError(`${code}.TIME_IN_FUTURE`, `${field} lies in the future`, { field });
  }
  return parsed;
}

export function requireText(value: string | null | undefined, field: string, code: string): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw new InvalidInputError(code, `${field} must not be empty`, { field });
  return value;
}

export function dutyOpened(dutyId: string, kind: DutyKind, dueDate: string, rule: string, description: string, owner: DutyOwner = 'provider'): DutyEvent {
  return { type: 'DutyOpened', data: { dutyId, kind, owner, dueDate, rule, description } };
}

/** Discharges the duty if it is open; nothing otherwise. */
export function discharge(duties: Readonly<Record<string, OpenDuty>>, dutyId: string, on: LocalDate): DutyEvent[] {
  const duty = duties[dutyId];
  return duty ? [{ type: 'DutyDischarged', data: { dutyId, dischargedOn: on, late: on > duty.dueDate } }] : [];
}

/** Cancels the open duties that match `which` (all by default). */
export function cancelDuties(duties: Readonly<Record<string, OpenDuty>>, reason: string, rule: string | null, which: (duty: OpenDuty) => boolean = () => true): DutyEvent[] {
  return Object.values(duties)
    .filter(which)
    .map((d) => ({ type: 'DutyCancelled', data: { dutyId: d.dutyId, reason, rule } }) as const);
}

/** `15 calendar days from 2026-03-02 (R-LAW-01); moved ...`: how a due date was computed. */
export function explainDeadline(deadline: Deadline, rule: string): string {
  return `${describeDuration(deadline.duration)} from ${deadline.trigger} (${rule})${deadline.reason ? `; ${deadline.reason}` : ''}`;
}

/** Until when each record type of a closed case is kept (R-RET-01), from the day it closes. */
export function retainUntil<T extends RetentionRecordType>(closedOn: LocalDate, types: readonly T[], policy: CasePolicy): Readonly<Record<T, string>> {
  const result = {} as Record<T, string>;
  for (const type of types) result[type] = computeDeadline(closedOn, policy.version.retention[type], policy.calendar).nominal;
  return result;
}
