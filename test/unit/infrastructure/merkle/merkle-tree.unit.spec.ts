import { createHash } from 'node:crypto';
import {
  emptyTreeRoot,
  hashChildren,
  hashLeaf,
  HASH_SIZE,
} from '../../../../src/infrastructure/crypto/merkle/merkle-hash.js';
import type { MerkleNodeSource } from '../../../../src/infrastructure/crypto/merkle/merkle-node-source.port.js';
import {
  consistencyProof,
  inclusionProof,
  rootAt,
} from '../../../../src/infrastructure/crypto/merkle/merkle-proof.generator.js';
import {
  assertConsistency,
  assertInclusion,
  MerkleProofRejected,
  verifyConsistency,
  verifyInclusion,
} from '../../../../src/infrastructure/crypto/merkle/merkle-proof.verifier.js';
import { buildMerkleTree, MerkleTree } from '../../../../src/infrastructure/crypto/merkle/merkle-tree.js';

const MAX_SIZE = 70;
const sizes = Array.from({ length: MAX_SIZE }, (_, i) => i + 1);

/** Deterministic "random" leaves of 0..47 bytes, so a failure reproduces. */
function randomLeaves(count: number, seed: string): Buffer[] {
  return Array.from({ length: count }, (_, i) => {
    const digest = createHash('sha512').update(`${seed}:${i}`).digest();
    return digest.subarray(1, 1 + ((digest[0] ?? 0) % 48));
  });
}

const largestPowerOfTwoBelow = (n: number): number => 2 ** Math.ceil(Math.log2(n) - 1);

/** MTH of RFC 6962 section 2.1, written straight from the definition. */
function naiveRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return hashLeaf(leaves[0] as Buffer);
  const k = largestPowerOfTwoBelow(leaves.length);
  return hashChildren(naiveRoot(leaves.slice(0, k)), naiveRoot(leaves.slice(k)));
}

/** PATH(m, D[n]) of RFC 6962 section 2.1.1. */
function naivePath(m: number, leaves: readonly Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  const k = largestPowerOfTwoBelow(leaves.length);
  return m < k
    ? [...naivePath(m, leaves.slice(0, k)), naiveRoot(leaves.slice(k))]
    : [...naivePath(m - k, leaves.slice(k)), naiveRoot(leaves.slice(0, k))];
}

/** SUBPROOF(m, D[n], b) of RFC 6962 section 2.1.2. */
function naiveSubproof(m: number, leaves: readonly Buffer[], whole: boolean): Buffer[] {
  if (m === leaves.length) return whole ? [] : [naiveRoot(leaves)];
  const k = largestPowerOfTwoBelow(leaves.length);
  return m <= k
    ? [...naiveSubproof(m, leaves.slice(0, k), whole), naiveRoot(leaves.slice(k))]
    : [...naiveSubproof(m - k, leaves.slice(k), false), naiveRoot(leaves.slice(0, k))];
}

function flipBit(hash: Buffer): Buffer {
  const copy = Buffer.from(hash);
  copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 1;
  return copy;
}

const hex = (hashes: readonly Buffer[]): string[] => hashes.map((h) => h.toString('hex'));

/** Labels of the variants the check accepts; collected so one expectation covers thousands of cases. */
function accepted<T>(variants: ReadonlyArray<readonly [string, T]>, check: (input: T) => { ok: boolean }): string[] {
  return variants.filter(([, input]) => check(input).ok).map(([label]) => label);
}

function treeOf(leaves: readonly Buffer[]): MerkleTree {
  const tree = new MerkleTree();
  for (const leaf of leaves) tree.appendLeaf(leaf);
  return tree;
}

const leaves = randomLeaves(MAX_SIZE, 'merkle-tree property tests');
const tree = treeOf(leaves);
const roots = [emptyTreeRoot(), ...sizes.map((n) => naiveRoot(leaves.slice(0, n)))];
const rootOf = (n: number): Buffer => roots[n] as Buffer;

