import type { CaseFacts } from '../escalation/case-facts.js';
import type { PipelineCommand } from '../shared/pipeline-decider.js';
import type { CaseFilePart, ConsentDocumentKind, RepresentativeOrganisation } from './consent.types.js';

export interface RecordRepresentativeConsentData {
  readonly consentId: string;
  /** The case whose file is opened, as the application read it from its stream. */
  readonly case: CaseFacts;
  /** Who consents: must be the customer the case is about. */
  readonly customer: { readonly subjectId: string; readonly name: string };
  readonly organisation: RepresentativeOrganisation;
  readonly scope: readonly CaseFilePart[];
  readonly givenOn: string;
  /** Last day the consent is valid; null for until withdrawn. */
  readonly validUntil: string | null;
  readonly document: { readonly kind: ConsentDocumentKind; readonly reference: string };
}

export type ConsentCommand =
  | PipelineCommand<'RecordRepresentativeConsent', RecordRepresentativeConsentData>
  | PipelineCommand<'WithdrawRepresentativeConsent', { readonly consentId: string; readonly withdrawnOn: string; readonly reason: string | null }>
  | PipelineCommand<
      'RecordRepresentativeAccess',
      {
        readonly organisationId: string;
        /** The person of the organisation who sees the file. */
        readonly representativePerson: string;
        readonly parts: readonly CaseFilePart[];
        readonly purpose: string;
        /** R-ESC-03: the representative undertakes to treat what it sees as a business secret. */
        readonly businessSecretAcknowledged: boolean;
      }
    >;

export type ConsentCommandType = ConsentCommand['type'];
