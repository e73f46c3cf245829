import type { EventSchema } from '../shared/event-schema.js';
import type { CaseFilePart, ConsentDocumentKind, RepresentativeOrganisation } from './consent.types.js';

export interface RepresentativeConsentRecordedData {
  readonly consentId: string;
  readonly caseStreamId: string;
  readonly caseRegisterEntry: string;
  readonly customer: { readonly subjectId: string; readonly name: string };
  readonly organisation: RepresentativeOrganisation;
  readonly scope: readonly CaseFilePart[];
  readonly givenOn: string;
  readonly validUntil: string | null;
  readonly document: { readonly kind: ConsentDocumentKind; readonly reference: string };
  readonly recordedBy: string;
}

export interface RepresentativeAccessRecordedData {
  readonly accessId: string;
  readonly consentId: string;
  readonly caseStreamId: string;
  readonly customerSubjectId: string;
  readonly organisation: RepresentativeOrganisation;
  readonly representativePerson: string;
  readonly parts: readonly CaseFilePart[];
  readonly purpose: string;
  readonly accessedAt: string;
  readonly grantedBy: string;
  /** R-ESC-03: recorded with every access. */
  readonly businessSecretAcknowledged: true;
}

export type ConsentEvent =
  | { readonly type: 'RepresentativeConsentRecorded'; readonly data: RepresentativeConsentRecordedData }
  | { readonly type: 'RepresentativeConsentWithdrawn'; readonly data: { readonly consentId: string; readonly caseStreamId: string; readonly withdrawnOn: string; readonly reason: string | null; readonly recordedBy: string } }
  | { readonly type: 'RepresentativeAccessRecorded'; readonly data: RepresentativeAccessRecordedData };

export type ConsentEventType = ConsentEvent['type'];

/** Stored shapes: the customer's name and the representative's name are encrypted under the customer's subject key. */
export const consentEventSchemas: readonly EventSchema[] = [
  { type: 'RepresentativeConsentRecorded', schemaVersion: 1, personal: [{ subjectPath: 'customer.subjectId', fields: ['customer.name'] }] },
  { type: 'RepresentativeConsentWithdrawn', schemaVersion: 1 },
  { type: 'RepresentativeAccessRecorded', schemaVersion: 1, personal: [{ subjectPath: 'customerSubjectId', fields: ['representativePerson'] }] },
];
