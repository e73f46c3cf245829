import { ORAL_CHANNELS, type Channel } from '../channel/channel-rules.js';
import { RuleViolation } from '../shared/domain-error.js';
import type { Actor } from '../shared/actor.js';

/**
 * R-LAW-04: the record of an oral complaint (or an oral escalation) not settled at once. With the
 * registration it holds the name and address or e-mail, the place, time and channel, the
 * description and the documents shown; the record adds the company's position if examined at
 * once, who recorded it, the customer's signature (except by phone), where and when it was drawn
 * up, the unique identifier, and how the copy reaches the customer.
 */
export interface OralRecordData {
  readonly recordId: string;
  readonly drawnUpAt: string;
  readonly place: string;
  readonly recordedBy: string;
  readonly positionIfExamined: string | null;
  readonly customerSignature: 'signed' | 'refused' | 'not_applicable';
  readonly copy: 'handed_over' | 'with_reply';
  readonly uniqueIdentifier: string | null;
}

/** What the registering clerk says about the record. */
export interface OralRecordInput {
  readonly recordPlace: string | null;
  readonly positionIfExamined: string | null;
  /** In person: whether the customer signed the record. */
  readonly customerSignedRecord: boolean | null;
  readonly recordCopyHandedOver: boolean;
}

export const isOral = (channel: Channel): boolean => ORAL_CHANNELS.includes(channel);

/**
 * The record of an oral complaint, drawn up at `drawnUpAt` by `actor`.
 * @throws RuleViolation `${code}.RECORD_PLACE_MISSING` or `${code}.RECORD_SIGNATURE_MISSING` (R-LAW-04).
 */
export function drawUpOralRecord(input: OralRecordInput, channel: Channel, context: { readonly actor: Actor; readonly newId: () => string }, drawnUpAt: Date, uniqueIdentifier: string | null, code: string): OralRecordData {
  if (!input.recordPlace || input.recordPlace.trim() === '') {
    throw new RuleViolation(`${code}.RECORD_PLACE_MISSING`, 'R-LAW-04', 'The record of an oral complaint names the place where it is drawn up', { field: 'recordPlace' });
  }
  if (channel === 'in_person' && input.customerSignedRecord === null) {
    throw new RuleViolation(`${code}.RECORD_SIGNATURE_MISSING`, 'R-LAW-04', 'Say whether the customer signed the record of an in-person complaint', { field: 'customerSignedRecord' });
  }
  return {
    recordId: context.newId(),
    drawnUpAt: drawnUpAt.toISOString(),
    place: input.recordPlace,
    recordedBy: context.actor.userId,
    positionIfExamined: input.positionIfExamined,
    customerSignature: channel === 'in_person' ? (input.customerSignedRecord ? 'signed' : 'refused') : 'not_applicable',
    copy: input.recordCopyHandedOver ? 'handed_over' : 'with_reply',
    uniqueIdentifier,
  };
}
