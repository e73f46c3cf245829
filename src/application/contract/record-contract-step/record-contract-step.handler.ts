import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { contractCommandSpec } from '../contract.command-spec.js';
import { RecordContractStepCommand } from './record-contract-step.command.js';

/** Amendments, payer changes, terminations and customer requests on a contract in force (R-CON-10 to R-CON-14). */
@CommandHandler(RecordContractStepCommand)
export class RecordContractStepHandler implements ICommandHandler<RecordContractStepCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ contractId, envelope }: RecordContractStepCommand): Promise<CommandOutcome> {
    const { calendar } = await this.calendars.current();
    return this.pipeline.execute(contractCommandSpec(contractId, this.catalog, calendar), envelope);
  }
}
