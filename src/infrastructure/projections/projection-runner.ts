import type { EventStore, GlobalCheckpoint, RecordedEvent } from '../../application/ports/event-store.port.js';
import { START_OF_LOG } from '../../application/ports/event-store.port.js';
import type { ProjectionState } from '../../application/ports/read-model.port.js';
import type { Projection, ProjectionEvent } from '../../projections/projection.js';
import type { Database } from '../persistence/database.js';
import { liveTableOf } from './document-table.js';
import { sameCheckpoint } from './projection-checkpoint.store.js';
import { CheckpointMovedError, RebuildFailedError, describeError, isTransient } from './projection.errors.js';
import { toProjectionEvent } from './projection-event.mapper.js';
import { AdvisoryLocks, LEASE_LOCK_SPACE } from './projection-lease.js';
import type { ProjectionRebuilder } from './projection-rebuilder.js';
import type { CheckpointStore, ReadModelStore } from './read-model.store.js';
import { WakeSignal } from './wake-signal.js';

export interface ProjectionRetryOptions {
  /** Attempts at a failing event before it is parked. */
  readonly attempts: number;
  /** Delay before the second attempt; doubles after each further one. */
  readonly baseDelayMs: number;
  /** Ceiling of any backoff, including the one after database outages. */
  readonly maxDelayMs: number;
}

export interface ProjectionRunnerOptions {
  /** Events read per batch (and per read-model transaction). */
  readonly batchSize: number;
  /** Polling when no NOTIFY arrives; a lost notification delays a projection by at most this. */
  readonly pollIntervalMs: number;
  readonly retry: ProjectionRetryOptions;
  /** How often an instance without the lease tries to take it, and checks it still holds it. */
  readonly leaseRetryMs: number;
  /** Start the runners with the application (false in the CLI). */
  readonly autoStart: boolean;
  /** Status counts the lag up to this many events, to stay cheap. */
  readonly lagCap: number;
}

export const DEFAULT_PROJECTION_RUNNER_OPTIONS: ProjectionRunnerOptions = Object.freeze({
  batchSize: 200,
  pollIntervalMs: 1000,
  retry: Object.freeze({ attempts: 5, baseDelayMs: 250, maxDelayMs: 30_000 }),
  leaseRetryMs: 5000,
  autoStart: true,
  lagCap: 100_000,
});

export type ProjectionRunnerOptionsInput = Partial<Omit<ProjectionRunnerOptions, 'retry'>> & {
  readonly retry?: Partial<ProjectionRetryOptions>;
};

export function resolveRunnerOptions(input: ProjectionRunnerOptionsInput = {}): ProjectionRunnerOptions {
  const options: ProjectionRunnerOptions = {
    ...DEFAULT_PROJECTION_RUNNER_OPTIONS,
    ...input,
    retry: { ...DEFAULT_PROJECTION_RUNNER_OPTIONS.retry, ...input.retry },
  };
  const positive = (value: number, name: string) => {
    if (!Number.isFinite(value) || value < 0) throw new Error(`Projection option ${name} must be a non-negative number`);
  };
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) throw new Error('Projection option batchSize must be a positive integer');
  if (!Number.isInteger(options.retry.attempts) || options.retry.attempts < 1) throw new Error('Projection option retry.attempts must be a positive integer');
  positive(options.pollIntervalMs, 'pollIntervalMs');
  positive(options.leaseRetryMs, 'leaseRetryMs');
  positive(options.retry.baseDelayMs, 'retry.baseDelayMs');
  positive(options.retry.maxDelayMs, 'retry.maxDelayMs');
  return options;
}

/** Where the runner reports; Nest's Logger fits. */
export interface ProjectionLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ProjectionRunnerDependencies {
  /** The SQL database: the leases, and the events table when the log is there. */
  readonly db: Database;
  readonly eventStore: EventStore;
  /** Documents and checkpoints, moved together in its transactions. */
  readonly readStore: ReadModelStore<unknown>;
  readonly checkpoints: CheckpointStore<unknown>;
  readonly locks: AdvisoryLocks;
  readonly rebuilder: ProjectionRebuilder;
  readonly options: ProjectionRunnerOptions;
  readonly logger: ProjectionLogger;
}

type StepResult = 'more' | 'idle' | 'held_back' | 'blocked';

interface PendingEvent {
  readonly recorded: RecordedEvent;
  readonly event: ProjectionEvent;
}

/**
 * One projection's catch-up subscription. While this process holds the projection's lease
 * it reads batches after the checkpoint, applies each batch and moves the checkpoint in one
 * transaction, and sleeps until NOTIFY or the poll interval. A failing event is retried
 * with backoff and then parked: the projection stops there and never skips it.
 */
