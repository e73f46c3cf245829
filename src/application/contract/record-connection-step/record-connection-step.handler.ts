import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { connectionStreamId } from '../../../domain/contract/connection/connection.decider.js';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CommandPipeline } from '../../command-pipeline/command-pipeline.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { ContractFollowUps, type FormingStepOutcome } from '../contract-follow-ups.js';
import { connectionCommandSpec } from '../contract.command-spec.js';
import { RecordConnectionStepCommand } from './record-connection-step.command.js';

/** A step on a connection application; a signed contract or a counter-offer opens its own stream (R-CON-06, R-CON-07). */
@CommandHandler(RecordConnectionStepCommand)
export class RecordConnectionStepHandler implements ICommandHandler<RecordConnectionStepCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    private readonly followUps: ContractFollowUps,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ applicationId, envelope }: RecordConnectionStepCommand): Promise<FormingStepOutcome> {
    const { calendar } = await this.calendars.current();
    const outcome = await this.pipeline.execute(connectionCommandSpec(applicationId, this.catalog, calendar), envelope);
    const followUps = await this.followUps.after({ kind: 'connection_application', streamId: connectionStreamId(applicationId) }, envelope);
    return { outcome, followUps };
  }
}
