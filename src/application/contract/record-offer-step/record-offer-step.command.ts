import { Command } from '@nestjs/cqrs';
import type { OfferCommand } from '../../../domain/contract/offer/offer.commands.js';
import type { CommandEnvelope } from '../../command-pipeline/command-pipeline.js';
import type { FormingStepOutcome } from '../contract-follow-ups.js';

/** Any step a clerk records on a contract request and its offer; the lapse is the scheduler's. */
export type OfferStep = Exclude<OfferCommand, { type: 'RequestContract' | 'LapseOffer' }>;

export class RecordOfferStepCommand extends Command<FormingStepOutcome> {
  constructor(
    readonly offerId: string,
    readonly envelope: CommandEnvelope<OfferStep>,
  ) {
    super();
  }
}
