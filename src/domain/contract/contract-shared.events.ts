import type { InPersonOnlyMatter } from '../channel/channel-rules.js';
import type { EventSchema, PersonalDataSpec } from '../shared/event-schema.js';
import type { Channel, ContractDifference, ContractParty, ContractTerms, FormingStreamType } from './contract.types.js';

/** The personal fields of a {@link ContractParty} at `prefix`; identifiers of a legal person are not personal. */
export function partyPersonalData(prefix: string): PersonalDataSpec {
  const fields = ['name', 'address', 'email', 'phone', 'bankDetails', 'birthPlace', 'birthDate', 'mothersName', 'representative'];
  return { subjectPath: `${prefix}.subjectId`, fields: fields.map((f) => `${prefix}.${f}`) };
}

/** R-CHN-01, R-LAW-11: an in-person-only act asked for on another channel, recorded as a booking instead. */
export interface PersonalAppointmentRequestedData {
  readonly appointmentId: string;
  readonly matter: InPersonOnlyMatter;
  /** The command the customer asked for (`ReceiveSignedDraft`, `ReportPayerChange`, ...). */
  readonly requested: string;
  readonly channel: Channel;
  readonly requestedAt: string;
  /** The appointment is offered by this date (R-LAW-11 where the policy has it). */
  readonly offerBy: string;
  readonly rule: 'R-LAW-11' | 'R-CHN-01';
}

/** Draft handed over or sent for signature: the provider's offer (R-CON-03, R-CON-04). */
export interface DraftHandedOverData {
  readonly terms: ContractTerms;
  readonly handedOverAt: string;
  readonly handedOverOn: string;
  readonly channel: Channel;
  /** Whether the provider acted after its own deadline. */
  readonly late: boolean;
  /** R-CON-06: last day for the signed copy to reach the provider. */
  readonly signedReturnDue: string;
  /** R-CON-08: the day the provider stops being bound if nothing comes back. */
  readonly lapsesOn: string;
  readonly lapseConsequenceId: string;
}

/**
 * R-CON-06 / R-CON-07: the contract is formed. The application opens `contract-<contractId>`
 * with `EstablishContract` carrying these data.
 */
export interface ContractFormedData {
  readonly contractId: string;
  readonly contractStreamId: string;
  /** The moment of receipt of the signed copy (R-CON-06), or of agreement (R-CON-07). */
  readonly formedAt: string;
  readonly formedOn: string;
  /** R-CON-07: a reconciled contract takes effect when formed; a signed one too, supply from `terms.supplyStartsOn`. */
  readonly effectiveFrom: string;
  readonly rule: 'R-CON-06' | 'R-CON-07';
  readonly channel: Channel;
  readonly source: { readonly streamId: string; readonly streamType: FormingStreamType; readonly caseId: string };
  /** The customer service office that handles the contract. */
  readonly unitId: string;
  readonly customer: ContractParty;
  readonly terms: ContractTerms;
  readonly policyVersion: string;
}

/** R-CON-07: a draft signed with differences is a counter-offer, in its own stream. */
export interface CounterOfferReceivedData {
  readonly counterOfferId: string;
  readonly counterOfferStreamId: string;
  readonly receivedAt: string;
  readonly receivedOn: string;
  readonly channel: Channel;
  readonly customerSubjectId: string;
  readonly differences: readonly ContractDifference[];
}

export type ContractSharedEvent =
  | { readonly type: 'PersonalAppointmentRequested'; readonly data: PersonalAppointmentRequestedData }
  | { readonly type: 'PersonalAppointmentOffered'; readonly data: { readonly appointmentId: string; readonly appointmentAt: string; readonly offeredOn: string; readonly late: boolean } }
  | { readonly type: 'ContractFormed'; readonly data: ContractFormedData }
  | { readonly type: 'CounterOfferReceived'; readonly data: CounterOfferReceivedData }
  /** R-CON-08: appended by the scheduler's `LapseOffer`. */
  | { readonly type: 'OfferLapsed'; readonly data: { readonly consequenceId: string; readonly lapsedOn: string; readonly signedReturnDue: string; readonly rule: 'R-CON-08' } }
  /** A signed copy that reached the provider in time but was recorded after the lapse: the lapse did not happen (R-CON-06). */
  | { readonly type: 'OfferLapseSetAside'; readonly data: { readonly consequenceId: string; readonly receivedAt: string; readonly reason: string; readonly rule: 'R-CON-06' } }
  /** R-CON-09: the applicant did not meet the conditions of the provider's information. */
  | { readonly type: 'ContractRefused'; readonly data: { readonly unmetConditions: readonly string[]; readonly explanation: string; readonly sentAt: string; readonly sentOn: string; readonly channel: Channel; readonly rule: 'R-CON-09' } };

export const contractSharedEventSchemas: readonly EventSchema[] = [
  { type: 'PersonalAppointmentRequested', schemaVersion: 1 },
  { type: 'PersonalAppointmentOffered', schemaVersion: 1 },
  { type: 'ContractFormed', schemaVersion: 1, personal: [partyPersonalData('customer')] },
  { type: 'CounterOfferReceived', schemaVersion: 1, personal: [{ subjectPath: 'customerSubjectId', fields: ['differences[].customerPosition'] }] },
  { type: 'OfferLapsed', schemaVersion: 1 },
  { type: 'OfferLapseSetAside', schemaVersion: 1 },
  { type: 'ContractRefused', schemaVersion: 1 },
];
