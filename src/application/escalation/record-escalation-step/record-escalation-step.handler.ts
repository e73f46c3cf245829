import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { escalationCommandSpec } from '../escalation.command-spec.js';
import { RecordEscalationStepCommand } from './record-escalation-step.command.js';

@CommandHandler(RecordEscalationStepCommand)
export class RecordEscalationStepHandler implements ICommandHandler<RecordEscalationStepCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ escalationId, envelope }: RecordEscalationStepCommand): Promise<CommandOutcome> {
    const { calendar } = await this.calendars.current();
    return this.pipeline.execute(escalationCommandSpec(escalationId, this.catalog, calendar), envelope);
  }
}
