import { Command } from '@nestjs/cqrs';
import type { RequestExtractData } from '../../../domain/extract/extract.commands.js';
import type { PipelineCommand } from '../../../domain/shared/pipeline-decider.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

/** A request as the edge knows it: the addressee by its directory id, looked up by the handler. */
export type RequestExtractRequest = PipelineCommand<'RequestExtract', Omit<RequestExtractData, 'addressee'> & { readonly addresseeBodyId: string }>;

export class RequestExtractCommand extends Command<CommandOutcome> {
  constructor(readonly envelope: CommandEnvelope<RequestExtractRequest>) {
    super();
  }
}
