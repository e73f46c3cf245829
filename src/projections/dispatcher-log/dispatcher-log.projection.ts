import { isScopedSubjectId } from '../../domain/shared/event-schema.js';
import type { FaultReportEvent } from '../../domain/dispatch/fault-report.events.js';
import type { DocumentProjection, ProjectionEvent } from '../projection.js';

export const DISPATCHER_LOG = 'dispatcher_log';

/** Where a log entry stands: waiting for a worksheet, a crew out, the repair recorded, closed. */
export const DISPATCHER_LOG_STATUSES = ['awaiting_worksheet', 'worksheet_out', 'repair_recorded', 'closed'] as const;
export type DispatcherLogStatus = (typeof DISPATCHER_LOG_STATUSES)[number];

export interface DispatcherLogWorksheet {
  readonly worksheetNumber: string;
  readonly crew: string;
  readonly scope: string;
  readonly issuedAt: string;
  readonly issuedBy: string;
  readonly returnDue: string;
  readonly paidOrderReference: string | null;
  readonly returnedAt: string | null;
  readonly outcome: string | null;
  readonly workDone: string | null;
  readonly paid: boolean;
  readonly forwardedToAccountingAt: string | null;
}

/**
 * One line of the dispatcher log with every field of R-DSP-02: sequence number, time of
 * report, reporter's name and address, short description, when the reporter is at home, the
 * dispatcher who took it, expected time and method of repair, worksheet number, kind, whether
 * a maintenance contract exists, other information; plus priority and where it stands (R-DSP-03).
 */
export interface DispatcherLogEntry {
  readonly faultReportId: string;
  readonly streamId: string;
  readonly unitId: string;
  readonly year: number;
  readonly number: number;
  readonly entry: string;
  readonly origin: string;
  readonly reportedAt: string;
  readonly reportedOn: string;
  readonly channel: string | null;
  /** Personal: null once erased (R-RET-03). */
  readonly reporterName: string | null;
  readonly reporterAddress: string | null;
  readonly reporterPhone: string | null;
  readonly customerNumber: string | null;
  readonly placeOfUseId: string | null;
  readonly description: string | null;
  readonly reporterAtHome: string | null;
  readonly takenBy: string;
  readonly expectedRepair: { readonly date: string; readonly timeOfDay: string | null; readonly method: string };
  /** The worksheet last issued; null until one is. */
  readonly worksheetNumber: string | null;
  readonly worksheets: readonly DispatcherLogWorksheet[];
  readonly kind: string;
  readonly maintenanceContract: boolean;
  readonly paidOrderNeededForRepair: boolean;
  readonly otherInformation: string | null;
  readonly priority: string;
  readonly linkedComplaint: { readonly complaintId: string; readonly registerEntry: string; readonly agreedDate: string } | null;
  readonly status: DispatcherLogStatus;
  readonly outcome: string | null;
  readonly closedOn: string | null;
  readonly escalations: readonly string[];
}

const faultReportIdOf = (streamId: string) => streamId.slice('fault-'.length);

function withWorksheet(doc: DispatcherLogEntry, worksheetNumber: string, change: (w: DispatcherLogWorksheet) => DispatcherLogWorksheet): DispatcherLogEntry {
  return { ...doc, worksheets: doc.worksheets.map((w) => (w.worksheetNumber === worksheetNumber ? change(w) : w)) };
}

