import type { Channel, InPersonOnlyMatter } from '../channel/channel-rules.js';
import { computeDeadline, type Deadline } from '../calendar/deadline.js';
import type { Duration } from '../calendar/duration.js';
import { isLocalDate, localDateOf, type LocalDate } from '../calendar/local-date.js';
import type { DutyEvent, OpenDuty } from '../duty/duty.events.js';
import { discharge, dutyOpened, parseInstant, type CasePolicy } from '../escalation/case-support.js';
import type { OrganisationUnit } from '../organisation/organisation.js';
import type { ContractDurations } from '../policy/policy-version.js';
import { isBefore, requireNotBefore, type DatedFact } from '../shared/business-time.js';
import { ForbiddenError, InvalidInputError, NotFoundError, RuleViolation } from '../shared/domain-error.js';
import type { CaseContext } from '../shared/pipeline-decider.js';
import type { ContractSharedEvent } from './contract-shared.events.js';
import type { ContractParty, ContractTerms, HeatDemand, PaymentMethod, PlaceOfUse, UserCategory } from './contract.types.js';
import { contractKindFor } from './contract.types.js';

/** The policy a contract case is judged by: the version in force at receipt, and the working-day calendar. */
export type ContractPolicy = CasePolicy;
export type ContractContext = CaseContext<ContractPolicy>;

export const today = (context: ContractContext): LocalDate => localDateOf(context.now);

/** An instant given in a command, with its Budapest business date; never in the future. */
export function instantOf(value: string, field: string, context: ContractContext, code: string): { readonly at: string; readonly on: LocalDate } {
  const parsed = parseInstant(value, field, context, code, { notInFuture: true });
  return { at: parsed.toISOString(), on: localDateOf(parsed) };
}

/** A YYYY-MM-DD date given in a command. */
export function dateOf(value: string, field: string, code: string): LocalDate {
  if (!isLocalDate(value)) throw new InvalidInputError(`${code}.INVALID_DATE`, `${field} must be a YYYY-MM-DD date`, { field });
  return value;
}

/** R-DL-01: the due date of a contract deadline from the policy in force. */
export function contractDeadline(trigger: LocalDate, pick: (durations: ContractDurations) => Duration, context: ContractContext): Deadline {
  return computeDeadline(trigger, pick(context.policy.version.contract), context.policy.calendar);
}

export function requireText(value: string | null | undefined, field: string, code: string): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw new InvalidInputError(code, `${field} must not be empty`, { field });
  return value;
}

export function requireTexts(values: readonly string[], field: string, code: string): void {
  if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string' || v.trim() === '')) {
    throw new InvalidInputError(code, `${field} must list at least one item, none empty`, { field });
  }
}

/** Contracts are handled by the customer service offices (seed 4.2.5: "a szolgáltató ügyfélszolgálatánál"). */
export function requireCustomerServiceOffice(unit: OrganisationUnit, context: ContractContext, code: string): void {
  if (unit.kind !== 'customer_service_office') {
    throw new InvalidInputError(`${code}.NOT_A_CUSTOMER_SERVICE_OFFICE`, `${unit.name} does not handle contracts`, { field: 'receivingUnit' });
  }
  requireStaff(unit.id, context, code);
}

/** A clerk or supervisor of the unit that handles the case. */
export function requireStaff(unitId: string, context: ContractContext, code: string): void {
  const { role, unit } = context.actor;
  if ((role !== 'clerk' && role !== 'supervisor') || unit !== unitId) {
    throw new ForbiddenError(`${code}.NOT_RESPONSIBLE_UNIT`, `Only a clerk or supervisor of ${unitId} handles this case`, { details: { unit: unitId } });
  }
}

export function requireSupervisor(unitId: string, context: ContractContext, code: string, rule: string): void {
  if (context.actor.role !== 'supervisor' || context.actor.unit !== unitId) {
    throw new ForbiddenError(`${code}.NOT_A_SUPERVISOR`, `Only a supervisor of ${unitId} decides this`, { rule, details: { unit: unitId } });
  }
}

/** A statement the rules want in writing: a letter, e-mail, fax, web form, or a paper handed in at the office; not a phone call. */
export function requireWritten(channel: Channel, code: string, rule: string, what: string): void {
  if (channel === 'phone') {
    throw new RuleViolation(code, rule, `${what} must be made in writing; a phone call is not enough`, { field: 'channel', channel });
  }
}

