import type { ExternalBody } from '../external-bodies/external-bodies.js';
import type { EventSchema } from '../shared/event-schema.js';
import type { DeliveryChannel, DeliveryRecipient, ExtractBundleRecord, ExtractScope, LegalBasis, StaffRef } from './extract.types.js';

export interface ExtractRequestedData {
  readonly extractId: string;
  readonly scope: ExtractScope;
  /** The body as the directory listed it at the time (R-LAW-12). */
  readonly addressee: ExternalBody;
  readonly legalBasis: LegalBasis;
  /** The size of a signed checkpoint the body already holds; the bundle proves consistency from it. */
  readonly knownCheckpointSize: number | null;
  /** Why the extract is made, in the requester's words. */
  readonly purpose: string;
  readonly requestedBy: StaffRef;
  readonly requestedAt: string;
}

/**
 * R-RET-03: the retention of the case the extract covers ended, so the bundle kept with its
 * personal data in plaintext was deleted; the digest stays, so what was sent stays provable.
 */
export interface ExtractBundlePurgedData {
  /** The retention run that expired the case. */
  readonly runId: string;
  /** The case whose retention ended. */
  readonly caseStreamId: string;
  /** The digest of the deleted bundle: the one `ExtractGenerated` recorded. */
  readonly bundleSha256: string;
  readonly purgedBy: StaffRef;
  readonly purgedAt: string;
  readonly rule: 'R-RET-03';
}

export type ExtractEvent =
  | { readonly type: 'ExtractRequested'; readonly data: ExtractRequestedData }
  | { readonly type: 'ExtractApproved'; readonly data: { readonly approvedBy: StaffRef; readonly approvedAt: string; readonly note: string | null } }
  | { readonly type: 'ExtractRefused'; readonly data: { readonly refusedBy: StaffRef; readonly refusedAt: string; readonly reason: string } }
  | { readonly type: 'ExtractGenerated'; readonly data: { readonly bundle: ExtractBundleRecord; readonly generatedBy: StaffRef; readonly generatedAt: string } }
  | {
      readonly type: 'ExtractDelivered';
      readonly data: { readonly deliveryId: string; readonly channel: DeliveryChannel; readonly deliveredAt: string; readonly recipient: DeliveryRecipient; readonly bundleSha256: string; readonly recordedBy: StaffRef };
    }
  | { readonly type: 'ExtractBundlePurged'; readonly data: ExtractBundlePurgedData };

export type ExtractEventType = ExtractEvent['type'];

/** Stored shapes: an extract's stream names staff, bodies and digests only, so nothing in it is encrypted. */
export const extractEventSchemas: readonly EventSchema[] = [
  { type: 'ExtractRequested', schemaVersion: 1 },
  { type: 'ExtractApproved', schemaVersion: 1 },
  { type: 'ExtractRefused', schemaVersion: 1 },
  { type: 'ExtractGenerated', schemaVersion: 1 },
  { type: 'ExtractDelivered', schemaVersion: 1 },
  { type: 'ExtractBundlePurged', schemaVersion: 1 },
];
