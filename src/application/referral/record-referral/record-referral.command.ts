import { Command } from '@nestjs/cqrs';
import type { RecordReferralData } from '../../../domain/referral/referral.commands.js';
import type { PipelineCommand } from '../../../domain/shared/pipeline-decider.js';
import type { CaseReference } from '../../cases/case-facts.reader.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

/**
 * A referral as the edge knows it: the case by type and id, the body by its directory id
 * (R-LAW-12), the customer's name; the handler reads the rest.
 */
export type RecordReferralRequest = PipelineCommand<
  'RecordReferral',
  Omit<RecordReferralData, 'about' | 'body' | 'customer' | 'recordingUnit'> & { readonly about: CaseReference; readonly bodyId: string; readonly customerName: string | null }
>;

export class RecordReferralCommand extends Command<CommandOutcome> {
  constructor(readonly envelope: CommandEnvelope<RecordReferralRequest>) {
    super();
  }
}
