import { evolveDuties, isDutyEvent, type OpenDuty } from '../duty/duty.events.js';
import { evolveCaseReferrals, isCaseReferralEvent, type CaseReferralView } from '../referral/case-referral.js';
import { assertNever } from '../shared/decider.js';
import type { ComplaintEvent } from './complaint.events.js';
import type { CustomerIdentity } from './complaint.commands.js';
import type { Channel, ClosingOutcome, ComplaintKind, Finding, RegisterEntry } from './complaint.types.js';

/** Everything `decide` needs to know about a registered complaint. */
export interface ComplaintCase {
  readonly complaintId: string;
  readonly registerEntry: RegisterEntry;
  readonly uniqueIdentifier: string | null;
  readonly receivedAt: string;
  readonly receivedOn: string;
  readonly channel: Channel;
  readonly kind: ComplaintKind;
  readonly responsibleUnit: string;
  readonly policyVersion: string;
  readonly anonymous: boolean;
  readonly complainantSubjectId: string;
  /** How the complainant is identified (R-LAW-06 compares customers); null once erased (R-RET-03). */
  readonly customer: CustomerIdentity;
  readonly hasName: boolean;
  readonly hasAddressOrEmail: boolean;
  readonly hasDescription: boolean;
  readonly writtenReplyRequired: boolean;
  readonly replyDue: string | null;
  readonly originalReplyDue: string | null;
  readonly extensions: number;
  readonly designatedClerk: string | null;
  readonly handlingClerk: string | null;
  /** Investigation steps and other actions taken (R-CPL-01). */
  readonly actions: number;
  readonly settledOnTheSpot: boolean;
  readonly record: { readonly customerSignature: 'signed' | 'refused' | 'not_applicable'; readonly copy: 'handed_over' | 'with_reply' } | null;
  readonly meterExamination: 'none' | 'ordered' | 'result_recorded';
  readonly meterOwner: 'provider' | 'customer' | null;
  readonly meterRequestedBy: 'customer' | 'provider' | null;
  readonly finding: Finding | null;
  readonly findingOn: string | null;
  readonly corrections: readonly string[];
  /** R-LAW-09: accounting documents the case issued (corrected invoices, credited refunds). */
  readonly accountingDocuments: number;
  readonly refunds: Readonly<Record<string, { readonly amount: number; readonly billingPeriod: string; readonly credited: boolean }>>;
  readonly instalmentPlan: boolean;
  readonly replySent: boolean;
  readonly writtenReplyLapsed: boolean;
  readonly withdrawn: boolean;
  readonly verifiedCalls: readonly string[];
  readonly disclosures: Readonly<Record<string, { readonly confirmed: boolean; readonly needsConfirmation: boolean; readonly disclosedAt: string | null }>>;
  /** The day the latest correction was recorded: the reply informs of it, so it is not dated before. */
  readonly lastCorrectionOn: string | null;
  /** R-LAW-10: the call recordings of the case by telephony id, with when the call was made. */
  readonly recordings: Readonly<Record<string, { readonly calledAt: string; readonly calledOn: string }>>;
  /** R-LAW-10: the customer's requests for a copy of a recording. */
  readonly recordingCopies: Readonly<Record<string, { readonly callRecordingId: string; readonly requestedAt: string; readonly handedOver: boolean }>>;
  /** Escalations of this complaint (R-ESC-01, the link back). */
  readonly escalations: readonly string[];
  /** R-ESC-02: referrals of this complaint to external bodies (the link back), with hold and outcome. */
  readonly referrals: Readonly<Record<string, CaseReferralView>>;
  readonly duties: Readonly<Record<string, OpenDuty>>;
  readonly closed: { readonly outcome: ClosingOutcome; readonly closedOn: string } | null;
  /** R-LAW-06: the earlier complaint this one was closed as a repeat of. */
  readonly repeatOf: string | null;
}

export type ComplaintState = { readonly status: 'none' } | ({ readonly status: 'open' } & ComplaintCase) | ({ readonly status: 'closed' } & ComplaintCase);

export const initialComplaintState: ComplaintState = { status: 'none' };

