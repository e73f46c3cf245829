import { Command } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

export interface CloseAsRepeatedRequest {
  readonly type: 'CloseAsRepeated';
  readonly data: { readonly earlierComplaintId: string; readonly reason: string };
}

export class CloseAsRepeatedCommand extends Command<CommandOutcome> {
  constructor(
    readonly complaintId: string,
    readonly envelope: CommandEnvelope<CloseAsRepeatedRequest>,
  ) {
    super();
  }
}
