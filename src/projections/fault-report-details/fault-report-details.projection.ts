import { evolveReferralList, type CaseReferralView } from '../../domain/referral/case-referral.js';
import type { CaseEscalatedData } from '../../domain/escalation/case-escalated.js';
import type { FaultReportEvent, FaultReportRegisteredData } from '../../domain/dispatch/fault-report.events.js';
import { advanceTrail, DUTY_EVENT_TYPES, openTrail, type CaseViewTrail } from '../case-views/case-view.js';
import { erasedTrail } from '../case-views/erase-case-view.js';
import type { DocumentProjection, ProjectionEvent } from '../projection.js';

export const FAULT_REPORT_DETAILS = 'fault_report_details';

/** One fault report as a dispatcher sees it: the log entry, priority changes, worksheets, duties, closing. */
export interface FaultReportDetails extends CaseViewTrail {
  readonly faultReportId: string;
  readonly registration: FaultReportRegisteredData;
  readonly status: 'open' | 'closed';
  readonly priority: string;
  readonly expectedRepair: FaultReportRegisteredData['expectedRepair'];
  readonly worksheets: readonly {
    readonly worksheetNumber: string;
    readonly crew: string;
    readonly scope: string;
    readonly paidOrderReference: string | null;
    readonly issuedAt: string;
    readonly issuedBy: string;
    readonly returnDue: string;
    readonly repair: { readonly returnedAt: string; readonly outcome: string; readonly workDone: string; readonly paid: boolean; readonly recordedBy: string } | null;
    readonly forwardedToAccounting: { readonly forwardedAt: string; readonly forwardedBy: string } | null;
  }[];
  /** R-ESC-01: the escalations of this report, with their register entries. */
  readonly escalations: readonly CaseEscalatedData[];
  /** R-ESC-02: the referrals of this case to external bodies (the link back): open and closed, the legal hold each keeps, the outcome. */
  readonly referrals: readonly CaseReferralView[];
  readonly closed: { readonly outcome: string; readonly closedOn: string; readonly reason: string | null; readonly retainUntil: Record<string, string> } | null;
}

const STEP_TYPES = new Set<string>(['FaultReportReprioritised', 'WorksheetIssued', 'RepairRecorded', 'WorksheetForwardedToAccounting', 'FaultReportWithdrawn', 'FaultReportClosed']);

function evolve(doc: FaultReportDetails | undefined, raw: ProjectionEvent): FaultReportDetails | undefined {
  const event = { type: raw.type, data: raw.data } as unknown as FaultReportEvent;
  if (event.type === 'FaultReportRegistered') {
    return {
      faultReportId: event.data.faultReportId,
      ...openTrail(raw),
      registration: event.data,
      status: 'open',
      priority: event.data.priority,
      expectedRepair: event.data.expectedRepair,
      worksheets: [],
      escalations: [],
      referrals: [],
      closed: null,
    };
  }
  if (!doc) return doc;
  const next: FaultReportDetails = advanceTrail(doc, raw, STEP_TYPES.has(event.type));
  switch (event.type) {
    case 'FaultReportReprioritised':
      return { ...next, priority: event.data.priority, expectedRepair: event.data.expectedRepair ?? doc.expectedRepair };
    case 'WorksheetIssued': {
      const { worksheetNumber, crew, scope, paidOrderReference, issuedAt, issuedBy, returnDue } = event.data;
      return { ...next, worksheets: [...doc.worksheets, { worksheetNumber, crew, scope, paidOrderReference, issuedAt, issuedBy, returnDue, repair: null, forwardedToAccounting: null }] };
    }
    case 'RepairRecorded': {
      const { worksheetNumber, returnedAt, outcome, workDone, paid, recordedBy, paidOrderReference } = event.data;
      return { ...next, worksheets: doc.worksheets.map((w) => (w.worksheetNumber === worksheetNumber ? { ...w, paidOrderReference, repair: { returnedAt, outcome, workDone, paid, recordedBy } } : w)) };
    }
    case 'WorksheetForwardedToAccounting': {
      const { worksheetNumber, forwardedAt, forwardedBy } = event.data;
      return { ...next, worksheets: doc.worksheets.map((w) => (w.worksheetNumber === worksheetNumber ? { ...w, forwardedToAccounting: { forwardedAt, forwardedBy } } : w)) };
    }
    case 'FaultReportClosed':
      return { ...next, status: 'closed', closed: { outcome: event.data.outcome, closedOn: event.data.closedOn, reason: event.data.reason, retainUntil: event.data.retainUntil as Record<string, string> } };
    case 'CaseReferred':
    case 'CaseReferralOutcomeNoted':
    case 'CaseReferralClosed':
      return { ...next, referrals: evolveReferralList(doc.referrals, event) };
    case 'CaseEscalated':
      return { ...next, escalations: [...doc.escalations, event.data] };
    case 'RetentionExpired': {
      const { view, opening } = erasedTrail(next, { type: 'FaultReportRegistered', data: doc.registration }, event.data.subjectIds);
      return { ...view, registration: opening as unknown as FaultReportRegisteredData };
    }
    default:
      return next;
  }
}

export const faultReportDetailsProjection: DocumentProjection<FaultReportDetails> = {
  kind: 'documents',
  name: FAULT_REPORT_DETAILS,
  version: 2,
  handles: ['FaultReportRegistered', 'CaseEscalated', 'CaseReferred', 'CaseReferralOutcomeNoted', 'CaseReferralClosed', 'RetentionExpired', ...STEP_TYPES, ...DUTY_EVENT_TYPES],
  documentIds: (event) => (event.streamId.startsWith('fault-') ? [event.streamId.slice('fault-'.length)] : []),
  evolve,
  indexes: [{ name: 'status', path: 'status' }],
};