describe('RFC 6962 hashing', () => {
  it('hashes a leaf as SHA-256(0x00 || leaf) and a node as SHA-256(0x01 || left || right)', () => {
    const leaf = Buffer.from('an event hash');
    expect(hashLeaf(leaf)).toEqual(createHash('sha256').update(Buffer.concat([Buffer.from([0]), leaf])).digest());
    const left = hashLeaf(Buffer.from('a'));
    const right = hashLeaf(Buffer.from('b'));
    expect(hashChildren(left, right)).toEqual(
      createHash('sha256').update(Buffer.concat([Buffer.from([1]), left, right])).digest(),
    );
  });

  it('gives the empty tree the root SHA-256("")', () => {
    expect(emptyTreeRoot().toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(new MerkleTree().root()).toEqual(emptyTreeRoot());
    expect(tree.root(0)).toEqual(emptyTreeRoot());
  });
});

describe('MerkleTree roots', () => {
  it('equals the recursive MTH after every append', () => {
    const growing = new MerkleTree();
    for (const [i, leaf] of leaves.entries()) {
      expect(growing.appendLeaf(leaf)).toBe(i);
      expect(growing.root()).toEqual(rootOf(i + 1));
    }
  });

  it.each(sizes)('equals the recursive MTH for every earlier size of a tree of %i leaves', (n) => {
    const sized = treeOf(leaves.slice(0, n));
    for (let m = 0; m <= n; m += 1) expect(sized.root(m)).toEqual(rootOf(m));
  });

  it('is the same whether built from leaf hashes or appended leaf by leaf', () => {
    const built = buildMerkleTree(leaves.map((leaf) => hashLeaf(leaf)));
    expect(built.leafCount()).toBe(MAX_SIZE);
    expect(built.root()).toEqual(tree.root());
  });

  it('refuses a size beyond the leaves it holds', () => {
    expect(() => tree.root(MAX_SIZE + 1)).toThrow(RangeError);
    expect(() => tree.root(-1)).toThrow(RangeError);
    expect(() => tree.root(1.5)).toThrow(RangeError);
  });

  it('refuses a leaf hash that is not 32 bytes', () => {
    expect(() => new MerkleTree().appendLeafHash(Buffer.alloc(31))).toThrow(RangeError);
    expect(() => new MerkleTree().appendLeafHash(Buffer.alloc(33))).toThrow(RangeError);
  });

  it('hands out copies of its nodes and only complete subtrees', () => {
    const node = tree.perfectNode(0, 0);
    node.fill(0);
    expect(tree.perfectNode(0, 0)).toEqual(hashLeaf(leaves[0] as Buffer));
    expect(tree.perfectNode(6, 0)).toEqual(rootOf(64));
    expect(() => tree.perfectNode(6, 1)).toThrow(RangeError);
    expect(() => tree.perfectNode(7, 0)).toThrow(RangeError);
    expect(() => tree.perfectNode(0, MAX_SIZE)).toThrow(RangeError);
  });
});

describe('inclusion proofs', () => {
  it.each(sizes)('every leaf of a tree of %i leaves has the RFC 6962 PATH, which verifies', (n) => {
    const problems: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const proof = tree.inclusionProof(i, n);
      if (hex(proof).join() !== hex(naivePath(i, leaves.slice(0, n))).join()) problems.push(`leaf ${i}: not PATH`);
      const leafHash = hashLeaf(leaves[i] as Buffer);
      const result = verifyInclusion({ leafIndex: i, treeSize: n, leafHash, proof, root: rootOf(n) });
      if (!result.ok) problems.push(`leaf ${i}: ${result.reason}`);
    }
    expect(problems).toEqual([]);
  });

  it.each(sizes)('a proof in a tree of %i leaves is rejected with a wrong index, size, root, leaf or node', (n) => {
    const wrongOnesAccepted: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const proof = tree.inclusionProof(i, n);
      const good = { leafIndex: i, treeSize: n, leafHash: hashLeaf(leaves[i] as Buffer), proof, root: rootOf(n) };
      const wrong: Array<readonly [string, typeof good]> = [
        ...(n > 1 ? [['next index', { ...good, leafIndex: (i + 1) % n }] as const] : []),
        ['index = size', { ...good, leafIndex: n }],
        // A root does not commit to its size, so a wrong size is paired with that size's real root.
        ...(n < MAX_SIZE ? [['size + 1', { ...good, treeSize: n + 1, root: rootOf(n + 1) }] as const] : []),
        ...(i < n - 1 ? [['size - 1', { ...good, treeSize: n - 1, root: rootOf(n - 1) }] as const] : []),
        ['older root', { ...good, root: rootOf(n - 1) }],
        ['root bit flip', { ...good, root: flipBit(rootOf(n)) }],
        ['leaf bit flip', { ...good, leafHash: flipBit(good.leafHash) }],
        ['node appended', { ...good, proof: [...proof, rootOf(n)] }],
        ['node prepended', { ...good, proof: [rootOf(n), ...proof] }],
        ...proof.map((_, j) => [`node ${j} bit flip`, { ...good, proof: proof.map((h, k) => (k === j ? flipBit(h) : h)) }] as const),
        ...proof.map((_, j) => [`node ${j} removed`, { ...good, proof: proof.filter((_h, k) => k !== j) }] as const),
      ];
      wrongOnesAccepted.push(...accepted(wrong, verifyInclusion).map((label) => `leaf ${i}: ${label}`));
    }
    expect(wrongOnesAccepted).toEqual([]);
  });

  it('names the failed check', () => {
    const proof = tree.inclusionProof(5, 8);
    const good = { leafIndex: 5, treeSize: 8, leafHash: hashLeaf(leaves[5] as Buffer), proof, root: rootOf(8) };
    expect(verifyInclusion({ ...good, proof: proof.slice(1) })).toEqual({
      ok: false,
      reason: 'proof has 2 nodes, expected 3',
    });
    expect(verifyInclusion({ ...good, root: rootOf(7) })).toEqual({
      ok: false,
      reason: 'computed root differs from the given root',
    });
    expect(verifyInclusion({ ...good, leafIndex: 8 })).toEqual({ ok: false, reason: 'leafIndex 8 is not below treeSize 8' });
    expect(verifyInclusion({ ...good, leafHash: Buffer.alloc(31) })).toEqual({
      ok: false,
      reason: 'leafHash has 31 bytes, expected 32',
    });
    expect(verifyInclusion({ ...good, proof: [proof[0] as Buffer, Buffer.alloc(0), proof[2] as Buffer] })).toEqual({
      ok: false,
      reason: 'proof node 1 has 0 bytes, expected 32',
    });
  });

  it('refuses sizes and indices that are not non-negative safe integers, and malformed input', () => {
    const good = { leafIndex: 0, treeSize: 1, leafHash: rootOf(1), proof: [] as Buffer[], root: rootOf(1) };
    expect(verifyInclusion(good)).toEqual({ ok: true });
    for (const leafIndex of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 64]) {
      expect(verifyInclusion({ ...good, leafIndex })).toMatchObject({ ok: false });
    }
    for (const treeSize of [0, -1, 1.5, Number.NaN, 2 ** 53]) {
      expect(verifyInclusion({ ...good, treeSize })).toMatchObject({ ok: false });
    }
    expect(verifyInclusion({ ...good, proof: null as unknown as Buffer[] })).toEqual({
      ok: false,
      reason: 'proof is not an array',
    });
    expect(verifyInclusion({ ...good, root: 'not bytes' as unknown as Buffer })).toEqual({
      ok: false,
      reason: 'root is not a byte array',
    });
  });

  it('refuses to generate a proof for an index at or beyond the size', () => {
    expect(() => tree.inclusionProof(8, 8)).toThrow(RangeError);
    expect(() => tree.inclusionProof(0, 0)).toThrow(RangeError);
    expect(() => tree.inclusionProof(-1, 8)).toThrow(RangeError);
    expect(() => tree.inclusionProof(0, MAX_SIZE + 1)).toThrow(RangeError);
  });
});

