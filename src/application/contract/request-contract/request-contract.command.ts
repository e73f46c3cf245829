import { Command } from '@nestjs/cqrs';
import type { RequestContractData } from '../../../domain/contract/offer/offer.commands.js';
import type { PipelineCommand } from '../../../domain/shared/pipeline-decider.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

/** A contract request as the edge knows it: the receiving office is the clerk's own unit, looked up by the handler. */
export type RequestContractRequest = PipelineCommand<'RequestContract', Omit<RequestContractData, 'receivingUnit'>>;

export class RequestContractCommand extends Command<CommandOutcome> {
  constructor(readonly envelope: CommandEnvelope<RequestContractRequest>) {
    super();
  }
}
