import { Command } from '@nestjs/cqrs';
import type { ContractCommand } from '../../../domain/contract/contract-in-force/contract.commands.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

/** Any step on a contract in force; establishing it follows its formation, the scheduled ones are the scheduler's. */
export type ContractStep = Exclude<ContractCommand, { type: 'EstablishContract' | 'MakeAmendmentEffective' | 'EndTerminationNotice' | 'ExpireContract' }>;

export class RecordContractStepCommand extends Command<CommandOutcome> {
  constructor(
    readonly contractId: string,
    readonly envelope: CommandEnvelope<ContractStep>,
  ) {
    super();
  }
}