export function evolveComplaint(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  if (event.type === 'ComplaintRegistered') {
    const d = event.data;
    return {
      status: 'open',
      complaintId: d.complaintId,
      registerEntry: d.registerEntry,
      uniqueIdentifier: d.uniqueIdentifier,
      receivedAt: d.receivedAt,
      receivedOn: d.receivedOn,
      channel: d.channel,
      kind: d.kind,
      responsibleUnit: d.responsibleUnit,
      policyVersion: d.policyVersion,
      anonymous: d.anonymous,
      complainantSubjectId: d.complainant.subjectId,
      customer: { customerNumber: d.complainant.customerNumber ?? null, name: d.complainant.name ?? null, address: d.complainant.address ?? null },
      hasName: !!d.complainant.name,
      hasAddressOrEmail: !!(d.complainant.address || d.complainant.email),
      hasDescription: d.description.trim().length > 0,
      writtenReplyRequired: d.writtenReplyRequired,
      replyDue: d.deadlines.replyDue,
      originalReplyDue: d.deadlines.replyDue,
      extensions: 0,
      designatedClerk: null,
      handlingClerk: null,
      actions: 0,
      settledOnTheSpot: false,
      record: null,
      meterExamination: 'none',
      meterOwner: null,
      meterRequestedBy: null,
      finding: null,
      findingOn: null,
      corrections: [],
      accountingDocuments: 0,
      lastCorrectionOn: null,
      refunds: {},
      instalmentPlan: false,
      replySent: false,
      writtenReplyLapsed: false,
      withdrawn: false,
      verifiedCalls: [],
      disclosures: {},
      recordings: {},
      recordingCopies: {},
      escalations: [],
      referrals: {},
      duties: {},
      closed: null,
      repeatOf: null,
    };
  }
  if (state.status === 'none') return state;
  if (isDutyEvent(event)) return { ...state, duties: evolveDuties(state.duties, event) };
  if (isCaseReferralEvent(event)) return { ...state, referrals: evolveCaseReferrals(state.referrals, event) };
  const acted = { ...state, actions: state.actions + 1 };
  switch (event.type) {
    case 'ComplaintRecordDrawnUp':
      return { ...state, record: { customerSignature: event.data.customerSignature, copy: event.data.copy } };
    case 'ComplaintAcknowledged':
    case 'AppointmentRequested':
    case 'AppointmentOffered':
    case 'QualityInvestigationScheduled':
      return state;
    case 'ComplaintSettledOnTheSpot':
      return { ...acted, settledOnTheSpot: true };
    case 'ClerkDesignated':
      return { ...state, designatedClerk: event.data.clerkId };
    case 'ClerkReassigned':
      return { ...state, designatedClerk: event.data.clerkId, handlingClerk: null };
    case 'ComplaintTakenOver':
      return { ...state, handlingClerk: event.data.clerkId };
    case 'RecordsChecked':
    case 'DocumentsRequested':
    case 'DocumentsReceived':
    case 'SiteInspectionRequested':
    case 'SiteInspectionCarriedOut':
    case 'ConsumptionEstimated':
    case 'HotWaterMeasured':
    case 'QualityCostsAllocated':
      return acted;
    case 'MeterExaminationOrdered':
      return { ...acted, meterExamination: 'ordered', meterOwner: event.data.meterOwner, meterRequestedBy: event.data.requestedBy };
    case 'MeterExaminationResultRecorded':
      return { ...acted, meterExamination: 'result_recorded' };
    case 'FindingRecorded':
      return { ...state, finding: event.data.finding, findingOn: event.data.recordedOn };
    case 'CorrectionRecorded':
      return { ...acted, corrections: [...state.corrections, event.data.correctionId], lastCorrectionOn: event.data.recordedOn ?? state.lastCorrectionOn, accountingDocuments: state.accountingDocuments + (event.data.billedCustomer ? 1 : 0) };
    case 'RefundScheduled':
      return { ...state, refunds: { ...state.refunds, [event.data.refundId]: { amount: event.data.amount, billingPeriod: event.data.billingPeriod, credited: false } } };
    case 'RefundCredited': {
      const refund = state.refunds[event.data.refundId];
      return refund ? { ...state, accountingDocuments: state.accountingDocuments + 1, refunds: { ...state.refunds, [event.data.refundId]: { ...refund, credited: true } } } : state;
    }
    case 'InstalmentPlanAgreed':
      return { ...acted, instalmentPlan: true };
    case 'ReplyDeadlineExtended':
      return { ...state, replyDue: event.data.newDue, extensions: state.extensions + 1 };
    case 'ReplySent':
      return { ...acted, replySent: true };
    case 'WrittenReplyDutyLapsed':
      return { ...state, writtenReplyLapsed: true };
    case 'ComplaintWithdrawn':
      return { ...state, withdrawn: true };
    case 'ComplaintClosed':
      return { ...state, status: 'closed', closed: { outcome: event.data.outcome, closedOn: event.data.closedOn }, repeatOf: event.data.closure === 'repeated' ? event.data.linkedComplaintId : null };
    case 'IdentityVerified':
      return { ...state, verifiedCalls: [...state.verifiedCalls, event.data.callId] };
    case 'InformationDisclosed':
      return { ...state, disclosures: { ...state.disclosures, [event.data.disclosureId]: { confirmed: false, needsConfirmation: event.data.important && event.data.channel === 'phone', disclosedAt: event.data.disclosedAt } } };
    case 'CallRecordingReferenced':
      return { ...state, recordings: { ...state.recordings, [event.data.callRecordingId]: { calledAt: event.data.calledAt, calledOn: event.data.calledOn } } };
    case 'CallRecordingCopyRequested':
      return { ...state, recordingCopies: { ...state.recordingCopies, [event.data.requestId]: { callRecordingId: event.data.callRecordingId, requestedAt: event.data.requestedAt, handedOver: false } } };
    case 'CallRecordingCopyHandedOver': {
      const copy = state.recordingCopies[event.data.requestId];
      return copy ? { ...state, recordingCopies: { ...state.recordingCopies, [event.data.requestId]: { ...copy, handedOver: true } } } : state;
    }
    case 'PhoneInformationConfirmed': {
      const disclosure = state.disclosures[event.data.disclosureId];
      return disclosure ? { ...state, disclosures: { ...state.disclosures, [event.data.disclosureId]: { ...disclosure, confirmed: true } } } : state;
    }
    case 'CaseEscalated':
      return { ...state, escalations: [...state.escalations, event.data.escalationId] };
    case 'RetentionExpired':
      // R-RET-03: the personal data is shredded; the facts the rules read stay as they were.
      return state;
    default:
      return assertNever(event, 'complaint event');
  }
}
