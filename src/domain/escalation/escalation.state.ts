import type { Channel, Finding } from '../complaint/complaint.types.js';
import { evolveDuties, isDutyEvent, type OpenDuty } from '../duty/duty.events.js';
import { evolveCaseReferrals, isCaseReferralEvent, type CaseReferralView } from '../referral/case-referral.js';
import type { UnitKind } from '../organisation/organisation.js';
import { assertNever } from '../shared/decider.js';
import type { CaseLink } from './case-facts.js';
import type { CaseRegisterEntry } from '../shared/case-support.js';
import type { EscalationEvent } from './escalation.events.js';
import type { EscalationLevel, EscalationOutcome } from './escalation.types.js';

/** Everything `decide` needs to know about a registered escalation. */
export interface EscalationCase {
  readonly escalationId: string;
  readonly level: EscalationLevel;
  readonly targetUnit: { readonly id: string; readonly kind: UnitKind; readonly code: string };
  readonly registerEntry: CaseRegisterEntry;
  readonly receivedAt: string;
  readonly receivedOn: string;
  readonly channel: Channel;
  readonly about: CaseLink;
  readonly complainantSubjectId: string;
  readonly policyVersion: string;
  readonly replyDue: string;
  readonly designatedClerk: string | null;
  readonly handlingClerk: string | null;
  readonly takeoverEntries: readonly CaseRegisterEntry[];
  /** Investigation steps recorded (R-CPL-01). */
  readonly steps: number;
  readonly finding: Finding | null;
  readonly findingOn: string | null;
  readonly replySent: boolean;
  /** R-LAW-04: the record of an oral escalation and how its copy reaches the customer. */
  readonly record: { readonly copy: 'handed_over' | 'with_reply' } | null;
  /** Escalations of this escalation to the level above (R-ESC-01, the link back). */
  readonly escalatedTo: readonly string[];
  /** R-ESC-02: referrals of this escalation to external bodies (the link back), with hold and outcome. */
  readonly referrals: Readonly<Record<string, CaseReferralView>>;
  readonly duties: Readonly<Record<string, OpenDuty>>;
  readonly closed: { readonly outcome: EscalationOutcome; readonly closedOn: string } | null;
}

export type EscalationState = { readonly status: 'none' } | ({ readonly status: 'open' } & EscalationCase) | ({ readonly status: 'closed' } & EscalationCase);

export const initialEscalationState: EscalationState = { status: 'none' };

export function evolveEscalation(state: EscalationState, event: EscalationEvent): EscalationState {
  if (event.type === 'EscalationRegistered') {
    const d = event.data;
    return {
      status: 'open',
      escalationId: d.escalationId,
      level: d.level,
      targetUnit: d.targetUnit,
      registerEntry: d.registerEntry,
      receivedAt: d.receivedAt,
      receivedOn: d.receivedOn,
      channel: d.channel,
      about: d.about,
      complainantSubjectId: d.complainant.subjectId,
      policyVersion: d.policyVersion,
      replyDue: d.deadlines.replyDue,
      designatedClerk: null,
      handlingClerk: null,
      takeoverEntries: [],
      steps: 0,
      finding: null,
      findingOn: null,
      replySent: false,
      record: null,
      escalatedTo: [],
      referrals: {},
      duties: {},
      closed: null,
    };
  }
  if (state.status === 'none') return state;
  if (isDutyEvent(event)) return { ...state, duties: evolveDuties(state.duties, event) };
  if (isCaseReferralEvent(event)) return { ...state, referrals: evolveCaseReferrals(state.referrals, event) };
  switch (event.type) {
    case 'EscalationRecordDrawnUp':
      return { ...state, record: { copy: event.data.copy } };
    case 'EscalationClerkDesignated':
      return { ...state, designatedClerk: event.data.clerkId };
    case 'EscalationClerkReassigned':
      return { ...state, designatedClerk: event.data.clerkId, handlingClerk: null };
    case 'EscalationTakenOver':
      return { ...state, handlingClerk: event.data.clerkId, takeoverEntries: [...state.takeoverEntries, event.data.takeoverEntry] };
    case 'EscalationStepRecorded':
      return { ...state, steps: state.steps + 1 };
    case 'EscalationFindingRecorded':
      return { ...state, finding: event.data.finding, findingOn: event.data.recordedOn };
    case 'EscalationReplySent':
      return { ...state, replySent: true };
    case 'EscalationWithdrawn':
      return state;
    case 'EscalationClosed':
      return { ...state, status: 'closed', closed: { outcome: event.data.outcome, closedOn: event.data.closedOn } };
    case 'CaseEscalated':
      return { ...state, escalatedTo: [...state.escalatedTo, event.data.escalationId] };
    case 'RetentionExpired':
      // R-RET-03: the personal data is shredded; the facts the rules read stay as they were.
      return state;
    default:
      return assertNever(event, 'escalation event');
  }
}
