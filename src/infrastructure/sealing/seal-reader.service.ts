import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '../persistence/database.js';
import { DATABASE } from '../persistence/persistence.module.js';
import { hashLeaf } from '../crypto/merkle/merkle-hash.js';
import { SqlMerkleStore } from './merkle.store.js';
import type { SealKey } from './seal-key.js';
import { checkpointOf, SEAL_KEY } from './sealer.service.js';
import { LOG_ID, type SignedCheckpoint } from './signed-checkpoint.js';

export interface InclusionProofView {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly leafIndex: number;
  /** Hex: the event's stored hash (the leaf's data) and its RFC 6962 leaf hash. */
  readonly eventHash: string;
  readonly leafHash: string;
  readonly treeSize: number;
  readonly proof: readonly string[];
  readonly checkpoint: SignedCheckpoint;
}

/** Signed checkpoints and proofs against them, for auditors, extracts and the verifier. */
@Injectable()
export class SealReader {
  private readonly merkle = new SqlMerkleStore();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(SEAL_KEY) private readonly key: SealKey,
  ) {}

  get publicKeyPem(): string {
    return this.key.publicKeyPem;
  }

  async checkpoints(): Promise<SignedCheckpoint[]> {
    const { rows } = await this.db.query<{ tree_size: unknown; root_hash: unknown; signed_at: Date; key_id: string; signature: unknown }>(
      'SELECT tree_size, root_hash, signed_at, key_id, signature FROM merkle_checkpoints ORDER BY tree_size',
    );
    return rows.map((row) => checkpointOf(row, LOG_ID));
  }

  async checkpoint(treeSize?: number): Promise<SignedCheckpoint | undefined> {
    const { rows } = await this.db.query<{ tree_size: unknown; root_hash: unknown; signed_at: Date; key_id: string; signature: unknown }>(
      treeSize === undefined
        ? 'SELECT tree_size, root_hash, signed_at, key_id, signature FROM merkle_checkpoints ORDER BY tree_size DESC LIMIT 1'
        : 'SELECT tree_size, root_hash, signed_at, key_id, signature FROM merkle_checkpoints WHERE tree_size = $1',
      treeSize === undefined ? [] : [treeSize],
    );
    return rows[0] ? checkpointOf(rows[0], LOG_ID) : undefined;
  }

  /** The event's inclusion proof against a signed checkpoint (the latest by default); undefined when not sealed under it. */
  async inclusionProof(eventId: string, checkpoint?: SignedCheckpoint): Promise<InclusionProofView | undefined> {
    const head = checkpoint ?? (await this.checkpoint());
    const leaf = await this.merkle.leafByEventId(this.db, eventId);
    if (!head || !leaf || leaf.leafIndex >= head.treeSize) return undefined;
    const proof = await this.merkle.inclusionProof(this.db, leaf.leafIndex, head.treeSize);
    return {
      eventId,
      streamId: leaf.streamId,
      streamVersion: leaf.streamVersion,
      leafIndex: leaf.leafIndex,
      eventHash: leaf.eventHash.toString('hex'),
      leafHash: hashLeaf(leaf.eventHash).toString('hex'),
      treeSize: head.treeSize,
      proof: proof.map((p) => p.toString('hex')),
      checkpoint: head,
    };
  }

  async consistencyProof(size1: number, size2: number): Promise<string[]> {
    return (await this.merkle.consistencyProof(this.db, size1, size2)).map((p) => p.toString('hex'));
  }
}
