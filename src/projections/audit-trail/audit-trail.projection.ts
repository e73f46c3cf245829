import { complaintEventSchemas } from '../../domain/complaint/complaint.events.js';
import { consentEventSchemas } from '../../domain/consent/consent.events.js';
import { allContractEventSchemas } from '../../domain/contract/contract.event-schemas.js';
import { faultReportEventSchemas } from '../../domain/dispatch/fault-report.events.js';
import { dutyEventSchemas } from '../../domain/duty/duty.events.js';
import { escalationEventSchemas } from '../../domain/escalation/escalation.events.js';
import { referralEventSchemas } from '../../domain/referral/referral.events.js';
import type { DocumentProjection, ProjectionEvent } from '../projection.js';

export const AUDIT_TRAIL = 'audit_trail';

export interface AuditTrailEntry {
  readonly version: number;
  readonly globalPosition: number;
  readonly eventId: string;
  readonly type: string;
  readonly recordedAt: string;
  readonly businessTime: string;
  readonly actor: { readonly userId: string; readonly role: string; readonly unit: string | null };
  readonly channel: string;
  readonly policyVersion: string;
  readonly correlationId: string;
  readonly commandId: string | null;
  readonly hash: string;
}

/** Every event of a case with who, when, through which channel, and its hash. */
export interface AuditTrail {
  readonly streamId: string;
  readonly entries: readonly AuditTrailEntry[];
}

function entryOf(event: ProjectionEvent): AuditTrailEntry {
  return {
    version: event.streamVersion,
    globalPosition: event.globalPosition,
    eventId: event.eventId,
    type: event.type,
    recordedAt: event.recordedAt,
    businessTime: event.metadata.businessTime,
    actor: event.metadata.actor,
    channel: event.metadata.channel,
    policyVersion: event.metadata.policyVersion,
    correlationId: event.metadata.correlationId,
    commandId: event.metadata.commandId ?? null,
    hash: event.hash,
  };
}

/** The case types whose streams get an audit trail; register and calendar streams have their own views. */
const CASE_STREAM = /^(complaint|fault|escalation|referral|consent|connection|contract|offer|counter-offer|extract)-/;

export const auditTrailProjection: DocumentProjection<AuditTrail> = {
  kind: 'documents',
  name: AUDIT_TRAIL,
  version: 3,
  // The trail is the whole stream: every event type of every case type.
  handles: [...complaintEventSchemas, ...faultReportEventSchemas, ...escalationEventSchemas, ...referralEventSchemas, ...consentEventSchemas, ...allContractEventSchemas, ...dutyEventSchemas].map((schema) => schema.type).concat('RetentionExpired'),
  documentIds: (event) => (CASE_STREAM.test(event.streamId) ? [event.streamId] : []),
  evolve: (doc, event) => ({ streamId: event.streamId, entries: [...(doc?.entries ?? []), entryOf(event)] }),
};
