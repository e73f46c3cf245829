import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError } from '../../../domain/shared/domain-error.js';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { ORGANISATION, POLICY_CATALOG, type OrganisationDirectory, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { complaintCommandSpec } from '../complaint.command-spec.js';
import { RegisterComplaintCommand } from './register-complaint.command.js';

@CommandHandler(RegisterComplaintCommand)
export class RegisterComplaintHandler implements ICommandHandler<RegisterComplaintCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    @Inject(ORGANISATION) private readonly organisation: OrganisationDirectory,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ envelope }: RegisterComplaintCommand): Promise<CommandOutcome> {
    const unit = this.organisation.find(envelope.actor.unit);
    if (!unit) {
      throw new ForbiddenError('COMPLAINT.NOT_RECEIVING_UNIT', `The token's unit ${envelope.actor.unit ?? '(none)'} is not an organisational unit that registers complaints`, { rule: 'R-CPL-03' });
    }
    const { calendar } = await this.calendars.current();
    const command = { type: 'RegisterComplaint' as const, data: { ...envelope.command.data, receivingUnit: unit } };
    return this.pipeline.execute(complaintCommandSpec(envelope.command.data.complaintId, this.catalog, calendar), { ...envelope, command });
  }
}
