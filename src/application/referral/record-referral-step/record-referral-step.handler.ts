import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { referralCommandSpec } from '../referral.command-spec.js';
import { ReferredCaseNotifier } from '../referred-case.notifier.js';
import { RecordReferralStepCommand } from './record-referral-step.command.js';

@CommandHandler(RecordReferralStepCommand)
export class RecordReferralStepHandler implements ICommandHandler<RecordReferralStepCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    private readonly referredCase: ReferredCaseNotifier,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ referralId, envelope }: RecordReferralStepCommand): Promise<CommandOutcome> {
    const { calendar } = await this.calendars.current();
    const outcome = await this.pipeline.execute(referralCommandSpec(referralId, this.catalog, calendar), envelope);
    // R-ESC-02: the outcome and the close (with the hold lifted) show on the referred case too.
    await this.referredCase.notify(referralId, envelope);
    return outcome;
  }
}