export type AppointmentEvent = Extract<ContractSharedEvent, { readonly type: 'PersonalAppointmentRequested' | 'PersonalAppointmentOffered' }> | DutyEvent;

/** What the channel rules let through: the act itself, or only a booking for a personal appointment. */
export type Admission = { readonly admitted: true } | { readonly admitted: false; readonly events: readonly AppointmentEvent[] };

export interface AdmissionRequest {
  readonly matter: InPersonOnlyMatter;
  /** The command asked for, kept on the booking. */
  readonly command: string;
  readonly channel: Channel;
  readonly bookAppointment: boolean;
  /** When the customer asked (ISO 8601): the R-LAW-11 days run from its date, not from when the booking is typed in. */
  readonly requestedAt: string;
  /** The command's field that carries `requestedAt`, and the decider's error code prefix, for a refusal. */
  readonly field: string;
  readonly code: string;
  /** Channels the seed names besides in person for this act (a signed copy by letter, R-CON-06, R-CON-11). */
  readonly also?: readonly Channel[];
}

/**
 * R-CHN-01: an in-person-only matter arriving on another channel is refused with the reason,
 * or, when the customer asks for it, recorded as a request for a personal appointment
 * offered within the policy's time (R-LAW-11).
 * @throws RuleViolation `CHANNEL.IN_PERSON_ONLY` (R-CHN-01).
 */
export function admitInPersonMatter(request: AdmissionRequest, context: ContractContext): Admission {
  const also = request.also ?? [];
  if (request.channel === 'in_person' || also.includes(request.channel)) return { admitted: true };
  if (request.bookAppointment) return { admitted: false, events: appointmentRequested(request, context) };
  const alternatives = also.length > 0 ? ` (or by ${also.join(', ')})` : '';
  throw new RuleViolation(
    'CHANNEL.IN_PERSON_ONLY',
    'R-CHN-01',
    `${request.matter} can only be settled with the customer in person${alternatives}, not by ${request.channel}; book a personal appointment instead`,
    { field: 'channel', matter: request.matter, channel: request.channel },
  );
}

export const appointmentDutyId = (appointmentId: string) => `appointment-${appointmentId}`;

function appointmentRequested(request: AdmissionRequest, context: ContractContext): AppointmentEvent[] {
  const asked = instantOf(request.requestedAt, request.field, context, request.code);
  const appointmentId = context.newId();
  const within = context.policy.version.complaint.personalAppointment;
  const offerBy = within ? computeDeadline(asked.on, within, context.policy.calendar).due : asked.on;
  const rule = within ? ('R-LAW-11' as const) : ('R-CHN-01' as const);
  return [
    {
      type: 'PersonalAppointmentRequested',
      data: { appointmentId, matter: request.matter, requested: request.command, channel: request.channel, requestedAt: asked.at, offerBy, rule },
    },
    dutyOpened(appointmentDutyId(appointmentId), 'personal_appointment', offerBy, rule, `Offer a personal appointment for ${request.matter.replace(/_/g, ' ')}`),
  ];
}

/** R-LAW-11: the appointment is offered; discharges the booking's duty. */
export function offerAppointment(
  duties: Readonly<Record<string, OpenDuty>>,
  data: { readonly appointmentId: string; readonly appointmentAt: string },
  context: ContractContext,
  code: string,
): AppointmentEvent[] {
  const duty = duties[appointmentDutyId(data.appointmentId)];
  if (!duty) throw new NotFoundError(`${code}.NO_SUCH_APPOINTMENT`, 'No open appointment request with that id', { appointmentId: data.appointmentId });
  const at = parseInstant(data.appointmentAt, 'appointmentAt', context, code);
  if (at.getTime() < context.now.getTime()) throw new InvalidInputError(`${code}.APPOINTMENT_IN_PAST`, 'The appointment offered lies in the past', { field: 'appointmentAt' });
  const offeredOn = today(context);
  return [
    { type: 'PersonalAppointmentOffered', data: { appointmentId: data.appointmentId, appointmentAt: at.toISOString(), offeredOn, late: offeredOn > duty.dueDate } },
    ...discharge(duties, duty.dutyId, offeredOn),
  ];
}

/**
 * R-CON-01: the identification a party must give, residential and other users differing.
 * Returns the missing fields (empty when complete).
 */
