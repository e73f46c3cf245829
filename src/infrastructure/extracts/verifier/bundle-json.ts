import type { BundleEvent, ConsistencyFile, ExtractManifest, ManifestSignature, ProofsFile, SealedLeafProof } from '../bundle/extract-bundle.format.js';
import { BUNDLE_FORMAT, SIGNATURE_FORMAT } from '../bundle/extract-bundle.format.js';
import type { SignedCheckpoint } from '../../sealing/signed-checkpoint.js';

/** Shape checks of a bundle's JSON files as parsed from untrusted bytes: each returns the problem, or null. */

const HEX32 = /^[0-9a-f]{64}$/;
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isText = (v: unknown): v is string => typeof v === 'string';
const isHash = (v: unknown): v is string => isText(v) && HEX32.test(v);
const isHashList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isHash);

/** Parses JSON, or says why it is not JSON. */
export function parseJson(bytes: Buffer): { value: unknown } | { problem: string } {
  try {
    return { value: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch (error) {
    return { problem: `not valid JSON (${(error as Error).message})` };
  }
}

export function checkpointProblem(v: unknown): string | null {
  if (!isObject(v)) return 'is not a signed checkpoint';
  if (!isText(v.log) || !isCount(v.treeSize) || !isHash(v.rootHash) || !isText(v.signedAt) || !isText(v.keyId) || !isText(v.signature)) {
    return 'is not a signed checkpoint (log, treeSize, rootHash, signedAt, keyId, signature)';
  }
  return null;
}

export function signatureFileProblem(v: unknown): string | null {
  if (!isObject(v) || v.format !== SIGNATURE_FORMAT) return `is not a bundle signature (format ${SIGNATURE_FORMAT})`;
  if (v.algorithm !== 'Ed25519' || !isText(v.keyId) || !isHash(v.manifestSha256) || !isText(v.signature)) return 'lacks the algorithm, key id, manifest digest or signature';
  return null;
}

export function manifestProblem(v: unknown): string | null {
  if (!isObject(v) || v.format !== BUNDLE_FORMAT) return `is not a manifest of format ${BUNDLE_FORMAT}`;
  if (!isText(v.extractId) || (v.kind !== 'case_file' && v.kind !== 'statistics') || !isObject(v.scope) || v.scope.kind !== v.kind) return 'does not say which extract it is (extractId, kind, scope)';
  if (!isObject(v.addressee) || !isObject(v.legalBasis) || (v.personalData !== 'included' && v.personalData !== 'redacted') || !isText(v.createdAt) || !isText(v.signingKeyId)) {
    return 'lacks the addressee, legal basis, personal-data marking, creation time or signing key';
  }
  const checkpoint = checkpointProblem(v.checkpoint);
  if (checkpoint) return `checkpoint ${checkpoint}`;
  if (v.knownCheckpoint !== null && checkpointProblem(v.knownCheckpoint)) return `knownCheckpoint ${checkpointProblem(v.knownCheckpoint)!}`;
  if (!Array.isArray(v.streams) || !v.streams.every((s) => isObject(s) && isText(s.streamId) && isCount(s.events) && isCount(s.lastVersion) && isText(s.headHash))) return 'has no valid stream list';
  if (!isCount(v.eventCount)) return 'has no event count';
  if (!Array.isArray(v.files) || !v.files.every((f) => isObject(f) && isText(f.name) && isHash(f.sha256) && isCount(f.size))) return 'has no valid file list (name, sha256, size)';
  if (v.kind === 'statistics' && (!isObject(v.statistics) || !isText(v.statistics.asOf) || !isObject(v.statistics.figures))) return 'has no statistics (asOf, figures) although it is a statistics extract';
  return null;
}

export function eventProblem(v: unknown): string | null {
  if (!isObject(v)) return 'is not a JSON object';
  const missing = [
    ['streamId', isText(v.streamId)],
    ['streamVersion', isCount(v.streamVersion) && (v.streamVersion as number) > 0],
    ['eventId', isText(v.eventId)],
    ['type', isText(v.type)],
    ['schemaVersion', isCount(v.schemaVersion)],
    ['data', 'data' in v],
    ['metadata', 'metadata' in v],
    ['recordedAt', isText(v.recordedAt)],
    ['prevHash', isHash(v.prevHash)],
    ['hash', isHash(v.hash)],
    ['globalPosition', isCount(v.globalPosition)],
    ['leafIndex', v.leafIndex === null || isCount(v.leafIndex)],
  ].filter(([, ok]) => !ok);
  return missing.length === 0 ? null : `lacks a valid ${missing.map(([name]) => name).join(', ')}`;
}

export function proofsProblem(v: unknown): string | null {
  if (!isObject(v) || v.format !== BUNDLE_FORMAT || !isCount(v.treeSize) || !isHash(v.rootHash) || !Array.isArray(v.leaves)) return 'is not a proofs file (format, treeSize, rootHash, leaves)';
  const bad = v.leaves.findIndex((l) => !isObject(l) || !isText(l.streamId) || !isCount(l.streamVersion) || !isText(l.eventId) || !isCount(l.leafIndex) || !isHash(l.eventHash) || !isHashList(l.proof));
  return bad === -1 ? null : `leaf entry ${bad + 1} lacks a valid streamId, streamVersion, eventId, leafIndex, eventHash or proof`;
}

export function consistencyProblem(v: unknown): string | null {
  if (!isObject(v) || v.format !== BUNDLE_FORMAT || !isObject(v.to) || !isCount(v.to.treeSize) || !isHash(v.to.rootHash) || !Array.isArray(v.proofs)) return 'is not a consistency file (format, to, proofs)';
  const bad = v.proofs.findIndex((p) => !isObject(p) || checkpointProblem(p.from) !== null || !isHashList(p.proof));
  return bad === -1 ? null : `proof entry ${bad + 1} lacks a signed checkpoint or a proof`;
}

export type { BundleEvent, ConsistencyFile, ExtractManifest, ManifestSignature, ProofsFile, SealedLeafProof, SignedCheckpoint };
