import type { DutyEvent } from '../../duty/duty.events.js';
import type { ConsequenceEvent } from '../../scheduling/consequence.events.js';
import type { EventSchema } from '../../shared/event-schema.js';
import { partyPersonalData, type ContractSharedEvent, type DraftHandedOverData } from '../contract-shared.events.js';
import type { Channel, ConnectionPurpose, ContractParty, HeatDemand, PaymentMethod, PlaceOfUse } from '../contract.types.js';
import type { ConnectionInformation } from './connection.commands.js';
import type { RetentionExpiredEvent } from '../../retention/retention.events.js';

export interface ConnectionApplicationSubmittedData {
  readonly applicationId: string;
  readonly receivedAt: string;
  readonly receivedOn: string;
  readonly channel: Channel;
  readonly unitId: string;
  readonly applicant: ContractParty;
  readonly placeOfUse: PlaceOfUse;
  readonly purpose: ConnectionPurpose;
  readonly demand: HeatDemand;
  readonly requestedStartDate: string;
  readonly paymentMethod: PaymentMethod;
  readonly otherTechnicalData: string | null;
  readonly securityOfSupplyNeeds: string | null;
  readonly policyVersion: string;
  /** R-CON-02: the information is due by this day. */
  readonly informationDue: string;
  readonly informationBasis: string;
}

export type ConnectionEvent =
  | { readonly type: 'ConnectionApplicationSubmitted'; readonly data: ConnectionApplicationSubmittedData }
  | { readonly type: 'ConnectionInformationProvided'; readonly data: { readonly revision: number; readonly information: ConnectionInformation; readonly sentAt: string; readonly sentOn: string; readonly channel: Channel; readonly late: boolean; readonly acceptanceDue: string; readonly lapseConsequenceId: string } }
  | { readonly type: 'ConnectionInformationAccepted'; readonly data: { readonly revision: number; readonly receivedAt: string; readonly receivedOn: string; readonly channel: Channel; readonly ordersInstallationWork: boolean; readonly contractDue: string } }
  | { readonly type: 'InformationChangesRequested'; readonly data: { readonly revision: number; readonly receivedAt: string; readonly receivedOn: string; readonly channel: Channel; readonly applicantSubjectId: string; readonly changes: readonly string[]; readonly revisedInformationDue: string } }
  | { readonly type: 'ContractSentForSignature'; readonly data: DraftHandedOverData }
  | { readonly type: 'ConnectionInformationLapsed'; readonly data: { readonly consequenceId: string; readonly revision: number; readonly validUntil: string; readonly lapsedOn: string; readonly rule: 'R-CON-03' } }
  | { readonly type: 'ConnectionApplicationWithdrawn'; readonly data: { readonly receivedAt: string; readonly receivedOn: string; readonly channel: Channel; readonly reason: string } }
  | ContractSharedEvent
  | DutyEvent
  | ConsequenceEvent
  | RetentionExpiredEvent;

export type ConnectionEventType = ConnectionEvent['type'];

const applicant = partyPersonalData('applicant');

/** Stored shapes of the connection stream's own events; shared ones are in contract.event-schemas.ts. */
export const connectionEventSchemas: readonly EventSchema[] = [
  { type: 'ConnectionApplicationSubmitted', schemaVersion: 1, personal: [{ subjectPath: applicant.subjectPath, fields: [...applicant.fields, 'placeOfUse.address'] }] },
  { type: 'ConnectionInformationProvided', schemaVersion: 1 },
  { type: 'ConnectionInformationAccepted', schemaVersion: 1 },
  { type: 'InformationChangesRequested', schemaVersion: 1, personal: [{ subjectPath: 'applicantSubjectId', fields: ['changes'] }] },
  { type: 'ContractSentForSignature', schemaVersion: 1 },
  { type: 'ConnectionInformationLapsed', schemaVersion: 1 },
  { type: 'ConnectionApplicationWithdrawn', schemaVersion: 1 },
];
