import type { Channel, InPersonOnlyMatter } from '../channel/channel-rules.js';

export type { Channel, InPersonOnlyMatter };

/** Seed 4.1.1.1 / 4.1.1.2: residential users and other users give different data (R-CON-01). */
export const USER_CATEGORIES = ['residential', 'other'] as const;
export type UserCategory = (typeof USER_CATEGORIES)[number];

/** Seed 4.2.1: a general public-utility contract with residential users, an individual one with other users. */
export const CONTRACT_KINDS = ['general', 'individual'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];

export const contractKindFor = (category: UserCategory): ContractKind => (category === 'residential' ? 'general' : 'individual');

export const PAYMENT_METHODS = ['bank_transfer', 'direct_debit', 'postal_cheque', 'cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Bank name and account number (pénzintézet, pénzintézeti jelzőszám): personal data. */
export interface BankDetails {
  readonly bankName: string;
  readonly accountNumber: string;
}

interface PartyBase {
  /** The data subject whose key encrypts every personal field of the party (R-RET-03). */
  readonly subjectId: string;
  readonly name: string;
  readonly address: string;
  /** Jogcím: owner, tenant, user, ... */
  readonly legalTitle: string;
  readonly email: string | null;
  readonly phone: string | null;
  /** Where paying by transfer (R-CON-01); other users give them always (seed 4.1.1.2). */
  readonly bankDetails: BankDetails | null;
}

/** R-CON-01, seed 4.1.1.1: a residential applicant or customer. */
export interface ResidentialParty extends PartyBase {
  readonly category: 'residential';
  readonly birthPlace: string;
  /** YYYY-MM-DD. */
  readonly birthDate: string;
  readonly mothersName: string;
}

/** R-CON-01, seed 4.1.1.2: any other user (a company, an institution). */
export interface OtherUserParty extends PartyBase {
  readonly category: 'other';
  readonly statisticalNumber: string;
  readonly companyRegistrationNumber: string;
  readonly taxNumber: string;
  readonly representative: { readonly name: string; readonly address: string };
}

/** An applicant, a customer or a payer. Every field but `subjectId` and `category` is treated as personal. */
export type ContractParty = ResidentialParty | OtherUserParty;

/** The place of use (felhasználási hely): its address is personal; its id is the provider's key. */
export interface PlaceOfUse {
  readonly placeOfUseId: string | null;
  readonly address: string;
  /** Rendeltetés, or for other users the facility's name and designation. */
  readonly purpose: string;
}

/** R-CON-01: requested peak heat demand, hot-water demand, and their total, in kW. */
export interface HeatDemand {
  readonly peakHeatKw: number;
  readonly hotWaterKw: number;
  readonly totalPeakKw: number;
}

export type ConnectionPurpose = 'new_connection' | 'extra_capacity';

/** R-CON-10: a general contract is indefinite; an individual one fixed-term unless agreed otherwise. */
export type ContractTerm =
  | { readonly kind: 'indefinite'; readonly agreedOtherwise: boolean }
  | { readonly kind: 'fixed'; readonly endsOn: string };

/** What the draft (the offer) and the contract say; no personal data. */
export interface ContractTerms {
  readonly kind: ContractKind;
  readonly placeOfUseId: string;
  readonly tariff: string;
  readonly paymentMethod: PaymentMethod;
  readonly contractedHeatKw: number;
  /** YYYY-MM-DD: when supply starts. */
  readonly supplyStartsOn: string;
  readonly term: ContractTerm;
  /** Seed 4.2.4: an individual contract fixes the customer's notice period; null uses the policy's (R-CON-13). */
  readonly customerNoticeDays: number | null;
}

/** R-CON-07: one clause the customer signed differently. */
export interface ContractDifference {
  readonly clause: string;
  /** The customer's own wording: personal (free text from the customer). */
  readonly customerPosition: string;
}

/** The stream types that hand over a draft and can form a contract. */
export type OfferStreamType = 'connection_application' | 'contract_offer';
export type FormingStreamType = OfferStreamType | 'counter_offer';

/** A link to another contract case, kept in the events of both. */
export interface ContractCaseLink {
  readonly streamId: string;
  readonly streamType: FormingStreamType | 'contract';
  readonly caseId: string;
}
