import type { PipelineDecider } from '../../shared/pipeline-decider.js';
import { withLastFact, type ContractPolicy } from '../contract-support.js';
import type { OfferCommand } from './offer.commands.js';
import { counterOfferSourceOfOffer, decideOffer, OFFER_STREAM_TYPE, offerStreamId } from './offer.decide.js';
import type { OfferEvent } from './offer.events.js';
import { evolveOffer, initialOfferState, type OfferState } from './offer.state.js';

export const offerDecider: PipelineDecider<OfferCommand, OfferEvent, OfferState, ContractPolicy> = {
  initialState: initialOfferState,
  // Business time keeps its order: later acts are not dated before the stream's latest dated fact.
  evolve: withLastFact(evolveOffer),
  decide: decideOffer,
};

export { counterOfferSourceOfOffer, OFFER_STREAM_TYPE, offerStreamId };
