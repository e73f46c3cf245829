import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { REAL_TIME_CLOCK, type Clock } from '../../application/ports/clock.port.js';
import type { Database, SqlExecutor } from '../persistence/database.js';
import { sqlStateOf, toBuffer, toNumber } from '../persistence/database.js';
import { APPEND_NOTIFY_CHANNEL } from '../persistence/event-store/sql.event-store.js';
import { DATABASE } from '../persistence/persistence.module.js';
import { SqlMerkleStore } from './merkle.store.js';
import type { SealKey } from './seal-key.js';
import { signCheckpoint, type SignedCheckpoint } from './signed-checkpoint.js';

export interface SealerOptions {
  readonly enabled: boolean;
  /** Polling fallback; appends also wake the sealer. */
  readonly intervalMs: number;
  readonly batchSize: number;
  readonly checkpointEveryEvents: number;
  readonly checkpointIntervalMs: number;
}

export const SEALER_OPTIONS = Symbol('SealerOptions');
export const SEAL_KEY = Symbol('SealKey');

/** Reads a checkpoint row as the signed statement. */
export function checkpointOf(row: { tree_size: unknown; root_hash: unknown; signed_at: Date; key_id: string; signature: unknown }, log: string): SignedCheckpoint {
  return {
    log,
    treeSize: toNumber(row.tree_size),
    rootHash: toBuffer(row.root_hash).toString('hex'),
    signedAt: row.signed_at.toISOString(),
    keyId: row.key_id,
    signature: toBuffer(row.signature).toString('base64'),
  };
}

/**
 * Keeps the RFC 6962 tree over every event in global order (the same watermark order the
 * projections read), and signs a checkpoint with the provider's key every N events or T
 * seconds. Each batch, its leaves and nodes and the new position commit together; the
 * merkle_state row lock (NOWAIT) keeps a second instance from sealing at the same time.
 */
@Injectable()
export class SealerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Sealer');
  private readonly merkle = new SqlMerkleStore();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;
  private unlisten: (() => Promise<void>) | undefined;
  private readonly startedAt: number;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(REAL_TIME_CLOCK) private readonly clock: Clock,
    @Inject(SEAL_KEY) private readonly key: SealKey,
    @Inject(SEALER_OPTIONS) private readonly options: SealerOptions,
  ) {
    this.startedAt = clock.now().getTime();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.enabled) return;
    this.unlisten = await this.db.listen(APPEND_NOTIFY_CHANNEL, () => this.wake());
    this.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.unlisten?.();
    await this.running?.catch(() => undefined);
  }

  private wake(): void {
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.running = this.sealAll()
      .catch((error: unknown) => this.logger.error({ err: error }, 'sealing failed; will try again'))
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        this.timer = setTimeout(() => this.wake(), this.options.intervalMs);
        this.timer.unref();
      });
  }

  /** Seals everything the watermark lets through, batch after batch; returns the tree size. */
  async sealAll(): Promise<number> {
    for (;;) {
      const { size, sealed } = await this.sealBatch();
      if (sealed === 0 || this.stopped) return size;
    }
  }

  async sealBatch(): Promise<{ size: number; sealed: number }> {
    try {
      return await this.db.transaction(async (tx) => {
        const { rows } = await tx.query<{ tree_size: unknown; tx_id: string; position: unknown }>(
          'SELECT tree_size, transaction_id::text AS tx_id, position FROM merkle_state WHERE id = 1 FOR UPDATE NOWAIT',
        );
        const state = rows[0]!;
        const size = toNumber(state.tree_size);
        const { rows: events } = await tx.query<{ global_position: unknown; tx_id: string; event_id: string; stream_id: string; stream_version: unknown; hash: unknown }>(
          `SELECT global_position, transaction_id::text AS tx_id, event_id::text AS event_id, stream_id, stream_version, hash FROM events
            WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
              AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY events.transaction_id, events.global_position
            LIMIT $3`,
          [state.tx_id, toNumber(state.position), this.options.batchSize],
        );
        const newSize = await this.merkle.append(
          tx,
          size,
          events.map((e) => ({ globalPosition: toNumber(e.global_position), eventId: e.event_id, streamId: e.stream_id, streamVersion: toNumber(e.stream_version), eventHash: toBuffer(e.hash) })),
        );
        const last = events.at(-1);
        if (last) {
          await tx.query('UPDATE merkle_state SET tree_size = $1, transaction_id = $2::text::xid8, position = $3, updated_at = now() WHERE id = 1', [newSize, last.tx_id, toNumber(last.global_position)]);
        }
        await this.signDue(tx, size, newSize);
        return { size: newSize, sealed: events.length };
      });
    } catch (error) {
      // Another instance holds the sealer's row: it is sealing; nothing to do here.
      if (sqlStateOf(error) === '55P03') return { size: -1, sealed: 0 };
      throw error;
    }
  }

  /**
   * Signs a tree head at every multiple of N events the batch crossed (predictable sizes), and
   * the current head when T has passed since the last checkpoint and anything new was sealed.
   */
  private async signDue(tx: SqlExecutor, before: number, size: number): Promise<void> {
    const every = this.options.checkpointEveryEvents;
    const now = this.clock.now();
    for (let k = Math.floor(before / every) + 1; k * every <= size; k++) await this.sign(tx, k * every, now);
    if (size === 0) return;
    const { rows } = await tx.query<{ tree_size: unknown; signed_at: Date }>('SELECT tree_size, signed_at FROM merkle_checkpoints ORDER BY tree_size DESC LIMIT 1');
    const latest = rows[0];
    if (latest && toNumber(latest.tree_size) >= size) return;
    const since = latest ? latest.signed_at.getTime() : this.startedAt;
    if (now.getTime() - since >= this.options.checkpointIntervalMs) await this.sign(tx, size, now);
  }

  /** Signs the tree head of `size` now, whatever the cadence (also used on request). */
  async sign(tx: SqlExecutor, size: number, now: Date = this.clock.now()): Promise<SignedCheckpoint> {
    const root = await this.merkle.root(tx, size);
    const checkpoint = signCheckpoint(this.key.privateKey, { treeSize: size, rootHash: root.toString('hex'), signedAt: now.toISOString() });
    await tx.query(
      `INSERT INTO merkle_checkpoints (tree_size, root_hash, signed_at, key_id, signature) VALUES ($1, decode($2, 'hex'), $3::timestamptz, $4, decode($5, 'base64'))
       ON CONFLICT (tree_size) DO NOTHING`,
      [size, checkpoint.rootHash, checkpoint.signedAt, checkpoint.keyId, checkpoint.signature],
    );
    this.logger.log(`signed checkpoint: ${size} events, root ${checkpoint.rootHash.slice(0, 16)}...`);
    return checkpoint;
  }
}
