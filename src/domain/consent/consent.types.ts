/** The parts of an individual case file a consent may open to a consumer representative (R-ESC-03). */
export const CASE_FILE_PARTS = ['case_record', 'correspondence', 'attached_documents', 'worksheets', 'billing_data'] as const;
export type CaseFilePart = (typeof CASE_FILE_PARTS)[number];

/** The paper the customer's consent is recorded on. */
export type ConsentDocumentKind = 'signed_statement' | 'power_of_attorney' | 'statement_in_record';

/** A consumer representative organisation (a consumer association under the Fgytv.). */
export interface RepresentativeOrganisation {
  readonly id: string;
  readonly name: string;
}
