import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The log's name in every signed statement, so a signature cannot be replayed for another log. */
export const LOG_ID = 'heating-cases/event-log/v1';

/** A signed tree head: the tree of the first `treeSize` events in global order has this root. */
export interface SignedCheckpoint {
  readonly log: string;
  readonly treeSize: number;
  /** Hex RFC 6962 root hash. */
  readonly rootHash: string;
  /** ISO 8601. */
  readonly signedAt: string;
  /** Hex SHA-256 of the signing key's SPKI DER, first 16 bytes. */
  readonly keyId: string;
  /** Base64 Ed25519 signature over {@link checkpointStatement}. */
  readonly signature: string;
}

/** The exact bytes signed: RFC 8785 JSON of everything but the signature. */
export function checkpointStatement(checkpoint: Omit<SignedCheckpoint, 'signature'>): Buffer {
  const { log, treeSize, rootHash, signedAt, keyId } = checkpoint;
  return Buffer.from(canonicalize({ log, treeSize, rootHash, signedAt, keyId }) ?? '', 'utf8');
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 32);
}

export function signCheckpoint(privateKey: KeyObject, checkpoint: Omit<SignedCheckpoint, 'signature' | 'keyId' | 'log'>): SignedCheckpoint {
  const unsigned = { log: LOG_ID, ...checkpoint, keyId: keyIdOf(createPublicKey(privateKey)) };
  return { ...unsigned, signature: sign(null, checkpointStatement(unsigned), privateKey).toString('base64') };
}

/** Why a signed checkpoint is not acceptable, or null when it is. */
export function checkpointSignatureProblem(checkpoint: SignedCheckpoint, publicKey: KeyObject): string | null {
  if (checkpoint.log !== LOG_ID) return `the checkpoint is for log ${checkpoint.log}, not ${LOG_ID}`;
  if (checkpoint.keyId !== keyIdOf(publicKey)) return `the checkpoint was signed with key ${checkpoint.keyId}, not ${keyIdOf(publicKey)}`;
  if (!/^[0-9a-f]{64}$/.test(checkpoint.rootHash)) return 'the checkpoint root is not a 32-byte hex hash';
  if (!Number.isSafeInteger(checkpoint.treeSize) || checkpoint.treeSize < 1) return 'the checkpoint tree size is not a positive integer';
  const ok = verify(null, checkpointStatement(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  return ok ? null : 'the checkpoint signature does not verify';
}

export function publicKeyFromPem(pem: string): KeyObject {
  return createPublicKey(pem);
}

export function privateKeyFromPem(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the sealing key must be Ed25519, not ${key.asymmetricKeyType}`);
  return key;
}
