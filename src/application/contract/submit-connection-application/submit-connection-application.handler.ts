import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError } from '../../../domain/shared/domain-error.js';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { ORGANISATION, POLICY_CATALOG, type OrganisationDirectory, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { connectionCommandSpec } from '../contract.command-spec.js';
import { SubmitConnectionApplicationCommand } from './submit-connection-application.command.js';

/** R-CON-01: the application is received by the clerk's customer service office. */
@CommandHandler(SubmitConnectionApplicationCommand)
export class SubmitConnectionApplicationHandler implements ICommandHandler<SubmitConnectionApplicationCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    @Inject(ORGANISATION) private readonly organisation: OrganisationDirectory,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ envelope }: SubmitConnectionApplicationCommand): Promise<CommandOutcome> {
    const unit = this.organisation.find(envelope.actor.unit);
    if (!unit) throw new ForbiddenError('CONNECTION.NOT_RESPONSIBLE_UNIT', `The token's unit ${envelope.actor.unit ?? '(none)'} is not a customer service office that receives applications`);
    const { calendar } = await this.calendars.current();
    const command = { type: 'SubmitConnectionApplication' as const, data: { ...envelope.command.data, receivingUnit: unit } };
    return this.pipeline.execute(connectionCommandSpec(envelope.command.data.applicationId, this.catalog, calendar), { ...envelope, command, request: envelope.command });
  }
}
