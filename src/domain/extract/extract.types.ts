import type { LocalDate } from '../calendar/local-date.js';
import type { ExternalBody } from '../external-bodies/external-bodies.js';
import type { Role } from '../shared/actor.js';

/** What an extract carries: one case file, or complaint statistics for a period. */
export const EXTRACT_KINDS = ['case_file', 'statistics'] as const;
export type ExtractKind = (typeof EXTRACT_KINDS)[number];

/** One case stream as a consumer-protection authority asks for it; or a period as a regulator does. */
export type ExtractScope =
  | { readonly kind: 'case_file'; readonly caseStreamId: string }
  | { readonly kind: 'statistics'; readonly from: LocalDate; readonly to: LocalDate };

/** Why the provider may hand the data over. */
export const LEGAL_BASIS_KINDS = ['authority_request', 'statutory_reporting', 'court_order', 'customer_consent'] as const;
export type LegalBasisKind = (typeof LEGAL_BASIS_KINDS)[number];

export interface LegalBasis {
  readonly kind: LegalBasisKind;
  /** The body's file number, the statute's section, the order's number. */
  readonly reference: string;
  /** Whether the basis covers personal data; without it the summary shows them redacted. */
  readonly allowsPersonalData: boolean;
}

/** How a bundle reached the body. */
export const DELIVERY_CHANNELS = ['hivatali_kapu', 'cegkapu', 'registered_post', 'email', 'in_person', 'secure_download'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** Who received it: an office of the body and its file number, never a private person. */
export interface DeliveryRecipient {
  readonly office: string;
  readonly reference: string | null;
}

/** The signed tree head a bundle is sealed under (the signature itself is in the bundle). */
export interface ExtractCheckpointRef {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly signedAt: string;
  readonly keyId: string;
}

export interface ExtractFileRecord {
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
}

/** What was generated: the bundle's digest, the checkpoint, and every file with its digest. */
export interface ExtractBundleRecord {
  readonly formatVersion: string;
  /** Hex SHA-256 of the whole archive, as downloaded. */
  readonly sha256: string;
  readonly size: number;
  /** Hex SHA-256 of manifest.json, the bytes the provider signed. */
  readonly manifestSha256: string;
  readonly signingKeyId: string;
  readonly checkpoint: ExtractCheckpointRef;
  /** The checkpoint the body already held, when a consistency proof from it is included. */
  readonly knownCheckpointSize: number | null;
  readonly files: readonly ExtractFileRecord[];
  readonly personalData: 'included' | 'redacted';
  readonly streams: readonly { readonly streamId: string; readonly events: number }[];
  readonly eventCount: number;
  /** ISO 8601: when the bundle was built (its manifest's createdAt). */
  readonly createdAt: string;
}

export interface StaffRef {
  readonly userId: string;
  readonly role: Role;
}

export type { ExternalBody };

/** The stream types a case-file extract may cover: the product's case types. */
export const CASE_FILE_STREAM_TYPES = ['complaint', 'fault_report', 'escalation', 'referral', 'contract', 'counter_offer', 'connection_application', 'contract_offer'] as const;
