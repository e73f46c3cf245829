import { HASH_SIZE, hashChildren, hashLeaf } from './merkle-hash.js';
import type { MerkleNodeSource } from './merkle-node-source.port.js';
import { consistencyProof, inclusionProof, rootAt } from './merkle-proof.generator.js';

const INITIAL_SLOTS = 64;

/**
 * In-memory append-only RFC 6962 tree. Keeps every perfect-subtree hash, level by level
 * (level 0 = leaf hashes), so appends are amortised O(1) and roots and proofs for any
 * earlier size cost O(log n) hashes. Holds 64 to 128 bytes per leaf.
 */
export class MerkleTree implements MerkleNodeSource {
  // One contiguous buffer per level: a million leaves would otherwise be two million Buffer objects.
  private readonly levels: Buffer[] = [];
  private readonly counts: number[] = [];

  /** Appends a leaf hash (32 bytes, already SHA-256(0x00 || leaf)); returns its index. */
  appendLeafHash(leafHash: Uint8Array): number {
    if (!(leafHash instanceof Uint8Array) || leafHash.byteLength !== HASH_SIZE) {
      throw new RangeError(`leaf hash must be ${HASH_SIZE} bytes`);
    }
    const leafIndex = this.leafCount();
    let level = 0;
    let index = this.push(0, leafHash);
    // Each right child completes a perfect subtree one level up.
    while (index % 2 === 1) {
      const parent = hashChildren(this.slot(level, index - 1), this.slot(level, index));
      level += 1;
      index = this.push(level, parent);
    }
    return leafIndex;
  }

  /** Appends a leaf given as raw bytes, hashing it as an RFC 6962 leaf; returns its index. */
  appendLeaf(leaf: Uint8Array): number {
    return this.appendLeafHash(hashLeaf(leaf));
  }

  /** Number of leaves appended so far. */
  leafCount(): number {
    return this.counts[0] ?? 0;
  }

  /** {@inheritDoc MerkleNodeSource.perfectNode} Returns a copy. */
  perfectNode(level: number, index: number): Buffer {
    const count = this.counts[level];
    if (count === undefined || !Number.isSafeInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`no complete subtree at level ${level}, index ${index}`);
    }
    return Buffer.from(this.slot(level, index));
  }

  /** Root hash of the tree's first `treeSize` leaves (default: all of them). */
  root(treeSize: number = this.leafCount()): Buffer {
    return rootAt(this, treeSize);
  }

  /** Inclusion proof for `leafIndex` in the tree of `treeSize` leaves (default: all of them). */
  inclusionProof(leafIndex: number, treeSize: number = this.leafCount()): Buffer[] {
    return inclusionProof(this, leafIndex, treeSize);
  }

  /** Consistency proof from the tree of `size1` leaves to that of `size2` (default: all of them). */
  consistencyProof(size1: number, size2: number = this.leafCount()): Buffer[] {
    return consistencyProof(this, size1, size2);
  }

  private slot(level: number, index: number): Buffer {
    const buffer = this.levels[level];
    if (buffer === undefined) throw new RangeError(`no level ${level}`);
    return buffer.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }

  /** Writes a hash at the end of `level`, growing its buffer by doubling; returns its index. */
  private push(level: number, hash: Uint8Array): number {
    const index = this.counts[level] ?? 0;
    let buffer = this.levels[level] ?? Buffer.alloc(INITIAL_SLOTS * HASH_SIZE);
    if ((index + 1) * HASH_SIZE > buffer.length) {
      const grown = Buffer.alloc(buffer.length * 2);
      buffer.copy(grown);
      buffer = grown;
    }
    buffer.set(hash, index * HASH_SIZE);
    this.levels[level] = buffer;
    this.counts[level] = index + 1;
    return index;
  }
}

/** Builds an in-memory tree from leaf hashes (each 32 bytes), in order. */
export function buildMerkleTree(leafHashes: Iterable<Uint8Array>): MerkleTree {
  const tree = new MerkleTree();
  for (const leafHash of leafHashes) tree.appendLeafHash(leafHash);
  return tree;
}
