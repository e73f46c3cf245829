import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.js';
import { CONNECTION_STREAM_TYPE, connectionStreamId } from '../../domain/contract/connection/connection.decider.js';
import { CONTRACT_STREAM_TYPE, contractStreamId } from '../../domain/contract/contract-in-force/contract.decider.js';
import { OFFER_STREAM_TYPE, offerStreamId } from '../../domain/contract/offer/offer.decider.js';
import type { ConsequenceCommand } from '../../domain/scheduling/consequence.events.js';
import type { Message } from '../../domain/shared/decider.js';
import { WorkingDayCalendarProvider } from '../calendar/working-day-calendar.provider.js';
import { CommandPipeline, type CommandOutcome, type CommandSpec } from '../command-pipeline/command-pipeline.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../ports/directories.port.js';
import { CONSEQUENCE_ROUTER, SCHEDULER_ACTOR, type ConsequenceRouter } from '../scheduling/consequence-router.js';
import { connectionCommandSpec, contractCommandSpec, offerCommandSpec } from './contract.command-spec.js';

type SpecOf = (caseId: string, catalog: PolicyCatalogPort, calendar: WorkingDayCalendar) => CommandSpec<Message, Message, unknown, unknown>;

/** The case id of a stream id, checked against the stream type's own naming. */
function caseIdOf(streamId: string, streamIdOf: (caseId: string) => string): string {
  const prefix = streamIdOf('');
  if (!streamId.startsWith(prefix) || streamId.length === prefix.length) throw new Error(`${streamId} is not a stream of the form ${prefix}<id>`);
  return streamId.slice(prefix.length);
}

/**
 * Registers the contract case types with the durable scheduler: the lapse of an offer or of
 * the provider's information (R-CON-08, R-CON-03), an amendment taking effect (R-CON-10), a
 * notice period ending (R-CON-13, R-CON-14) and a fixed term running out (R-CON-10) are sent
 * to their stream by the scheduler, through each case type's own command spec.
 */
@Injectable()
export class ContractConsequenceRoutes implements OnModuleInit {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
    @Inject(CONSEQUENCE_ROUTER) private readonly router: ConsequenceRouter,
  ) {}

  onModuleInit(): void {
    this.route(CONNECTION_STREAM_TYPE, connectionStreamId, connectionCommandSpec as unknown as SpecOf);
    this.route(OFFER_STREAM_TYPE, offerStreamId, offerCommandSpec as unknown as SpecOf);
    this.route(CONTRACT_STREAM_TYPE, contractStreamId, contractCommandSpec as unknown as SpecOf);
  }

  private route(streamType: string, streamIdOf: (caseId: string) => string, specOf: SpecOf): void {
    this.router.register(streamType, async (streamId: string, command: ConsequenceCommand, commandId: string): Promise<CommandOutcome> => {
      const { calendar } = await this.calendars.current();
      return this.pipeline.execute(specOf(caseIdOf(streamId, streamIdOf), this.catalog, calendar), {
        command,
        commandId,
        actor: SCHEDULER_ACTOR,
        channel: 'system',
        correlationId: commandId,
      });
    });
  }
}
