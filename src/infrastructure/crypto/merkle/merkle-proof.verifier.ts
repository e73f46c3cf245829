import { bytesEqual, HASH_SIZE, hashChildren } from './merkle-hash.js';
import {
  consistencyProofLength,
  inclusionProofLength,
  isPowerOfTwo,
  isTreeCount,
  lsb,
  shiftRight,
} from './merkle-size.math.js';

/** Outcome of a proof check; `reason` says exactly which check failed. */
export type MerkleVerification = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Input of {@link verifyInclusion}. Hashes are 32-byte SHA-256 values. */
export interface InclusionProofInput {
  readonly leafIndex: number;
  readonly treeSize: number;
  /** RFC 6962 leaf hash, SHA-256(0x00 || leaf). */
  readonly leafHash: Uint8Array;
  /** Sibling hashes from the leaf upwards. */
  readonly proof: readonly Uint8Array[];
  readonly root: Uint8Array;
}

/** Input of {@link verifyConsistency}. Hashes are 32-byte SHA-256 values. */
export interface ConsistencyProofInput {
  readonly size1: number;
  readonly size2: number;
  readonly root1: Uint8Array;
  readonly root2: Uint8Array;
  readonly proof: readonly Uint8Array[];
}

/** Thrown by the asserting variants when a proof is rejected. */
export class MerkleProofRejected extends Error {
  readonly code = 'MERKLE.PROOF_REJECTED';

  constructor(readonly reason: string) {
    super(`Merkle proof rejected: ${reason}`);
    this.name = 'MerkleProofRejected';
  }
}

const OK: MerkleVerification = { ok: true };
const fail = (reason: string): MerkleVerification => ({ ok: false, reason });

/**
 * Verifies an RFC 6962 inclusion proof with the algorithm of RFC 9162 section 2.1.3.2.
 * Rejects anything malformed: sizes that are not safe integers, `leafIndex >= treeSize`,
 * hashes that are not 32 bytes, and proofs with more or fewer nodes than the path needs.
 */
export function verifyInclusion(input: InclusionProofInput): MerkleVerification {
  const { leafIndex, treeSize, leafHash, proof, root } = input;
  if (!isTreeCount(leafIndex)) return fail(`leafIndex ${String(leafIndex)} is not a non-negative safe integer`);
  if (!isTreeCount(treeSize)) return fail(`treeSize ${String(treeSize)} is not a non-negative safe integer`);
  if (leafIndex >= treeSize) return fail(`leafIndex ${leafIndex} is not below treeSize ${treeSize}`);
  const malformed = hashProblem('leafHash', leafHash) ?? hashProblem('root', root) ?? proofProblem(proof);
  if (malformed !== undefined) return fail(malformed);
  const expected = inclusionProofLength(leafIndex, treeSize);
  if (proof.length !== expected) return fail(`proof has ${proof.length} nodes, expected ${expected}`);

  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Uint8Array = leafHash;
  for (const p of proof) {
    if (sn === 0) return fail('proof is longer than the path to the root');
    if (lsb(fn) || fn === sn) {
      r = hashChildren(p, r);
      while (!lsb(fn) && fn !== 0) {
        fn = shiftRight(fn);
        sn = shiftRight(sn);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = shiftRight(fn);
    sn = shiftRight(sn);
  }
  if (sn !== 0) return fail('proof is shorter than the path to the root');
  if (!bytesEqual(r, root)) return fail('computed root differs from the given root');
  return OK;
}

/**
 * Verifies an RFC 6962 consistency proof with the algorithm of RFC 9162 section 2.1.4.2.
 * Equal sizes need an empty proof and identical roots. `size1 = 0` is always rejected:
 * every tree extends the empty one, so such a proof would prove nothing.
 */
export function verifyConsistency(input: ConsistencyProofInput): MerkleVerification {
  const { size1, size2, root1, root2, proof } = input;
  if (!isTreeCount(size1)) return fail(`size1 ${String(size1)} is not a non-negative safe integer`);
  if (!isTreeCount(size2)) return fail(`size2 ${String(size2)} is not a non-negative safe integer`);
  if (size1 > size2) return fail(`size1 ${size1} is greater than size2 ${size2}`);
  if (size1 === 0) return fail('size1 is 0: consistency with the empty tree proves nothing');
  if (!Array.isArray(proof)) return fail('proof is not an array');
  if (size1 === size2) {
    if (proof.length !== 0) return fail(`proof has ${proof.length} nodes, expected 0 for equal sizes`);
    if (!isBytes(root1) || !isBytes(root2)) return fail('root1 and root2 must be byte arrays');
    // Nothing is hashed here, so the roots are only compared (the vectors accept any equal pair).
    if (!bytesEqual(root1, root2)) return fail('root1 differs from root2 although the sizes are equal');
    return OK;
  }
  const malformed = proofProblem(proof) ?? hashProblem('root1', root1) ?? hashProblem('root2', root2);
  if (malformed !== undefined) return fail(malformed);
  const expected = consistencyProofLength(size1, size2);
  if (proof.length !== expected) return fail(`proof has ${proof.length} nodes, expected ${expected}`);

  // RFC 9162: when size1 is a power of two the old root is itself the first node of the path.
  const path: readonly Uint8Array[] = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (lsb(fn)) {
    fn = shiftRight(fn);
    sn = shiftRight(sn);
  }
  const [first, ...rest] = path;
  if (first === undefined) return fail('proof is empty');
  let fr: Uint8Array = first;
  let sr: Uint8Array = first;
  for (const c of rest) {
    if (sn === 0) return fail('proof is longer than the path to the new root');
    if (lsb(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!lsb(fn) && fn !== 0) {
        fn = shiftRight(fn);
        sn = shiftRight(sn);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = shiftRight(fn);
    sn = shiftRight(sn);
  }
  if (sn !== 0) return fail('proof is shorter than the path to the new root');
  if (!bytesEqual(fr, root1)) return fail('computed root1 differs from the given root1');
  if (!bytesEqual(sr, root2)) return fail('computed root2 differs from the given root2');
  return OK;
}

/** {@link verifyInclusion} that throws {@link MerkleProofRejected} instead of returning a failure. */
export function assertInclusion(input: InclusionProofInput): void {
  const result = verifyInclusion(input);
  if (!result.ok) throw new MerkleProofRejected(result.reason);
}

/** {@link verifyConsistency} that throws {@link MerkleProofRejected} instead of returning a failure. */
export function assertConsistency(input: ConsistencyProofInput): void {
  const result = verifyConsistency(input);
  if (!result.ok) throw new MerkleProofRejected(result.reason);
}

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

// Inputs may come from parsed JSON in the offline verifier, so types are checked at run time.
function hashProblem(name: string, value: unknown): string | undefined {
  if (!isBytes(value)) return `${name} is not a byte array`;
  if (value.byteLength !== HASH_SIZE) return `${name} has ${value.byteLength} bytes, expected ${HASH_SIZE}`;
  return undefined;
}

function proofProblem(proof: unknown): string | undefined {
  if (!Array.isArray(proof)) return 'proof is not an array';
  for (const [i, node] of (proof as unknown[]).entries()) {
    const problem = hashProblem(`proof node ${i}`, node);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
