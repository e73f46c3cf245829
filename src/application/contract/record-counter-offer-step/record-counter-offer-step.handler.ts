import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { counterOfferStreamId } from '../../../domain/contract/counter-offer/counter-offer.decider.js';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CommandPipeline } from '../../command-pipeline/command-pipeline.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { ContractFollowUps, type FormingStepOutcome } from '../contract-follow-ups.js';
import { counterOfferCommandSpec } from '../contract.command-spec.js';
import { RecordCounterOfferStepCommand } from './record-counter-offer-step.command.js';

/** A step of the reconciliation; agreed positions open the contract stream (R-CON-07). */
@CommandHandler(RecordCounterOfferStepCommand)
export class RecordCounterOfferStepHandler implements ICommandHandler<RecordCounterOfferStepCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    private readonly followUps: ContractFollowUps,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ counterOfferId, envelope }: RecordCounterOfferStepCommand): Promise<FormingStepOutcome> {
    const { calendar } = await this.calendars.current();
    const outcome = await this.pipeline.execute(counterOfferCommandSpec(counterOfferId, this.catalog, calendar), envelope);
    const followUps = await this.followUps.after({ kind: 'counter_offer', streamId: counterOfferStreamId(counterOfferId) }, envelope);
    return { outcome, followUps };
  }
}
