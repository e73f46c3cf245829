import { evolveReferralList, type CaseReferralView } from '../../domain/referral/case-referral.js';
import type { ComplaintEvent, ComplaintRegisteredData } from '../../domain/complaint/complaint.events.js';
import type { CaseEscalatedData } from '../../domain/escalation/case-escalated.js';
import { erasedData, erasedSteps } from '../case-views/erase-case-view.js';
import type { DocumentProjection, ProjectionEvent } from '../projection.js';

export const COMPLAINT_DETAILS = 'complaint_details';

export interface ComplaintStepView {
  readonly type: string;
  readonly at: string;
  readonly by: string;
  readonly data: Record<string, unknown>;
}

/** One complaint as a clerk sees it: registration, who handles it, every step, deadlines and duties. */
export interface ComplaintDetails {
  readonly complaintId: string;
  readonly version: number;
  readonly registration: ComplaintRegisteredData;
  readonly status: 'open' | 'closed';
  readonly designatedClerk: string | null;
  readonly handlingClerk: string | null;
  readonly assignments: readonly { readonly clerkId: string; readonly by: string; readonly at: string; readonly reason: string | null }[];
  readonly replyDue: string | null;
  readonly extension: { readonly reason: string; readonly previousDue: string; readonly newDue: string } | null;
  readonly finding: { readonly finding: string; readonly reasoning: string; readonly recordedOn: string } | null;
  readonly reply: { readonly channel: string; readonly sentAt: string; readonly late: boolean } | null;
  readonly openDuties: readonly { readonly dutyId: string; readonly kind: string; readonly dueDate: string; readonly rule: string }[];
  readonly steps: readonly ComplaintStepView[];
  /** R-ESC-01: the escalations of this complaint, with their register entries. */
  readonly escalations: readonly CaseEscalatedData[];
  /** R-ESC-02: the referrals of this case to external bodies (the link back): open and closed, the legal hold each keeps, the outcome. */
  readonly referrals: readonly CaseReferralView[];
  readonly closed: { readonly outcome: string; readonly closure: string; readonly closedOn: string; readonly reason: string | null; readonly linkedComplaintId: string | null; readonly retainUntil: Record<string, string> } | null;
  /** Personal fields erased because their retention ended (R-RET-03). */
  readonly erasedFields: readonly string[];
}

const complaintIdOf = (streamId: string) => streamId.slice('complaint-'.length);

/** Steps shown in the case's step list (everything but registration and duty bookkeeping). */
const STEP_TYPES = new Set<string>([
  'ComplaintRecordDrawnUp', 'ComplaintAcknowledged', 'ComplaintSettledOnTheSpot', 'AppointmentRequested', 'AppointmentOffered', 'ClerkDesignated', 'ClerkReassigned', 'ComplaintTakenOver',
  'RecordsChecked', 'DocumentsRequested', 'DocumentsReceived', 'SiteInspectionRequested', 'SiteInspectionCarriedOut', 'MeterExaminationOrdered', 'MeterExaminationResultRecorded',
  'ConsumptionEstimated', 'QualityInvestigationScheduled', 'HotWaterMeasured', 'QualityCostsAllocated', 'FindingRecorded', 'CorrectionRecorded', 'RefundScheduled', 'RefundCredited',
  'InstalmentPlanAgreed', 'ReplyDeadlineExtended', 'ReplySent', 'WrittenReplyDutyLapsed', 'ComplaintWithdrawn', 'ComplaintClosed', 'IdentityVerified', 'InformationDisclosed', 'PhoneInformationConfirmed', 'CallRecordingReferenced', 'CallRecordingCopyRequested', 'CallRecordingCopyHandedOver',
]);

