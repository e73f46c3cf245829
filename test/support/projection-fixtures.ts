import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { EventMetadata, EventStore, GlobalCheckpoint, NewEvent } from '../../src/application/ports/event-store.port.js';
import { START_OF_LOG } from '../../src/application/ports/event-store.port.js';
import { EventSchemaRegistry } from '../../src/domain/shared/event-schema.js';
import type { DocumentProjection, ProjectionEvent } from '../../src/projections/projection.js';
import { foldDocuments } from '../../src/projections/testing/projection-specification.js';
import { SqlSubjectKeyStore } from '../../src/infrastructure/crypto/subject-key.store.js';
import type { Database, QueryResult, SessionConnection, SqlExecutor } from '../../src/infrastructure/persistence/database.js';
import { SqlEventStore } from '../../src/infrastructure/persistence/event-store/sql.event-store.js';
import { PostgresDatabase } from '../../src/infrastructure/persistence/postgres.database.js';
import { toProjectionEvent } from '../../src/infrastructure/projections/projection-event.mapper.js';
import type { ProjectionLogger } from '../../src/infrastructure/projections/projection-runner.js';
import { TestClock } from './test-clock.js';
import { POSTGRES_ADMIN_URL } from './test-databases.js';

/** A note count per case; every applied event id is kept, so applying one twice shows. */
export interface CaseNotesDoc {
  caseId: string;
  status: 'open' | 'closed';
  notes: number;
  /** Event ids in the order applied, each prefixed with the runner's tag when it has one. */
  applied: string[];
  version?: number;
}

export interface CaseActivityDoc {
  caseId: string;
  events: number;
  applied: string[];
}

/** Flip `enabled` off to "deploy the fix" for poison notes. */
export interface PoisonSwitch {
  enabled: boolean;
}

export const CASE_EVENT_TYPES = ['CaseOpened', 'NoteAdded', 'CaseClosed'] as const;

/**
 * Notes per case. A `NoteAdded` with `poison: true` throws while the switch is on. `tag`
 * marks which runner applied an event; `version` 2 changes the document shape.
 */
export function caseNotesProjection(options: { poison?: PoisonSwitch; tag?: string; version?: number } = {}): DocumentProjection<CaseNotesDoc> {
  const mark = (eventId: string) => (options.tag ? `${options.tag}:${eventId}` : eventId);
  const version = options.version ?? 1;
  return {
    kind: 'documents',
    name: 'case_notes',
    version,
    handles: CASE_EVENT_TYPES,
    documentIds: (event) => [event.streamId],
    indexes: [
      { name: 'status', path: 'status' },
      { name: 'notes', path: 'notes' },
    ],
    evolve(doc, event) {
      const base: CaseNotesDoc = doc ?? { caseId: event.streamId, status: 'open', notes: 0, applied: [] };
      const next = { ...base, applied: [...base.applied, mark(event.eventId)], ...(version > 1 ? { version } : {}) };
      switch (event.type) {
        case 'CaseOpened':
          return { ...next, status: 'open' };
        case 'NoteAdded':
          if (event.data.poison === true && options.poison?.enabled) throw new Error(`poison note ${event.eventId}`);
          return { ...next, notes: base.notes + 1 };
        case 'CaseClosed':
          return { ...next, status: 'closed' };
        default:
          return base;
      }
    },
  };
}

/** Events per case, of every case type; never fails. */
export function caseActivityProjection(): DocumentProjection<CaseActivityDoc> {
  return {
    kind: 'documents',
    name: 'case_activity',
    version: 1,
    handles: CASE_EVENT_TYPES,
    documentIds: (event) => [event.streamId],
    evolve: (doc, event) => ({
      caseId: event.streamId,
      events: (doc?.events ?? 0) + 1,
      applied: [...(doc?.applied ?? []), event.eventId],
    }),
  };
}

/** Event ids a document records, runner tags removed. */
export function appliedIds(doc: { applied: readonly string[] }): string[] {
  return doc.applied.map((entry) => entry.slice(entry.lastIndexOf(':') + 1));
}

export function metadata(): EventMetadata {
  const id = randomUUID();
  return {
    correlationId: id,
    causationId: id,
    actor: { userId: 'clerk-1', role: 'clerk', unit: 'cso-1' },
    channel: 'phone',
    policyVersion: 'hu-2026',
    businessTime: '2026-03-02T08:55:00.000Z',
  };
}

export function caseEvent(type: (typeof CASE_EVENT_TYPES)[number] | 'Unrelated', data: Record<string, unknown> = {}): NewEvent {
  return { eventId: randomUUID(), type, data, metadata: metadata() };
}

export function newEventStore(db: Database): SqlEventStore {
  return new SqlEventStore(db, new EventSchemaRegistry(), new SqlSubjectKeyStore(db, randomBytes(32)), new TestClock());
}

export async function appendTo(store: EventStore, streamId: string, events: readonly NewEvent[]): Promise<void> {
  await store.append({ streams: [{ streamId, streamType: 'case', expectedVersion: 'any', events }] });
}

/** A case opened with `notes` notes (closed too when asked), in appends of up to 20 events. */
export async function appendCase(store: EventStore, caseId: string, notes: number, options: { close?: boolean } = {}): Promise<void> {
  const events = [caseEvent('CaseOpened'), ...Array.from({ length: notes }, (_, n) => caseEvent('NoteAdded', { n })), ...(options.close ? [caseEvent('CaseClosed')] : [])];
  for (let i = 0; i < events.length; i += 20) await appendTo(store, caseId, events.slice(i, i + 20));
}

