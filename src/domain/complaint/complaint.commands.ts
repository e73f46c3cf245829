import type { RecordCaseEscalated } from '../escalation/case-escalated.js';
import type { RecordCaseReferral } from '../referral/case-referral.js';
import type { OrganisationUnit } from '../organisation/organisation.js';
import type { PipelineCommand } from '../shared/pipeline-decider.js';
import type {
  Channel,
  Complainant,
  ComplaintKind,
  CorrectionArea,
  CustomerMatter,
  DisclosedInformation,
  ExtensionReason,
  Finding,
  LapseReason,
  Redress,
  ReplyChannel,
} from './complaint.types.js';

export interface RegisterComplaintData {
  readonly complaintId: string;
  /** When the complaint reached the provider (ISO 8601); its Budapest date starts the deadlines. */
  readonly receivedAt: string;
  readonly channel: Channel;
  readonly kind: ComplaintKind;
  readonly complainant: Complainant;
  /** No name and address given (R-LAW-06). */
  readonly anonymous: boolean;
  readonly placeOfUseId: string | null;
  readonly description: string;
  /** Papers submitted or shown (R-CPL-09, R-LAW-04). */
  readonly documents: readonly string[];
  readonly remedySought: string | null;
  /** Matters the complainant also asks for; in-person-only ones are refused elsewhere (R-CHN-01). */
  readonly requestedMatters: readonly CustomerMatter[];
  /** Book a personal appointment for in-person-only matters asked for on another channel (R-CHN-01, R-LAW-11). */
  readonly bookAppointment: boolean;
  /** When the customer asked for the appointment (ISO 8601); the receipt when null. R-LAW-11's days run from its date. */
  readonly appointmentRequestedAt: string | null;
  /** A phone complaint: the call's recording, by its id in the provider's telephony system (R-LAW-10). */
  readonly callRecordingId: string | null;
  /** An oral complaint settled at once, with the position given (R-CPL-08, R-LAW-01). */
  readonly settledOnTheSpot: { readonly position: string } | null;
  /** The company's position if the complaint was examined at once but not settled (R-LAW-04). */
  readonly positionIfExamined: string | null;
  /** Where the record is drawn up (R-LAW-04), for oral complaints not settled at once. */
  readonly recordPlace: string | null;
  /** In person: whether the customer signed the record (R-LAW-04, R-LAW-05). */
  readonly customerSignedRecord: boolean | null;
  /** Whether the copy of the record was handed over on the spot (otherwise it goes with the reply). */
  readonly recordCopyHandedOver: boolean;
  /** Quality complaints: investigated out of turn, or at a time agreed with the customer (R-QLT-01). */
  readonly qualityInvestigation: { readonly mode: 'out_of_turn' } | { readonly mode: 'agreed_time'; readonly agreedAt: string } | null;
  /** The clerk's unit, looked up from the organisation directory by the application. */
  readonly receivingUnit: OrganisationUnit;
}

/**
 * R-LAW-06: the complaint a repeat is linked to, as the application read it from its own stream:
 * when it was received, whose it is, and whether it was itself closed as a repeat (of what).
 */
export type EarlierComplaint =
  | { readonly exists: false; readonly complaintId: string }
  | {
      readonly exists: true;
      readonly complaintId: string;
      readonly registerEntry: string;
      readonly receivedAt: string;
      readonly anonymous: boolean;
      /** How the customer is identified on it; null fields where not given or already erased (R-RET-03). */
      readonly customer: CustomerIdentity;
      /** The complaint it was closed as a repeat of, if it was. */
      readonly repeatOf: string | null;
    };

/** What identifies a complainant as the same customer: the customer number, or name and address. */
export interface CustomerIdentity {
  readonly customerNumber: string | null;
  readonly name: string | null;
  readonly address: string | null;
}

