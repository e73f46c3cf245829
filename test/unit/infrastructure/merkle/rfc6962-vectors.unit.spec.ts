import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashLeaf } from '../../../../src/infrastructure/crypto/merkle/merkle-hash.js';
import { verifyConsistency, verifyInclusion } from '../../../../src/infrastructure/crypto/merkle/merkle-proof.verifier.js';
import { buildMerkleTree } from '../../../../src/infrastructure/crypto/merkle/merkle-tree.js';

// The repository is cloned next to ../shared, locally and in CI.
// A copy of shared/testdata/rfc6962 (transparency-dev/merkle, Apache-2.0), so CI needs nothing outside the clone.
const VECTOR_DIR = fileURLToPath(new URL('../../../fixtures/rfc6962/', import.meta.url));

// Counts at transparency-dev/merkle 417fb0c; a vector set that shrinks must not pass quietly.
const EXPECTED_FILES = { inclusion: 98, consistency: 98 } as const;

// Valid proofs that are not named happy-path.json (wantErr false in the files themselves).
const VALID_OUTSIDE_HAPPY_PATH = [
  'consistency/additional/sizes-are-equal-one-and-proof-is-empty.json',
  'inclusion/single-entry/matching-root-and-leaf.json',
];

// The leaves behind the vectors: the RFC 6962 reference test leaves used by transparency-dev/merkle.
const REFERENCE_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => Buffer.from(hex, 'hex'));

interface InclusionVector {
  readonly kind: 'inclusion';
  readonly file: string;
  readonly wantErr: boolean;
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: Buffer;
  readonly root: Buffer;
  readonly proof: Buffer[];
}

interface ConsistencyVector {
  readonly kind: 'consistency';
  readonly file: string;
  readonly wantErr: boolean;
  readonly size1: number;
  readonly size2: number;
  readonly root1: Buffer;
  readonly root2: Buffer;
  readonly proof: Buffer[];
}

type Vector = InclusionVector | ConsistencyVector;

function listJson(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return listJson(path);
      return name.endsWith('.json') ? [path] : [];
    });
}

function field(json: Record<string, unknown>, key: string, file: string): unknown {
  if (!(key in json)) throw new Error(`${file}: missing field ${key}`);
  return json[key];
}

function numeric(json: Record<string, unknown>, key: string, file: string): number {
  const value = field(json, key, file);
  if (typeof value !== 'number') throw new Error(`${file}: ${key} is not a number`);
  // Passed on even beyond 2^53 (the "sub @1" files hold 2^64 - 1): the verifier must refuse it.
  return value;
}

function base64(value: unknown, what: string, file: string): Buffer {
  if (typeof value !== 'string') throw new Error(`${file}: ${what} is not a string`);
  const bytes = Buffer.from(value, 'base64');
  // Buffer's decoder skips bad characters; a vector that does not round-trip is a broken file.
  if (bytes.toString('base64') !== value) throw new Error(`${file}: ${what} is not canonical base64`);
  return bytes;
}

function proofOf(json: Record<string, unknown>, file: string): Buffer[] {
  const proof = field(json, 'proof', file);
  // Go marshals an empty proof as null.
  if (proof === null) return [];
  if (!Array.isArray(proof)) throw new Error(`${file}: proof is neither null nor an array`);
  return proof.map((node: unknown, i) => base64(node, `proof[${i}]`, file));
}

function loadVector(path: string): Vector {
  const file = relative(VECTOR_DIR, path).split('\\').join('/');
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const wantErr = field(json, 'wantErr', file);
  if (typeof wantErr !== 'boolean') throw new Error(`${file}: wantErr is not a boolean`);
  if (file.startsWith('inclusion/')) {
    return {
      kind: 'inclusion',
      file,
      wantErr,
      leafIndex: numeric(json, 'leafIdx', file),
      treeSize: numeric(json, 'treeSize', file),
      leafHash: base64(field(json, 'leafHash', file), 'leafHash', file),
      root: base64(field(json, 'root', file), 'root', file),
      proof: proofOf(json, file),
    };
  }
  if (file.startsWith('consistency/')) {
    return {
      kind: 'consistency',
      file,
      wantErr,
      size1: numeric(json, 'size1', file),
      size2: numeric(json, 'size2', file),
      root1: base64(field(json, 'root1', file), 'root1', file),
      root2: base64(field(json, 'root2', file), 'root2', file),
      proof: proofOf(json, file),
    };
  }
  throw new Error(`${file}: neither an inclusion nor a consistency vector`);
}

function loadVectors(): Vector[] {
  if (!existsSync(VECTOR_DIR)) {
    throw new Error(`RFC 6962 test vectors not found at ${VECTOR_DIR}: clone the shared folder next to the repository`);
  }
  const vectors = listJson(VECTOR_DIR).map(loadVector);
  for (const kind of ['inclusion', 'consistency'] as const) {
    const found = vectors.filter((v) => v.kind === kind).length;
    if (found !== EXPECTED_FILES[kind]) {
      throw new Error(`expected ${EXPECTED_FILES[kind]} ${kind} vectors in ${VECTOR_DIR}, found ${found}`);
    }
  }
  return vectors;
}

// Loaded at import time so a missing or damaged vector set fails the suite instead of yielding zero tests.
const vectors = loadVectors();
const cases = vectors.map((vector) => ({ name: `${vector.file} ${vector.wantErr ? 'is rejected' : 'verifies'}`, vector }));

function verify(vector: Vector) {
  return vector.kind === 'inclusion'
    ? verifyInclusion({
        leafIndex: vector.leafIndex,
        treeSize: vector.treeSize,
        leafHash: vector.leafHash,
        proof: vector.proof,
        root: vector.root,
      })
    : verifyConsistency({
        size1: vector.size1,
        size2: vector.size2,
        root1: vector.root1,
        root2: vector.root2,
        proof: vector.proof,
      });
}

describe('RFC 6962 vectors (transparency-dev/merkle)', () => {
  it.each(cases)('$name', ({ vector }) => {
    const result = verify(vector);
    if (vector.wantErr) {
      expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/\S/) });
    } else {
      expect(result).toEqual({ ok: true });
    }
  });

  it('marks every happy path valid, and only the two known other files', () => {
    const valid = vectors.filter((v) => !v.wantErr).map((v) => v.file);
    const happyPaths = vectors.filter((v) => v.file.endsWith('/happy-path.json')).map((v) => v.file);
    expect(happyPaths.length).toBeGreaterThan(0);
    expect(valid.sort()).toEqual([...happyPaths, ...VALID_OUTSIDE_HAPPY_PATH].sort());
  });

  describe('the generator reproduces each happy path from the reference leaves', () => {
    const tree = buildMerkleTree(REFERENCE_LEAVES.map((leaf) => hashLeaf(leaf)));
    const happy = vectors.filter((v) => v.file.endsWith('/happy-path.json')).map((vector) => ({ name: vector.file, vector }));

    it.each(happy)('$name', ({ vector }) => {
      if (vector.kind === 'inclusion') {
        expect(tree.perfectNode(0, vector.leafIndex)).toEqual(vector.leafHash);
        expect(tree.root(vector.treeSize)).toEqual(vector.root);
        expect(tree.inclusionProof(vector.leafIndex, vector.treeSize)).toEqual(vector.proof);
      } else {
        expect(tree.root(vector.size1)).toEqual(vector.root1);
        expect(tree.root(vector.size2)).toEqual(vector.root2);
        expect(tree.consistencyProof(vector.size1, vector.size2)).toEqual(vector.proof);
      }
    });
  });
});
