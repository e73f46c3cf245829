import { Command } from '@nestjs/cqrs';
import type { RegisterEscalationData } from '../../../domain/escalation/escalation.commands.js';
import type { PipelineCommand } from '../../../domain/shared/pipeline-decider.js';
import type { CaseReference } from '../../cases/case-facts.reader.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

/**
 * An escalation as the edge knows it: the escalated case by type and id (its facts are read
 * from its stream), the secretariat is the clerk's own unit.
 */
export type RegisterEscalationRequest = PipelineCommand<'RegisterEscalation', Omit<RegisterEscalationData, 'about' | 'targetUnit'> & { readonly about: CaseReference }>;

export class RegisterEscalationCommand extends Command<CommandOutcome> {
  constructor(readonly envelope: CommandEnvelope<RegisterEscalationRequest>) {
    super();
  }
}
