import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { calendarCommandSpec } from '../calendar.command-spec.js';
import { WorkingDayCalendarProvider } from '../working-day-calendar.provider.js';
import { AmendSwappedDaysCommand } from './amend-swapped-days.command.js';

@CommandHandler(AmendSwappedDaysCommand)
export class AmendSwappedDaysHandler implements ICommandHandler<AmendSwappedDaysCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
  ) {}

  async execute(command: AmendSwappedDaysCommand): Promise<CommandOutcome> {
    const outcome = await this.pipeline.execute(calendarCommandSpec, command.envelope);
    this.calendars.invalidate();
    return outcome;
  }
}
