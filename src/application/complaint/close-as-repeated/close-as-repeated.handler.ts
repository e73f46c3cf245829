import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { earlierComplaintOf } from '../../../domain/complaint/complaint.decide.js';
import { complaintDecider, complaintStreamId } from '../../../domain/complaint/complaint.decider.js';
import type { ComplaintEvent } from '../../../domain/complaint/complaint.events.js';
import { fold } from '../../../domain/shared/decider.js';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { EVENT_STORE, type EventStore } from '../../ports/event-store.port.js';
import { complaintCommandSpec } from '../complaint.command-spec.js';
import { CloseAsRepeatedCommand } from './close-as-repeated.command.js';

/**
 * R-LAW-06: the link goes to a complaint read from its own stream (its receipt, customer and
 * closure), never from the request; the decider judges whether it is an earlier one of the same customer.
 */
@CommandHandler(CloseAsRepeatedCommand)
export class CloseAsRepeatedHandler implements ICommandHandler<CloseAsRepeatedCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ complaintId, envelope }: CloseAsRepeatedCommand): Promise<CommandOutcome> {
    const { earlierComplaintId, reason } = envelope.command.data;
    const history = await this.store.readStream(complaintStreamId(earlierComplaintId));
    const earlier = earlierComplaintOf(earlierComplaintId, fold(complaintDecider, history.map((e) => ({ type: e.type, data: e.data }) as unknown as ComplaintEvent)));
    const { calendar } = await this.calendars.current();
    const command = { type: 'CloseAsRepeated' as const, data: { earlier, reason } };
    return this.pipeline.execute(complaintCommandSpec(complaintId, this.catalog, calendar), { ...envelope, command, request: envelope.command });
  }
}
