import type { GlobalCheckpoint } from '../../application/ports/event-store.port.js';
import type { ParkedEventInfo, ProjectionState } from '../../application/ports/read-model.port.js';
import type { DocumentIndex, Projection, ProjectionEvent } from '../../projections/projection.js';

/**
 * Where the projections keep their documents and their bookkeeping (checkpoints, parked
 * events, rebuild progress, resume requests): PostgreSQL/PGlite tables or MongoDB
 * collections. The runner and the rebuilder speak only this, so that the read model and its
 * checkpoint always move in one transaction of the same engine.
 */

/** What parking needs to know of an event. */
export interface ParkableEvent {
  readonly globalPosition: number;
  readonly eventId: string;
  readonly type: string;
  /** Where in the global order; without it a SQL store finds it in its own events table. */
  readonly transactionId?: string;
}

export interface StoredCheckpoint {
  readonly name: string;
  readonly version: number;
  readonly checkpoint: GlobalCheckpoint;
  readonly state: ProjectionState;
  readonly lastError: string | null;
  readonly resumeRequested: boolean;
  readonly updatedAt: Date;
}

export interface StoredRebuild {
  readonly projection: string;
  readonly table: string;
  readonly processed: number;
  readonly total: number;
  readonly startedAt: Date;
  readonly updatedAt: Date;
}

/** The bookkeeping of projections; `Tx` is the engine's transaction handle. */
export interface CheckpointStore<Tx> {
  /** The checkpoint, created at the start of the log when missing. */
  ensure(name: string, version: number): Promise<StoredCheckpoint>;
  load(name: string, tx?: Tx): Promise<StoredCheckpoint | undefined>;
  loadAll(names: readonly string[]): Promise<StoredCheckpoint[]>;
  /** Reads the checkpoint so that a concurrent writer of it fails or waits: the compare-and-set of every batch. */
  lock(tx: Tx, name: string): Promise<StoredCheckpoint | undefined>;
  advance(tx: Tx, name: string, to: GlobalCheckpoint, state: ProjectionState, version?: number): Promise<void>;
  setState(name: string, state: ProjectionState, lastError: string | null): Promise<void>;
  park(tx: Tx, name: string, event: ParkableEvent, error: string, attempts: number): Promise<void>;
  openParked(name: string, tx?: Tx): Promise<ParkedEventInfo | null>;
  allOpenParked(): Promise<Map<string, ParkedEventInfo>>;
  /** Marks parked events at or before `upTo` resolved: they have now been applied. */
  resolveParked(tx: Tx, name: string, upTo: GlobalCheckpoint): Promise<void>;
  /** False when nothing is parked. */
  requestResume(name: string): Promise<boolean>;
  takeResumeRequest(name: string): Promise<boolean>;
  rebuildTableOf(name: string): Promise<string | undefined>;
  rebuilds(names: readonly string[]): Promise<StoredRebuild[]>;
  startRebuild(name: string, table: string, total: number): Promise<void>;
  rebuildProgress(tx: Tx, name: string, at: GlobalCheckpoint, processed: number, total: number): Promise<void>;
  endRebuild(tx: Tx | undefined, name: string): Promise<void>;
}

export interface ReadModelStore<Tx> {
  /** For status and readiness. */
  readonly engine: 'postgres' | 'pglite' | 'mongodb';
  readonly checkpoints: CheckpointStore<Tx>;
  /** Runs `work` in one transaction: it commits if `work` resolves and rolls back if it throws. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Creates the documents' table or collection and the indexes the projection declares, when missing. */
  ensureDocuments(table: string, indexes: readonly DocumentIndex[]): Promise<void>;
  /**
   * Applies events, in order, to the documents they touch (evolve each, upsert, delete where
   * evolve returned undefined), inside the transaction that also moves the checkpoint.
   */
  applyToDocuments(tx: Tx, table: string, projection: Projection, events: readonly ProjectionEvent[]): Promise<void>;
  /** Replaces the live documents with a caught-up shadow, atomically for readers. */
  swapInShadow(tx: Tx, projection: Projection, shadow: string): Promise<void>;
  dropDocuments(table: string): Promise<void>;
  /** Tells the lease holder, in whatever process, that the projection needs a look (resume, switch-over). */
  notifyControl(tx: Tx, name: string): Promise<void>;
  /** Hears `notifyControl`; resolves to the unsubscribe, or null where the engine has no notifications (polling then). */
  listenControl(onName: (name: string) => void): Promise<(() => Promise<void>) | null>;
}
