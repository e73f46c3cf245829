import { Command } from '@nestjs/cqrs';
import type { ConnectionCommand } from '../../../domain/contract/connection/connection.commands.js';
import type { CommandEnvelope } from '../../command-pipeline/command-pipeline.js';
import type { FormingStepOutcome } from '../contract-follow-ups.js';

/** Any step a clerk records on a connection application; the lapses are the scheduler's. */
export type ConnectionStep = Exclude<ConnectionCommand, { type: 'SubmitConnectionApplication' | 'LapseInformation' | 'LapseOffer' }>;

export class RecordConnectionStepCommand extends Command<FormingStepOutcome> {
  constructor(
    readonly applicationId: string,
    readonly envelope: CommandEnvelope<ConnectionStep>,
  ) {
    super();
  }
}
