import type { ComplaintFigures } from '../../../domain/extract/complaint-statistics.js';
import type { ExternalBodyKind } from '../../../domain/external-bodies/external-bodies.js';
import type { ExtractScope, LegalBasis } from '../../../domain/extract/extract.types.js';
import type { SignedCheckpoint } from '../../sealing/signed-checkpoint.js';

/**
 * The extract bundle, version 1: a ustar archive of the files below. `manifest.json` lists every
 * other file but the signature with its SHA-256 and size; `manifest.sig` is a detached Ed25519
 * signature over the exact bytes of `manifest.json` by the provider's seal key.
 */
export const BUNDLE_FORMAT = 'heating-cases/extract/v1';
export const SIGNATURE_FORMAT = 'heating-cases/extract-signature/v1';

export const BUNDLE_FILES = {
  manifest: 'manifest.json',
  signature: 'manifest.sig',
  publicKey: 'public-key.pem',
  events: 'events.jsonl',
  proofs: 'proofs.json',
  consistency: 'consistency.json',
  summaryHtml: 'summary.html',
  summaryCsv: 'summary.csv',
} as const;

/** One line of `events.jsonl`: everything that goes into the event's hash, as stored, and where it sits in the log. */
export interface BundleEvent {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** As stored: personal fields are ciphertext envelopes, so the hash recomputes without any key. */
  readonly data: unknown;
  readonly metadata: unknown;
  /** ISO 8601 with milliseconds, UTC. */
  readonly recordedAt: string;
  readonly prevHash: string;
  readonly hash: string;
  readonly globalPosition: number;
  /** The event's leaf in the sealed log; null if it was never sealed. */
  readonly leafIndex: number | null;
}

/** A leaf of an included stream as the seal recorded it, with its RFC 6962 inclusion proof. */
export interface SealedLeafProof {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly eventId: string;
  readonly leafIndex: number;
  /** Hex: the event hash that was sealed (the leaf's data). */
  readonly eventHash: string;
  /** Hex sibling hashes from the leaf up. */
  readonly proof: readonly string[];
}

/** `proofs.json`: every sealed leaf of every included stream, proven against the checkpoint. */
export interface ProofsFile {
  readonly format: typeof BUNDLE_FORMAT;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly leaves: readonly SealedLeafProof[];
}

/** `consistency.json`: the checkpoint the body held grows into the bundle's (RFC 6962 consistency proof). */
export interface ConsistencyFile {
  readonly format: typeof BUNDLE_FORMAT;
  readonly to: { readonly treeSize: number; readonly rootHash: string };
  readonly proofs: readonly { readonly from: SignedCheckpoint; readonly proof: readonly string[] }[];
}

/** `manifest.sig`. */
export interface ManifestSignature {
  readonly format: typeof SIGNATURE_FORMAT;
  readonly algorithm: 'Ed25519';
  /** The key id (as in checkpoints) of the key that signed. */
  readonly keyId: string;
  /** Hex SHA-256 of `manifest.json`: tells a damaged manifest from a damaged signature. */
  readonly manifestSha256: string;
  /** Base64 Ed25519 signature over the bytes of `manifest.json`. */
  readonly signature: string;
}

export interface ManifestStream {
  readonly streamId: string;
  readonly streamType: string | null;
  /** Events of the stream in the bundle, versions 1 to `lastVersion`. */
  readonly events: number;
  readonly lastVersion: number;
  readonly headHash: string;
}

export interface ManifestFile {
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
}

export interface ExtractManifest {
  readonly format: typeof BUNDLE_FORMAT;
  readonly extractId: string;
  readonly kind: ExtractScope['kind'];
  readonly scope: ExtractScope;
  readonly addressee: { readonly id: string; readonly kind: ExternalBodyKind; readonly name: string; readonly address: string; readonly email: string | null };
  readonly legalBasis: LegalBasis;
  /** Whether the summary shows personal data; the events always carry them as ciphertext. */
  readonly personalData: 'included' | 'redacted';
  /** ISO 8601. */
  readonly createdAt: string;
  readonly signingKeyId: string;
  readonly checkpoint: SignedCheckpoint;
  /** The checkpoint the body said it holds, proven consistent in `consistency.json`. */
  readonly knownCheckpoint: SignedCheckpoint | null;
  readonly streams: readonly ManifestStream[];
  readonly eventCount: number;
  /** For a statistics extract: the figures, recomputable from `events.jsonl`. */
  readonly statistics: { readonly from: string; readonly to: string; readonly asOf: string; readonly figures: ComplaintFigures } | null;
  readonly files: readonly ManifestFile[];
}
