import type { Channel } from '../channel/channel-rules.js';
import type { CaseFacts } from '../escalation/case-facts.js';
import type { RecordCaseEscalated } from '../escalation/case-escalated.js';
import type { RecordCaseReferral } from '../referral/case-referral.js';
import type { OrganisationUnit } from '../organisation/organisation.js';
import type { PipelineCommand } from '../shared/pipeline-decider.js';
import type { FaultKind, FaultPriority, RepairOutcome, Reporter, WorksheetScope } from './fault-report.types.js';

/** A customer's fault or complaint report taken by a dispatcher, any hour (R-DSP-01, R-DSP-02). */
export interface RegisterFaultReportData {
  readonly faultReportId: string;
  /** When the report was made (ISO 8601); its Budapest date gives the dispatcher log's year. */
  readonly reportedAt: string;
  readonly channel: Channel;
  readonly kind: FaultKind;
  readonly reporter: Reporter;
  readonly placeOfUseId: string | null;
  /** The short description of the fault or complaint. */
  readonly description: string;
  /** When the reporter is at home, as told (`weekdays after 16:00`). */
  readonly reporterAtHome: string;
  readonly expectedRepair: { readonly date: string; readonly timeOfDay: string | null; readonly method: string };
  readonly priority: FaultPriority;
  /** Whether a flat-fee maintenance contract covers the customer's installation (yes/no, R-DSP-02, R-DSP-04). */
  readonly maintenanceContract: boolean;
  readonly otherInformation: string | null;
  /** The dispatcher's unit, looked up from the organisation directory by the application. */
  readonly dispatcherUnit: OrganisationUnit;
}

/**
 * R-CPL-10: the dispatcher request a complaint clerk opens for a site inspection, right after
 * the complaint's `SiteInspectionRequested`, with the agreed date and the complainant's data.
 */
export interface OpenSiteInspectionRequestData {
  readonly faultReportId: string;
  /** The complaint, as the application read it from its stream. */
  readonly linkedComplaint: CaseFacts;
  /** The date agreed with the complainant (the complaint's `SiteInspectionRequested.agreedDate`). */
  readonly agreedDate: string;
  readonly timeOfDay: string | null;
  /** The subject of the inspection. */
  readonly description: string;
  readonly kind: FaultKind;
  readonly reporter: Reporter;
  readonly placeOfUseId: string | null;
  readonly maintenanceContract: boolean;
  readonly otherInformation: string | null;
  readonly dispatcherUnit: OrganisationUnit;
}

export type FaultReportCommand =
  | PipelineCommand<'RegisterFaultReport', RegisterFaultReportData>
  | PipelineCommand<'OpenSiteInspectionRequest', OpenSiteInspectionRequestData>
  | PipelineCommand<'ReprioritiseFaultReport', { readonly priority: FaultPriority; readonly reason: string; readonly expectedRepair: { readonly date: string; readonly timeOfDay: string | null; readonly method: string } | null }>
  | PipelineCommand<'IssueWorksheet', { readonly worksheetNumber: string; readonly crew: string; readonly scope: WorksheetScope; readonly paidOrderReference: string | null }>
  | PipelineCommand<'RecordRepair', { readonly worksheetNumber: string; readonly returnedAt: string; readonly outcome: RepairOutcome; readonly workDone: string; readonly paidOrderReference: string | null }>
  | PipelineCommand<'ForwardWorksheetToAccounting', { readonly worksheetNumber: string }>
  | PipelineCommand<'WithdrawFaultReport', { readonly reason: string }>
  | PipelineCommand<'CloseFaultReport', Record<string, never>>
  | RecordCaseEscalated
  | RecordCaseReferral;

export type FaultReportCommandType = FaultReportCommand['type'];