function evolve(doc: DispatcherLogEntry | undefined, raw: ProjectionEvent): DispatcherLogEntry | undefined {
  const event = { type: raw.type, data: raw.data } as unknown as FaultReportEvent;
  if (event.type === 'FaultReportRegistered') {
    const d = event.data;
    return {
      faultReportId: d.faultReportId,
      streamId: raw.streamId,
      unitId: d.logEntry.unitId,
      year: d.logEntry.year,
      number: d.logEntry.number,
      entry: d.logEntry.entry,
      origin: d.origin,
      reportedAt: d.reportedAt,
      reportedOn: d.reportedOn,
      channel: d.channel,
      reporterName: d.reporter.name ?? null,
      reporterAddress: d.reporter.address ?? null,
      reporterPhone: d.reporter.phone ?? null,
      customerNumber: d.reporter.customerNumber ?? null,
      placeOfUseId: d.placeOfUseId ?? null,
      description: d.description ?? null,
      reporterAtHome: d.reporterAtHome ?? null,
      takenBy: d.takenBy,
      expectedRepair: d.expectedRepair,
      worksheetNumber: d.worksheetNumber,
      worksheets: [],
      kind: d.kind,
      maintenanceContract: d.maintenanceContract,
      paidOrderNeededForRepair: d.paidOrderNeededForRepair,
      otherInformation: d.otherInformation ?? null,
      priority: d.priority,
      linkedComplaint: d.linkedComplaint ? { complaintId: d.linkedComplaint.caseId, registerEntry: d.linkedComplaint.registerEntry, agreedDate: d.linkedComplaint.agreedDate } : null,
      status: 'awaiting_worksheet',
      outcome: null,
      closedOn: null,
      escalations: [],
    };
  }
  if (!doc) return doc;
  switch (event.type) {
    case 'FaultReportReprioritised':
      return { ...doc, priority: event.data.priority, expectedRepair: event.data.expectedRepair ?? doc.expectedRepair };
    case 'WorksheetIssued': {
      const d = event.data;
      const worksheet: DispatcherLogWorksheet = {
        worksheetNumber: d.worksheetNumber, crew: d.crew, scope: d.scope, issuedAt: d.issuedAt, issuedBy: d.issuedBy, returnDue: d.returnDue,
        paidOrderReference: d.paidOrderReference, returnedAt: null, outcome: null, workDone: null, paid: d.paidOrderReference !== null, forwardedToAccountingAt: null,
      };
      return { ...doc, worksheetNumber: d.worksheetNumber, worksheets: [...doc.worksheets, worksheet], status: 'worksheet_out' };
    }
    case 'RepairRecorded': {
      const d = event.data;
      const next = withWorksheet(doc, d.worksheetNumber, (w) => ({ ...w, returnedAt: d.returnedAt, outcome: d.outcome, workDone: d.workDone, paid: d.paid, paidOrderReference: d.paidOrderReference }));
      return { ...next, status: 'repair_recorded', outcome: d.outcome };
    }
    case 'WorksheetForwardedToAccounting':
      return withWorksheet(doc, event.data.worksheetNumber, (w) => ({ ...w, forwardedToAccountingAt: event.data.forwardedAt }));
    case 'FaultReportClosed':
      return { ...doc, status: 'closed', outcome: event.data.outcome, closedOn: event.data.closedOn };
    case 'CaseEscalated':
      return { ...doc, escalations: [...doc.escalations, event.data.registerEntry] };
    case 'RetentionExpired':
      // R-RET-03: the reporter's fields are erased with the reporter's own key; the log line and the repair facts stay.
      if (!event.data.subjectIds.some((s) => !isScopedSubjectId(s))) return doc;
      return { ...doc, reporterName: null, reporterAddress: null, reporterPhone: null, customerNumber: null, placeOfUseId: null, description: null, reporterAtHome: null, otherInformation: null };
    default:
      return doc;
  }
}

export const dispatcherLogProjection: DocumentProjection<DispatcherLogEntry> = {
  kind: 'documents',
  name: DISPATCHER_LOG,
  version: 1,
  handles: ['FaultReportRegistered', 'FaultReportReprioritised', 'WorksheetIssued', 'RepairRecorded', 'WorksheetForwardedToAccounting', 'FaultReportClosed', 'CaseEscalated', 'RetentionExpired'],
  documentIds: (event) => (event.streamId.startsWith('fault-') ? [faultReportIdOf(event.streamId)] : []),
  evolve,
  indexes: [
    { name: 'unit', path: 'unitId' },
    { name: 'reported_on', path: 'reportedOn' },
    { name: 'kind', path: 'kind' },
    { name: 'priority', path: 'priority' },
    { name: 'status', path: 'status' },
    { name: 'number', path: 'number' },
  ],
};
