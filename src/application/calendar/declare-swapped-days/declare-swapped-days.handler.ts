import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { calendarCommandSpec } from '../calendar.command-spec.js';
import { WorkingDayCalendarProvider } from '../working-day-calendar.provider.js';
import { DeclareSwappedDaysCommand } from './declare-swapped-days.command.js';

@CommandHandler(DeclareSwappedDaysCommand)
export class DeclareSwappedDaysHandler implements ICommandHandler<DeclareSwappedDaysCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
  ) {}

  async execute(command: DeclareSwappedDaysCommand): Promise<CommandOutcome> {
    const outcome = await this.pipeline.execute(calendarCommandSpec, command.envelope);
    this.calendars.invalidate();
    return outcome;
  }
}
