import type { OrganisationUnit } from '../../organisation/organisation.js';
import type { PipelineCommand } from '../../shared/pipeline-decider.js';
import type { SignedDraftInput } from '../draft.js';
import type { Channel, ConnectionPurpose, ContractParty, ContractTerms, HeatDemand, PaymentMethod, PlaceOfUse } from '../contract.types.js';

/** R-CON-01: a written application for a new connection or extra capacity. */
export interface SubmitConnectionApplicationData {
  readonly applicationId: string;
  /** When the application reached the provider (ISO 8601); its Budapest date starts the 30 days (R-CON-02). */
  readonly receivedAt: string;
  readonly channel: Channel;
  readonly applicant: ContractParty;
  readonly placeOfUse: PlaceOfUse;
  readonly purpose: ConnectionPurpose;
  readonly demand: HeatDemand;
  /** YYYY-MM-DD: the requested start of service (üzembe helyezés igényelt időpontja). */
  readonly requestedStartDate: string;
  readonly paymentMethod: PaymentMethod;
  readonly otherTechnicalData: string | null;
  /** Other users: their security-of-supply needs (üzembiztonsági igények). */
  readonly securityOfSupplyNeeds: string | null;
  /** The customer service office receiving it (the actor's unit), from the organisation directory. */
  readonly receivingUnit: OrganisationUnit;
}

/** R-CON-02: every item the provider's information gives. */
export interface ConnectionInformation {
  /** Which point of the provider's systems can supply the demand. */
  readonly supplyPoint: string;
  readonly connectionPoint: string;
  readonly connectionFeeHuf: number;
  /** Technical conditions of connecting the systems. */
  readonly technicalConditions: string;
  /** The permits needed; an empty list states that none is. */
  readonly permitsNeeded: readonly string[];
  /** Recommended placement of the meter and its technical data. */
  readonly meterPlacement: string;
  readonly selectableTariffs: readonly string[];
  readonly recommendedPaymentMethod: PaymentMethod;
  /** YYYY-MM-DD. */
  readonly possibleStartDate: string;
  /** YYYY-MM-DD: the information and offer are valid until this day (R-CON-03). */
  readonly validUntil: string;
}

export type ConnectionCommand =
  | PipelineCommand<'SubmitConnectionApplication', SubmitConnectionApplicationData>
  | PipelineCommand<'ProvideConnectionInformation', { readonly sentAt: string; readonly channel: Channel; readonly information: ConnectionInformation }>
  | PipelineCommand<'AcceptConnectionInformation', { readonly receivedAt: string; readonly channel: Channel; readonly bookAppointment: boolean; readonly ordersInstallationWork: boolean }>
  | PipelineCommand<'RequestInformationChanges', { readonly receivedAt: string; readonly channel: Channel; readonly changes: readonly string[] }>
  | PipelineCommand<'SendContractForSignature', { readonly sentAt: string; readonly channel: Channel; readonly terms: ContractTerms }>
  | PipelineCommand<'ReceiveSignedDraft', SignedDraftInput>
  | PipelineCommand<'RefuseContract', { readonly unmetConditions: readonly string[]; readonly explanation: string; readonly sentAt: string; readonly channel: Channel }>
  | PipelineCommand<'WithdrawConnectionApplication', { readonly receivedAt: string; readonly channel: Channel; readonly reason: string }>
  | PipelineCommand<'OfferAppointment', { readonly appointmentId: string; readonly appointmentAt: string }>
  /** Sent by the scheduler when the information's validity ends unanswered (R-CON-03). */
  | PipelineCommand<'LapseInformation', { readonly consequenceId: string }>
  /** Sent by the scheduler when the contract sent for signature lapses (R-CON-08). */
  | PipelineCommand<'LapseOffer', { readonly consequenceId: string }>;

export type ConnectionCommandType = ConnectionCommand['type'];
