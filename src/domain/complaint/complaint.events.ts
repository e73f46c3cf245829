import type { DutyEvent } from '../duty/duty.events.js';
import type { CaseEscalated } from '../escalation/case-escalated.js';
import type { CaseReferralEvent } from '../referral/case-referral.js';
import type { EventSchema } from '../shared/event-schema.js';
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
  RegisterEntry,
  ReplyChannel,
  ClosingOutcome,
} from './complaint.types.js';
import type { RetentionExpiredEvent } from '../retention/retention.events.js';
import type { OralRecordData } from './oral-record.js';

export interface ComplaintRegisteredData {
  readonly complaintId: string;
  readonly registerEntry: RegisterEntry;
  /** R-LAW-03: told to a customer who complained by phone or electronically. */
  readonly uniqueIdentifier: string | null;
  readonly receivedAt: string;
  /** The Budapest business date of receipt; deadlines run from the day after (R-DL-01). */
  readonly receivedOn: string;
  readonly channel: Channel;
  readonly kind: ComplaintKind;
  readonly receivingUnit: string;
  /** The unit that designates the clerk and answers (the receiving customer service office). */
  readonly responsibleUnit: string;
  readonly complainant: Complainant;
  readonly anonymous: boolean;
  readonly placeOfUseId: string | null;
  readonly description: string;
  readonly documents: readonly string[];
  readonly remedySought: string | null;
  readonly requestedMatters: readonly CustomerMatter[];
  /** R-CPL-07, R-LAW-01: whether a written reply is owed. */
  readonly writtenReplyRequired: boolean;
  /** R-BIL-01: a bill objection does not suspend the duty to pay the bill. */
  readonly paymentObligationContinues: boolean | null;
  readonly policyVersion: string;
  readonly deadlines: {
    readonly replyDue: string | null;
    readonly handlingTargetDue: string | null;
    /** How the reply deadline was computed (duration, rule, moves off rest days). */
    readonly replyBasis: string | null;
  };
}

/** R-CHN-01, R-LAW-11: in-person-only matters asked for on another channel, booked for a personal appointment. */
export interface AppointmentRequestedData {
  readonly matters: readonly CustomerMatter[];
  /** When the customer asked; the offer is due counted from its date (R-LAW-11). Null on events of schema version 1. */
  readonly requestedAt: string | null;
  readonly offerBy: string;
}

/**
 * R-LAW-09: the customer as an accounting document (a credit note, a corrected invoice) names
 * them, encrypted under the customer's accounting key, so it is kept the accounting period (8
 * years) while the complaint's own record is erased after its shorter one.
 */
export interface BilledCustomer {
  /** `<complainant subject>#accounting_document`: a key of its own, destroyed when the accounting documents expire. */
  readonly subjectId: string;
  readonly name: string | null;
  readonly address: string | null;
  readonly customerNumber: string | null;
}

/**
 * R-LAW-10: whose call a recording is, under the customer's call-recording key, so a copy can be
 * found and handed over for the recording's 5 years after the complaint's own record is erased.
 */
export interface RecordedCaller {
  /** `<complainant subject>#call_recording`. */
  readonly subjectId: string;
  readonly name: string | null;
  readonly customerNumber: string | null;
}

/** The correction areas whose correction is an accounting document (a corrected invoice or settlement, R-LAW-09). */
export const ACCOUNTING_CORRECTION_AREAS: readonly CorrectionArea[] = ['invoice', 'settlement', 'arrears'];

export interface ComplaintClosedData {
  readonly outcome: ClosingOutcome;
  readonly closure: 'handled' | 'repeated' | 'anonymous' | 'withdrawn' | 'settled_on_the_spot';
  readonly closedOn: string;
  readonly reason: string | null;
  readonly linkedComplaintId: string | null;
  readonly linkedRegisterEntry: string | null;
  /** R-CPL-09, R-RET-01, R-LAW-09: until when each record type of the case is kept, by the policy in force. */
  readonly retainUntil: Readonly<Record<'complaint_record' | 'complaint_reply' | 'case_document', string>> & Readonly<Partial<Record<'accounting_document' | 'call_recording', string>>>;
}

