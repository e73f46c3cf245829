/**
 * Read access to the perfect-subtree hashes of an append-only RFC 6962 tree. Roots and
 * proofs for any size up to `leafCount()` are computed from these nodes alone, so the
 * in-memory tree and a persistent store can serve the same algorithms.
 */
export interface MerkleNodeSource {
  /** Number of leaves appended so far. */
  leafCount(): number;
  /**
   * Hash of the perfect subtree of `2 ** level` leaves starting at leaf `index * 2 ** level`
   * (level 0 is the leaf hash itself). Only called when that subtree is complete, i.e.
   * `(index + 1) * 2 ** level <= leafCount()`; implementations throw a RangeError otherwise.
   */
  perfectNode(level: number, index: number): Buffer;
}
