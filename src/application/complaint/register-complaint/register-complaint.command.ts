import { Command } from '@nestjs/cqrs';
import type { RegisterComplaintData } from '../../../domain/complaint/complaint.commands.js';
import type { PipelineCommand } from '../../../domain/shared/pipeline-decider.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

/** Registration as the edge knows it: the receiving unit is the clerk's own, looked up by the handler. */
export type RegisterComplaintRequest = PipelineCommand<'RegisterComplaint', Omit<RegisterComplaintData, 'receivingUnit'>>;

export class RegisterComplaintCommand extends Command<CommandOutcome> {
  constructor(readonly envelope: CommandEnvelope<RegisterComplaintRequest>) {
    super();
  }
}
