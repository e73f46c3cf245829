import type { OrganisationUnit } from '../../organisation/organisation.js';
import type { PipelineCommand } from '../../shared/pipeline-decider.js';
import type { SignedDraftInput } from '../draft.js';
import type { Channel, ContractParty, ContractTerms, PlaceOfUse } from '../contract.types.js';

/** Seed 4.2.1: who may ask for the draft: one who met the information's conditions, or whose fixed-term contract ends. */
export type ContractRequestBasis = 'information_conditions_met' | 'fixed_term_contract_ending';

/** R-CON-04: a written request for a contract. */
export interface RequestContractData {
  readonly offerId: string;
  /** When the request reached the provider (ISO 8601): the 30 days of R-CON-04 run from its Budapest date. */
  readonly receivedAt: string;
  readonly channel: Channel;
  /** A request by phone: book a personal appointment instead of refusing (R-CHN-01, R-LAW-11). */
  readonly bookAppointment: boolean;
  readonly requester: ContractParty;
  readonly placeOfUse: PlaceOfUse;
  readonly basis: ContractRequestBasis;
  /** The connection application whose information the requester met, if any. */
  readonly connectionApplicationId: string | null;
  /** Papers submitted with the request (proof of meeting the conditions, deeds, ...). */
  readonly documents: readonly string[];
  readonly receivingUnit: OrganisationUnit;
}

export type OfferCommand =
  | PipelineCommand<'RequestContract', RequestContractData>
  /** R-CON-05: the request was checked and nothing is missing. */
  | PipelineCommand<'ConfirmRequestComplete', Record<string, never>>
  | PipelineCommand<'IssueDeficiencyNotice', { readonly sentAt: string; readonly channel: Channel; readonly missing: readonly string[]; readonly respondBy: string }>
  | PipelineCommand<'ReceiveMissingItems', { readonly receivedAt: string; readonly items: readonly string[]; readonly complete: boolean }>
  | PipelineCommand<'HandOverOffer', { readonly handedOverAt: string; readonly channel: Channel; readonly terms: ContractTerms }>
  | PipelineCommand<'ReceiveSignedDraft', SignedDraftInput>
  | PipelineCommand<'RefuseContract', { readonly unmetConditions: readonly string[]; readonly explanation: string; readonly sentAt: string; readonly channel: Channel }>
  | PipelineCommand<'WithdrawContractRequest', { readonly receivedAt: string; readonly channel: Channel; readonly reason: string }>
  | PipelineCommand<'OfferAppointment', { readonly appointmentId: string; readonly appointmentAt: string }>
  /** Sent by the scheduler when the offer lapses (R-CON-08). */
  | PipelineCommand<'LapseOffer', { readonly consequenceId: string }>;

export type OfferCommandType = OfferCommand['type'];
