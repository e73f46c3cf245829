import type { PipelineDecider } from '../../shared/pipeline-decider.js';
import { withLastFact, type ContractPolicy } from '../contract-support.js';
import type { CounterOfferCommand } from './counter-offer.commands.js';
import { COUNTER_OFFER_STREAM_TYPE, counterOfferStreamId, decideCounterOffer } from './counter-offer.decide.js';
import type { CounterOfferEvent } from './counter-offer.events.js';
import { evolveCounterOffer, initialCounterOfferState, type CounterOfferState } from './counter-offer.state.js';

export const counterOfferDecider: PipelineDecider<CounterOfferCommand, CounterOfferEvent, CounterOfferState, ContractPolicy> = {
  initialState: initialCounterOfferState,
  // Business time keeps its order: later acts are not dated before the stream's latest dated fact.
  evolve: withLastFact(evolveCounterOffer),
  decide: decideCounterOffer,
};

export { COUNTER_OFFER_STREAM_TYPE, counterOfferStreamId };