function evolve(doc: ComplaintDetails | undefined, raw: ProjectionEvent): ComplaintDetails | undefined {
  const event = { type: raw.type, data: raw.data } as unknown as ComplaintEvent;
  if (event.type === 'ComplaintRegistered') {
    return {
      complaintId: event.data.complaintId,
      version: raw.streamVersion,
      registration: event.data,
      status: 'open',
      designatedClerk: null,
      handlingClerk: null,
      assignments: [],
      replyDue: event.data.deadlines.replyDue,
      extension: null,
      finding: null,
      reply: null,
      openDuties: [],
      steps: [],
      escalations: [],
      referrals: [],
      closed: null,
      erasedFields: raw.erasedFields,
    };
  }
  if (!doc) return doc;
  const next: ComplaintDetails = {
    ...doc,
    version: raw.streamVersion,
    steps: STEP_TYPES.has(event.type) ? [...doc.steps, { type: event.type, at: raw.recordedAt, by: raw.metadata.actor.userId, data: raw.data }] : doc.steps,
  };
  switch (event.type) {
    case 'ClerkDesignated':
      return { ...next, designatedClerk: event.data.clerkId, assignments: [...doc.assignments, { clerkId: event.data.clerkId, by: event.data.designatedBy, at: raw.recordedAt, reason: null }] };
    case 'ClerkReassigned':
      return { ...next, designatedClerk: event.data.clerkId, handlingClerk: null, assignments: [...doc.assignments, { clerkId: event.data.clerkId, by: event.data.reassignedBy, at: raw.recordedAt, reason: event.data.reason }] };
    case 'ComplaintTakenOver':
      return { ...next, handlingClerk: event.data.clerkId };
    case 'ReplyDeadlineExtended':
      return { ...next, replyDue: event.data.newDue, extension: { reason: event.data.reason, previousDue: event.data.previousDue, newDue: event.data.newDue } };
    case 'FindingRecorded':
      return { ...next, finding: event.data };
    case 'ReplySent':
      return { ...next, reply: { channel: event.data.channel, sentAt: event.data.sentAt, late: event.data.late } };
    case 'ComplaintClosed':
      return { ...next, status: 'closed', closed: { outcome: event.data.outcome, closure: event.data.closure, closedOn: event.data.closedOn, reason: event.data.reason, linkedComplaintId: event.data.linkedComplaintId, retainUntil: event.data.retainUntil } };
    case 'CaseReferred':
    case 'CaseReferralOutcomeNoted':
    case 'CaseReferralClosed':
      return { ...next, referrals: evolveReferralList(doc.referrals, event) };
    case 'CaseEscalated':
      return { ...next, escalations: [...doc.escalations, event.data] };
    case 'RetentionExpired': {
      // R-RET-03: as a rebuild would read it now: the complainant's data null and listed, the facts kept.
      // R-LAW-09: only the keys this stage destroyed; accounting documents keep theirs until their own date.
      const registration = erasedData('ComplaintRegistered', doc.registration, event.data.subjectIds);
      return { ...next, registration: registration.data, steps: erasedSteps(doc.steps, event.data.subjectIds).steps, erasedFields: [...new Set([...doc.erasedFields, ...registration.erased])] };
    }
    case 'DutyOpened':
      return { ...next, openDuties: [...doc.openDuties, { dutyId: event.data.dutyId, kind: event.data.kind, dueDate: event.data.dueDate, rule: event.data.rule }] };
    case 'DutyRescheduled':
      return { ...next, openDuties: doc.openDuties.map((d) => (d.dutyId === event.data.dutyId ? { ...d, dueDate: event.data.dueDate } : d)) };
    case 'DutyDischarged':
    case 'DutyCancelled':
      return { ...next, openDuties: doc.openDuties.filter((d) => d.dutyId !== event.data.dutyId) };
    default:
      return next;
  }
}

export const complaintDetailsProjection: DocumentProjection<ComplaintDetails> = {
  kind: 'documents',
  name: COMPLAINT_DETAILS,
  version: 3,
  handles: ['ComplaintRegistered', 'CaseEscalated', 'CaseReferred', 'CaseReferralOutcomeNoted', 'CaseReferralClosed', 'RetentionExpired', 'DutyOpened', 'DutyRescheduled', 'DutyDischarged', 'DutyCancelled', ...STEP_TYPES],
  documentIds: (event) => (event.streamId.startsWith('complaint-') ? [complaintIdOf(event.streamId)] : []),
  evolve,
  indexes: [{ name: 'status', path: 'status' }],
};
