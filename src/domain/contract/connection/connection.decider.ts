import type { PipelineDecider } from '../../shared/pipeline-decider.js';
import { withLastFact, type ContractPolicy } from '../contract-support.js';
import type { ConnectionCommand } from './connection.commands.js';
import { CONNECTION_STREAM_TYPE, connectionStreamId, counterOfferSourceOfConnection, decideConnection } from './connection.decide.js';
import type { ConnectionEvent } from './connection.events.js';
import { evolveConnection, initialConnectionState, type ConnectionState } from './connection.state.js';

export const connectionDecider: PipelineDecider<ConnectionCommand, ConnectionEvent, ConnectionState, ContractPolicy> = {
  initialState: initialConnectionState,
  // Business time keeps its order: later acts are not dated before the stream's latest dated fact.
  evolve: withLastFact(evolveConnection),
  decide: decideConnection,
};

export { CONNECTION_STREAM_TYPE, connectionStreamId, counterOfferSourceOfConnection };