export type ComplaintCommand =
  | PipelineCommand<'RegisterComplaint', RegisterComplaintData>
  | PipelineCommand<'DesignateClerk', { readonly clerkId: string }>
  | PipelineCommand<'ReassignClerk', { readonly clerkId: string; readonly reason: string }>
  | PipelineCommand<'TakeOverComplaint', Record<string, never>>
  | PipelineCommand<'RecordRecordsChecked', { readonly records: string; readonly findings: string }>
  | PipelineCommand<'RequestDocuments', { readonly documents: readonly string[]; readonly channel: ReplyChannel }>
  | PipelineCommand<'ReceiveDocuments', { readonly documents: readonly string[] }>
  | PipelineCommand<'RequestSiteInspection', { readonly agreedDate: string; readonly note: string | null }>
  | PipelineCommand<'RecordSiteInspection', { readonly inspectedOn: string; readonly findings: string }>
  | PipelineCommand<'OrderMeterExamination', { readonly meterId: string; readonly meterOwner: 'provider' | 'customer'; readonly requestedBy: 'customer' | 'provider' }>
  | PipelineCommand<'RecordMeterExaminationResult', { readonly withinLimits: boolean; readonly meterFit: boolean; readonly deviationPercent: number; readonly laboratory: string; readonly costs: number; readonly chargeRequester: boolean }>
  | PipelineCommand<'EstimateConsumption', { readonly faultFrom: string; readonly faultTo: string; readonly basis: 'same_period_previous_year' | 'after_repair' | 'before_fault'; readonly basisFrom: string; readonly basisTo: string; readonly correction: string | null; readonly estimatedGj: number; readonly previousYearDataAvailable: boolean }>
  | PipelineCommand<'RecordHotWaterMeasurement', { readonly measuredAt: string; readonly temperatureCelsius: number; readonly afterSecondsOfUse: number }>
  | PipelineCommand<'AllocateQualityCosts', { readonly systemOwner: 'provider' | 'customer'; readonly maintenanceContract: boolean; readonly complaintFounded: boolean; readonly repairCost: number; readonly investigationCost: number }>
  | PipelineCommand<'RecordFinding', { readonly finding: Finding; readonly reasoning: string }>
  | PipelineCommand<'RecordCorrection', { readonly area: CorrectionArea; readonly description: string; readonly amount: number | null }>
  | PipelineCommand<'ScheduleRefund', { readonly amount: number }>
  | PipelineCommand<'RecordRefundCredited', { readonly billingPeriod: string; readonly invoiceNumber: string }>
  | PipelineCommand<'AgreeInstalmentPlan', { readonly amountOwed: number; readonly erroneousBillingMonths: number; readonly firstInstalmentMonth: string; readonly channel: Channel }>
  | PipelineCommand<'ExtendReplyDeadline', { readonly reason: ExtensionReason; readonly extendByDays: number; readonly customerNotifiedAt: string; readonly noticeChannel: ReplyChannel }>
  | PipelineCommand<'SendReply', { readonly channel: ReplyChannel; readonly sentAt: string; readonly summary: string; readonly reasons: string; readonly redress: Redress | null; readonly recordCopyEnclosed: boolean }>
  | PipelineCommand<'RecordWrittenReplyLapse', { readonly reason: LapseReason; readonly explanation: string }>
  | PipelineCommand<'WithdrawComplaint', { readonly reason: string }>
  | PipelineCommand<'CloseComplaint', Record<string, never>>
  | PipelineCommand<'CloseAsRepeated', { readonly earlier: EarlierComplaint; readonly reason: string }>
  | PipelineCommand<'CloseAsAnonymous', { readonly reason: string }>
  | PipelineCommand<'OfferAppointment', { readonly appointmentAt: string }>
  | PipelineCommand<'RecordIdentityVerification', { readonly callId: string; readonly method: 'customer_number' | 'personal_data' }>
  | PipelineCommand<'RecordDisclosure', { readonly channel: Channel; readonly information: DisclosedInformation; readonly callId: string | null; readonly callRecordingId: string | null; readonly recipient: 'debtor' | 'authorised_representative' | 'other'; readonly authorisationChecked: boolean; readonly important: boolean; readonly summary: string }>
  | PipelineCommand<'RequestCallRecordingCopy', { readonly callRecordingId: string; readonly requestedAt: string; readonly channel: Channel }>
  | PipelineCommand<'HandOverCallRecordingCopy', { readonly requestId: string; readonly handedOverAt: string; readonly channel: Channel; readonly feeHuf: number }>
  | PipelineCommand<'ConfirmPhoneInformation', { readonly disclosureId: string; readonly channel: 'fax' | 'letter'; readonly sentAt: string }>
  | RecordCaseEscalated
  | RecordCaseReferral;

export type ComplaintCommandType = ComplaintCommand['type'];
