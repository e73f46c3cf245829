import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { referralCommandSpec } from '../referral.command-spec.js';
import { RecordReferralStepCommand } from './record-referral-step.command.js';

@CommandHandler(RecordReferralStepCommand)
export class RecordReferralStepHandler implements ICommandHandler<RecordReferralStepCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ referralId, envelope }: RecordReferralStepCommand): Promise<CommandOutcome> {
    const { calendar } = await this.calendars.current();
    return this.pipeline.execute(referralCommandSpec(referralId, this.catalog, calendar), envelope);
  }
}
