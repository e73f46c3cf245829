import { evolveDuties, isDutyEvent, type OpenDuty } from '../duty/duty.events.js';
import { evolveCaseReferrals, isCaseReferralEvent, type CaseReferralView } from '../referral/case-referral.js';
import type { CaseRegisterEntry } from '../shared/case-support.js';
import { assertNever } from '../shared/decider.js';
import type { FaultReportEvent } from './fault-report.events.js';
import type { ExpectedRepair, FaultKind, FaultPriority, FaultReportOrigin, RepairOutcome, WorksheetScope } from './fault-report.types.js';

export interface Worksheet {
  readonly worksheetNumber: string;
  readonly scope: WorksheetScope;
  readonly paidOrderReference: string | null;
  /** When the worksheet went out to the crew: its return is not dated before. */
  readonly issuedAt: string;
  readonly returned: boolean;
  readonly outcome: RepairOutcome | null;
  /** R-DSP-03: a paid repair's worksheet goes to accounting. */
  readonly paid: boolean;
  readonly forwardedToAccounting: boolean;
}

/** Everything `decide` needs to know about a registered fault report. */
export interface FaultReportCase {
  readonly faultReportId: string;
  readonly origin: FaultReportOrigin;
  readonly logEntry: CaseRegisterEntry;
  readonly dispatcherUnit: string;
  readonly reporterSubjectId: string;
  /** When the report was made: nothing on it is dated before. */
  readonly reportedAt: string;
  /** The reporter as a paid repair's accounting papers name them (R-LAW-09); null fields once erased. */
  readonly reporter: { readonly name: string | null; readonly address: string | null; readonly customerNumber: string | null };
  readonly kind: FaultKind;
  readonly maintenanceContract: boolean;
  readonly paidOrderNeededForRepair: boolean;
  readonly priority: FaultPriority;
  readonly expectedRepair: ExpectedRepair;
  readonly linkedComplaintId: string | null;
  readonly policyVersion: string;
  /** Worksheets in the order issued, by number. */
  readonly worksheets: Readonly<Record<string, Worksheet>>;
  readonly worksheetOrder: readonly string[];
  readonly lastOutcome: RepairOutcome | null;
  /** Escalations of this fault report (R-ESC-01, the link back). */
  readonly escalations: readonly string[];
  /** R-ESC-02: referrals of this report to external bodies (the link back), with hold and outcome. */
  readonly referrals: Readonly<Record<string, CaseReferralView>>;
  readonly duties: Readonly<Record<string, OpenDuty>>;
  readonly closed: { readonly outcome: RepairOutcome | 'withdrawn'; readonly closedOn: string } | null;
}

export type FaultReportState = { readonly status: 'none' } | ({ readonly status: 'open' } & FaultReportCase) | ({ readonly status: 'closed' } & FaultReportCase);

export const initialFaultReportState: FaultReportState = { status: 'none' };

/** The worksheet out with the crew, if any. */
export function outstandingWorksheet(state: FaultReportCase): Worksheet | undefined {
  return Object.values(state.worksheets).find((w) => !w.returned);
}

export function evolveFaultReport(state: FaultReportState, event: FaultReportEvent): FaultReportState {
  if (event.type === 'FaultReportRegistered') {
    const d = event.data;
    return {
      status: 'open',
      faultReportId: d.faultReportId,
      origin: d.origin,
      logEntry: d.logEntry,
      dispatcherUnit: d.dispatcherUnit,
      reporterSubjectId: d.reporter.subjectId,
      reportedAt: d.reportedAt,
      reporter: { name: d.reporter.name ?? null, address: d.reporter.address ?? null, customerNumber: d.reporter.customerNumber ?? null },
      kind: d.kind,
      maintenanceContract: d.maintenanceContract,
      paidOrderNeededForRepair: d.paidOrderNeededForRepair,
      priority: d.priority,
      expectedRepair: d.expectedRepair,
      linkedComplaintId: d.linkedComplaint?.caseId ?? null,
      policyVersion: d.policyVersion,
      worksheets: {},
      worksheetOrder: [],
      lastOutcome: null,
      escalations: [],
      referrals: {},
      duties: {},
      closed: null,
    };
  }
  if (state.status === 'none') return state;
  if (isDutyEvent(event)) return { ...state, duties: evolveDuties(state.duties, event) };
  if (isCaseReferralEvent(event)) return { ...state, referrals: evolveCaseReferrals(state.referrals, event) };
  switch (event.type) {
    case 'FaultReportReprioritised':
      return { ...state, priority: event.data.priority, expectedRepair: event.data.expectedRepair ?? state.expectedRepair };
    case 'WorksheetIssued': {
      const { worksheetNumber, scope, paidOrderReference, issuedAt } = event.data;
      const worksheet: Worksheet = { worksheetNumber, scope, paidOrderReference, issuedAt, returned: false, outcome: null, paid: paidOrderReference !== null, forwardedToAccounting: false };
      return { ...state, worksheets: { ...state.worksheets, [worksheetNumber]: worksheet }, worksheetOrder: [...state.worksheetOrder, worksheetNumber] };
    }
    case 'RepairRecorded': {
      const worksheet = state.worksheets[event.data.worksheetNumber];
      if (!worksheet) return state;
      const returned: Worksheet = { ...worksheet, returned: true, outcome: event.data.outcome, paid: event.data.paid, paidOrderReference: event.data.paidOrderReference };
      return { ...state, worksheets: { ...state.worksheets, [worksheet.worksheetNumber]: returned }, lastOutcome: event.data.outcome };
    }
    case 'WorksheetForwardedToAccounting': {
      const worksheet = state.worksheets[event.data.worksheetNumber];
      return worksheet ? { ...state, worksheets: { ...state.worksheets, [worksheet.worksheetNumber]: { ...worksheet, forwardedToAccounting: true } } } : state;
    }
    case 'FaultReportWithdrawn':
      return state;
    case 'FaultReportClosed':
      return { ...state, status: 'closed', closed: { outcome: event.data.outcome, closedOn: event.data.closedOn } };
    case 'CaseEscalated':
      return { ...state, escalations: [...state.escalations, event.data.escalationId] };
    case 'RetentionExpired':
      // R-RET-03: the personal data is shredded; the facts the rules read stay as they were.
      return state;
    default:
      return assertNever(event, 'fault report event');
  }
}