/** Every event of the log, in the global order projections read it. */
export async function allEvents(store: EventStore): Promise<{ events: ProjectionEvent[]; head: GlobalCheckpoint }> {
  const events: ProjectionEvent[] = [];
  let after = START_OF_LOG;
  for (;;) {
    const batch = await store.readAll({ after, limit: 1000 });
    if (batch.events.length === 0) return { events, head: after };
    events.push(...batch.events.map(toProjectionEvent));
    after = batch.checkpoint;
  }
}

/** What the projection must hold after applying the whole log exactly once. */
export async function expectedDocuments<T>(store: EventStore, projection: DocumentProjection<T>): Promise<Record<string, T>> {
  return Object.fromEntries(foldDocuments(projection, (await allEvents(store)).events));
}

export async function readDocuments<T>(db: SqlExecutor, projection: string): Promise<Record<string, T>> {
  const { rows } = await db.query<{ id: string; doc: T }>(`SELECT id, doc FROM rm_${projection} ORDER BY id`);
  return Object.fromEntries(rows.map((row) => [row.id, row.doc]));
}

export async function storedCheckpoint(db: SqlExecutor, projection: string): Promise<GlobalCheckpoint | undefined> {
  const { rows } = await db.query<{ tx: string; position: unknown }>(
    `SELECT transaction_id::text AS tx, position FROM projection_checkpoints WHERE name = $1`,
    [projection],
  );
  return rows[0] ? { transactionId: rows[0].tx, position: Number(rows[0].position) } : undefined;
}

/** Polls `probe` until it returns something other than undefined or false; fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${options.what ?? 'a condition'}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
  }
}

/** Keeps what the runner says, for assertions and quiet test output. */
export class RecordingLogger implements ProjectionLogger {
  readonly entries: Array<{ level: 'log' | 'warn' | 'error'; message: string; at: number }> = [];

  log(message: string): void {
    this.record('log', message);
  }

  warn(message: string): void {
    this.record('warn', message);
  }

  error(message: string): void {
    this.record('error', message);
  }

  private record(level: 'log' | 'warn' | 'error', message: string): void {
    this.entries.push({ level, message, at: performance.now() });
    if (process.env.DEBUG_PROJECTIONS) process.stderr.write(`[${level}] ${message}\n`);
  }

  matching(pattern: RegExp): Array<{ level: string; message: string; at: number }> {
    return this.entries.filter((entry) => pattern.test(entry.message));
  }
}

/** Appends a note to one of `caseIds` every few milliseconds until stopped; resolves to the count. */
export function keepAppending(store: EventStore, caseIds: readonly string[], options: { everyMs?: number } = {}): { stop: () => Promise<number> } {
  let stopped = false;
  let count = 0;
  const loop = (async () => {
    while (!stopped) {
      await appendTo(store, caseIds[count % caseIds.length]!, [caseEvent('NoteAdded', { n: count })]);
      count++;
      await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 2));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return count;
    },
  };
}

class KilledError extends Error {
  // Looks like a dropped connection, as a dead process would never get an answer at all.
  readonly code = '57P01';

  constructor() {
    super('terminating connection: the process was killed');
  }
}

/**
 * A PostgreSQL connection that can be killed like its process: `kill()` has the server
 * terminate every backend it has (its transaction in flight rolls back, its advisory locks
 * are released), and every later call fails.
 */
export class KillableDatabase implements Database {
  readonly kind = 'postgres' as const;
  private readonly inner: PostgresDatabase;
  private killed = false;
  private trap: { match: RegExp; remaining: number; sprung: (() => void) | undefined } | undefined;

  constructor(
    url: string,
    private readonly applicationName: string,
  ) {
    this.inner = new PostgresDatabase(url, { applicationName, maxConnections: 10 });
    // A checked-out pg client whose backend is terminated emits 'error'; unheard, that would crash the test process.
    (this.inner as unknown as { pool: pg.Pool }).pool.on('connect', (client) => client.on('error', () => undefined));
  }

  async kill(): Promise<void> {
    this.killed = true;
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [this.applicationName]);
    } finally {
      await admin.end();
    }
  }

  /**
   * Kills the process just before its `occurrence`-th statement matching `match` reaches the
   * server: a deterministic point such as "inside a batch, documents written, checkpoint not yet".
   * Resolves when the kill is done.
   */
  killAt(match: RegExp, occurrence = 1): Promise<void> {
    return new Promise((resolve) => {
      this.trap = { match, remaining: occurrence, sprung: resolve };
    });
  }

  private alive(): void {
    if (this.killed) throw new KilledError();
  }

  private async before(text: string): Promise<void> {
    this.alive();
    const trap = this.trap;
    if (trap && trap.match.test(text) && --trap.remaining === 0) {
      this.trap = undefined;
      await this.kill();
      trap.sprung?.();
      throw new KilledError();
    }
  }

  private guard(executor: SqlExecutor): SqlExecutor {
    return {
      query: async <TRow>(text: string, params?: readonly unknown[]): Promise<QueryResult<TRow>> => {
        await this.before(text);
        return executor.query<TRow>(text, params);
      },
    };
  }

  async query<TRow>(text: string, params?: readonly unknown[]): Promise<QueryResult<TRow>> {
    await this.before(text);
    return this.inner.query<TRow>(text, params);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    this.alive();
    return this.inner.transaction((tx) => work(this.guard(tx)));
  }

  async session(): Promise<SessionConnection> {
    this.alive();
    const session = await this.inner.session();
    return {
      ...this.guard(session),
      exec: async (sql) => {
        this.alive();
        return session.exec(sql);
      },
      release: () => session.release(),
    };
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    this.alive();
    return this.inner.listen(channel, (payload) => {
      if (!this.killed) onNotify(payload);
    });
  }

  async close(): Promise<void> {
    await this.inner.close();
  }
}
