import { Command } from '@nestjs/cqrs';
import type { SubmitConnectionApplicationData } from '../../../domain/contract/connection/connection.commands.js';
import type { PipelineCommand } from '../../../domain/shared/pipeline-decider.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

/** An application as the edge knows it: the receiving office is the clerk's own unit, looked up by the handler. */
export type SubmitConnectionApplicationRequest = PipelineCommand<'SubmitConnectionApplication', Omit<SubmitConnectionApplicationData, 'receivingUnit'>>;

export class SubmitConnectionApplicationCommand extends Command<CommandOutcome> {
  constructor(readonly envelope: CommandEnvelope<SubmitConnectionApplicationRequest>) {
    super();
  }
}
