import { localDateOf } from '../../domain/calendar/local-date.js';
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.js';
import type { FaultReportCommand } from '../../domain/dispatch/fault-report.commands.js';
import { FAULT_REPORT_STREAM_TYPE, faultReportDecider, faultReportRegisterNumbers, faultReportStreamId } from '../../domain/dispatch/fault-report.decider.js';
import type { FaultReportEvent } from '../../domain/dispatch/fault-report.events.js';
import type { FaultReportState } from '../../domain/dispatch/fault-report.state.js';
import type { CasePolicy } from '../../domain/shared/case-support.js';
import type { PolicyCatalog } from '../../domain/policy/policy-catalog.js';
import { casePolicy, dateOfInstant, registerSequence } from '../cases/case-policy.js';
import type { CommandSpec } from '../command-pipeline/command-pipeline.js';

/**
 * How the pipeline runs a fault report command: judged by the policy in force when the report
 * was made (a site-inspection request: when it is opened); registration reserves the next
 * number of the dispatcher log for the year (R-DSP-02).
 */
export function faultReportCommandSpec(
  faultReportId: string,
  catalog: PolicyCatalog,
  calendar: WorkingDayCalendar,
): CommandSpec<FaultReportCommand, FaultReportEvent, FaultReportState, CasePolicy> {
  return {
    decider: faultReportDecider,
    streamId: faultReportStreamId(faultReportId),
    streamType: FAULT_REPORT_STREAM_TYPE,
    policy: (state, now, command) =>
      casePolicy(catalog, calendar, state.status === 'none' ? null : state.policyVersion, command?.type === 'RegisterFaultReport' ? dateOfInstant(command.data.reportedAt, now) : localDateOf(now)),
    sequences: (command, state, now) => faultReportRegisterNumbers(command, state, now).map((r) => registerSequence(r, 'fault_report')),
    result: (state, events) => {
      if (state.status === 'none') return {};
      const issued = events.find((e) => e.type === 'WorksheetIssued');
      return {
        faultReportId: state.faultReportId,
        logEntry: state.logEntry.entry,
        status: state.status,
        priority: state.priority,
        expectedRepair: state.expectedRepair,
        paidOrderNeededForRepair: state.paidOrderNeededForRepair,
        ...(issued ? { worksheet: { worksheetNumber: issued.data.worksheetNumber, returnDue: issued.data.returnDue } } : {}),
      };
    },
  };
}
