import type { FaultReportCommand, OpenSiteInspectionRequestData, RegisterFaultReportData } from '../../src/domain/dispatch/fault-report.commands.js';
import { faultReportDecider, faultReportRegisterNumbers } from '../../src/domain/dispatch/fault-report.decider.js';
import type { FaultReportEvent } from '../../src/domain/dispatch/fault-report.events.js';
import type { FaultReportState } from '../../src/domain/dispatch/fault-report.state.js';
import { complaintFacts, DeciderScenario, DISPATCH, dispatcher } from './escalation-scenario.js';

export const reporter = { subjectId: 'subject-7', name: 'Nagy Péter', address: '1118 Budapest, Villányi út 5. 3/12', phone: '+36 30 123 4567', customerNumber: 'U-2002' };

export function faultReport(overrides: Partial<RegisterFaultReportData> = {}): Extract<FaultReportCommand, { type: 'RegisterFaultReport' }> {
  return {
    type: 'RegisterFaultReport',
    data: {
      faultReportId: 'f-1',
      reportedAt: '2026-03-02T08:55:00.000Z',
      channel: 'phone',
      kind: 'provider_system_failure',
      reporter,
      placeOfUseId: 'POU-12',
      description: 'No heating in the whole staircase since this morning',
      reporterAtHome: 'all day today',
      expectedRepair: { date: '2026-03-02', timeOfDay: '12:00-16:00', method: 'crew checks the substation' },
      priority: 'urgent',
      maintenanceContract: false,
      otherInformation: null,
      dispatcherUnit: DISPATCH,
      ...overrides,
    },
  };
}

export function siteInspectionRequest(overrides: Partial<OpenSiteInspectionRequestData> = {}): Extract<FaultReportCommand, { type: 'OpenSiteInspectionRequest' }> {
  return {
    type: 'OpenSiteInspectionRequest',
    data: {
      faultReportId: 'f-9',
      linkedComplaint: complaintFacts({ status: 'open' }),
      agreedDate: '2026-03-05',
      timeOfDay: 'after 16:00',
      description: 'Check the heat-cost allocators in flat 3/12 (complaint BP/2026/7)',
      kind: 'billing_meter_failure',
      reporter: { subjectId: 'subject-1', name: 'Kovács Éva', address: '1111 Budapest, Fő utca 1.', phone: null, customerNumber: 'U-1001' },
      placeOfUseId: 'POU-77',
      maintenanceContract: false,
      otherInformation: null,
      dispatcherUnit: DISPATCH,
      ...overrides,
    },
  };
}

export type FaultReportScenario = DeciderScenario<FaultReportCommand, FaultReportEvent, FaultReportState>;

export function faultReportScenario(now?: string): FaultReportScenario {
  return new DeciderScenario(faultReportDecider, faultReportRegisterNumbers, dispatcher, now);
}
