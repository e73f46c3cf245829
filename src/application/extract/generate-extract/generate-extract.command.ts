import { Command } from '@nestjs/cqrs';
import type { PipelineCommand } from '../../../domain/shared/pipeline-decider.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

/** Build the approved extract's bundle, keep it, and record what was built. */
export type GenerateExtract = PipelineCommand<'GenerateExtract', Record<string, never>>;

export class GenerateExtractCommand extends Command<CommandOutcome> {
  constructor(
    readonly extractId: string,
    readonly envelope: CommandEnvelope<GenerateExtract>,
  ) {
    super();
  }
}