export function missingPartyData(party: ContractParty, prefix: string): string[] {
  if (!party || typeof party !== 'object') return [prefix];
  const missing: string[] = [];
  const need = (value: unknown, field: string) => {
    if (typeof value !== 'string' || value.trim() === '') missing.push(`${prefix}.${field}`);
  };
  need(party.subjectId, 'subjectId');
  need(party.name, 'name');
  need(party.address, 'address');
  need(party.legalTitle, 'legalTitle');
  if (party.category === 'residential') {
    need(party.birthPlace, 'birthPlace');
    if (!isLocalDate(party.birthDate)) missing.push(`${prefix}.birthDate`);
    need(party.mothersName, 'mothersName');
  } else if (party.category === 'other') {
    need(party.statisticalNumber, 'statisticalNumber');
    need(party.companyRegistrationNumber, 'companyRegistrationNumber');
    need(party.taxNumber, 'taxNumber');
    need(party.representative?.name, 'representative.name');
    need(party.representative?.address, 'representative.address');
    if (!party.bankDetails) missing.push(`${prefix}.bankDetails`);
  } else {
    missing.push(`${prefix}.category`);
  }
  if (party.bankDetails) {
    need(party.bankDetails.bankName, 'bankDetails.bankName');
    need(party.bankDetails.accountNumber, 'bankDetails.accountNumber');
  }
  return missing;
}

/** R-CON-01: bank details are needed where the bill is paid by transfer. */
export function missingPaymentData(party: ContractParty, paymentMethod: PaymentMethod, prefix: string): string[] {
  return paymentMethod === 'bank_transfer' && !party.bankDetails ? [`${prefix}.bankDetails`] : [];
}

export function missingPlaceOfUse(place: PlaceOfUse | null | undefined, prefix: string): string[] {
  if (!place) return [prefix];
  const missing: string[] = [];
  if (typeof place.address !== 'string' || place.address.trim() === '') missing.push(`${prefix}.address`);
  if (typeof place.purpose !== 'string' || place.purpose.trim() === '') missing.push(`${prefix}.purpose`);
  return missing;
}

/** R-CON-01: the peak heat demand, hot-water demand and their total. */
export function checkHeatDemand(demand: HeatDemand): void {
  const values = [demand?.peakHeatKw, demand?.hotWaterKw, demand?.totalPeakKw];
  if (values.some((v) => typeof v !== 'number' || !Number.isFinite(v) || v < 0) || demand.totalPeakKw <= 0) {
    throw new RuleViolation('CONNECTION.HEAT_DEMAND_MISSING', 'R-CON-01', 'The application states the peak heat demand, the hot-water demand and the total peak in kW', { field: 'demand' });
  }
  // The total sums the two demands (seed 4.1.1.1: "az ezt összegző összes csúcshőigény").
  if (Math.abs(demand.peakHeatKw + demand.hotWaterKw - demand.totalPeakKw) > 0.001) {
    throw new RuleViolation('CONNECTION.TOTAL_PEAK_MISMATCH', 'R-CON-01', 'The total peak demand is the sum of the heat and hot-water peaks', { field: 'demand.totalPeakKw' });
  }
}

/**
 * R-CON-10 and seed 4.2.1: a residential user gets a general contract, which is indefinite;
 * any other user an individual one, fixed-term unless agreed otherwise.
 */