export class ProjectionRunner {
  private state: ProjectionState = 'starting';
  private checkpoint: GlobalCheckpoint = START_OF_LOG;
  private lastError: string | null = null;
  /** Stopped at a parked event until an operator resumes it or a rebuild goes past it. */
  private parkedEventId: string | null = null;
  /** The next attempt at this (formerly parked) event is its only one before parking again. */
  private resumingEventId: string | null = null;
  private hasOpenParked = false;
  private needsRebuild = false;
  /** Set when the stored read model is newer than this code: never touch it. */
  private refusal: string | null = null;
  private prepared = false;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private lastLeaseCheck = 0;
  private heldBackDelayMs = 0;
  private readonly handled: ReadonlySet<string>;
  private readonly table: string;
  /** NOTIFY, resume requests and stop end its sleeps. */
  private readonly wakeUp = new WakeSignal();
  /** Only stop ends backoff sleeps: appends must not shorten a retry delay. */
  private readonly stopSignal = new WakeSignal();

  constructor(
    readonly projection: Projection,
    private readonly deps: ProjectionRunnerDependencies,
  ) {
    this.handled = new Set(projection.handles);
    this.table = liveTableOf(projection.name);
  }

  get name(): string {
    return this.projection.name;
  }

  get leaseHeld(): boolean {
    return this.deps.locks.isHeld(LEASE_LOCK_SPACE, this.name);
  }

  get running(): boolean {
    return this.loop !== undefined;
  }

  /** What this instance knows right now (the database holds the lease holder's view). */
  snapshot(): { state: ProjectionState; checkpoint: GlobalCheckpoint; lastError: string | null; leaseHeld: boolean } {
    return { state: this.state, checkpoint: this.checkpoint, lastError: this.lastError, leaseHeld: this.leaseHeld };
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run().finally(() => (this.loop = undefined));
  }

