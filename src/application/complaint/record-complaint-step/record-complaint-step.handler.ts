import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { complaintCommandSpec } from '../complaint.command-spec.js';
import { RecordComplaintStepCommand } from './record-complaint-step.command.js';

@CommandHandler(RecordComplaintStepCommand)
export class RecordComplaintStepHandler implements ICommandHandler<RecordComplaintStepCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ complaintId, envelope }: RecordComplaintStepCommand): Promise<CommandOutcome> {
    const { calendar } = await this.calendars.current();
    return this.pipeline.execute(complaintCommandSpec(complaintId, this.catalog, calendar), envelope);
  }
}
