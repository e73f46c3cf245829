import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type VerificationReport } from '../../application/ports/event-store.port.js';
import { bytesEqual } from '../crypto/merkle/merkle-hash.js';
import { MerkleTree } from '../crypto/merkle/merkle-tree.js';
import type { Database } from '../persistence/database.js';
import { toBuffer, toNumber } from '../persistence/database.js';
import { DATABASE } from '../persistence/persistence.module.js';
import type { SealKey } from './seal-key.js';
import { SEAL_KEY } from './sealer.service.js';
import { SealReader } from './seal-reader.service.js';
import { checkpointSignatureProblem } from './signed-checkpoint.js';

export type SealProblemKind = 'checkpoint_signature_invalid' | 'checkpoint_root_mismatch' | 'log_truncated' | 'leaf_mismatch';

export interface SealReport {
  readonly ok: boolean;
  readonly eventsInLog: number;
  readonly checkpointsChecked: number;
  readonly firstProblem: { readonly kind: SealProblemKind; readonly treeSize: number | null; readonly leafIndex: number | null; readonly detail: string } | null;
}

export interface StoreIntegrityReport {
  readonly ok: boolean;
  readonly chains: VerificationReport;
  readonly seal: SealReport;
}

/**
 * The whole-store check: every stream's hash chain (changed, removed, reordered events, cut
 * stream tails), and the log in global order against every signed checkpoint (what a chain
 * cannot show: a stream re-chained by someone without the signing key, or the log's tail cut
 * together with the stream heads).
 */
@Injectable()
export class StoreIntegrityVerifier {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SEAL_KEY) private readonly key: SealKey,
    private readonly seals: SealReader,
  ) {}

  async verify(onProgress?: (phase: 'chains' | 'seal', done: number, total: number) => void): Promise<StoreIntegrityReport> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
    const total = Number(rows[0]!.n);
    const chains = await this.store.verifyAll({ onProgress: (n) => onProgress?.('chains', n, total) });
    const seal = await this.verifySeal((n) => onProgress?.('seal', n, total));
    return { ok: chains.ok && seal.ok, chains, seal };
  }

  /** Rebuilds the tree from the events in global order and holds it against the stored leaves and the signed checkpoints. */
  async verifySeal(onProgress?: (done: number) => void): Promise<SealReport> {
    const checkpoints = await this.seals.checkpoints();
    const fail = (kind: SealProblemKind, detail: string, treeSize: number | null, leafIndex: number | null, checked: number, events: number): SealReport => ({
      ok: false,
      eventsInLog: events,
      checkpointsChecked: checked,
      firstProblem: { kind, treeSize, leafIndex, detail },
    });
    for (const checkpoint of checkpoints) {
      const problem = checkpointSignatureProblem(checkpoint, this.key.publicKey);
      if (problem) return fail('checkpoint_signature_invalid', problem, checkpoint.treeSize, null, 0, 0);
    }
    const tree = new MerkleTree();
    let checked = 0;
    let after = { tx: '0', position: 0 };
    for (;;) {
      const { rows: batch } = await this.db.query<{ tx_id: string; global_position: unknown; event_id: string; hash: unknown }>(
        `SELECT transaction_id::text AS tx_id, global_position, event_id::text AS event_id, hash FROM events
          WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
            AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY events.transaction_id, events.global_position
          LIMIT 5000`,
        [after.tx, after.position],
      );
      if (batch.length === 0) break;
      const first = tree.leafCount();
      const { rows: leaves } = await this.db.query<{ leaf_index: unknown; event_id: string; event_hash: unknown }>(
        'SELECT leaf_index, event_id::text AS event_id, event_hash FROM merkle_leaves WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY leaf_index',
        [first, first + batch.length],
      );
      const stored = new Map(leaves.map((l) => [toNumber(l.leaf_index), l]));
      for (const event of batch) {
        const index = tree.leafCount();
        const hash = toBuffer(event.hash);
        const leaf = stored.get(index);
        if (leaf && (leaf.event_id !== event.event_id || !bytesEqual(toBuffer(leaf.event_hash), hash))) {
          return fail('leaf_mismatch', `leaf ${index} was sealed as event ${leaf.event_id}; the log now has event ${event.event_id} there, or its hash changed`, null, index, checked, index);
        }
        tree.appendLeaf(hash);
        while (checked < checkpoints.length && checkpoints[checked]!.treeSize === tree.leafCount()) {
          const checkpoint = checkpoints[checked]!;
          if (tree.root().toString('hex') !== checkpoint.rootHash) {
            return fail('checkpoint_root_mismatch', `the first ${checkpoint.treeSize} events do not give the root signed at ${checkpoint.signedAt}: an event sealed under it was changed, removed or reordered`, checkpoint.treeSize, null, checked, tree.leafCount());
          }
          checked++;
        }
      }
      const last = batch.at(-1)!;
      after = { tx: last.tx_id, position: toNumber(last.global_position) };
      onProgress?.(tree.leafCount());
    }
    const pending = checkpoints[checked];
    if (pending) {
      return fail('log_truncated', `a checkpoint signed at ${pending.signedAt} covers ${pending.treeSize} events; the log holds ${tree.leafCount()}`, pending.treeSize, null, checked, tree.leafCount());
    }
    return { ok: true, eventsInLog: tree.leafCount(), checkpointsChecked: checked, firstProblem: null };
  }
}
