import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError } from '../../../domain/shared/domain-error.js';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { ORGANISATION, POLICY_CATALOG, type OrganisationDirectory, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { offerCommandSpec } from '../contract.command-spec.js';
import { RequestContractCommand } from './request-contract.command.js';

/** R-CON-04, R-CHN-01: a written request for a contract, received by the clerk's customer service office. */
@CommandHandler(RequestContractCommand)
export class RequestContractHandler implements ICommandHandler<RequestContractCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    @Inject(ORGANISATION) private readonly organisation: OrganisationDirectory,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ envelope }: RequestContractCommand): Promise<CommandOutcome> {
    const unit = this.organisation.find(envelope.actor.unit);
    if (!unit) throw new ForbiddenError('OFFER.NOT_RESPONSIBLE_UNIT', `The token's unit ${envelope.actor.unit ?? '(none)'} is not a customer service office that receives contract requests`);
    const { calendar } = await this.calendars.current();
    const command = { type: 'RequestContract' as const, data: { ...envelope.command.data, receivingUnit: unit } };
    return this.pipeline.execute(offerCommandSpec(envelope.command.data.offerId, this.catalog, calendar), { ...envelope, command, request: envelope.command });
  }
}
