import type { PipelineCommand } from '../../shared/pipeline-decider.js';
import type { CounterOfferReceivedData } from '../contract-shared.events.js';
import type { Channel, ContractParty, ContractTerms, OfferStreamType } from '../contract.types.js';

/**
 * What the application read from the stream whose draft was countered (an offer or a
 * connection application), so that `decide` stays pure: build it with
 * `counterOfferSourceOfOffer` / `counterOfferSourceOfConnection`.
 */
export type CounterOfferSource =
  | { readonly exists: false; readonly streamId: string }
  | {
      readonly exists: true;
      readonly streamId: string;
      readonly streamType: OfferStreamType;
      readonly caseId: string;
      readonly unitId: string;
      readonly customer: ContractParty;
      readonly draftTerms: ContractTerms;
      /** The `CounterOfferReceived` event of the source stream: the link from there to here. */
      readonly counterOffer: CounterOfferReceivedData;
    };

/** How the provider opens the reconciliation (R-CON-07). */
export type ReconciliationMethod = 'meeting' | 'letter' | 'phone' | 'email';

/** R-CON-07: how one clause the customer signed differently was settled. */
export interface Resolution {
  readonly clause: string;
  readonly agreedText: string;
}

export type CounterOfferCommand =
  | PipelineCommand<'RegisterCounterOffer', { readonly counterOfferId: string; readonly source: CounterOfferSource }>
  | PipelineCommand<'StartReconciliation', { readonly startedAt: string; readonly method: ReconciliationMethod; readonly note: string }>
  | PipelineCommand<'AgreePositions', { readonly agreedAt: string; readonly channel: Channel; readonly bookAppointment: boolean; readonly resolutions: readonly Resolution[]; readonly terms: ContractTerms }>
  | PipelineCommand<'EndReconciliation', { readonly endedAt: string; readonly reason: string }>
  | PipelineCommand<'OfferAppointment', { readonly appointmentId: string; readonly appointmentAt: string }>;

export type CounterOfferCommandType = CounterOfferCommand['type'];
