import type { DutyEvent } from '../../duty/duty.events.js';
import type { EventSchema } from '../../shared/event-schema.js';
import { partyPersonalData, type ContractSharedEvent } from '../contract-shared.events.js';
import type { Channel, ContractCaseLink, ContractDifference, ContractParty, ContractTerms } from '../contract.types.js';
import type { ReconciliationMethod, Resolution } from './counter-offer.commands.js';
import type { RetentionExpiredEvent } from '../../retention/retention.events.js';

export interface CounterOfferRegisteredData {
  readonly counterOfferId: string;
  /** R-CON-07: the draft this counter-offer answers; that stream's `CounterOfferReceived` names this one. */
  readonly answers: ContractCaseLink;
  readonly unitId: string;
  readonly customer: ContractParty;
  readonly draftTerms: ContractTerms;
  readonly differences: readonly ContractDifference[];
  readonly receivedAt: string;
  readonly receivedOn: string;
  readonly channel: Channel;
  readonly policyVersion: string;
  /** R-CON-07: the provider starts reconciling by this day. */
  readonly reconciliationDue: string;
  readonly reconciliationBasis: string;
}

export type CounterOfferEvent =
  | { readonly type: 'CounterOfferRegistered'; readonly data: CounterOfferRegisteredData }
  | { readonly type: 'ReconciliationStarted'; readonly data: { readonly startedAt: string; readonly startedOn: string; readonly method: ReconciliationMethod; readonly note: string; readonly late: boolean } }
  | { readonly type: 'PositionsAgreed'; readonly data: { readonly agreedAt: string; readonly agreedOn: string; readonly channel: Channel; readonly resolutions: readonly Resolution[]; readonly terms: ContractTerms } }
  | { readonly type: 'ReconciliationFailed'; readonly data: { readonly endedAt: string; readonly endedOn: string; readonly reason: string } }
  | Extract<ContractSharedEvent, { readonly type: 'ContractFormed' | 'PersonalAppointmentRequested' | 'PersonalAppointmentOffered' }>
  | DutyEvent
  | RetentionExpiredEvent;

export type CounterOfferEventType = CounterOfferEvent['type'];

const customer = partyPersonalData('customer');

/** Stored shapes of the counter-offer stream's own events; shared ones are in contract.event-schemas.ts. */
export const counterOfferEventSchemas: readonly EventSchema[] = [
  { type: 'CounterOfferRegistered', schemaVersion: 1, personal: [{ subjectPath: customer.subjectPath, fields: [...customer.fields, 'differences[].customerPosition'] }] },
  { type: 'ReconciliationStarted', schemaVersion: 1 },
  { type: 'PositionsAgreed', schemaVersion: 1 },
  { type: 'ReconciliationFailed', schemaVersion: 1 },
];
