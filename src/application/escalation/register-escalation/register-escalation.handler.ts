import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WorkingDayCalendar } from '../../../domain/calendar/working-day-calendar.js';
import { escalationNoticeFor, type CaseEscalatedData } from '../../../domain/escalation/case-escalated.js';
import { escalationStreamId } from '../../../domain/escalation/escalation.decider.js';
import type { EscalationRegisteredData } from '../../../domain/escalation/escalation.events.js';
import { assertNever, type Message } from '../../../domain/shared/decider.js';
import { ForbiddenError } from '../../../domain/shared/domain-error.js';
import { WorkingDayCalendarProvider } from '../../calendar/working-day-calendar.provider.js';
import { CaseFactsReader, type CaseReference } from '../../cases/case-facts.reader.js';
import { CommandPipeline, type CommandEnvelope, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { complaintCommandSpec } from '../../complaint/complaint.command-spec.js';
import { faultReportCommandSpec } from '../../dispatch/fault-report.command-spec.js';
import { ORGANISATION, POLICY_CATALOG, type OrganisationDirectory, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { EVENT_STORE, type EventStore } from '../../ports/event-store.port.js';
import { escalationCommandSpec } from '../escalation.command-spec.js';
import { RegisterEscalationCommand } from './register-escalation.command.js';

/**
 * R-ESC-01: the escalation is registered as its own case in the secretariat's incoming
 * register, against the facts read from the escalated case; then the escalated case records
 * the link back. The link's command id derives from the escalation, so a retry adds it once.
 */
@CommandHandler(RegisterEscalationCommand)
export class RegisterEscalationHandler implements ICommandHandler<RegisterEscalationCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    private readonly cases: CaseFactsReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ORGANISATION) private readonly organisation: OrganisationDirectory,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async execute({ envelope }: RegisterEscalationCommand): Promise<CommandOutcome> {
    const targetUnit = this.organisation.find(envelope.actor.unit);
    if (!targetUnit) {
      throw new ForbiddenError('ESCALATION.NOT_RECEIVING_UNIT', `The token's unit ${envelope.actor.unit ?? '(none)'} is not a secretariat that registers escalations`, { rule: 'R-ESC-01' });
    }
    const { about: reference, ...data } = envelope.command.data;
    const about = await this.cases.read(reference);
    const { calendar } = await this.calendars.current();
    const command = { type: 'RegisterEscalation' as const, data: { ...data, about, targetUnit } };
    const outcome = await this.pipeline.execute(escalationCommandSpec(data.escalationId, this.catalog, calendar), { ...envelope, command, request: envelope.command });

    const [registered] = await this.store.readStream(escalationStreamId(data.escalationId), { maxCount: 1 });
    if (registered?.type !== 'EscalationRegistered') throw new Error(`Escalation ${data.escalationId} has no registration`);
    const notice = escalationNoticeFor(registered.data as unknown as EscalationRegisteredData);
    await this.recordOnEscalatedCase(reference, notice, envelope, calendar);
    return outcome;
  }

  private recordOnEscalatedCase(reference: CaseReference, notice: CaseEscalatedData, envelope: CommandEnvelope<Message>, calendar: WorkingDayCalendar): Promise<CommandOutcome> {
    const command = { type: 'RecordCaseEscalated' as const, data: notice };
    const linked: CommandEnvelope<typeof command> = { ...envelope, command, commandId: `case-escalated:${notice.escalationId}`, causationId: envelope.commandId, expectedVersion: undefined };
    switch (reference.caseType) {
      case 'complaint':
        return this.pipeline.execute(complaintCommandSpec(reference.caseId, this.catalog, calendar), linked);
      case 'fault_report':
        return this.pipeline.execute(faultReportCommandSpec(reference.caseId, this.catalog, calendar), linked);
      case 'escalation':
        return this.pipeline.execute(escalationCommandSpec(reference.caseId, this.catalog, calendar), linked);
      default:
        return assertNever(reference.caseType, 'case type');
    }
  }
}
