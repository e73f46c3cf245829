import type { PipelineDecider } from '../../shared/pipeline-decider.js';
import type { ContractPolicy } from '../contract-support.js';
import type { ContractCommand } from './contract.commands.js';
import { CONTRACT_STREAM_TYPE, contractRegisterNumbers, contractStreamId, decideContract } from './contract.decide.js';
import type { ContractEvent } from './contract.events.js';
import { evolveContract, initialContractState, type ContractState } from './contract.state.js';

export const contractDecider: PipelineDecider<ContractCommand, ContractEvent, ContractState, ContractPolicy> = {
  initialState: initialContractState,
  evolve: evolveContract,
  decide: decideContract,
};

export { CONTRACT_STREAM_TYPE, contractRegisterNumbers, contractStreamId };
