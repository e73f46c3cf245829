import { Inject, Injectable } from '@nestjs/common';
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.js';
import { connectionDecider, counterOfferSourceOfConnection } from '../../domain/contract/connection/connection.decider.js';
import type { ConnectionEvent } from '../../domain/contract/connection/connection.events.js';
import type { ContractFormedData, CounterOfferReceivedData } from '../../domain/contract/contract-shared.events.js';
import type { CounterOfferSource } from '../../domain/contract/counter-offer/counter-offer.commands.js';
import { counterOfferSourceOfOffer, offerDecider } from '../../domain/contract/offer/offer.decider.js';
import type { OfferEvent } from '../../domain/contract/offer/offer.events.js';
import { fold, type Message } from '../../domain/shared/decider.js';
import { ForbiddenError } from '../../domain/shared/domain-error.js';
import { WorkingDayCalendarProvider } from '../calendar/working-day-calendar.provider.js';
import { CommandPipeline, type CommandEnvelope, type CommandOutcome } from '../command-pipeline/command-pipeline.js';
import { ORGANISATION, POLICY_CATALOG, type OrganisationDirectory, type PolicyCatalogPort } from '../ports/directories.port.js';
import { EVENT_STORE, type EventStore } from '../ports/event-store.port.js';
import { contractCommandSpec, counterOfferCommandSpec } from './contract.command-spec.js';

/** The stream types whose steps can open another contract stream. */
export type FormingStream = { readonly kind: 'connection_application' | 'contract_offer' | 'counter_offer'; readonly streamId: string };

/** What the follow-ups opened, for the answer to the step. */
export interface FollowUpOutcome {
  readonly counterOffer: { readonly counterOfferId: string; readonly outcome: CommandOutcome } | null;
  readonly contract: { readonly contractId: string; readonly outcome: CommandOutcome } | null;
}

/**
 * After a step on a stream that can form a contract: a `CounterOfferReceived` opens the
 * counter-offer's own stream linked back to the draft (R-CON-07), a `ContractFormed` opens the
 * contract stream with its register number (R-CON-06, R-CON-07). The facts are read from the
 * stream, and each command id derives from the id the event names, so a retried request, or a
 * step repeated after a crash between the two appends, opens each stream once.
 */
@Injectable()
export class ContractFollowUps {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ORGANISATION) private readonly organisation: OrganisationDirectory,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async after(source: FormingStream, envelope: CommandEnvelope<Message>): Promise<FollowUpOutcome> {
    const events = (await this.store.readStream(source.streamId)).map((e) => ({ type: e.type, data: e.data }));
    const received = events.findLast((e) => e.type === 'CounterOfferReceived')?.data as unknown as CounterOfferReceivedData | undefined;
    const formed = events.findLast((e) => e.type === 'ContractFormed')?.data as unknown as ContractFormedData | undefined;
    if (!received && !formed) return { counterOffer: null, contract: null };
    const { calendar } = await this.calendars.current();
    const linked = <T extends Message>(command: T, commandId: string, request: Message): CommandEnvelope<T> => ({
      ...envelope,
      command,
      request,
      commandId,
      causationId: envelope.commandId,
      expectedVersion: undefined,
    });

    let counterOffer: FollowUpOutcome['counterOffer'] = null;
    if (received && source.kind !== 'counter_offer') {
      const sourceFacts = this.counterOfferSource(source, events, received.counterOfferId);
      const command = { type: 'RegisterCounterOffer' as const, data: { counterOfferId: received.counterOfferId, source: sourceFacts } };
      const outcome = await this.pipeline.execute(
        counterOfferCommandSpec(received.counterOfferId, this.catalog, calendar),
        linked(command, `counter-offer-registered:${received.counterOfferId}`, { type: 'RegisterCounterOffer', data: { counterOfferId: received.counterOfferId, source: source.streamId } }),
      );
      counterOffer = { counterOfferId: received.counterOfferId, outcome };
    }

    let contract: FollowUpOutcome['contract'] = null;
    if (formed) contract = { contractId: formed.contractId, outcome: await this.establish(formed, calendar, linked) };
    return { counterOffer, contract };
  }

  private counterOfferSource(source: FormingStream, events: readonly Message[], counterOfferId: string): CounterOfferSource {
    const facts =
      source.kind === 'connection_application'
        ? counterOfferSourceOfConnection(fold(connectionDecider, events as unknown as ConnectionEvent[]), counterOfferId)
        : counterOfferSourceOfOffer(fold(offerDecider, events as unknown as OfferEvent[]), counterOfferId);
    return facts ?? { exists: false, streamId: source.streamId };
  }

  private establish(formed: ContractFormedData, calendar: WorkingDayCalendar, linked: <T extends Message>(command: T, commandId: string, request: Message) => CommandEnvelope<T>): Promise<CommandOutcome> {
    const unit = this.organisation.find(formed.unitId);
    if (!unit) throw new ForbiddenError('CONTRACT.UNKNOWN_UNIT', `The unit ${formed.unitId} that formed the contract is not in the organisation directory`);
    const command = { type: 'EstablishContract' as const, data: { formation: formed, unit } };
    return this.pipeline.execute(
      contractCommandSpec(formed.contractId, this.catalog, calendar),
      linked(command, `contract-established:${formed.contractId}`, { type: 'EstablishContract', data: { contractId: formed.contractId, source: formed.source.streamId } }),
    );
  }
}

/** A step on a stream that can form a contract, with the streams it opened. */
export interface FormingStepOutcome {
  readonly outcome: CommandOutcome;
  readonly followUps: FollowUpOutcome;
}
