import type { ComplaintState } from '../complaint/complaint.state.js';
import type { FaultReportState } from '../dispatch/fault-report.state.js';
import type { Organisation } from '../organisation/organisation.js';
import type { CaseFacts } from './case-facts.js';
import type { EscalationState } from './escalation.state.js';

/**
 * Builds the {@link CaseFacts} a command about another case carries, from that case's folded
 * state and the organisation directory. The application loads the stream; these stay pure.
 */
export function complaintCaseFacts(streamId: string, state: ComplaintState, organisation: Organisation): CaseFacts {
  if (state.status === 'none') return { exists: false, streamId };
  return {
    exists: true,
    streamId,
    caseType: 'complaint',
    caseId: state.complaintId,
    receivedAt: state.receivedAt,
    registerEntry: state.registerEntry.entry,
    unit: organisation.get(state.responsibleUnit),
    status: state.status,
    customerSubjectId: state.anonymous ? null : state.complainantSubjectId,
  };
}

export function faultReportCaseFacts(streamId: string, state: FaultReportState, organisation: Organisation): CaseFacts {
  if (state.status === 'none') return { exists: false, streamId };
  return {
    exists: true,
    streamId,
    caseType: 'fault_report',
    caseId: state.faultReportId,
    receivedAt: state.reportedAt,
    registerEntry: state.logEntry.entry,
    unit: organisation.get(state.dispatcherUnit),
    status: state.status,
    customerSubjectId: state.reporterSubjectId,
  };
}

export function escalationCaseFacts(streamId: string, state: EscalationState, organisation: Organisation): CaseFacts {
  if (state.status === 'none') return { exists: false, streamId };
  return {
    exists: true,
    streamId,
    caseType: 'escalation',
    caseId: state.escalationId,
    receivedAt: state.receivedAt,
    registerEntry: state.registerEntry.entry,
    unit: organisation.get(state.targetUnit.id),
    status: state.status,
    customerSubjectId: state.complainantSubjectId,
  };
}