  /** Finishes the batch in flight, records `stopped`, and gives the lease up. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp.wake();
    this.stopSignal.wake();
    await this.loop;
  }

  /** Something may have changed (an append, an operator's request): look now. */
  wake(): void {
    this.wakeUp.wake();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        if (!(await this.ensureLease())) {
          await this.stopSignal.sleep(this.deps.options.leaseRetryMs);
          continue;
        }
        if (!this.prepared) await this.prepare();
        const result = await this.step();
        failures = 0;
        if (result === 'more') continue;
        if (result === 'held_back') {
          // Committed events wait behind an older running transaction (the xid8 watermark): look again soon.
          this.heldBackDelayMs = Math.min(Math.max(this.heldBackDelayMs * 2, 10), this.deps.options.pollIntervalMs);
          await this.wakeUp.sleep(this.heldBackDelayMs);
        } else {
          this.heldBackDelayMs = 0;
          await this.wakeUp.sleep(this.deps.options.pollIntervalMs);
        }
      } catch (error) {
        if (this.stopping) break;
        failures++;
        this.prepared = false;
        this.lastError = describeError(error);
        this.deps.logger.warn(`Projection ${this.name}: ${this.lastError}; retrying`);
        if (this.parkedEventId === null && this.refusal === null) await this.persistState('retrying', this.lastError);
        await this.stopSignal.sleep(this.backoff(failures));
      }
    }
    await this.shutdown();
  }

  private async shutdown(): Promise<void> {
    if (this.leaseHeld) {
      // A parked projection stays parked in the database; everything else reads as stopped.
      if (this.parkedEventId === null && this.refusal === null) await this.persistState('stopped', this.lastError);
      await this.deps.locks.release(LEASE_LOCK_SPACE, this.name);
    }
    this.state = this.parkedEventId === null ? 'stopped' : 'parked';
    this.prepared = false;
  }

  /** Takes the lease when free; checks now and then that the session holding it is alive. */
  private async ensureLease(): Promise<boolean> {
    const now = Date.now();
    if (this.leaseHeld && now - this.lastLeaseCheck >= this.deps.options.leaseRetryMs) {
      this.lastLeaseCheck = now;
      if (!(await this.deps.locks.verify())) this.deps.logger.warn(`Projection ${this.name}: lost the lease with its session`);
    }
    if (this.leaseHeld) return true;
    this.prepared = false;
    if (this.refusal !== null) return false;
    const acquired = await this.deps.locks.tryAcquire(LEASE_LOCK_SPACE, this.name);
    this.lastLeaseCheck = now;
    if (acquired) this.deps.logger.log(`Projection ${this.name}: lease taken`);
    return acquired;
  }

  /** Loads the checkpoint and any parked event; creates the table; decides whether a rebuild is due. */
  private async prepare(): Promise<void> {
    const { checkpoints, readStore } = this.deps;
    const stored = await checkpoints.ensure(this.name, this.projection.version);
    if (stored.version > this.projection.version) {
      // A newer deployment owns the read model; running this code over it would corrupt it.
      this.refusal = `the read model is at version ${stored.version}, this code knows version ${this.projection.version}`;
      this.lastError = this.refusal;
      this.state = 'stopped';
      this.deps.logger.error(`Projection ${this.name}: ${this.refusal}; not running it`);
      await this.deps.locks.release(LEASE_LOCK_SPACE, this.name);
      return;
    }
    this.needsRebuild = stored.version < this.projection.version;
    if (!this.needsRebuild) await readStore.ensureDocuments(this.table, this.projection.indexes ?? []);
    this.checkpoint = stored.checkpoint;
    const open = await checkpoints.openParked(this.name);
    // A resumed event stays resumed across a reload (a transient failure must not swallow the operator's request).
    const parked = open && open.eventId !== this.resumingEventId ? open : null;
    this.parkedEventId = parked?.eventId ?? null;
    this.hasOpenParked = open !== null;
    if (parked) {
      this.lastError = parked.error;
      this.state = 'parked';
    } else {
      this.lastError = null;
      if (open === null) this.resumingEventId = null;
      this.state = this.needsRebuild ? 'rebuilding' : 'catching_up';
      await this.persistState(this.state, null);
    }
    this.prepared = true;
  }

  private async step(): Promise<StepResult> {
    if (this.refusal !== null) return 'blocked';
    if (this.parkedEventId !== null) return this.whileParked();
    if (this.needsRebuild) return this.rebuildToNewVersion();

    this.wakeUp.clear();
    const { batchSize } = this.deps.options;
    const batch = await this.deps.eventStore.readAll({ after: this.checkpoint, limit: batchSize });
    if (batch.events.length === 0) {
      if (this.state !== 'live') await this.persistState('live', null);
      return (await this.heldBack()) ? 'held_back' : 'idle';
    }
    const pending = batch.events.filter((e) => this.handled.has(e.type)).map((recorded) => ({ recorded, event: toProjectionEvent(recorded) }));
    const caughtUp = batch.events.length < batchSize;
    const nextState: ProjectionState = caughtUp ? 'live' : 'catching_up';
    try {
      await this.commit(pending, batch.checkpoint, nextState);
    } catch (error) {
      if (error instanceof CheckpointMovedError) return this.reload();
      if (isTransient(error)) throw error;
      this.deps.logger.warn(`Projection ${this.name}: a batch failed (${describeError(error)}); applying its events one by one`);
      const outcome = await this.isolate(pending);
      if (outcome !== 'applied') return outcome === 'moved' ? this.reload() : 'blocked';
      await this.commit([], batch.checkpoint, nextState);
    }
    if (!caughtUp) return 'more';
    return (await this.heldBack()) ? 'held_back' : 'idle';
  }

  /**
   * The read-model write and the checkpoint in one transaction, after checking under
   * `FOR UPDATE` that nobody else moved the checkpoint since we read it.
   */
  private async commit(pending: readonly PendingEvent[], to: GlobalCheckpoint, state: ProjectionState): Promise<void> {
    const { readStore, checkpoints } = this.deps;
    const resolved = await readStore.transaction(async (tx) => {
      const stored = await checkpoints.lock(tx, this.name);
      if (!stored || stored.version !== this.projection.version || !sameCheckpoint(stored.checkpoint, this.checkpoint)) {
        throw new CheckpointMovedError(this.name);
      }
      await readStore.applyToDocuments(tx, this.table, this.projection, pending.map((p) => p.event));
      if (this.hasOpenParked) await checkpoints.resolveParked(tx, this.name, to);
      await checkpoints.advance(tx, this.name, to, state);
      return this.hasOpenParked ? checkpoints.openParked(this.name, tx).then((open) => open === null) : false;
    });
    this.checkpoint = to;
    this.state = state;
    this.lastError = null;
    if (resolved) {
      this.hasOpenParked = false;
      this.resumingEventId = null;
      this.deps.logger.log(`Projection ${this.name}: parked event applied; running again`);
    }
  }

  /**
   * Finds the failing event of a batch: applies the events one by one, each with its own
   * checkpoint, retrying the one that fails with backoff and parking it when it keeps failing.
   */
  private async isolate(pending: readonly PendingEvent[]): Promise<'applied' | 'parked' | 'moved' | 'stopped'> {
    const { retry } = this.deps.options;
    for (const item of pending) {
      const at: GlobalCheckpoint = { transactionId: item.recorded.transactionId, position: item.recorded.globalPosition };
      const maxAttempts = this.resumingEventId === item.event.eventId ? 1 : retry.attempts;
      for (let attempt = 1; ; attempt++) {
        try {
          await this.commit([item], at, 'catching_up');
          break;
        } catch (error) {
          if (error instanceof CheckpointMovedError) return 'moved';
          if (isTransient(error)) throw error;
          this.lastError = describeError(error);
          if (attempt >= maxAttempts) {
            await this.park({ ...item.event, transactionId: item.recorded.transactionId }, this.lastError, attempt);
            return 'parked';
          }
          this.deps.logger.warn(`Projection ${this.name}: attempt ${attempt} of ${maxAttempts} failed: ${this.lastError}`);
          await this.persistState('retrying', this.lastError);
          await this.stopSignal.sleep(this.retryDelay(attempt));
          if (this.stopping) return 'stopped';
        }
      }
    }
    this.resumingEventId = null;
    return 'applied';
  }

  private async park(event: ProjectionEvent & { readonly transactionId: string }, error: string, attempts: number): Promise<void> {
    const { readStore, checkpoints } = this.deps;
    await readStore.transaction(async (tx) => {
      const stored = await checkpoints.lock(tx, this.name);
      if (!stored || !sameCheckpoint(stored.checkpoint, this.checkpoint)) throw new CheckpointMovedError(this.name);
      await checkpoints.park(tx, this.name, event, error, attempts);
    });
    this.parkedEventId = event.eventId;
    this.resumingEventId = null;
    this.hasOpenParked = true;
    this.state = 'parked';
    this.deps.logger.error(`Projection ${this.name}: parked at ${event.type} ${event.eventId} (position ${event.globalPosition}) after ${attempts} attempt(s): ${error}`);
  }

  /** Waits for an operator: a resume request retries the event once; a rebuild past it frees the projection. */
  private async whileParked(): Promise<StepResult> {
    const { checkpoints } = this.deps;
    const open = await checkpoints.openParked(this.name);
    if (open === null) {
      this.deps.logger.log(`Projection ${this.name}: parked event resolved elsewhere; running again`);
      return this.reload();
    }
    if (!(await checkpoints.takeResumeRequest(this.name))) return 'blocked';
    this.deps.logger.log(`Projection ${this.name}: resuming at ${open.type} ${open.eventId}`);
    const stored = await checkpoints.load(this.name);
    if (stored) this.checkpoint = stored.checkpoint;
    this.resumingEventId = open.eventId;
    this.parkedEventId = null;
    this.state = 'catching_up';
    await this.persistState('catching_up', open.error);
    return 'more';
  }

  /** The stored read model is an older version: build the new one beside it and switch. */
  private async rebuildToNewVersion(): Promise<StepResult> {
    this.deps.logger.log(`Projection ${this.name}: rebuilding to version ${this.projection.version}`);
    await this.persistState('rebuilding', null);
    this.state = 'rebuilding';
    try {
      await this.deps.rebuilder.rebuild(this.projection);
    } catch (error) {
      if (!(error instanceof RebuildFailedError) || !error.event || isTransient(error.cause)) throw error;
      // Parked like a live failure, so status shows it and resume retries the rebuild.
      const event = error.event;
      this.lastError = describeError(error.cause);
      await this.deps.readStore.transaction((tx) => this.deps.checkpoints.park(tx, this.name, event, this.lastError!, 1));
      this.parkedEventId = event.eventId;
      this.hasOpenParked = true;
      this.state = 'parked';
      this.deps.logger.error(`Projection ${this.name}: rebuild to version ${this.projection.version} parked at ${event.type} ${event.eventId}: ${this.lastError}`);
      return 'blocked';
    }
    return this.reload();
  }

  /** Someone else moved the checkpoint (a rebuild's switch-over, another runner): start again from what is stored. */
  private async reload(): Promise<StepResult> {
    this.prepared = false;
    await this.prepare();
    return 'more';
  }

  /** Are there committed events after the checkpoint that the watermark still hides? */
  private async heldBack(): Promise<boolean> {
    const { rows } = await this.deps.db.query<{ exists: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM events WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)) AS exists`,
      [this.checkpoint.transactionId, this.checkpoint.position],
    );
    return rows[0]?.exists === true;
  }

  /** Records the state for every process's status; only the lease holder writes it. */
  private async persistState(state: ProjectionState, lastError: string | null): Promise<void> {
    this.state = state;
    if (!this.leaseHeld) return;
    await this.deps.checkpoints.setState(this.name, state, lastError).catch(() => undefined);
  }

  private retryDelay(attempt: number): number {
    const { baseDelayMs, maxDelayMs } = this.deps.options.retry;
    return Math.min(baseDelayMs * 2 ** (attempt - 1), maxDelayMs);
  }

  private backoff(failures: number): number {
    const { baseDelayMs, maxDelayMs } = this.deps.options.retry;
    return Math.min(Math.max(baseDelayMs, 10) * 2 ** Math.min(failures - 1, 16), maxDelayMs);
  }
}
