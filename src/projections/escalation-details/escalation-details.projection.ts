import { evolveReferralList, type CaseReferralView } from '../../domain/referral/case-referral.js';
import type { CaseEscalatedData } from '../../domain/escalation/case-escalated.js';
import type { CaseRegisterEntry } from '../../domain/shared/case-support.js';
import type { OralRecordData } from '../../domain/complaint/oral-record.js';
import type { EscalationEvent, EscalationRegisteredData } from '../../domain/escalation/escalation.events.js';
import { advanceTrail, DUTY_EVENT_TYPES, openTrail, type CaseViewTrail } from '../case-views/case-view.js';
import { erasedTrail } from '../case-views/erase-case-view.js';
import type { DocumentProjection, ProjectionEvent } from '../projection.js';

export const ESCALATION_DETAILS = 'escalation_details';

/**
 * One escalation as the secretariat sees it (R-ESC-01): its incoming register entry, the case it
 * is about, who designated whom, every takeover with its second register number, the steps,
 * finding, reply, duties, and the escalation to the level above if any.
 */
export interface EscalationDetails extends CaseViewTrail {
  readonly escalationId: string;
  readonly registration: EscalationRegisteredData;
  readonly level: string;
  readonly targetUnitId: string;
  readonly registerEntry: CaseRegisterEntry;
  readonly status: 'open' | 'closed';
  readonly designatedClerk: string | null;
  readonly handlingClerk: string | null;
  readonly assignments: readonly { readonly clerkId: string; readonly by: string; readonly at: string; readonly reason: string | null }[];
  readonly takeovers: readonly { readonly clerkId: string; readonly takenOverOn: string; readonly takeoverEntry: CaseRegisterEntry }[];
  readonly replyDue: string;
  /** R-LAW-04: the record of an escalation made in person or by phone. */
  readonly record: OralRecordData | null;
  readonly finding: { readonly finding: string; readonly reasoning: string; readonly recordedOn: string } | null;
  readonly reply: { readonly channel: string; readonly sentAt: string; readonly late: boolean; readonly recordCopyEnclosed: boolean } | null;
  /** R-ESC-01: this escalation taken on to the level above. */
  readonly escalatedTo: readonly CaseEscalatedData[];
  /** R-ESC-02: the referrals of this case to external bodies (the link back): open and closed, the legal hold each keeps, the outcome. */
  readonly referrals: readonly CaseReferralView[];
  readonly closed: { readonly outcome: string; readonly closedOn: string; readonly reason: string | null; readonly retainUntil: Record<string, string> } | null;
}

const STEP_TYPES = new Set<string>([
  'EscalationRecordDrawnUp', 'EscalationClerkDesignated', 'EscalationClerkReassigned', 'EscalationTakenOver', 'EscalationStepRecorded', 'EscalationFindingRecorded', 'EscalationReplySent', 'EscalationWithdrawn', 'EscalationClosed',
]);

function evolve(doc: EscalationDetails | undefined, raw: ProjectionEvent): EscalationDetails | undefined {
  const event = { type: raw.type, data: raw.data } as unknown as EscalationEvent;
  if (event.type === 'EscalationRegistered') {
    const d = event.data;
    return {
      escalationId: d.escalationId,
      ...openTrail(raw),
      registration: d,
      level: d.level,
      targetUnitId: d.targetUnit.id,
      registerEntry: d.registerEntry,
      status: 'open',
      designatedClerk: null,
      handlingClerk: null,
      assignments: [],
      takeovers: [],
      replyDue: d.deadlines.replyDue,
      record: null,
      finding: null,
      reply: null,
      escalatedTo: [],
      referrals: [],
      closed: null,
    };
  }
  if (!doc) return doc;
  const next: EscalationDetails = advanceTrail(doc, raw, STEP_TYPES.has(event.type));
  switch (event.type) {
    case 'EscalationRecordDrawnUp':
      return { ...next, record: event.data };
    case 'EscalationClerkDesignated':
      return { ...next, designatedClerk: event.data.clerkId, assignments: [...doc.assignments, { clerkId: event.data.clerkId, by: event.data.designatedBy, at: raw.recordedAt, reason: null }] };
    case 'EscalationClerkReassigned':
      return { ...next, designatedClerk: event.data.clerkId, handlingClerk: null, assignments: [...doc.assignments, { clerkId: event.data.clerkId, by: event.data.reassignedBy, at: raw.recordedAt, reason: event.data.reason }] };
    case 'EscalationTakenOver':
      return { ...next, handlingClerk: event.data.clerkId, takeovers: [...doc.takeovers, { clerkId: event.data.clerkId, takenOverOn: event.data.takenOverOn, takeoverEntry: event.data.takeoverEntry }] };
    case 'EscalationFindingRecorded':
      return { ...next, finding: event.data };
    case 'EscalationReplySent':
      return { ...next, reply: { channel: event.data.channel, sentAt: event.data.sentAt, late: event.data.late, recordCopyEnclosed: event.data.recordCopyEnclosed } };
    case 'EscalationClosed':
      return { ...next, status: 'closed', closed: { outcome: event.data.outcome, closedOn: event.data.closedOn, reason: event.data.reason, retainUntil: event.data.retainUntil } };
    case 'CaseReferred':
    case 'CaseReferralOutcomeNoted':
    case 'CaseReferralClosed':
      return { ...next, referrals: evolveReferralList(doc.referrals, event) };
    case 'CaseEscalated':
      return { ...next, escalatedTo: [...doc.escalatedTo, event.data] };
    case 'RetentionExpired': {
      const { view, opening } = erasedTrail(next, { type: 'EscalationRegistered', data: doc.registration }, event.data.subjectIds);
      return { ...view, registration: opening as unknown as EscalationRegisteredData };
    }
    default:
      return next;
  }
}

export const escalationDetailsProjection: DocumentProjection<EscalationDetails> = {
  kind: 'documents',
  name: ESCALATION_DETAILS,
  version: 2,
  handles: ['EscalationRegistered', 'CaseEscalated', 'CaseReferred', 'CaseReferralOutcomeNoted', 'CaseReferralClosed', 'RetentionExpired', ...STEP_TYPES, ...DUTY_EVENT_TYPES],
  documentIds: (event) => (event.streamId.startsWith('escalation-') ? [event.streamId.slice('escalation-'.length)] : []),
  evolve,
  indexes: [
    { name: 'stream', path: 'streamId' },
    { name: 'status', path: 'status' },
  ],
};
