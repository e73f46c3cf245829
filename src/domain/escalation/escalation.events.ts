import type { Channel, Complainant, Finding, Redress, ReplyChannel } from '../complaint/complaint.types.js';
import type { OralRecordData } from '../complaint/oral-record.js';
import type { DutyEvent } from '../duty/duty.events.js';
import type { UnitKind } from '../organisation/organisation.js';
import type { EventSchema } from '../shared/event-schema.js';
import type { CaseLink } from './case-facts.js';
import { caseEscalatedEventSchemas, type CaseEscalated } from './case-escalated.js';
import type { CaseReferralEvent } from '../referral/case-referral.js';
import type { CaseRegisterEntry } from '../shared/case-support.js';
import type { EscalationLevel, EscalationOutcome, EscalationStep } from './escalation.types.js';
import type { RetentionExpiredEvent } from '../retention/retention.events.js';

export interface EscalationRegisteredData {
  readonly escalationId: string;
  readonly level: EscalationLevel;
  readonly targetUnit: { readonly id: string; readonly kind: UnitKind; readonly code: string };
  /** R-ESC-01, R-CPL-03: the number in the target's incoming register (complaint letters / incoming letters). */
  readonly registerEntry: CaseRegisterEntry;
  /** R-LAW-03: told to a customer who escalated by phone or electronically. */
  readonly uniqueIdentifier: string | null;
  readonly receivedAt: string;
  readonly receivedOn: string;
  readonly channel: Channel;
  /** R-ESC-01: the case this escalation is about. */
  readonly about: CaseLink;
  readonly complainant: Complainant;
  readonly description: string;
  readonly documents: readonly string[];
  readonly remedySought: string | null;
  readonly policyVersion: string;
  readonly deadlines: {
    readonly replyDue: string;
    readonly handlingTargetDue: string | null;
    readonly replyBasis: string;
  };
}

export type EscalationEvent =
  | { readonly type: 'EscalationRegistered'; readonly data: EscalationRegisteredData }
  /** R-LAW-04: the record of an escalation made orally, with the same content as an oral complaint's. */
  | { readonly type: 'EscalationRecordDrawnUp'; readonly data: OralRecordData }
  | { readonly type: 'EscalationClerkDesignated'; readonly data: { readonly clerkId: string; readonly designatedBy: string; readonly unit: string } }
  | { readonly type: 'EscalationClerkReassigned'; readonly data: { readonly previousClerkId: string; readonly clerkId: string; readonly reassignedBy: string; readonly reason: string } }
  | { readonly type: 'EscalationTakenOver'; readonly data: { readonly clerkId: string; readonly takenOverOn: string; readonly takeoverEntry: CaseRegisterEntry } }
  | { readonly type: 'EscalationStepRecorded'; readonly data: { readonly stepId: string; readonly step: EscalationStep; readonly description: string; readonly recordedOn: string; readonly recordedBy: string } }
  | { readonly type: 'EscalationFindingRecorded'; readonly data: { readonly finding: Finding; readonly reasoning: string; readonly recordedOn: string } }
  | { readonly type: 'EscalationReplySent'; readonly data: { readonly replyId: string; readonly channel: ReplyChannel; readonly sentAt: string; readonly finding: Finding; readonly summary: string; readonly reasons: string; readonly redress: Redress | null; readonly late: boolean; readonly recordCopyEnclosed: boolean } }
  | { readonly type: 'EscalationWithdrawn'; readonly data: { readonly reason: string } }
  | { readonly type: 'EscalationClosed'; readonly data: { readonly outcome: EscalationOutcome; readonly closedOn: string; readonly reason: string | null; readonly retainUntil: Readonly<Record<'complaint_record' | 'complaint_reply' | 'case_document', string>> } }
  | CaseEscalated
  | CaseReferralEvent
  | DutyEvent
  | RetentionExpiredEvent;

export type EscalationEventType = EscalationEvent['type'];

const complainantFields = ['complainant.name', 'complainant.address', 'complainant.email', 'complainant.phone', 'complainant.customerNumber', 'complainant.representative'];

/**
 * Stored shapes: personal fields are encrypted under the complainant's subject key. Includes
 * `CaseEscalated` (register it once, here, for every stream type that carries it).
 */
export const escalationEventSchemas: readonly EventSchema[] = [
  {
    type: 'EscalationRegistered',
    schemaVersion: 1,
    personal: [{ subjectPath: 'complainant.subjectId', fields: [...complainantFields, 'description', 'remedySought', 'documents'] }],
  },
  { type: 'EscalationRecordDrawnUp', schemaVersion: 1 },
  { type: 'EscalationClerkDesignated', schemaVersion: 1 },
  { type: 'EscalationClerkReassigned', schemaVersion: 1 },
  { type: 'EscalationTakenOver', schemaVersion: 1 },
  { type: 'EscalationStepRecorded', schemaVersion: 1 },
  { type: 'EscalationFindingRecorded', schemaVersion: 1 },
  // v2 says whether the copy of the oral escalation's record went with the reply (R-LAW-04).
  { type: 'EscalationReplySent', schemaVersion: 2, upcasters: { 1: (data) => ({ ...data, recordCopyEnclosed: false }) } },
  { type: 'EscalationWithdrawn', schemaVersion: 1 },
  { type: 'EscalationClosed', schemaVersion: 1 },
  ...caseEscalatedEventSchemas,
];
