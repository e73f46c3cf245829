import { Command } from '@nestjs/cqrs';
import type { CalendarCommand } from '../../../domain/calendar/calendar.decider.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

export class DeclareSwappedDaysCommand extends Command<CommandOutcome> {
  constructor(readonly envelope: CommandEnvelope<Extract<CalendarCommand, { type: 'DeclareSwappedDays' }>>) {
    super();
  }
}
