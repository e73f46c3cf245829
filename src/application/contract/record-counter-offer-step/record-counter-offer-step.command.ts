import { Command } from '@nestjs/cqrs';
import type { CounterOfferCommand } from '../../../domain/contract/counter-offer/counter-offer.commands.js';
import type { CommandEnvelope } from '../../command-pipeline/command-pipeline.js';
import type { FormingStepOutcome } from '../contract-follow-ups.js';

/** Any step of the reconciliation; the counter-offer itself is registered from the draft's stream. */
export type CounterOfferStep = Exclude<CounterOfferCommand, { type: 'RegisterCounterOffer' }>;

export class RecordCounterOfferStepCommand extends Command<FormingStepOutcome> {
  constructor(
    readonly counterOfferId: string,
    readonly envelope: CommandEnvelope<CounterOfferStep>,
  ) {
    super();
  }
}
