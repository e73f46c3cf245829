import type { DutyEvent } from '../../duty/duty.events.js';
import type { ConsequenceEvent } from '../../scheduling/consequence.events.js';
import type { EventSchema } from '../../shared/event-schema.js';
import { partyPersonalData, type ContractSharedEvent, type DraftHandedOverData } from '../contract-shared.events.js';
import type { Channel, ContractParty, PlaceOfUse } from '../contract.types.js';
import type { ContractRequestBasis } from './offer.commands.js';
import type { RetentionExpiredEvent } from '../../retention/retention.events.js';

export interface ContractRequestedData {
  readonly offerId: string;
  readonly receivedAt: string;
  readonly receivedOn: string;
  readonly channel: Channel;
  readonly unitId: string;
  readonly requester: ContractParty;
  readonly placeOfUse: PlaceOfUse;
  readonly basis: ContractRequestBasis;
  readonly connectionApplicationId: string | null;
  readonly documents: readonly string[];
  readonly policyVersion: string;
  /** R-CON-04: the offer is due by this day unless a deficiency notice stops the clock. */
  readonly offerDue: string;
  readonly offerBasis: string;
  /** R-CON-05: missing data or documents are asked for by this day. */
  readonly deficiencyNoticeDue: string;
}

/** R-DL-03: one restart of the offer deadline, with the original and the previous due dates and why. */
export interface OfferDeadlineRestartedData {
  readonly restart: number;
  readonly originalDue: string;
  readonly previousDue: string;
  readonly newDue: string;
  readonly restartedOn: string;
  readonly dutyId: string;
  readonly reason: string;
  /** A further deficiency notice after this completion is due by this day (R-CON-05). */
  readonly deficiencyNoticeDue: string;
  readonly rule: 'R-CON-05';
}

export type OfferEvent =
  | { readonly type: 'ContractRequested'; readonly data: ContractRequestedData }
  /** R-CHN-01: a request by phone, booked for a personal appointment; the request itself is made in person. */
  | { readonly type: 'ContractRequestBooked'; readonly data: { readonly offerId: string; readonly unitId: string; readonly requestedAt: string; readonly channel: Channel; readonly contact: { readonly subjectId: string; readonly name: string; readonly phone: string | null } } }
  | { readonly type: 'RequestFoundComplete'; readonly data: { readonly checkedOn: string; readonly late: boolean } }
  | { readonly type: 'DeficiencyNoticeIssued'; readonly data: { readonly noticeNumber: number; readonly missing: readonly string[]; readonly sentAt: string; readonly sentOn: string; readonly channel: Channel; readonly late: boolean; readonly respondBy: string; readonly offerDeadlineStopped: { readonly dutyId: string; readonly wasDue: string } | null } }
  | { readonly type: 'MissingItemsReceived'; readonly data: { readonly noticeNumber: number; readonly receivedAt: string; readonly receivedOn: string; readonly items: readonly string[]; readonly complete: boolean } }
  | { readonly type: 'OfferDeadlineRestarted'; readonly data: OfferDeadlineRestartedData }
  | { readonly type: 'OfferHandedOver'; readonly data: DraftHandedOverData }
  | { readonly type: 'ContractRequestWithdrawn'; readonly data: { readonly receivedAt: string; readonly receivedOn: string; readonly channel: Channel; readonly reason: string } }
  | ContractSharedEvent
  | DutyEvent
  | ConsequenceEvent
  | RetentionExpiredEvent;

export type OfferEventType = OfferEvent['type'];

const requester = partyPersonalData('requester');

/** Stored shapes of the offer stream's own events; shared ones are in contract.event-schemas.ts. */
export const offerEventSchemas: readonly EventSchema[] = [
  { type: 'ContractRequested', schemaVersion: 1, personal: [{ subjectPath: requester.subjectPath, fields: [...requester.fields, 'placeOfUse.address', 'documents'] }] },
  { type: 'ContractRequestBooked', schemaVersion: 1, personal: [{ subjectPath: 'contact.subjectId', fields: ['contact.name', 'contact.phone'] }] },
  { type: 'RequestFoundComplete', schemaVersion: 1 },
  { type: 'DeficiencyNoticeIssued', schemaVersion: 1 },
  { type: 'MissingItemsReceived', schemaVersion: 1 },
  { type: 'OfferDeadlineRestarted', schemaVersion: 1 },
  { type: 'OfferHandedOver', schemaVersion: 1 },
  { type: 'ContractRequestWithdrawn', schemaVersion: 1 },
];