describe('consistency proofs', () => {
  it.each(sizes)('every earlier size of a tree of %i leaves has the RFC 6962 PROOF, which verifies', (n) => {
    const problems: string[] = [];
    for (let m = 1; m <= n; m += 1) {
      const proof = tree.consistencyProof(m, n);
      if (hex(proof).join() !== hex(naiveSubproof(m, leaves.slice(0, n), true)).join()) problems.push(`${m}: not PROOF`);
      const result = verifyConsistency({ size1: m, size2: n, root1: rootOf(m), root2: rootOf(n), proof });
      if (!result.ok) problems.push(`${m}: ${result.reason}`);
    }
    expect(problems).toEqual([]);
  });

  it.each(sizes)('a proof to a tree of %i leaves is rejected with a wrong size, root or node', (n) => {
    const wrongOnesAccepted: string[] = [];
    for (let m = 1; m <= n; m += 1) {
      const proof = tree.consistencyProof(m, n);
      const good = { size1: m, size2: n, root1: rootOf(m), root2: rootOf(n), proof };
      const wrong: Array<readonly [string, typeof good]> = [
        // A root does not commit to its size, so a wrong size is paired with that size's real root.
        ['size1 - 1', { ...good, size1: m - 1, root1: rootOf(m - 1) }],
        ...(n < MAX_SIZE ? [['size2 + 1', { ...good, size2: n + 1, root2: rootOf(n + 1) }] as const] : []),
        ...(m < n
          ? ([
              ['size1 + 1', { ...good, size1: m + 1, root1: rootOf(m + 1) }],
              ['size2 - 1', { ...good, size2: n - 1, root2: rootOf(n - 1) }],
              ['roots swapped', { ...good, root1: good.root2, root2: good.root1 }],
            ] as const)
          : []),
        ['root1 bit flip', { ...good, root1: flipBit(good.root1) }],
        ['root2 bit flip', { ...good, root2: flipBit(good.root2) }],
        ['node appended', { ...good, proof: [...proof, rootOf(n)] }],
        ['node prepended', { ...good, proof: [rootOf(m), ...proof] }],
        ...proof.map((_, j) => [`node ${j} bit flip`, { ...good, proof: proof.map((h, k) => (k === j ? flipBit(h) : h)) }] as const),
        ...proof.map((_, j) => [`node ${j} removed`, { ...good, proof: proof.filter((_h, k) => k !== j) }] as const),
      ];
      wrongOnesAccepted.push(...accepted(wrong, verifyConsistency).map((label) => `from ${m}: ${label}`));
    }
    expect(wrongOnesAccepted).toEqual([]);
  });

  it('cannot tell a proof for one size2 from another when the same root is claimed, so sizes come from signed checkpoints', () => {
    const proof = tree.consistencyProof(8, 9);
    const claim = { size1: 8, size2: 9, root1: rootOf(8), root2: rootOf(9), proof };
    expect(verifyConsistency(claim)).toEqual({ ok: true });
    expect(verifyConsistency({ ...claim, size2: 10 })).toEqual({ ok: true });
  });

  it('names the failed check', () => {
    const proof = tree.consistencyProof(6, 8);
    const good = { size1: 6, size2: 8, root1: rootOf(6), root2: rootOf(8), proof };
    expect(verifyConsistency({ ...good, proof: [...proof, rootOf(1)] })).toEqual({
      ok: false,
      reason: 'proof has 4 nodes, expected 3',
    });
    expect(verifyConsistency({ ...good, root1: rootOf(5) })).toEqual({
      ok: false,
      reason: 'computed root1 differs from the given root1',
    });
    expect(verifyConsistency({ ...good, root2: rootOf(7) })).toEqual({
      ok: false,
      reason: 'computed root2 differs from the given root2',
    });
    expect(verifyConsistency({ ...good, size1: 9 })).toEqual({ ok: false, reason: 'size1 9 is greater than size2 8' });
    expect(verifyConsistency({ ...good, size1: 8, proof: [] })).toEqual({
      ok: false,
      reason: 'root1 differs from root2 although the sizes are equal',
    });
    expect(verifyConsistency({ ...good, size1: 8, root1: rootOf(8) })).toEqual({
      ok: false,
      reason: 'proof has 3 nodes, expected 0 for equal sizes',
    });
  });

  it('rejects any proof from the empty tree', () => {
    const reason = 'size1 is 0: consistency with the empty tree proves nothing';
    const empty = emptyTreeRoot();
    expect(verifyConsistency({ size1: 0, size2: 0, root1: empty, root2: empty, proof: [] })).toEqual({ ok: false, reason });
    expect(verifyConsistency({ size1: 0, size2: 5, root1: empty, root2: rootOf(5), proof: [] })).toEqual({
      ok: false,
      reason,
    });
    expect(() => tree.consistencyProof(0, 5)).toThrow(RangeError);
  });

  it('refuses to generate a proof for sizes out of order or beyond the tree', () => {
    expect(() => tree.consistencyProof(6, 5)).toThrow(RangeError);
    expect(() => tree.consistencyProof(1, MAX_SIZE + 1)).toThrow(RangeError);
    expect(tree.consistencyProof(5, 5)).toEqual([]);
  });
});

