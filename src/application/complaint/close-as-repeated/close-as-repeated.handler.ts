import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { complaintStreamId } from '../../../domain/complaint/complaint.decider.js';
import type { ComplaintRegisteredData } from '../../../domain/complaint/complaint.events.js';
import { InvalidInputError } from '../../../domain/shared/domain-error.js';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { EVENT_STORE, type EventStore } from '../../ports/event-store.port.js';
import { complaintCommandSpec } from '../complaint.command-spec.js';
import { CloseAsRepeatedCommand } from './close-as-repeated.command.js';

/** R-LAW-06: the link goes to a complaint that exists; its register entry is taken from it, not from the request. */
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
    const [first] = await this.store.readStream(complaintStreamId(earlierComplaintId), { maxCount: 1 });
    if (!first || first.type !== 'ComplaintRegistered') {
      throw new InvalidInputError('COMPLAINT.EARLIER_NOT_FOUND', `No complaint ${earlierComplaintId} to link to`, { field: 'earlierComplaintId', rule: 'R-LAW-06' });
    }
    const earlier = first.data as unknown as ComplaintRegisteredData;
    const { calendar } = await this.calendars.current();
    const command = { type: 'CloseAsRepeated' as const, data: { earlierComplaintId, earlierRegisterEntry: earlier.registerEntry.entry, reason } };
    return this.pipeline.execute(complaintCommandSpec(complaintId, this.catalog, calendar), { ...envelope, command });
  }
}
