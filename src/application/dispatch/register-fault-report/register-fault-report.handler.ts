import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError } from '../../../domain/shared/domain-error.js';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { ORGANISATION, POLICY_CATALOG, type OrganisationDirectory, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { faultReportCommandSpec } from '../fault-report.command-spec.js';
import { RegisterFaultReportCommand } from './register-fault-report.command.js';

/** R-DSP-01, R-DSP-02: the report goes into the dispatcher log of the dispatcher's own service. */
@CommandHandler(RegisterFaultReportCommand)
export class RegisterFaultReportHandler implements ICommandHandler<RegisterFaultReportCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    @Inject(ORGANISATION) private readonly organisation: OrganisationDirectory,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ envelope }: RegisterFaultReportCommand): Promise<CommandOutcome> {
    const unit = this.organisation.find(envelope.actor.unit);
    if (!unit) {
      throw new ForbiddenError('FAULT.NOT_A_DISPATCHER', `The token's unit ${envelope.actor.unit ?? '(none)'} is not an organisational unit that keeps a dispatcher log`, { rule: 'R-DSP-01' });
    }
    const { calendar } = await this.calendars.current();
    const command = { type: 'RegisterFaultReport' as const, data: { ...envelope.command.data, dispatcherUnit: unit } };
    return this.pipeline.execute(faultReportCommandSpec(envelope.command.data.faultReportId, this.catalog, calendar), { ...envelope, command, request: envelope.command });
  }
}
