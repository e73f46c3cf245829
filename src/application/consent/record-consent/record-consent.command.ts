import { Command } from '@nestjs/cqrs';
import type { RecordRepresentativeConsentData } from '../../../domain/consent/consent.commands.js';
import type { PipelineCommand } from '../../../domain/shared/pipeline-decider.js';
import type { CaseReference } from '../../cases/case-facts.reader.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

/** A consent as the edge knows it: the case by type and id, the consenting customer by name; the handler reads who the case's customer is. */
export type RecordConsentRequest = PipelineCommand<
  'RecordRepresentativeConsent',
  Omit<RecordRepresentativeConsentData, 'case' | 'customer'> & { readonly case: CaseReference; readonly customerName: string }
>;

export class RecordConsentCommand extends Command<CommandOutcome> {
  constructor(readonly envelope: CommandEnvelope<RecordConsentRequest>) {
    super();
  }
}
