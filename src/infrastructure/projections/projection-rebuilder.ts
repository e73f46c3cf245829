import { randomBytes } from 'node:crypto';
import type { EventStore, GlobalCheckpoint, ReadAllBatch } from '../../application/ports/event-store.port.js';
import { START_OF_LOG } from '../../application/ports/event-store.port.js';
import type { Projection, ProjectionEvent } from '../../projections/projection.js';
import { shadowTableOf } from './document-table.js';
import type { LogStatistics } from './log-statistics.js';
import { ProjectionCodeError, RebuildFailedError, RebuildInProgressError, isTransient } from './projection.errors.js';
import { toProjectionEvent } from './projection-event.mapper.js';
import { AdvisoryLocks, REBUILD_LOCK_SPACE } from './projection-lease.js';
import type { ReadModelStore } from './read-model.store.js';

export interface RebuildOptions {
  /**
   * Events read so far (of every type) and the log's size, which grows while appends go on.
   * A returned promise is awaited before the next batch.
   */
  readonly onProgress?: (processed: number, total: number) => void | Promise<void>;
}

export interface RebuildResult {
  readonly projection: string;
  readonly version: number;
  /** Events read from the log, of every type. */
  readonly processed: number;
  /** Where the rebuilt read model stands; the live runner continues from here. */
  readonly checkpoint: GlobalCheckpoint;
}

/**
 * Rebuilds a document projection from the start of the log into a fresh shadow table,
 * beside the live one, and switches over once caught up: in one transaction that holds
 * the live checkpoint row, applies the last events, swaps the tables and stores the
 * shadow's checkpoint. A live runner (in this process or another) waits on that row and
 * then reloads, so nothing is applied twice or missed.
 */
export class ProjectionRebuilder {
  private readonly running = new Set<string>();

  constructor(
    private readonly readStore: ReadModelStore<unknown>,
    private readonly eventStore: EventStore,
    private readonly log: LogStatistics,
    private readonly locks: AdvisoryLocks,
    private readonly batchSize: number,
  ) {}

  private get checkpoints() {
    return this.readStore.checkpoints;
  }

  async rebuild(projection: Projection, options: RebuildOptions = {}): Promise<RebuildResult> {
    const { name } = projection;
    // PGlite's single session grants the same advisory lock twice, so guard this process too.
    if (this.running.has(name)) throw new RebuildInProgressError(name);
    this.running.add(name);
    let locked = false;
    let shadow: string | undefined;
    try {
      locked = await this.locks.tryAcquire(REBUILD_LOCK_SPACE, name);
      if (!locked) throw new RebuildInProgressError(name);
      const stale = await this.checkpoints.rebuildTableOf(name);
      // A rebuild whose process died left its shadow table behind.
      if (stale) await this.readStore.dropDocuments(stale);
      this.assertNotNewer(projection, (await this.checkpoints.ensure(name, projection.version)).version);

      shadow = shadowTableOf(name, randomBytes(4).toString('hex'));
      await this.readStore.ensureDocuments(shadow, projection.indexes ?? []);
      let total = await this.log.countAfter(START_OF_LOG, Number.MAX_SAFE_INTEGER);
      await this.checkpoints.startRebuild(name, shadow, total);
      let processed = 0;
      let at: GlobalCheckpoint = START_OF_LOG;
      await options.onProgress?.(processed, total);

      for (;;) {
        const batch = await this.eventStore.readAll({ after: at, limit: this.batchSize });
        if (batch.events.length === 0) break;
        processed += batch.events.length;
        total = Math.max(total, processed);
        await this.applyBatch(projection, shadow, batch, processed, total);
        at = batch.checkpoint;
        await options.onProgress?.(processed, total);
        if (batch.events.length < this.batchSize) break;
      }

      const table = shadow;
      const caughtUp = await this.readStore.transaction(async (tx) => {
        // The live runner's next commit waits here, then finds its checkpoint moved and reloads.
        this.assertNotNewer(projection, (await this.checkpoints.lock(tx, name))?.version);
        let last = at;
        let count = processed;
        for (;;) {
          const batch = await this.eventStore.readAll({ after: last, limit: this.batchSize });
          if (batch.events.length === 0) break;
          await this.readStore.applyToDocuments(tx, table, projection, this.handledOf(projection, batch));
          count += batch.events.length;
          last = batch.checkpoint;
        }
        await this.readStore.swapInShadow(tx, projection, table);
        await this.checkpoints.advance(tx, name, last, 'catching_up', projection.version);
        await this.checkpoints.resolveParked(tx, name, last);
        await this.checkpoints.endRebuild(tx, name);
        await this.readStore.notifyControl(tx, name);
        return { last, count };
      });
      shadow = undefined;
      await options.onProgress?.(caughtUp.count, Math.max(total, caughtUp.count));
      return { projection: name, version: projection.version, processed: caughtUp.count, checkpoint: caughtUp.last };
    } catch (error) {
      if (shadow) {
        await this.readStore.dropDocuments(shadow).catch(() => undefined);
        await this.checkpoints.endRebuild(undefined, name).catch(() => undefined);
      }
      if (error instanceof RebuildInProgressError || error instanceof RebuildFailedError) throw error;
      throw new RebuildFailedError(name, error, error instanceof ProjectionCodeError ? error.event : undefined);
    } finally {
      this.running.delete(name);
      if (locked) await this.locks.release(REBUILD_LOCK_SPACE, name);
    }
  }

  /** One batch into the shadow with its progress; when it fails, event by event to name the culprit. */
  private async applyBatch(projection: Projection, shadow: string, batch: ReadAllBatch, processed: number, total: number): Promise<void> {
    const events = this.handledOf(projection, batch);
    const progress = (tx: unknown) => this.checkpoints.rebuildProgress(tx, projection.name, batch.checkpoint, processed, total);
    try {
      await this.readStore.transaction(async (tx) => {
        await this.readStore.applyToDocuments(tx, shadow, projection, events);
        await progress(tx);
      });
      return;
    } catch (error) {
      if (error instanceof ProjectionCodeError || isTransient(error)) throw error;
    }
    for (const event of events) {
      try {
        await this.readStore.transaction((tx) => this.readStore.applyToDocuments(tx, shadow, projection, [event]));
      } catch (error) {
        const transactionId = batch.events.find((e) => e.eventId === event.eventId)?.transactionId;
        throw new RebuildFailedError(projection.name, error, { globalPosition: event.globalPosition, eventId: event.eventId, type: event.type, ...(transactionId ? { transactionId } : {}) });
      }
    }
    await this.readStore.transaction(progress);
  }

  private handledOf(projection: Projection, batch: ReadAllBatch): ProjectionEvent[] {
    const handled = new Set(projection.handles);
    return batch.events.filter((e) => handled.has(e.type)).map(toProjectionEvent);
  }

  /** Older code must not replace a read model that newer code built. */
  private assertNotNewer(projection: Projection, storedVersion: number | undefined): void {
    if (storedVersion !== undefined && storedVersion > projection.version) {
      throw new RebuildFailedError(projection.name, new Error(`the read model is at version ${storedVersion}, this code knows version ${projection.version}`));
    }
  }
}
