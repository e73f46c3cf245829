import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ConsentEvent } from '../../../domain/consent/consent.events.js';
import { fold } from '../../../domain/shared/decider.js';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { caseStreamIdOf } from '../../cases/case-facts.reader.js';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { CLOCK, type Clock } from '../../ports/clock.port.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { EVENT_STORE, type EventStore } from '../../ports/event-store.port.js';
import { ID_GENERATOR, type IdGenerator } from '../../ports/id-generator.port.js';
import { consentCommandSpec } from '../consent.command-spec.js';
import { RecordConsentStepCommand } from './record-consent-step.command.js';

@CommandHandler(RecordConsentStepCommand)
export class RecordConsentStepHandler implements ICommandHandler<RecordConsentStepCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ caseFile, envelope }: RecordConsentStepCommand): Promise<CommandOutcome> {
    const { calendar } = await this.calendars.current();
    const spec = consentCommandSpec(caseStreamIdOf(caseFile), this.catalog, calendar);
    const outcome = await this.pipeline.execute(spec, envelope);
    if (outcome.repeated && envelope.command.type === 'RecordRepresentativeAccess') {
      // R-ESC-03: a repeated access shows the file again only while a consent still opens it (not withdrawn, not expired since).
      const history = await this.store.readStream(spec.streamId);
      const state = fold(spec.decider, history.map((e) => ({ type: e.type, data: e.data }) as unknown as ConsentEvent));
      const now = this.clock.now();
      spec.decider.decide(envelope.command, state, { now, newId: () => this.ids.newId(), policy: spec.policy(state, now).policy, actor: envelope.actor, sequences: new Map() });
    }
    return outcome;
  }
}
