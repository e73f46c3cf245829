import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../application/ports/event-store.port.js';
import { type Projection, assertValidProjection } from '../../projections/projection.js';
import type { Database } from '../persistence/database.js';
import { DATABASE } from '../persistence/persistence.module.js';
import { type LogStatistics, logStatisticsOf } from './log-statistics.js';
import { EVENTS_CHANNEL } from './projection-checkpoint.store.js';
import { ProjectionNotParkedError, UnknownProjectionError } from './projection.errors.js';
import { AdvisoryLocks } from './projection-lease.js';
import { ProjectionRebuilder, type RebuildOptions, type RebuildResult } from './projection-rebuilder.js';
import {
  type ProjectionLogger,
  ProjectionRunner,
  type ProjectionRunnerOptions,
  type ProjectionRunnerOptionsInput,
  resolveRunnerOptions,
} from './projection-runner.js';
import type { CheckpointStore, ReadModelStore } from './read-model.store.js';
import { SqlReadModelStore } from './sql.read-model.store.js';

export const PROJECTION_DEFINITIONS = Symbol('ProjectionDefinitions');
export const PROJECTION_RUNNER_OPTIONS = Symbol('ProjectionRunnerOptions');
export const PROJECTION_LOGGER = Symbol('ProjectionLogger');
/** Where the read models live (MongoDB); the SQL database otherwise. */
export const READ_MODEL_STORE = Symbol('ReadModelStore');

/** An event store that pushes its appends (KurrentDB's subscription); NOTIFY does it for SQL. */
interface AppendSubscription {
  subscribeToAppends(onAppended: () => void, onError: (error: unknown) => void): () => Promise<void>;
}

function pushesAppends(store: EventStore): store is EventStore & AppendSubscription {
  return typeof (store as Partial<AppendSubscription>).subscribeToAppends === 'function';
}

/**
 * The projections of this process: one runner per registered projection (started with the
 * application unless `autoStart` is false), rebuilds, and operators' resume requests.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly options: ProjectionRunnerOptions;
  private readonly byName = new Map<string, Projection>();
  private readonly runners = new Map<string, ProjectionRunner>();
  readonly readStore: ReadModelStore<unknown>;
  readonly log: LogStatistics;
  private readonly checkpoints: CheckpointStore<unknown>;
  private readonly locks: AdvisoryLocks;
  private readonly rebuilder: ProjectionRebuilder;
  private readonly logger: ProjectionLogger;
  private unsubscribe: Array<() => Promise<void>> = [];
  private started = false;
  private activeRebuilds = 0;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(PROJECTION_DEFINITIONS) projections: readonly Projection[],
    @Optional() @Inject(PROJECTION_RUNNER_OPTIONS) options?: ProjectionRunnerOptionsInput,
    @Optional() @Inject(PROJECTION_LOGGER) logger?: ProjectionLogger,
    @Optional() @Inject(READ_MODEL_STORE) readStore?: ReadModelStore<unknown> | null,
  ) {
    this.options = resolveRunnerOptions(options ?? {});
    for (const projection of projections) {
      assertValidProjection(projection);
      if (this.byName.has(projection.name)) throw new Error(`Projection ${projection.name} is registered twice`);
      this.byName.set(projection.name, projection);
    }
    this.logger = logger ?? new Logger('Projections');
    this.readStore = readStore ?? new SqlReadModelStore(db);
    this.log = logStatisticsOf(eventStore, db);
    this.checkpoints = this.readStore.checkpoints;
    // Leases stay advisory locks of the SQL database whatever holds the read models: correctness rests on the checkpoint's compare-and-set.
    this.locks = new AdvisoryLocks(db);
    this.rebuilder = new ProjectionRebuilder(this.readStore, eventStore, this.log, this.locks, this.options.batchSize);
  }

  /** The registered projections, in registration order. */
  get projections(): readonly Projection[] {
    return [...this.byName.values()];
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.autoStart) await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Subscribes to NOTIFY and starts every runner; they catch up in the background. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const projection of this.byName.values()) {
      this.runners.set(
        projection.name,
        new ProjectionRunner(projection, {
          db: this.db,
          eventStore: this.eventStore,
          readStore: this.readStore,
          checkpoints: this.checkpoints,
          locks: this.locks,
          rebuilder: this.rebuilder,
          options: this.options,
          logger: this.logger,
        }),
      );
    }
    try {
      const wakeAll = () => this.runners.forEach((runner) => runner.wake());
      if (pushesAppends(this.eventStore)) {
        this.unsubscribe.push(this.eventStore.subscribeToAppends(wakeAll, (error) => this.logger.warn(`Projections: the append subscription failed, polling only: ${String(error)}`)));
      } else {
        this.unsubscribe.push(await this.db.listen(EVENTS_CHANNEL, wakeAll));
      }
      const control = await this.readStore.listenControl((name) => this.runners.get(name)?.wake());
      if (control) this.unsubscribe.push(control);
    } catch (error) {
      // Polling still moves every projection; only the wake-up latency suffers.
      this.logger.warn(`Projections: LISTEN failed, polling only: ${String(error)}`);
    }
    for (const runner of this.runners.values()) runner.start();
  }

  /** Waits for every batch in flight, gives up the leases and the session holding them. */
  async stop(): Promise<void> {
    this.started = false;
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    this.runners.clear();
    for (const unsubscribe of this.unsubscribe.splice(0)) await unsubscribe().catch(() => undefined);
    await this.locks.close();
  }

  /** Does this instance hold the projection's lease (and so run it)? */
  isLeaseHeld(name: string): boolean {
    return this.runners.get(name)?.leaseHeld ?? false;
  }

  /** This instance's runner, if it was started; for diagnostics and tests. */
  runner(name: string): ProjectionRunner | undefined {
    return this.runners.get(name);
  }

  /**
   * Rebuilds into a fresh table and switches over when caught up. Safe while the projection
   * runs live here or in another process; one rebuild per projection at a time.
   */
  async rebuild(name: string, options: RebuildOptions = {}): Promise<RebuildResult> {
    const projection = this.projection(name);
    this.activeRebuilds++;
    try {
      const result = await this.rebuilder.rebuild(projection, options);
      this.runners.get(name)?.wake();
      return result;
    } finally {
      // Without runners (the CLI) nothing else needs the lock session: give its connection back.
      if (--this.activeRebuilds === 0 && !this.started) await this.locks.close();
    }
  }

  /**
   * Asks whichever instance runs the projection to retry its parked event (once; parked
   * again if it still fails). Returns when the request is recorded, not when it succeeds.
   */
  async resume(name: string): Promise<void> {
    this.projection(name);
    if (!(await this.checkpoints.requestResume(name))) throw new ProjectionNotParkedError(name);
    this.runners.get(name)?.wake();
  }

  projection(name: string): Projection {
    const projection = this.byName.get(name);
    if (!projection) throw new UnknownProjectionError(name);
    return projection;
  }
}
