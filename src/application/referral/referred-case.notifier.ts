import { Inject, Injectable } from '@nestjs/common';
import type { CaseLink } from '../../domain/escalation/case-facts.js';
import { referralNoticesFor, type CaseReferralEvent } from '../../domain/referral/case-referral.js';
import { referralStreamId } from '../../domain/referral/referral.decider.js';
import { assertNever, type Message } from '../../domain/shared/decider.js';
import { WorkingDayCalendarProvider } from '../calendar/working-day-calendar.provider.js';
import { CommandPipeline, type CommandEnvelope } from '../command-pipeline/command-pipeline.js';
import { complaintCommandSpec } from '../complaint/complaint.command-spec.js';
import { faultReportCommandSpec } from '../dispatch/fault-report.command-spec.js';
import { escalationCommandSpec } from '../escalation/escalation.command-spec.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../ports/directories.port.js';
import { EVENT_STORE, type EventStore } from '../ports/event-store.port.js';

/**
 * R-ESC-02: after a referral's command, records on the referred case what it lacks of the
 * referral: that it was made (with its hold), its outcome, its close. Each notice's command id
 * derives from the referral and the notice, and the case decider adds a notice once, so a retry
 * or a later step catches up whatever an interrupted run left out.
 */
@Injectable()
export class ReferredCaseNotifier {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: WorkingDayCalendarProvider,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  async notify(referralId: string, envelope: CommandEnvelope<Message>): Promise<void> {
    const events = (await this.store.readStream(referralStreamId(referralId))).map((e) => ({ type: e.type, data: e.data }));
    const recorded = events.find((e) => e.type === 'ReferralRecorded');
    if (!recorded) return;
    const about = (recorded.data as { about: CaseLink }).about;
    for (const notice of referralNoticesFor(events)) {
      const command = { type: 'RecordCaseReferral' as const, data: notice };
      const linked = { ...envelope, command, commandId: `case-referral:${referralId}:${notice.type}`, causationId: envelope.commandId, expectedVersion: undefined, request: undefined };
      await this.execute(about, linked);
    }
  }

  private async execute(about: CaseLink, envelope: CommandEnvelope<{ type: 'RecordCaseReferral'; data: CaseReferralEvent }>): Promise<void> {
    switch (about.caseType) {
      case 'complaint':
        await this.pipeline.execute(complaintCommandSpec(about.caseId, this.catalog, await this.calendar()), envelope);
        return;
      case 'fault_report':
        await this.pipeline.execute(faultReportCommandSpec(about.caseId, this.catalog, await this.calendar()), envelope);
        return;
      case 'escalation':
        await this.pipeline.execute(escalationCommandSpec(about.caseId, this.catalog, await this.calendar()), envelope);
        return;
      default:
        assertNever(about.caseType, 'case type');
    }
  }

  private async calendar() {
    return (await this.calendars.current()).calendar;
  }
}