describe('asserting variants', () => {
  it('return quietly on a valid proof and throw MerkleProofRejected with the reason otherwise', () => {
    const proof = tree.inclusionProof(3, 10);
    const inclusion = { leafIndex: 3, treeSize: 10, leafHash: hashLeaf(leaves[3] as Buffer), proof, root: rootOf(10) };
    expect(() => assertInclusion(inclusion)).not.toThrow();
    expect(() => assertInclusion({ ...inclusion, root: rootOf(9) })).toThrow(
      new MerkleProofRejected('computed root differs from the given root'),
    );
    const consistency = { size1: 3, size2: 10, root1: rootOf(3), root2: rootOf(10), proof: tree.consistencyProof(3, 10) };
    expect(() => assertConsistency(consistency)).not.toThrow();
    try {
      assertConsistency({ ...consistency, proof: consistency.proof.slice(1) });
      throw new Error('expected a rejection');
    } catch (error) {
      expect(error).toBeInstanceOf(MerkleProofRejected);
      expect(error).toMatchObject({ code: 'MERKLE.PROOF_REJECTED', reason: 'proof has 4 nodes, expected 5' });
    }
  });
});

/**
 * A tree of 2^40 + 12,345 identical leaves that exists only as a formula: every node on a
 * level has the same hash. It shows the algorithms use only the port, need O(log n) nodes,
 * and handle sizes past 2^32.
 */
