import { localDateOf, yearOf } from '../calendar/local-date.js';
import { registerNumberRequest, type CasePolicy, type RegisterNumberRequest } from '../shared/case-support.js';
import type { PipelineDecider } from '../shared/pipeline-decider.js';
import type { FaultReportCommand } from './fault-report.commands.js';
import { decideFaultReport } from './fault-report.decide.js';
import type { FaultReportEvent } from './fault-report.events.js';
import { evolveFaultReport, initialFaultReportState, type FaultReportState } from './fault-report.state.js';

export const faultReportDecider: PipelineDecider<FaultReportCommand, FaultReportEvent, FaultReportState, CasePolicy> = {
  initialState: initialFaultReportState,
  evolve: evolveFaultReport,
  decide: decideFaultReport,
};

export const faultReportStreamId = (faultReportId: string) => `fault-${faultReportId}`;
export const FAULT_REPORT_STREAM_TYPE = 'fault_report';

/**
 * The register number the application reserves before deciding (R-DSP-02, R-CPL-03): the next
 * number of the dispatcher log of the unit, for the year of the report (a site-inspection
 * request is reported now).
 */
export function faultReportRegisterNumbers(command: FaultReportCommand, state: FaultReportState, now: Date): readonly RegisterNumberRequest[] {
  if (state.status !== 'none') return [];
  if (command.type === 'RegisterFaultReport') {
    if (command.data.dispatcherUnit.kind !== 'dispatcher_service') return [];
    const reported = new Date(command.data.reportedAt);
    return [registerNumberRequest('dispatcher_log', command.data.dispatcherUnit.id, yearOf(localDateOf(Number.isNaN(reported.getTime()) ? now : reported)))];
  }
  if (command.type === 'OpenSiteInspectionRequest') {
    if (command.data.dispatcherUnit.kind !== 'dispatcher_service') return [];
    return [registerNumberRequest('dispatcher_log', command.data.dispatcherUnit.id, yearOf(localDateOf(now)))];
  }
  return [];
}
