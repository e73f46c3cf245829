import { randomBytes } from 'node:crypto';
import { dumbo } from '@event-driven-io/dumbo';
import { getPostgreSQLEventStore, readMessagesBatch, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { START_OF_LOG, type GlobalCheckpoint } from '../src/application/ports/event-store.port.js';
import { SqlSubjectKeyStore } from '../src/infrastructure/crypto/subject-key.store.js';
import type { Database, SqlExecutor } from '../src/infrastructure/persistence/database.js';
import { EVENT_COLUMNS, SqlEventStore } from '../src/infrastructure/persistence/event-store/sql.event-store.js';
import { RAW_SCHEMA } from './setup.js';
import { benchSchemas, type BenchEvent } from './workload.js';

export type ContenderName = 'ours' | 'raw' | 'emmett';

/** One way of storing and reading events, measured against the others. */
export interface Contender {
  readonly name: ContenderName;
  /** Appends `events` to `streamId`, whose version the caller knows to be `expected`. */
  append(writer: number, streamId: string, expected: number, events: readonly BenchEvent[]): Promise<void>;
  /** Reads the whole stream; returns its number of events. */
  readStream(streamId: string): Promise<number>;
  /** Reads the first `total` events of the global log in batches of `batch`; returns how many it read. */
  readAll(total: number, batch: number): Promise<number>;
  close(): Promise<void>;
}

const clock = { now: () => new Date() };

/**
 * Ours: `SqlEventStore` over the app's own `Database` adapter, appending as the command
 * pipeline does: the expected version and the head hash it last saw (here: from its own
 * previous append, as a handler has it from the stream it just read).
 */
export class OursContender implements Contender {
  readonly name = 'ours' as const;
  readonly store: SqlEventStore;
  private readonly heads = new Map<string, { version: number; hash: string }>();

  constructor(db: Database) {
    this.store = new SqlEventStore(db, benchSchemas(), new SqlSubjectKeyStore(db, randomBytes(32)), clock);
  }

  async append(_writer: number, streamId: string, expected: number, events: readonly BenchEvent[]): Promise<void> {
    const head = this.heads.get(streamId);
    const expectedHead = head?.version === expected ? head.hash : undefined;
    const result = await this.store.append({ streams: [{ streamId, streamType: 'case', expectedVersion: expected, ...(expectedHead ? { expectedHead } : {}), events }] });
    if (result.status !== 'appended') throw new Error(`ours: append to ${streamId} answered ${result.status}`);
    const [appended] = result.streams;
    this.heads.set(streamId, { version: appended!.nextVersion, hash: appended!.headHash });
  }

  async readStream(streamId: string): Promise<number> {
    return (await this.store.readStream(streamId)).length;
  }

  async readAll(total: number, batch: number): Promise<number> {
    let read = 0;
    let after: GlobalCheckpoint = START_OF_LOG;
    while (read < total) {
      const { events, checkpoint } = await this.store.readAll({ after, limit: Math.min(batch, total - read) });
      if (events.length === 0) break;
      read += events.length;
      after = checkpoint;
    }
    return read;
  }

  async close(): Promise<void> {
    // The Database is owned by the caller (shared with the raw baseline on PGlite).
  }
}

const RAW_COLUMNS = 'stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at, prev_hash, hash';
const rawInsertSql = new Map<number, string>();

/** `INSERT ... VALUES (...), (...)` for `rows` rows of the events row shape. */
function rawInsert(rows: number): string {
  let sql = rawInsertSql.get(rows);
  if (!sql) {
    const values = Array.from({ length: rows }, (_, r) => `(${Array.from({ length: 10 }, (_, c) => `$${r * 10 + c + 1}`).join(', ')})`);
    sql = `INSERT INTO ${RAW_SCHEMA}.events (${RAW_COLUMNS}) VALUES ${values.join(', ')}`;
    rawInsertSql.set(rows, sql);
  }
  return sql;
}

/** Two fixed 32-byte values standing in for the chain hashes: the raw baseline computes nothing. */
const PREV_HASH = randomBytes(32);
const HASH = randomBytes(32);

/**
 * The physical limit: one plain autocommit INSERT per append (multi-row for several events)
 * of the same row shape into a copy of the `events` table, each writer on its own connection.
 */
export class RawContender implements Contender {
  readonly name = 'raw' as const;

  /** `writers[i]` is writer i's executor; reads use the first. */
  private constructor(
    private readonly writers: readonly SqlExecutor[],
    private readonly onClose: () => Promise<void>,
  ) {}

  /** On PostgreSQL: one `pg.Client` per writer. */
  static async onPostgres(url: string, writers: number): Promise<RawContender> {
    const clients = await Promise.all(
      Array.from({ length: writers }, async () => {
        const client = new pg.Client({ connectionString: url, application_name: 'bench-raw' });
        await client.connect();
        return client;
      }),
    );
    const executors = clients.map(
      (client): SqlExecutor => ({
        async query<TRow>(text: string, params?: readonly unknown[]) {
          const result = await client.query(text, params as unknown[] | undefined);
          return { rows: result.rows as TRow[], rowCount: result.rowCount ?? 0 };
        },
      }),
    );
    return new RawContender(executors, async () => {
      await Promise.all(clients.map((c) => c.end()));
    });
  }

  /** Over one executor (PGlite's one connection, through the adapter's query pass-through). */
  static over(executor: SqlExecutor): RawContender {
    return new RawContender([executor], async () => undefined);
  }

  async append(writer: number, streamId: string, expected: number, events: readonly BenchEvent[]): Promise<void> {
    const executor = this.writers[writer % this.writers.length]!;
    const recordedAt = new Date().toISOString();
    const params: unknown[] = [];
    events.forEach((event, i) => {
      params.push(streamId, expected + i + 1, event.eventId, event.type, 1, JSON.stringify(event.data), JSON.stringify(event.metadata), recordedAt, PREV_HASH, HASH);
    });
    await executor.query(rawInsert(events.length), params);
  }

  async readStream(streamId: string): Promise<number> {
    const { rows } = await this.writers[0]!.query(
      `SELECT ${EVENT_COLUMNS} FROM ${RAW_SCHEMA}.events WHERE stream_id = $1 ORDER BY stream_version ASC`,
      [streamId],
    );
    return rows.length;
  }

  async readAll(total: number, batch: number): Promise<number> {
    let read = 0;
    let afterTx = '0';
    let afterPosition: unknown = 0;
    while (read < total) {
      const { rows } = await this.writers[0]!.query<{ tx_id: string; global_position: unknown }>(
        `SELECT ${EVENT_COLUMNS} FROM ${RAW_SCHEMA}.events
          WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
            AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY transaction_id, global_position
          LIMIT $3`,
        [afterTx, afterPosition, Math.min(batch, total - read)],
      );
      const last = rows.at(-1);
      if (!last) break;
      read += rows.length;
      afterTx = last.tx_id;
      afterPosition = last.global_position;
    }
    return read;
  }

  async close(): Promise<void> {
    await this.onClose();
  }
}

const TYPE_OIDS = [20, 114, 3802] as const;

/**
 * Emmett's PostgreSQL event store, `appendToStream` with an exact `expectedStreamVersion`.
 *
 * Emmett's driver layer (dumbo) replaces node-postgres' global type parsers on first use
 * (int8 as BigInt, json/jsonb through a reviver). So that it changes nothing for the other
 * contenders, the global parsers are put back and Emmett's own pool gets Emmett's parsers
 * through the per-pool `types` option: each store reads with the parsers it was built for.
 */
export class EmmettContender implements Contender {
  readonly name = 'emmett' as const;

  private constructor(
    private readonly store: PostgresEventStore,
    private readonly pool: pg.Pool,
    private readonly execute: ReturnType<typeof dumbo>['execute'],
  ) {}

  static async create(url: string, writers: number): Promise<EmmettContender> {
    const globalParsers = new Map(TYPE_OIDS.map((oid) => [oid, pg.types.getTypeParser(oid, 'text')] as const));
    const emmettParsers = new Map<number, (value: string) => unknown>();
    const pool = new pg.Pool({
      connectionString: url,
      max: writers,
      application_name: 'bench-emmett',
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          (format ?? 'text') === 'text' && emmettParsers.has(oid)
            ? emmettParsers.get(oid)!
            : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
      },
    });
    pool.on('error', () => undefined);
    const driver = dumbo({ connectionString: url, pool });
    for (const oid of TYPE_OIDS) {
      emmettParsers.set(oid, pg.types.getTypeParser(oid, 'text') as (value: string) => unknown);
      pg.types.setTypeParser(oid, 'text', globalParsers.get(oid)!);
    }
    const store = getPostgreSQLEventStore(url, { connectionOptions: { dumbo: driver } });
    await store.schema.migrate();
    for (const oid of TYPE_OIDS) {
      if (pg.types.getTypeParser(oid, 'text') !== globalParsers.get(oid)) throw new Error(`Emmett changed the global pg parser of type ${oid}`);
    }
    return new EmmettContender(store, pool, driver.execute);
  }

  async append(_writer: number, streamId: string, expected: number, events: readonly BenchEvent[]): Promise<void> {
    await this.store.appendToStream(
      streamId,
      events.map((e) => ({ type: e.type, data: e.data, metadata: { ...e.metadata, messageId: e.eventId } })),
      { expectedStreamVersion: BigInt(expected) },
    );
  }

  async readStream(streamId: string): Promise<number> {
    return (await this.store.readStream(streamId)).events.length;
  }

  /** `readMessagesBatch`: the exported global-order read Emmett's consumers poll with. */
  async readAll(total: number, batch: number): Promise<number> {
    let read = 0;
    let after = 0n;
    while (read < total) {
      const result = await readMessagesBatch(this.execute, { after, batchSize: Math.min(batch, total - read) });
      if (result.messages.length === 0) break;
      read += result.messages.length;
      after = result.currentGlobalPosition;
    }
    return read;
  }

  async close(): Promise<void> {
    await this.store.close().catch(() => undefined);
    await this.pool.end();
  }
}
