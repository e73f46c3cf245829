import type { Duration } from '../calendar/duration.js';
import type { ReplyChannel } from '../complaint/complaint.types.js';
import type { DutyEvent } from '../duty/duty.events.js';
import type { CaseLink } from '../escalation/case-facts.js';
import type { CaseRegisterEntry } from '../shared/case-support.js';
import type { EventSchema } from '../shared/event-schema.js';
import { caseReferralEventSchemas } from './case-referral.js';
import { legalHoldEventSchemas, type LegalHoldEvent } from './legal-hold.events.js';
import type { BodyOutcome, BodySnapshot, ReferralInitiator } from './referral.types.js';
import type { RetentionExpiredEvent } from '../retention/retention.events.js';

export interface ReferralRecordedData {
  readonly referralId: string;
  /** The entry in the referral register of the recording unit. */
  readonly registerEntry: CaseRegisterEntry;
  readonly about: CaseLink;
  readonly body: BodySnapshot;
  readonly initiatedBy: ReferralInitiator;
  readonly referredOn: string;
  readonly customer: { readonly subjectId: string; readonly name: string | null };
  readonly bodyCaseReference: string | null;
  readonly subject: string;
  /** R-ESC-02: the body's handling time, for tracking only; null where the policy sets none for the body. */
  readonly handling: { readonly duration: Duration; readonly expectedDecisionBy: string; readonly basis: string } | null;
  readonly recordingUnit: string;
  readonly recordedBy: string;
  readonly policyVersion: string;
}

export type ReferralEvent =
  | { readonly type: 'ReferralRecorded'; readonly data: ReferralRecordedData }
  | { readonly type: 'BodyRequestReceived'; readonly data: { readonly requestId: string; readonly customerSubjectId: string; readonly receivedAt: string; readonly receivedOn: string; readonly bodyReference: string | null; readonly request: string; readonly replyDue: string } }
  | { readonly type: 'BodyRequestAnswered'; readonly data: { readonly requestId: string; readonly customerSubjectId: string; readonly sentAt: string; readonly channel: ReplyChannel; readonly summary: string; readonly late: boolean } }
  | { readonly type: 'ReferralOutcomeRecorded'; readonly data: { readonly customerSubjectId: string; readonly decidedOn: string; readonly outcome: BodyOutcome; readonly decisionReference: string | null; readonly summary: string; readonly decidedAfterHandlingTime: boolean | null; readonly appealPending: boolean } }
  | { readonly type: 'ReferralClosed'; readonly data: { readonly closedOn: string; readonly retainUntil: Readonly<Record<'case_document', string>> } }
  | LegalHoldEvent
  | DutyEvent
  | RetentionExpiredEvent;

export type ReferralEventType = ReferralEvent['type'];

/** Stored shapes: personal fields are encrypted under the customer's subject key. Includes the legal-hold events. */
export const referralEventSchemas: readonly EventSchema[] = [
  { type: 'ReferralRecorded', schemaVersion: 1, personal: [{ subjectPath: 'customer.subjectId', fields: ['customer.name', 'subject'] }] },
  { type: 'BodyRequestReceived', schemaVersion: 1, personal: [{ subjectPath: 'customerSubjectId', fields: ['request'] }] },
  { type: 'BodyRequestAnswered', schemaVersion: 1, personal: [{ subjectPath: 'customerSubjectId', fields: ['summary'] }] },
  { type: 'ReferralOutcomeRecorded', schemaVersion: 1, personal: [{ subjectPath: 'customerSubjectId', fields: ['summary'] }] },
  { type: 'ReferralClosed', schemaVersion: 1 },
  ...legalHoldEventSchemas,
  // The notices on the referred case (R-ESC-02), registered once here for every case type.
  ...caseReferralEventSchemas,
];
