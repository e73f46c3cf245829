import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { offerStreamId } from '../../../domain/contract/offer/offer.decider.js';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CommandPipeline } from '../../command-pipeline/command-pipeline.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { ContractFollowUps, type FormingStepOutcome } from '../contract-follow-ups.js';
import { offerCommandSpec } from '../contract.command-spec.js';
import { RecordOfferStepCommand } from './record-offer-step.command.js';

/** A step on a contract request; the signed draft or a counter-offer opens its own stream (R-CON-06, R-CON-07). */
@CommandHandler(RecordOfferStepCommand)
export class RecordOfferStepHandler implements ICommandHandler<RecordOfferStepCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    private readonly followUps: ContractFollowUps,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ offerId, envelope }: RecordOfferStepCommand): Promise<FormingStepOutcome> {
    const { calendar } = await this.calendars.current();
    const outcome = await this.pipeline.execute(offerCommandSpec(offerId, this.catalog, calendar), envelope);
    const followUps = await this.followUps.after({ kind: 'contract_offer', streamId: offerStreamId(offerId) }, envelope);
    return { outcome, followUps };
  }
}