export type ComplaintEvent =
  | { readonly type: 'ComplaintRegistered'; readonly data: ComplaintRegisteredData }
  | { readonly type: 'ComplaintRecordDrawnUp'; readonly data: OralRecordData }
  | { readonly type: 'ComplaintAcknowledged'; readonly data: { readonly channel: 'email'; readonly to: { readonly subjectId: string; readonly email: string | null }; readonly acknowledgedAt: string; readonly uniqueIdentifier: string | null } }
  | { readonly type: 'ComplaintSettledOnTheSpot'; readonly data: { readonly position: string; readonly settledAt: string } }
  | { readonly type: 'AppointmentRequested'; readonly data: AppointmentRequestedData }
  | { readonly type: 'AppointmentOffered'; readonly data: { readonly appointmentAt: string; readonly offeredOn: string; readonly late: boolean } }
  | { readonly type: 'ClerkDesignated'; readonly data: { readonly clerkId: string; readonly designatedBy: string; readonly unit: string } }
  | { readonly type: 'ClerkReassigned'; readonly data: { readonly previousClerkId: string; readonly clerkId: string; readonly reassignedBy: string; readonly reason: string } }
  | { readonly type: 'ComplaintTakenOver'; readonly data: { readonly clerkId: string; readonly takenOverOn: string } }
  | { readonly type: 'RecordsChecked'; readonly data: { readonly records: string; readonly findings: string } }
  | { readonly type: 'DocumentsRequested'; readonly data: { readonly documents: readonly string[]; readonly channel: ReplyChannel } }
  | { readonly type: 'DocumentsReceived'; readonly data: { readonly documents: readonly string[] } }
  | { readonly type: 'SiteInspectionRequested'; readonly data: { readonly agreedDate: string; readonly note: string | null; readonly viaDispatcher: true } }
  | { readonly type: 'SiteInspectionCarriedOut'; readonly data: { readonly inspectedOn: string; readonly findings: string } }
  | { readonly type: 'MeterExaminationOrdered'; readonly data: { readonly meterId: string; readonly meterOwner: 'provider' | 'customer'; readonly requestedBy: 'customer' | 'provider' } }
  | { readonly type: 'MeterExaminationResultRecorded'; readonly data: { readonly withinLimits: boolean; readonly meterFit: boolean; readonly deviationPercent: number; readonly laboratory: string; readonly costs: number; readonly costBearer: 'meter_owner' | 'requester'; readonly costBearerParty: 'provider' | 'customer'; readonly rule: 'R-MTR-02' } }
  | { readonly type: 'ConsumptionEstimated'; readonly data: { readonly faultFrom: string; readonly faultTo: string; readonly basis: 'same_period_previous_year' | 'after_repair' | 'before_fault'; readonly basisFrom: string; readonly basisTo: string; readonly correction: string | null; readonly estimatedGj: number } }
  | { readonly type: 'QualityInvestigationScheduled'; readonly data: { readonly mode: 'out_of_turn' | 'agreed_time'; readonly investigateBy: string } }
  | { readonly type: 'HotWaterMeasured'; readonly data: { readonly measuredAt: string; readonly temperatureCelsius: number; readonly afterSecondsOfUse: number; readonly breachByProvider: boolean; readonly feeRefundDue: boolean } }
  | { readonly type: 'QualityCostsAllocated'; readonly data: { readonly systemOwner: 'provider' | 'customer'; readonly maintenanceContract: boolean; readonly complaintFounded: boolean; readonly repairCost: number; readonly repairCostBearer: 'provider' | 'customer'; readonly repairNeedsSeparateOrder: boolean; readonly investigationCost: number; readonly investigationCostChargeableToRequester: boolean } }
  | { readonly type: 'FindingRecorded'; readonly data: { readonly finding: Finding; readonly reasoning: string; readonly recordedOn: string } }
  | { readonly type: 'CorrectionRecorded'; readonly data: { readonly correctionId: string; readonly area: CorrectionArea; readonly description: string; readonly amount: number | null; readonly recordedOn: string | null; readonly billedCustomer: BilledCustomer | null } }
  | { readonly type: 'RefundScheduled'; readonly data: { readonly refundId: string; readonly amount: number; readonly billingPeriod: string } }
  | { readonly type: 'RefundCredited'; readonly data: { readonly refundId: string; readonly billingPeriod: string; readonly invoiceNumber: string; readonly creditedOn: string | null; readonly billedCustomer: BilledCustomer | null } }
  | { readonly type: 'InstalmentPlanAgreed'; readonly data: { readonly amountOwed: number; readonly erroneousBillingMonths: number; readonly instalments: readonly { readonly month: string; readonly amount: number }[] } }
  | { readonly type: 'ReplyDeadlineExtended'; readonly data: { readonly reason: ExtensionReason; readonly previousDue: string; readonly newDue: string; readonly extendByDays: number; readonly customerNotifiedAt: string; readonly noticeChannel: ReplyChannel } }
  | { readonly type: 'ReplySent'; readonly data: { readonly replyId: string; readonly channel: ReplyChannel; readonly sentAt: string; readonly finding: Finding | null; readonly summary: string; readonly reasons: string; readonly redress: Redress | null; readonly recordCopyEnclosed: boolean; readonly corrections: readonly string[]; readonly late: boolean } }
  | { readonly type: 'WrittenReplyDutyLapsed'; readonly data: { readonly reason: LapseReason; readonly explanation: string } }
  | { readonly type: 'ComplaintWithdrawn'; readonly data: { readonly reason: string } }
  | { readonly type: 'ComplaintClosed'; readonly data: ComplaintClosedData }
  | { readonly type: 'IdentityVerified'; readonly data: { readonly callId: string; readonly method: 'customer_number' | 'personal_data' } }
  | { readonly type: 'InformationDisclosed'; readonly data: { readonly disclosureId: string; readonly channel: Channel; readonly information: DisclosedInformation; readonly callId: string | null; readonly recipient: 'debtor' | 'authorised_representative' | 'other'; readonly important: boolean; readonly summary: string; readonly disclosedAt: string | null } }
  /** R-LAW-10: a phone call of the case was recorded; the recording stays in the telephony system, the case keeps its reference. */
  | { readonly type: 'CallRecordingReferenced'; readonly data: { readonly callRecordingId: string; readonly calledAt: string; readonly calledOn: string; readonly call: 'complaint' | 'disclosure'; readonly disclosureId: string | null; readonly caller: RecordedCaller } }
  | { readonly type: 'CallRecordingCopyRequested'; readonly data: { readonly requestId: string; readonly callRecordingId: string; readonly requestedAt: string; readonly channel: Channel; readonly dueDate: string; readonly free: true } }
  | { readonly type: 'CallRecordingCopyHandedOver'; readonly data: { readonly requestId: string; readonly callRecordingId: string; readonly handedOverAt: string; readonly channel: Channel; readonly feeHuf: 0; readonly late: boolean } }
  | { readonly type: 'PhoneInformationConfirmed'; readonly data: { readonly disclosureId: string; readonly channel: 'fax' | 'letter'; readonly sentAt: string } }
  | CaseEscalated
  | CaseReferralEvent
  | DutyEvent
  | RetentionExpiredEvent;