export function checkTerms(terms: ContractTerms, category: UserCategory | null, field = 'terms'): void {
  const invalid = (problem: string, sub: string): never => {
    throw new InvalidInputError('CONTRACT.INVALID_TERMS', `${field}.${sub} ${problem}`, { field: `${field}.${sub}` });
  };
  if (!terms || typeof terms !== 'object') invalid('are missing', 'kind');
  if (typeof terms.placeOfUseId !== 'string' || terms.placeOfUseId.trim() === '') invalid('must not be empty', 'placeOfUseId');
  if (typeof terms.tariff !== 'string' || terms.tariff.trim() === '') invalid('must not be empty', 'tariff');
  if (typeof terms.contractedHeatKw !== 'number' || !(terms.contractedHeatKw > 0)) invalid('must be a positive number of kW', 'contractedHeatKw');
  if (!isLocalDate(terms.supplyStartsOn)) invalid('must be a YYYY-MM-DD date', 'supplyStartsOn');
  if (category && terms.kind !== contractKindFor(category)) {
    throw new RuleViolation('CONTRACT.KIND_MISMATCH', 'R-CON-10', `A ${category} user gets a ${contractKindFor(category)} contract`, { field: `${field}.kind` });
  }
  if (terms.kind === 'general' && terms.term?.kind !== 'indefinite') {
    throw new RuleViolation('CONTRACT.GENERAL_CONTRACT_INDEFINITE', 'R-CON-10', 'A general (residential) contract is concluded for an indefinite period', { field: `${field}.term` });
  }
  if (terms.kind === 'individual' && terms.term?.kind === 'indefinite' && terms.term.agreedOtherwise !== true) {
    throw new RuleViolation('CONTRACT.INDIVIDUAL_CONTRACT_FIXED_TERM', 'R-CON-10', 'An individual contract is fixed-term unless the parties agreed otherwise', { field: `${field}.term` });
  }
  if (terms.term?.kind === 'fixed') {
    if (!isLocalDate(terms.term.endsOn)) invalid('must be a YYYY-MM-DD date', 'term.endsOn');
    if (terms.term.endsOn <= terms.supplyStartsOn) invalid('must be after the start of supply', 'term.endsOn');
  } else if (terms.term?.kind !== 'indefinite') {
    invalid('must be indefinite or fixed', 'term');
  }
  if (terms.customerNoticeDays !== null) {
    if (terms.kind === 'general') {
      throw new RuleViolation('CONTRACT.GENERAL_NOTICE_FIXED', 'R-CON-13', 'A general contract is terminated with the statutory notice, not one of its own', { field: `${field}.customerNoticeDays` });
    }
    if (!Number.isInteger(terms.customerNoticeDays) || terms.customerNoticeDays < 1) invalid('must be a whole number of days', 'customerNoticeDays');
  }
}

/** The business instant each dated fact of a contract case's stream carries. */
const FACT_FIELDS: Readonly<Record<string, string>> = {
  ConnectionApplicationSubmitted: 'receivedAt',
  ConnectionInformationProvided: 'sentAt',
  ConnectionInformationAccepted: 'receivedAt',
  InformationChangesRequested: 'receivedAt',
  ContractSentForSignature: 'handedOverAt',
  ConnectionApplicationWithdrawn: 'receivedAt',
  ContractRequestBooked: 'requestedAt',
  ContractRequested: 'receivedAt',
  DeficiencyNoticeIssued: 'sentAt',
  MissingItemsReceived: 'receivedAt',
  OfferHandedOver: 'handedOverAt',
  ContractRequestWithdrawn: 'receivedAt',
  CounterOfferRegistered: 'receivedAt',
  ReconciliationStarted: 'startedAt',
  PositionsAgreed: 'agreedAt',
  ReconciliationFailed: 'endedAt',
  ContractFormed: 'formedAt',
  CounterOfferReceived: 'receivedAt',
  ContractRefused: 'sentAt',
};

/** A contract case's state as folded with its latest dated fact: the application, offer and counter-offer streams run in one line. */
export type WithLastFact<S> = S & { readonly lastFact?: DatedFact };

/**
 * Business time keeps its order: wraps a contract case's `evolve` to remember the latest dated
 * fact of the stream (a receipt, a statement, a handover), which every later dated act follows.
 */
export function withLastFact<S extends { readonly status: string }, E extends { readonly type: string; readonly data: unknown }>(evolve: (state: S, event: E) => S): (state: S, event: E) => S {
  return (state, event) => {
    const next = evolve(state, event);
    const field = FACT_FIELDS[event.type];
    const at = field ? (event.data as Record<string, unknown>)[field] : undefined;
    if (next.status === 'none' || typeof at !== 'string') return next;
    const previous = (state as WithLastFact<S>).lastFact;
    if (previous?.at && !isBefore(previous.at, at)) return { ...next, lastFact: previous } as S;
    return { ...next, lastFact: { fact: `${event.type}.${field}`, at } } as S;
  };
}

/** Refuses an act of a contract case dated before the case's latest dated fact (422 naming both). */
export function requireAfterLastFact(state: unknown, at: string, field: string, code: string): void {
  const last = (state as WithLastFact<object>).lastFact;
  if (last) requireNotBefore(at, field, last, code);
}
