import type { Channel, CustomerMatter, WrittenChannel } from '../channel/channel-rules.js';

export const COMPLAINT_KINDS = [
  'bill_objection',
  'meter_dispute',
  'quality_complaint',
  'contract_relationship',
  'arrears_handling',
  'handling_conduct',
  'other',
] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/** R-CPL-11: the result of the investigation. */
export const FINDINGS = ['justified', 'partly_justified', 'unjustified'] as const;
export type Finding = (typeof FINDINGS)[number];

/** R-CPL-01: a closed complaint has one of these outcomes. */
export type ClosingOutcome = Finding | 'withdrawn' | 'settled_on_the_spot' | 'not_investigated';

/** The complainant; every field but the subject id is personal data, encrypted per subject. */
export interface Complainant {
  /** The data subject whose key encrypts the personal fields (crypto-shredding, R-RET-03). */
  readonly subjectId: string;
  readonly name: string | null;
  readonly address: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  /** The customer (user) identifier, felhasználói azonosító. */
  readonly customerNumber: string | null;
  /** Someone acting for the complainant, with the authorisation they showed. */
  readonly representative: { readonly name: string; readonly authorisation: string } | null;
}

export interface RegisterEntry {
  readonly register: 'filing_register';
  readonly unitId: string;
  readonly year: number;
  readonly number: number;
  /** As written in the register: unit code, year, number (`BP/2026/17`). */
  readonly entry: string;
}

/** R-CPL-11: what a justified complaint corrects. */
export const CORRECTION_AREAS = ['contract_data', 'master_data', 'invoice', 'settlement', 'arrears'] as const;
export type CorrectionArea = (typeof CORRECTION_AREAS)[number];

/** R-LAW-07: where a rejected complainant can turn, with contact details. */
export interface RedressBody {
  readonly name: string;
  readonly address: string;
  readonly phone: string | null;
  readonly email: string | null;
}

export interface Redress {
  readonly consumerProtectionAuthority: RedressBody;
  readonly conciliationBoard: RedressBody;
}

export type ExtensionReason = 'site_inspection' | 'authority_query';
export type LapseReason = 'identity_withheld' | 'description_withheld' | 'refused_to_sign';
export type DisclosedInformation = 'personal_data' | 'case_status' | 'arrears_amount' | 'technical_information';
export type ReplyChannel = WrittenChannel;
export type { Channel, CustomerMatter };
