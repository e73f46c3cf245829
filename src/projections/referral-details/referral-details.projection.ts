import type { ReferralEvent, ReferralRecordedData } from '../../domain/referral/referral.events.js';
import { advanceTrail, DUTY_EVENT_TYPES, openTrail, type CaseViewTrail } from '../case-views/case-view.js';
import { erasedTrail } from '../case-views/erase-case-view.js';
import type { DocumentProjection, ProjectionEvent } from '../projection.js';

export const REFERRAL_DETAILS = 'referral_details';

export interface BodyRequestView {
  readonly requestId: string;
  readonly receivedAt: string;
  readonly receivedOn: string;
  readonly bodyReference: string | null;
  /** Personal: null once erased (R-RET-03). */
  readonly request: string | null;
  /** R-CPL-06: the provider's reply is due by then. */
  readonly replyDue: string;
  readonly answer: { readonly sentAt: string; readonly channel: string; readonly summary: string | null; readonly late: boolean } | null;
}

/**
 * One external referral (R-ESC-02): the body as the directory listed it, the case it is about,
 * the body's handling time, its requests with the provider's replies, the outcome, and the
 * legal hold on the case (R-RET-02).
 */
export interface ReferralDetails extends CaseViewTrail {
  readonly referralId: string;
  readonly registration: ReferralRecordedData;
  readonly status: 'open' | 'decided' | 'closed';
  readonly requests: readonly BodyRequestView[];
  readonly outcome: { readonly outcome: string; readonly decidedOn: string; readonly decisionReference: string | null; readonly summary: string | null; readonly decidedAfterHandlingTime: boolean | null; readonly appealPending: boolean } | null;
  readonly legalHold: { readonly holdId: string; readonly caseStreamId: string; readonly placedOn: string; readonly reason: string; readonly liftedOn: string | null; readonly liftReason: string | null } | null;
  readonly closed: { readonly closedOn: string; readonly retainUntil: Record<string, string> } | null;
}

const STEP_TYPES = new Set<string>(['BodyRequestReceived', 'BodyRequestAnswered', 'ReferralOutcomeRecorded', 'LegalHoldPlaced', 'LegalHoldLifted', 'ReferralClosed']);

function evolve(doc: ReferralDetails | undefined, raw: ProjectionEvent): ReferralDetails | undefined {
  const event = { type: raw.type, data: raw.data } as unknown as ReferralEvent;
  if (event.type === 'ReferralRecorded') {
    return {
      referralId: event.data.referralId,
      ...openTrail(raw),
      registration: event.data,
      status: 'open',
      requests: [],
      outcome: null,
      legalHold: null,
      closed: null,
    };
  }
  if (!doc) return doc;
  const next: ReferralDetails = advanceTrail(doc, raw, STEP_TYPES.has(event.type));
  switch (event.type) {
    case 'LegalHoldPlaced':
      return { ...next, legalHold: { holdId: event.data.holdId, caseStreamId: event.data.caseStreamId, placedOn: event.data.placedOn, reason: event.data.reason, liftedOn: null, liftReason: null } };
    case 'LegalHoldLifted':
      return doc.legalHold ? { ...next, legalHold: { ...doc.legalHold, liftedOn: event.data.liftedOn, liftReason: event.data.reason } } : next;
    case 'BodyRequestReceived': {
      const { requestId, receivedAt, receivedOn, bodyReference, request, replyDue } = event.data;
      return { ...next, requests: [...doc.requests, { requestId, receivedAt, receivedOn, bodyReference, request: request ?? null, replyDue, answer: null }] };
    }
    case 'BodyRequestAnswered': {
      const { requestId, sentAt, channel, summary, late } = event.data;
      return { ...next, requests: doc.requests.map((r) => (r.requestId === requestId ? { ...r, answer: { sentAt, channel, summary: summary ?? null, late } } : r)) };
    }
    case 'ReferralOutcomeRecorded': {
      const { outcome, decidedOn, decisionReference, summary, decidedAfterHandlingTime, appealPending } = event.data;
      return { ...next, status: 'decided', outcome: { outcome, decidedOn, decisionReference, summary: summary ?? null, decidedAfterHandlingTime, appealPending } };
    }
    case 'ReferralClosed':
      return { ...next, status: 'closed', closed: { closedOn: event.data.closedOn, retainUntil: event.data.retainUntil } };
    case 'RetentionExpired': {
      const { view, opening } = erasedTrail(next, { type: 'ReferralRecorded', data: doc.registration }, event.data.subjectIds);
      const requests = doc.requests.map((r) => ({ ...r, request: null, answer: r.answer ? { ...r.answer, summary: null } : null }));
      return { ...view, registration: opening as unknown as ReferralRecordedData, requests, outcome: doc.outcome ? { ...doc.outcome, summary: null } : null };
    }
    default:
      return next;
  }
}

export const referralDetailsProjection: DocumentProjection<ReferralDetails> = {
  kind: 'documents',
  name: REFERRAL_DETAILS,
  version: 1,
  handles: ['ReferralRecorded', 'RetentionExpired', ...STEP_TYPES, ...DUTY_EVENT_TYPES],
  documentIds: (event) => (event.streamId.startsWith('referral-') ? [event.streamId.slice('referral-'.length)] : []),
  evolve,
  indexes: [
    { name: 'stream', path: 'streamId' },
    { name: 'status', path: 'status' },
  ],
};
