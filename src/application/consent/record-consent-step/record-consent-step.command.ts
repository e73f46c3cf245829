import { Command } from '@nestjs/cqrs';
import type { ConsentCommand } from '../../../domain/consent/consent.commands.js';
import type { CaseReference } from '../../cases/case-facts.reader.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

/** A withdrawal of a consent, or a representative's access to the case file (R-ESC-03). */
export type ConsentStep = Exclude<ConsentCommand, { type: 'RecordRepresentativeConsent' }>;

export class RecordConsentStepCommand extends Command<CommandOutcome> {
  constructor(
    readonly caseFile: CaseReference,
    readonly envelope: CommandEnvelope<ConsentStep>,
  ) {
    super();
  }
}