export type ComplaintEventType = ComplaintEvent['type'];

const billedCustomerFields = { subjectPath: 'billedCustomer.subjectId', fields: ['billedCustomer.name', 'billedCustomer.address', 'billedCustomer.customerNumber'], recordType: 'accounting_document' } as const;

const complainantFields = ['complainant.name', 'complainant.address', 'complainant.email', 'complainant.phone', 'complainant.customerNumber', 'complainant.representative'];

/** Stored shapes: personal fields are encrypted under the complainant's subject key (DESIGN.md, Personal data). */
export const complaintEventSchemas: readonly EventSchema[] = [
  {
    type: 'ComplaintRegistered',
    schemaVersion: 1,
    personal: [{ subjectPath: 'complainant.subjectId', fields: [...complainantFields, 'placeOfUseId', 'description', 'remedySought', 'documents'] }],
  },
  { type: 'ComplaintRecordDrawnUp', schemaVersion: 1 },
  { type: 'ComplaintAcknowledged', schemaVersion: 1, personal: [{ subjectPath: 'to.subjectId', fields: ['to.email'] }] },
  { type: 'ComplaintSettledOnTheSpot', schemaVersion: 1 },
  // v2 states when the customer asked (R-LAW-11); v1 counted from the day the booking was typed in and did not say.
  { type: 'AppointmentRequested', schemaVersion: 2, upcasters: { 1: (data) => ({ ...data, requestedAt: null }) } },
  { type: 'AppointmentOffered', schemaVersion: 1 },
  { type: 'ClerkDesignated', schemaVersion: 1 },
  { type: 'ClerkReassigned', schemaVersion: 1 },
  { type: 'ComplaintTakenOver', schemaVersion: 1 },
  { type: 'RecordsChecked', schemaVersion: 1 },
  { type: 'DocumentsRequested', schemaVersion: 1 },
  { type: 'DocumentsReceived', schemaVersion: 1 },
  { type: 'SiteInspectionRequested', schemaVersion: 1 },
  { type: 'SiteInspectionCarriedOut', schemaVersion: 1 },
  { type: 'MeterExaminationOrdered', schemaVersion: 1 },
  { type: 'MeterExaminationResultRecorded', schemaVersion: 1 },
  { type: 'ConsumptionEstimated', schemaVersion: 1 },
  { type: 'QualityInvestigationScheduled', schemaVersion: 1 },
  { type: 'HotWaterMeasured', schemaVersion: 1 },
  { type: 'QualityCostsAllocated', schemaVersion: 1 },
  { type: 'FindingRecorded', schemaVersion: 1 },
  // v2 dates the correction and, for an accounting document, names the billed customer under the accounting key (R-LAW-09).
  { type: 'CorrectionRecorded', schemaVersion: 2, upcasters: { 1: (data) => ({ ...data, recordedOn: null, billedCustomer: null }) }, personal: [billedCustomerFields] },
  { type: 'RefundScheduled', schemaVersion: 1 },
  { type: 'RefundCredited', schemaVersion: 2, upcasters: { 1: (data) => ({ ...data, creditedOn: null, billedCustomer: null }) }, personal: [billedCustomerFields] },
  { type: 'InstalmentPlanAgreed', schemaVersion: 1 },
  { type: 'ReplyDeadlineExtended', schemaVersion: 1 },
  { type: 'ReplySent', schemaVersion: 1 },
  { type: 'WrittenReplyDutyLapsed', schemaVersion: 1 },
  { type: 'ComplaintWithdrawn', schemaVersion: 1 },
  { type: 'ComplaintClosed', schemaVersion: 1 },
  { type: 'IdentityVerified', schemaVersion: 1 },
  // v2 dates the disclosure, so its written confirmation cannot be dated before it.
  { type: 'InformationDisclosed', schemaVersion: 2, upcasters: { 1: (data) => ({ ...data, disclosedAt: null }) } },
  { type: 'PhoneInformationConfirmed', schemaVersion: 1 },
  { type: 'CallRecordingReferenced', schemaVersion: 1, personal: [{ subjectPath: 'caller.subjectId', fields: ['caller.name', 'caller.customerNumber'], recordType: 'call_recording' }] },
  { type: 'CallRecordingCopyRequested', schemaVersion: 1 },
  { type: 'CallRecordingCopyHandedOver', schemaVersion: 1 },
];
