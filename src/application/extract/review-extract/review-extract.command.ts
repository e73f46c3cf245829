import { Command } from '@nestjs/cqrs';
import type { ExtractCommand } from '../../../domain/extract/extract.commands.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

/** The four-eyes review of a request: approval or refusal. */
export type ExtractReview = Extract<ExtractCommand, { type: 'ApproveExtract' | 'RefuseExtract' }>;

export class ReviewExtractCommand extends Command<CommandOutcome> {
  constructor(
    readonly extractId: string,
    readonly envelope: CommandEnvelope<ExtractReview>,
  ) {
    super();
  }
}
