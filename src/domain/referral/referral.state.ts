import { evolveDuties, isDutyEvent, type OpenDuty } from '../duty/duty.events.js';
import type { CaseLink } from '../escalation/case-facts.js';
import type { CaseRegisterEntry } from '../shared/case-support.js';
import { assertNever } from '../shared/decider.js';
import type { ReferralEvent } from './referral.events.js';
import type { BodyOutcome, BodySnapshot } from './referral.types.js';

/** Everything `decide` needs to know about a recorded referral. */
export interface ReferralCase {
  readonly referralId: string;
  readonly registerEntry: CaseRegisterEntry;
  readonly about: CaseLink;
  readonly body: BodySnapshot;
  readonly customerSubjectId: string;
  readonly recordingUnit: string;
  readonly referredOn: string;
  readonly expectedDecisionBy: string | null;
  readonly policyVersion: string;
  /** Requests from the body and whether the provider answered (R-CPL-06). */
  readonly requests: Readonly<Record<string, { readonly receivedAt: string; readonly replyDue: string; readonly answered: boolean }>>;
  readonly outcome: { readonly outcome: BodyOutcome; readonly decidedOn: string } | null;
  /** The hold this referral keeps on the case (R-RET-02); null once lifted. */
  readonly holdId: string | null;
  readonly duties: Readonly<Record<string, OpenDuty>>;
  readonly closedOn: string | null;
}

/** `open` until the body decides; `decided` while an appeal keeps the hold; then `closed`. */
export type ReferralState =
  | { readonly status: 'none' }
  | ({ readonly status: 'open' } & ReferralCase)
  | ({ readonly status: 'decided' } & ReferralCase)
  | ({ readonly status: 'closed' } & ReferralCase);

export const initialReferralState: ReferralState = { status: 'none' };

export function evolveReferral(state: ReferralState, event: ReferralEvent): ReferralState {
  if (event.type === 'ReferralRecorded') {
    const d = event.data;
    return {
      status: 'open',
      referralId: d.referralId,
      registerEntry: d.registerEntry,
      about: d.about,
      body: d.body,
      customerSubjectId: d.customer.subjectId,
      recordingUnit: d.recordingUnit,
      referredOn: d.referredOn,
      expectedDecisionBy: d.handling?.expectedDecisionBy ?? null,
      policyVersion: d.policyVersion,
      requests: {},
      outcome: null,
      holdId: null,
      duties: {},
      closedOn: null,
    };
  }
  if (state.status === 'none') return state;
  if (isDutyEvent(event)) return { ...state, duties: evolveDuties(state.duties, event) };
  switch (event.type) {
    case 'LegalHoldPlaced':
      return { ...state, holdId: event.data.holdId };
    case 'LegalHoldLifted':
      return { ...state, holdId: null };
    case 'BodyRequestReceived':
      return { ...state, requests: { ...state.requests, [event.data.requestId]: { receivedAt: event.data.receivedAt, replyDue: event.data.replyDue, answered: false } } };
    case 'BodyRequestAnswered': {
      const request = state.requests[event.data.requestId];
      return request ? { ...state, requests: { ...state.requests, [event.data.requestId]: { ...request, answered: true } } } : state;
    }
    case 'ReferralOutcomeRecorded':
      return { ...state, status: 'decided', outcome: { outcome: event.data.outcome, decidedOn: event.data.decidedOn } };
    case 'ReferralClosed':
      return { ...state, status: 'closed', closedOn: event.data.closedOn };
    case 'RetentionExpired':
      // R-RET-03: the personal data is shredded; the facts the rules read stay as they were.
      return state;
    default:
      return assertNever(event, 'referral event');
  }
}
