import { Command } from '@nestjs/cqrs';
import type { ReferralCommand } from '../../../domain/referral/referral.commands.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

/** Any step on a recorded referral: the body's request and the answer, the outcome, lifting the hold. */
export type ReferralStep = Exclude<ReferralCommand, { type: 'RecordReferral' }>;

export class RecordReferralStepCommand extends Command<CommandOutcome> {
  constructor(
    readonly referralId: string,
    readonly envelope: CommandEnvelope<ReferralStep>,
  ) {
    super();
  }
}
