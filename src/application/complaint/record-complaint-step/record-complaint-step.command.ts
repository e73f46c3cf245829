import { Command } from '@nestjs/cqrs';
import type { ComplaintCommand } from '../../../domain/complaint/complaint.commands.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

/** Any step on a registered complaint; the decider tells the steps apart. */
export type ComplaintStep = Exclude<ComplaintCommand, { type: 'RegisterComplaint' | 'CloseAsRepeated' }>;

export class RecordComplaintStepCommand extends Command<CommandOutcome> {
  constructor(
    readonly complaintId: string,
    readonly envelope: CommandEnvelope<ComplaintStep>,
  ) {
    super();
  }
}
