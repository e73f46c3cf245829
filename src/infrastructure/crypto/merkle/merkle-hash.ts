import { createHash, hash } from 'node:crypto';

/** Bytes in every RFC 6962 hash (SHA-256). */
export const HASH_SIZE = 32;

// Domain-separation prefixes (RFC 6962 section 2.1) keep a leaf from posing as an inner node.
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

// One-shot hashing of a single buffer is about three times faster than chained updates,
// which matters when a million-leaf tree is built. Reused: hashing is synchronous.
const nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE);

/** RFC 6962 leaf hash: SHA-256(0x00 || leaf bytes). The leaf may be any byte string. */
export function hashLeaf(leaf: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(1 + leaf.byteLength);
  input[0] = LEAF_PREFIX;
  input.set(leaf, 1);
  return hash('sha256', input, 'buffer');
}

/** RFC 6962 inner node hash: SHA-256(0x01 || left || right). Both children must be 32 bytes. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.byteLength !== HASH_SIZE || right.byteLength !== HASH_SIZE) {
    throw new RangeError(`child hashes must be ${HASH_SIZE} bytes`);
  }
  nodeInput[0] = NODE_PREFIX;
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return hash('sha256', nodeInput, 'buffer');
}

/** Root of the empty tree: SHA-256 of the empty string. A fresh copy on each call. */
export function emptyTreeRoot(): Buffer {
  return createHash('sha256').digest();
}

/** Byte-for-byte equality of two byte strings of any length. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}
