import type { DutyEvent } from '../duty/duty.events.js';
import type { CaseLink } from '../escalation/case-facts.js';
import type { CaseEscalated } from '../escalation/case-escalated.js';
import type { CaseReferralEvent } from '../referral/case-referral.js';
import type { CaseRegisterEntry } from '../shared/case-support.js';
import type { EventSchema } from '../shared/event-schema.js';
import type { ExpectedRepair, FaultKind, FaultPriority, FaultReportOrigin, RepairOutcome, Reporter, WorksheetScope } from './fault-report.types.js';
import type { RetentionExpiredEvent } from '../retention/retention.events.js';
import type { BilledCustomer } from '../complaint/complaint.events.js';

/** R-DSP-02: every field of the dispatcher log entry. */
export interface FaultReportRegisteredData {
  readonly faultReportId: string;
  readonly origin: FaultReportOrigin;
  /** The sequence number: the entry in the dispatcher log of the unit for the year. */
  readonly logEntry: CaseRegisterEntry;
  /** Time of report. */
  readonly reportedAt: string;
  readonly reportedOn: string;
  /** In person or by phone (R-DSP-01); null for a clerk's site-inspection request (R-CPL-10). */
  readonly channel: 'in_person' | 'phone' | null;
  readonly reporter: Reporter;
  readonly placeOfUseId: string | null;
  readonly description: string;
  readonly reporterAtHome: string;
  /** The dispatcher who took the report (the clerk, for a site-inspection request). */
  readonly takenBy: string;
  readonly dispatcherUnit: string;
  readonly expectedRepair: ExpectedRepair;
  /** Null until a worksheet is issued (`WorksheetIssued` carries the number). */
  readonly worksheetNumber: null;
  readonly kind: FaultKind;
  readonly maintenanceContract: boolean;
  readonly otherInformation: string | null;
  readonly priority: FaultPriority;
  /** R-DSP-04: a customer system failure without a flat-fee maintenance contract: only damage prevention without a paid order. */
  readonly paidOrderNeededForRepair: boolean;
  /** R-CPL-10: the complaint whose site inspection this request is, with the agreed date. */
  readonly linkedComplaint: (CaseLink & { readonly agreedDate: string }) | null;
  readonly policyVersion: string;
}

export type FaultReportEvent =
  | { readonly type: 'FaultReportRegistered'; readonly data: FaultReportRegisteredData }
  | { readonly type: 'FaultReportReprioritised'; readonly data: { readonly previousPriority: FaultPriority; readonly priority: FaultPriority; readonly reason: string; readonly expectedRepair: ExpectedRepair | null; readonly by: string } }
  | { readonly type: 'WorksheetIssued'; readonly data: { readonly worksheetNumber: string; readonly crew: string; readonly scope: WorksheetScope; readonly paidOrderReference: string | null; readonly issuedAt: string; readonly issuedBy: string; readonly returnDue: string } }
  | { readonly type: 'RepairRecorded'; readonly data: { readonly worksheetNumber: string; readonly returnedAt: string; readonly outcome: RepairOutcome; readonly workDone: string; readonly paidOrderReference: string | null; readonly paid: boolean; readonly recordedBy: string } }
  | { readonly type: 'WorksheetForwardedToAccounting'; readonly data: { readonly worksheetNumber: string; readonly paidOrderReference: string; readonly forwardedAt: string; readonly forwardedBy: string; readonly billedCustomer: BilledCustomer | null } }
  | { readonly type: 'FaultReportWithdrawn'; readonly data: { readonly reason: string } }
  | { readonly type: 'FaultReportClosed'; readonly data: { readonly outcome: RepairOutcome | 'withdrawn'; readonly closedOn: string; readonly reason: string | null; readonly retainUntil: Readonly<Partial<Record<'complaint_record' | 'case_document' | 'accounting_document', string>>> } }
  | CaseEscalated
  | CaseReferralEvent
  | DutyEvent
  | RetentionExpiredEvent;

export type FaultReportEventType = FaultReportEvent['type'];

const reporterFields = ['reporter.name', 'reporter.address', 'reporter.phone', 'reporter.customerNumber'];

/** Stored shapes: personal fields are encrypted under the reporter's subject key (DESIGN.md, Personal data). */
export const faultReportEventSchemas: readonly EventSchema[] = [
  {
    type: 'FaultReportRegistered',
    schemaVersion: 1,
    personal: [{ subjectPath: 'reporter.subjectId', fields: [...reporterFields, 'placeOfUseId', 'description', 'reporterAtHome', 'otherInformation'] }],
  },
  { type: 'FaultReportReprioritised', schemaVersion: 1 },
  { type: 'WorksheetIssued', schemaVersion: 1 },
  { type: 'RepairRecorded', schemaVersion: 1 },
  // v2 names the billed customer under the accounting key, kept the accounting period (R-LAW-09).
  {
    type: 'WorksheetForwardedToAccounting',
    schemaVersion: 2,
    upcasters: { 1: (data) => ({ ...data, billedCustomer: null }) },
    personal: [{ subjectPath: 'billedCustomer.subjectId', fields: ['billedCustomer.name', 'billedCustomer.address', 'billedCustomer.customerNumber'], recordType: 'accounting_document' }],
  },
  { type: 'FaultReportWithdrawn', schemaVersion: 1 },
  { type: 'FaultReportClosed', schemaVersion: 1 },
];
