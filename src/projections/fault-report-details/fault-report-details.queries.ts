import type { DocumentReadStore } from '../../application/ports/read-model.port.js';
import { FAULT_REPORT_DETAILS, type FaultReportDetails } from './fault-report-details.projection.js';

export function getFaultReportDetails(store: DocumentReadStore, faultReportId: string): Promise<FaultReportDetails | undefined> {
  return store.get<FaultReportDetails>(FAULT_REPORT_DETAILS, faultReportId);
}
