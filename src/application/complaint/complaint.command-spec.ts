import { localDateOf } from '../../domain/calendar/local-date.js';
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.js';
import type { ComplaintCommand } from '../../domain/complaint/complaint.commands.js';
import type { ComplaintPolicy } from '../../domain/complaint/complaint.decide.js';
import { complaintDecider, complaintStreamId } from '../../domain/complaint/complaint.decider.js';
import type { ComplaintEvent } from '../../domain/complaint/complaint.events.js';
import type { ComplaintState } from '../../domain/complaint/complaint.state.js';
import { registerStreamId } from '../../domain/organisation/organisation.js';
import type { PolicyCatalog } from '../../domain/policy/policy-catalog.js';
import type { CommandSpec } from '../command-pipeline/command-pipeline.js';

/**
 * How the pipeline runs a complaint command: the case is judged by the policy version in
 * force on the day it was received, for its whole life; registration reserves the next
 * number of the receiving unit's filing register for the year of receipt (R-CPL-03).
 */
export function complaintCommandSpec(
  complaintId: string,
  catalog: PolicyCatalog,
  calendar: WorkingDayCalendar,
): CommandSpec<ComplaintCommand, ComplaintEvent, ComplaintState, ComplaintPolicy> {
  return {
    decider: complaintDecider,
    streamId: complaintStreamId(complaintId),
    streamType: 'complaint',
    policy: (state, now, command) => {
      const version =
        state.status !== 'none'
          ? catalog.byId(state.policyVersion)
          : catalog.inForceAt(localDateOf(command?.type === 'RegisterComplaint' ? new Date(command.data.receivedAt) : now));
      return { id: version.id, policy: { version, calendar } };
    },
    sequences: (command) => {
      if (command.type !== 'RegisterComplaint') return [];
      const received = new Date(command.data.receivedAt);
      const year = Number(localDateOf(Number.isNaN(received.getTime()) ? new Date(0) : received).slice(0, 4));
      return [
        {
          streamId: registerStreamId('filing_register', command.data.receivingUnit.id, year),
          streamType: 'register',
          eventType: 'RegisterNumberAllocated',
          eventData: (number, caseStreamId) => ({ register: 'filing_register', unitId: command.data.receivingUnit.id, year, number, caseStreamId, caseType: 'complaint' }),
        },
      ];
    },
    result: (state) =>
      state.status === 'none'
        ? {}
        : { complaintId: state.complaintId, registerEntry: state.registerEntry.entry, uniqueIdentifier: state.uniqueIdentifier, status: state.status, replyDue: state.replyDue },
  };
}
