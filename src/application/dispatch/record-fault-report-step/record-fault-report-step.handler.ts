import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { faultReportCommandSpec } from '../fault-report.command-spec.js';
import { RecordFaultReportStepCommand } from './record-fault-report-step.command.js';

@CommandHandler(RecordFaultReportStepCommand)
export class RecordFaultReportStepHandler implements ICommandHandler<RecordFaultReportStepCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ faultReportId, envelope }: RecordFaultReportStepCommand): Promise<CommandOutcome> {
    const { calendar } = await this.calendars.current();
    return this.pipeline.execute(faultReportCommandSpec(faultReportId, this.catalog, calendar), envelope);
  }
}
