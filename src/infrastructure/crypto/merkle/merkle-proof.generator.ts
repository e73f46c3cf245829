import { emptyTreeRoot, hashChildren } from './merkle-hash.js';
import type { MerkleNodeSource } from './merkle-node-source.port.js';
import { isPowerOfTwo, isTreeCount, largestPowerOfTwoBelow, trailingZeros } from './merkle-size.math.js';

/**
 * MTH(D[0:treeSize]) of RFC 6962 section 2.1, for any `treeSize <= source.leafCount()`.
 * Uses O(log n) perfect nodes; the empty tree's root is SHA-256("").
 */
export function rootAt(source: MerkleNodeSource, treeSize: number): Buffer {
  requireSize('treeSize', treeSize, source);
  return treeSize === 0 ? emptyTreeRoot() : subtreeHash(source, 0, treeSize);
}

/**
 * PATH(leafIndex, D[0:treeSize]) of RFC 6962 section 2.1.1: sibling hashes from the leaf
 * upwards. Requires `leafIndex < treeSize <= source.leafCount()`.
 */
export function inclusionProof(source: MerkleNodeSource, leafIndex: number, treeSize: number): Buffer[] {
  requireSize('treeSize', treeSize, source);
  if (!isTreeCount(leafIndex) || leafIndex >= treeSize) {
    throw new RangeError(`leafIndex ${String(leafIndex)} is not an index below treeSize ${treeSize}`);
  }
  const path: Buffer[] = [];
  // Walk down from the root, collecting siblings; the proof lists them bottom-up.
  let start = 0;
  let end = treeSize;
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (leafIndex < start + k) {
      path.push(subtreeHash(source, start + k, end));
      end = start + k;
    } else {
      path.push(subtreeHash(source, start, start + k));
      start += k;
    }
  }
  return path.reverse();
}

/**
 * PROOF(size1, D[0:size2]) of RFC 6962 section 2.1.2. Requires
 * `0 < size1 <= size2 <= source.leafCount()`; equal sizes give the empty proof.
 */
export function consistencyProof(source: MerkleNodeSource, size1: number, size2: number): Buffer[] {
  requireSize('size2', size2, source);
  if (!isTreeCount(size1) || size1 === 0 || size1 > size2) {
    throw new RangeError(`size1 ${String(size1)} must satisfy 0 < size1 <= size2 (${size2})`);
  }
  const proof: Buffer[] = [];
  // SUBPROOF(m, D[start:end], b), unrolled: each step descends into one half.
  let m = size1;
  let start = 0;
  let end = size2;
  let wholeOldTree = true;
  while (m !== end - start) {
    const k = largestPowerOfTwoBelow(end - start);
    if (m <= k) {
      proof.push(subtreeHash(source, start + k, end));
      end = start + k;
    } else {
      proof.push(subtreeHash(source, start, start + k));
      start += k;
      m -= k;
      wholeOldTree = false;
    }
  }
  // The verifier already holds the old root, so it is only sent for a proper subtree of it.
  if (!wholeOldTree) proof.push(subtreeHash(source, start, end));
  return proof.reverse();
}

/** MTH(D[start:end]) for a non-empty range, built from perfect nodes. */
function subtreeHash(source: MerkleNodeSource, start: number, end: number): Buffer {
  const width = end - start;
  if (isPowerOfTwo(width) && start % width === 0) {
    return source.perfectNode(trailingZeros(width), start / width);
  }
  const k = largestPowerOfTwoBelow(width);
  return hashChildren(subtreeHash(source, start, start + k), subtreeHash(source, start + k, end));
}

function requireSize(name: string, size: number, source: MerkleNodeSource): void {
  const available = source.leafCount();
  if (!isTreeCount(size) || size > available) {
    throw new RangeError(`${name} ${String(size)} is not a size between 0 and ${available}`);
  }
}
