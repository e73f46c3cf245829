import { Command } from '@nestjs/cqrs';
import type { EscalationCommand } from '../../../domain/escalation/escalation.commands.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

/** Any step on a registered escalation: designation, takeover, investigation, finding, reply, closing. */
export type EscalationStep = Exclude<EscalationCommand, { type: 'RegisterEscalation' | 'RecordCaseEscalated' }>;

export class RecordEscalationStepCommand extends Command<CommandOutcome> {
  constructor(
    readonly escalationId: string,
    readonly envelope: CommandEnvelope<EscalationStep>,
  ) {
    super();
  }
}
