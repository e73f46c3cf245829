// Arithmetic on tree sizes and indices. Sizes may exceed 2^32, so this uses division
// instead of JavaScript's 32-bit bitwise operators; all values are safe integers.

/** True when `n` is a non-negative safe integer. */
export function isTreeCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** True when the lowest bit of `n` is set. */
export function lsb(n: number): boolean {
  return n % 2 === 1;
}

/** `n >> 1` for any safe integer. */
export function shiftRight(n: number): number {
  return Math.floor(n / 2);
}

/** True when `n` is 1, 2, 4, 8, ... */
export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/** The largest power of two strictly smaller than `n`, for n >= 2 (RFC 6962 section 2.1 split point). */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Number of trailing zero bits of `n` (n >= 1). */
export function trailingZeros(n: number): number {
  let count = 0;
  while (n > 0 && n % 2 === 0) {
    n /= 2;
    count += 1;
  }
  return count;
}

/** Number of set bits of `n`. */
export function popCount(n: number): number {
  let count = 0;
  while (n > 0) {
    if (lsb(n)) count += 1;
    n = shiftRight(n);
  }
  return count;
}

/** Bit length of `a XOR b`: how many levels up the paths of leaves `a` and `b` meet. */
export function divergenceLevel(a: number, b: number): number {
  let level = 0;
  while (a !== b) {
    a = shiftRight(a);
    b = shiftRight(b);
    level += 1;
  }
  return level;
}

/** Nodes in an RFC 6962 inclusion proof for `leafIndex` in a tree of `treeSize` (0 <= leafIndex < treeSize). */
export function inclusionProofLength(leafIndex: number, treeSize: number): number {
  if (!isTreeCount(leafIndex) || !isTreeCount(treeSize) || leafIndex >= treeSize) {
    throw new RangeError(`no leaf ${leafIndex} in a tree of ${treeSize}`);
  }
  // Below the level where the leaf's path meets the right border every level contributes a
  // sibling; above it only the levels where the path has a left neighbour do.
  const inner = divergenceLevel(leafIndex, treeSize - 1);
  let above = leafIndex;
  for (let i = 0; i < inner; i += 1) above = shiftRight(above);
  return inner + popCount(above);
}

/** Nodes in an RFC 6962 consistency proof between sizes 0 < size1 < size2. */
export function consistencyProofLength(size1: number, size2: number): number {
  if (!isTreeCount(size1) || !isTreeCount(size2) || size1 === 0 || size1 >= size2) {
    throw new RangeError(`no consistency proof from ${size1} to ${size2}`);
  }
  // The proof is the inclusion proof of leaf size1-1 with the levels inside the largest
  // perfect subtree ending at size1 dropped, plus that subtree's hash unless it is the whole old tree.
  const skipped = trailingZeros(size1);
  const seed = isPowerOfTwo(size1) ? 0 : 1;
  return seed + inclusionProofLength(size1 - 1, size2) - skipped;
}
