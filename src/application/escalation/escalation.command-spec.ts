import { localDateOf } from '../../domain/calendar/local-date.js';
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.js';
import type { CasePolicy } from '../../domain/shared/case-support.js';
import type { EscalationCommand } from '../../domain/escalation/escalation.commands.js';
import { ESCALATION_STREAM_TYPE, escalationDecider, escalationRegisterNumbers, escalationStreamId } from '../../domain/escalation/escalation.decider.js';
import type { EscalationEvent } from '../../domain/escalation/escalation.events.js';
import type { EscalationState } from '../../domain/escalation/escalation.state.js';
import type { PolicyCatalog } from '../../domain/policy/policy-catalog.js';
import { casePolicy, dateOfInstant, registerSequence } from '../cases/case-policy.js';
import type { CommandSpec } from '../command-pipeline/command-pipeline.js';

/**
 * How the pipeline runs an escalation command: judged by the policy in force on the day the
 * escalation reached the secretariat; registration reserves the next number of the
 * secretariat's incoming register, the takeover the next of its takeover register (R-ESC-01).
 */
export function escalationCommandSpec(
  escalationId: string,
  catalog: PolicyCatalog,
  calendar: WorkingDayCalendar,
): CommandSpec<EscalationCommand, EscalationEvent, EscalationState, CasePolicy> {
  return {
    decider: escalationDecider,
    streamId: escalationStreamId(escalationId),
    streamType: ESCALATION_STREAM_TYPE,
    policy: (state, now, command) =>
      casePolicy(catalog, calendar, state.status === 'none' ? null : state.policyVersion, command?.type === 'RegisterEscalation' ? dateOfInstant(command.data.receivedAt, now) : localDateOf(now)),
    sequences: (command, state, now) => escalationRegisterNumbers(command, state, now).map((r) => registerSequence(r, 'escalation')),
    result: (state) =>
      state.status === 'none'
        ? {}
        : {
            escalationId: state.escalationId,
            level: state.level,
            registerEntry: state.registerEntry.entry,
            takeoverEntry: state.takeoverEntries.at(-1)?.entry ?? null,
            status: state.status,
            replyDue: state.replyDue,
            designatedClerk: state.designatedClerk,
          },
  };
}
