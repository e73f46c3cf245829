import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CaseFactsReader, caseStreamIdOf } from '../../cases/case-facts.reader.js';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { consentCommandSpec } from '../consent.command-spec.js';
import { RecordConsentCommand } from './record-consent.command.js';

/**
 * R-ESC-03: the consent is the customer's of the case, read from the case's stream; a case
 * naming no customer (anonymous) has no one who could consent, and the decider refuses it.
 */
@CommandHandler(RecordConsentCommand)
export class RecordConsentHandler implements ICommandHandler<RecordConsentCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    private readonly cases: CaseFactsReader,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ envelope }: RecordConsentCommand): Promise<CommandOutcome> {
    const { case: reference, customerName, ...data } = envelope.command.data;
    const facts = await this.cases.read(reference);
    const subjectId = facts.exists ? (facts.customerSubjectId ?? '') : '';
    const { calendar } = await this.calendars.current();
    const command = { type: 'RecordRepresentativeConsent' as const, data: { ...data, case: facts, customer: { subjectId, name: customerName } } };
    return this.pipeline.execute(consentCommandSpec(caseStreamIdOf(reference), this.catalog, calendar), { ...envelope, command, request: envelope.command });
  }
}