class UniformTree implements MerkleNodeSource {
  readonly calls: Array<[number, number]> = [];
  private readonly levelHashes: Buffer[] = [hashLeaf(Buffer.from('same'))];

  constructor(private readonly size: number) {
    for (let level = 1; level <= 53; level += 1) {
      const below = this.levelHashes[level - 1] as Buffer;
      this.levelHashes.push(hashChildren(below, below));
    }
  }

  leafCount(): number {
    return this.size;
  }

  perfectNode(level: number, index: number): Buffer {
    if ((index + 1) * 2 ** level > this.size) throw new RangeError(`no complete subtree at ${level}/${index}`);
    this.calls.push([level, index]);
    return this.levelHashes[level] as Buffer;
  }
}

describe('node sources other than the in-memory tree', () => {
  const size = 2 ** 40 + 12_345;

  it('serve roots and proofs for a tree of 2^40 + 12,345 leaves with O(log n) node reads', () => {
    const source = new UniformTree(size);
    const root = rootAt(source, size);
    expect(source.calls.length).toBeLessThanOrEqual(41);

    const leafIndex = size - 3;
    source.calls.length = 0;
    const path = inclusionProof(source, leafIndex, size);
    expect(source.calls.length).toBeLessThanOrEqual(2 * 41);
    const leafHash = source.perfectNode(0, leafIndex);
    expect(verifyInclusion({ leafIndex, treeSize: size, leafHash, proof: path, root })).toEqual({ ok: true });
    expect(verifyInclusion({ leafIndex, treeSize: size - 1, leafHash, proof: path, root })).toMatchObject({ ok: false });

    const size1 = 2 ** 33 + 7;
    source.calls.length = 0;
    const proof = consistencyProof(source, size1, size);
    expect(source.calls.length).toBeLessThanOrEqual(2 * 41);
    const root1 = rootAt(source, size1);
    expect(verifyConsistency({ size1, size2: size, root1, root2: root, proof })).toEqual({ ok: true });
    expect(verifyConsistency({ size1: size1 + 1, size2: size, root1, root2: root, proof })).toMatchObject({ ok: false });
  });

  it('agree with the in-memory tree on the same leaves', () => {
    const small = 37;
    const source = new UniformTree(small);
    const memory = buildMerkleTree(Array.from({ length: small }, () => hashLeaf(Buffer.from('same'))));
    expect(rootAt(source, small)).toEqual(memory.root());
    for (let i = 0; i < small; i += 1) expect(inclusionProof(source, i, small)).toEqual(memory.inclusionProof(i));
    for (let m = 1; m <= small; m += 1) expect(consistencyProof(source, m, small)).toEqual(memory.consistencyProof(m));
    expect(memory.perfectNode(0, 0).length).toBe(HASH_SIZE);
  });
});
