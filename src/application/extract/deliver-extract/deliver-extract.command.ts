import { Command } from '@nestjs/cqrs';
import type { ExtractCommand } from '../../../domain/extract/extract.commands.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

export type DeliverExtract = Extract<ExtractCommand, { type: 'DeliverExtract' }>;

/** Records that the generated bundle reached the body: channel, time, recipient office. */
export class DeliverExtractCommand extends Command<CommandOutcome> {
  constructor(
    readonly extractId: string,
    readonly envelope: CommandEnvelope<DeliverExtract>,
  ) {
    super();
  }
}
