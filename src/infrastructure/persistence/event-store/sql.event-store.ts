import type { Clock } from '../../../application/ports/clock.port.js';
import {
  CommandIdReusedError,
  EventIdReusedError,
  WrongExpectedVersionError,
} from '../../../application/ports/event-store.errors.js';
import type {
  AppendRequest,
  AppendResult,
  BrokenLink,
  CommandRecord,
  EventMetadata,
  EventStore,
  GlobalCheckpoint,
  ReadAllBatch,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppendResult,
  StreamHead,
  VerificationReport,
} from '../../../application/ports/event-store.port.js';
import { START_OF_LOG } from '../../../application/ports/event-store.port.js';
import type { KeyStore } from '../../../application/ports/key-store.port.js';
import type { EventSchemaRegistry } from '../../../domain/shared/event-schema.js';
import { GENESIS_HASH, chainHash } from '../../crypto/canonical-event.js';
import { checkChainLink } from '../../crypto/hash-chain.js';
import { decryptPersonalFields, subjectsIn } from '../../crypto/personal-data.cipher.js';
import type { Database, SqlExecutor } from '../database.js';
import { SqlState, sqlStateOf, toBuffer, toNumber } from '../database.js';
import { prepareAppend } from './append-preparation.js';

/** An event row as stored, before decryption and upcasting. */
export interface StoredEventRow {
  global_position: unknown;
  /** The xid8 as text; never named `transaction_id`, or ORDER BY would sort the text. */
  tx_id: string;
  stream_id: string;
  stream_version: unknown;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recorded_at: Date;
  prev_hash: unknown;
  hash: unknown;
}

export const EVENT_COLUMNS = `global_position, transaction_id::text AS tx_id, stream_id, stream_version,
  event_id::text AS event_id, event_type, schema_version, data, metadata, recorded_at, prev_hash, hash`;

const DEFAULT_BATCH = 500;
/** Where readers (projection runners) are woken after appends. */
export const APPEND_NOTIFY_CHANNEL = 'es_events';

/**
 * The fast path: one stream, an exact expected version and a known head, hashes chained by
 * the client, one plain statement. It moves the stream head guarded by version and head hash,
 * records the command and inserts the events; when the guard fails it inserts nothing and the
 * caller asks es_append for the exact answer (a conflict, a duplicate, a stale head).
 */
const FAST_HEAD_MOVED = `
  UPDATE streams SET version = $3, head_hash = decode($4, 'hex'), updated_at = now()
   WHERE stream_id = $1 AND version = $2 AND head_hash = decode($5, 'hex')
  RETURNING stream_id`;
const FAST_COMMAND = `
  INSERT INTO commands (command_id, fingerprint, result)
  SELECT $6, $7, $8::jsonb FROM head WHERE $6::text IS NOT NULL
  RETURNING command_id`;

const FAST_APPEND_TO_EXISTING = `
WITH head AS (${FAST_HEAD_MOVED}), command AS (${FAST_COMMAND})
INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at, prev_hash, hash)
SELECT head.stream_id, (e->>'v')::bigint, (e->>'id')::uuid, e->>'type', (e->>'sv')::int, e->'data', e->'meta',
       (e->>'at')::timestamptz, decode(e->>'prev', 'hex'), decode(e->>'hash', 'hex')
  FROM head, jsonb_array_elements($9::jsonb) AS e
RETURNING global_position, stream_version`;

/** The single-event case with typed parameters: no JSON array to take apart on the server. */
const FAST_APPEND_ONE_TO_EXISTING = `
WITH head AS (${FAST_HEAD_MOVED}), command AS (${FAST_COMMAND})
INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at, prev_hash, hash)
SELECT head.stream_id, $3, $9::uuid, $10, $11, $12::jsonb, $13::jsonb, $14::timestamptz, decode($5, 'hex'), decode($4, 'hex')
  FROM head
RETURNING global_position, stream_version`;

/** A stream that does not exist yet (expected version 0). */
const FAST_APPEND_TO_NEW = `
WITH head AS (
  INSERT INTO streams (stream_id, stream_type, version, head_hash) VALUES ($1, $2, $3, decode($4, 'hex'))
  ON CONFLICT ON CONSTRAINT streams_pkey DO NOTHING
  RETURNING stream_id
), command AS (
  INSERT INTO commands (command_id, fingerprint, result)
  SELECT $5, $6, $7::jsonb FROM head WHERE $5::text IS NOT NULL
  RETURNING command_id
)
INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at, prev_hash, hash)
SELECT head.stream_id, (e->>'v')::bigint, (e->>'id')::uuid, e->>'type', (e->>'sv')::int, e->'data', e->'meta',
       (e->>'at')::timestamptz, decode(e->>'prev', 'hex'), decode(e->>'hash', 'hex')
  FROM head, jsonb_array_elements($8::jsonb) AS e
RETURNING global_position, stream_version`;

/**
 * The event store over SQL, shared by the PostgreSQL and PGlite adapters: one call of
 * `es_append` per append (one round trip, one commit), hash chain per stream, personal
 * fields encrypted per subject before hashing.
 */
export class SqlEventStore implements EventStore {
  private wakeScheduled = false;
  private appendsSinceAnalyze = 0;

  constructor(
    private readonly db: Database,
    private readonly schemas: EventSchemaRegistry,
    private readonly keys: KeyStore,
    private readonly clock: Clock,
    private readonly options: { wakeDelayMillis?: number; analyzeEveryAppends?: number } = {},
  ) {}

  async append(request: AppendRequest): Promise<AppendResult> {
    const fast = await this.tryFastAppend(request);
    const result = fast ?? (await this.appendWith(this.db, request));
    if (result.status === 'appended') this.afterAppend();
    return result;
  }

  /**
   * One stream, an exact expected version and a known head: the client chains the hashes and one
   * statement stores everything. Undefined when the request does not qualify or the guard
   * failed (a conflict, a duplicate, a stale head): es_append then gives the exact answer.
   */
  private async tryFastAppend(request: AppendRequest): Promise<AppendResult | undefined> {
    const [stream] = request.streams;
    if (request.streams.length !== 1 || !stream || stream.events.length === 0) return undefined;
    const expected = stream.expectedVersion === 'no_stream' ? 0 : stream.expectedVersion;
    if (typeof expected !== 'number') return undefined;
    const head = expected === 0 ? GENESIS_HASH : stream.expectedHead;
    if (!head || !/^[0-9a-f]{64}$/.test(head)) return undefined;
    const { events } = await this.prepare(request);
    let prev = head;
    const rows = events.map((event, i) => {
      const version = expected + i + 1;
      const hash = chainHash(prev, `${event.prefix}${version}${event.suffix}`);
      const row = { version, event, prev, hash };
      prev = hash;
      return row;
    });
    const rowsJson = () =>
      `[${rows
        .map(
          (r) =>
            `{"v":${r.version},"id":${JSON.stringify(r.event.eventId)},"type":${JSON.stringify(r.event.type)},"sv":${r.event.schemaVersion},"data":${r.event.dataJson},` +
            `"meta":${r.event.metadataJson},"at":${JSON.stringify(r.event.recordedAt)},"prev":"${r.prev}","hash":"${r.hash}"}`,
        )
        .join(',')}]`;
    const command = request.command;
    const commandParams = [command?.commandId ?? null, command?.fingerprint ?? null, command ? JSON.stringify({ result: command.result }) : null];
    const next = expected + rows.length;
    const one = rows.length === 1 ? rows[0]! : undefined;
    let inserted: Array<{ global_position: unknown; stream_version: unknown }>;
    try {
      ({ rows: inserted } =
        expected === 0
          ? await this.db.query(FAST_APPEND_TO_NEW, [stream.streamId, stream.streamType, next, prev, ...commandParams, rowsJson()], { name: 'es_fast_append_new' })
          : one
            ? await this.db.query(
                FAST_APPEND_ONE_TO_EXISTING,
                [stream.streamId, expected, next, prev, head, ...commandParams, one.event.eventId, one.event.type, one.event.schemaVersion, one.event.dataJson, one.event.metadataJson, one.event.recordedAt],
                { name: 'es_fast_append_one' },
              )
            : await this.db.query(FAST_APPEND_TO_EXISTING, [stream.streamId, expected, next, prev, head, ...commandParams, rowsJson()], { name: 'es_fast_append' }));
    } catch (error) {
      // Another append took this command id or these event ids first: es_append tells which.
      if (sqlStateOf(error) === SqlState.uniqueViolation) return undefined;
      throw error;
    }
    if (inserted.length !== rows.length) return undefined;
    const positions = inserted.sort((a, b) => toNumber(a.stream_version) - toNumber(b.stream_version)).map((r) => toNumber(r.global_position));
    return { status: 'appended', streams: [{ streamId: stream.streamId, nextVersion: next, positions, headHash: prev }] };
  }

  /**
   * Wakes readers after appends: one NOTIFY per short interval, sent outside the appending
   * transactions so that their commits are never serialised on the notification lock.
   */
  private afterAppend(): void {
    if (!this.wakeScheduled) {
      this.wakeScheduled = true;
      setTimeout(() => {
        this.wakeScheduled = false;
        this.db.query(`SELECT pg_notify('${APPEND_NOTIFY_CHANNEL}', '')`).catch(() => undefined);
      }, this.options.wakeDelayMillis ?? 10).unref();
    }
    // PGlite has no autovacuum: without fresh statistics its plans stay those of an empty table.
    if (this.db.kind === 'pglite' && ++this.appendsSinceAnalyze >= (this.options.analyzeEveryAppends ?? 2000)) {
      this.appendsSinceAnalyze = 0;
      this.db.query('ANALYZE events, streams').catch(() => undefined);
    }
  }

  async appendLocked(
    streamIds: readonly string[],
    build: (heads: ReadonlyMap<string, StreamHead>) => AppendRequest | Promise<AppendRequest>,
  ): Promise<AppendResult> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ stream_id: string; stream_type: string | null; version: unknown }>(
        'SELECT stream_id, stream_type, version FROM es_lock_streams($1::text[])',
        [[...streamIds]],
      );
      const heads = new Map<string, StreamHead>(
        rows.map((row) => [row.stream_id, { streamId: row.stream_id, streamType: row.stream_type, version: toNumber(row.version) }]),
      );
      const request = await build(heads);
      for (const stream of request.streams) {
        // Locking a stream outside the locked set here could deadlock against another writer.
        if (!heads.has(stream.streamId)) throw new Error(`appendLocked: stream ${stream.streamId} was not locked`);
      }
      return this.appendWith(tx, request);
    }).then((result) => {
      if (result.status === 'appended') this.afterAppend();
      return result;
    });
  }

  private async appendWith(executor: SqlExecutor, request: AppendRequest): Promise<AppendResult> {
    const { streams, events } = await this.prepare(request);
    const command = request.command
      ? JSON.stringify({ id: request.command.commandId, fp: request.command.fingerprint, result: request.command.result })
      : null;
    const eventsJson = `[${events
      .map(
        (e) =>
          `{"s":${e.streamIndex},"id":${JSON.stringify(e.eventId)},"type":${JSON.stringify(e.type)},"sv":${e.schemaVersion},"data":${e.dataJson},` +
          `"meta":${e.metadataJson},"at":${JSON.stringify(e.recordedAt)},"pre":${JSON.stringify(e.prefix)},"suf":${JSON.stringify(e.suffix)}}`,
      )
      .join(',')}]`;
    let raw: Record<string, unknown>;
    try {
      const { rows } = await executor.query<{ result: Record<string, unknown> }>(
        'SELECT es_append($1::jsonb, $2::jsonb, $3::jsonb) AS result',
        [JSON.stringify(streams), eventsJson, command],
      );
      raw = rows[0]!.result;
    } catch (error) {
      throw mapAppendError(error, request);
    }
    return parseAppendResult(raw);
  }

  /** The shared preparation: every adapter hashes exactly the same canonical bytes. */
  private prepare(request: AppendRequest) {
    return prepareAppend(request, this.schemas, this.keys, this.clock.now().toISOString());
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backward = options.direction === 'backward';
    const params: unknown[] = [streamId];
    const where = ['stream_id = $1'];
    if (options.fromVersion !== undefined) {
      params.push(options.fromVersion);
      where.push(`stream_version ${backward ? '<=' : '>='} $${params.length}`);
    }
    if (options.asOfPosition !== undefined) {
      params.push(options.asOfPosition);
      where.push(`global_position <= $${params.length}`);
    }
    if (options.asOfTime !== undefined) {
      params.push(options.asOfTime.toISOString());
      where.push(`recorded_at <= $${params.length}::timestamptz`);
    }
    let limit = '';
    if (options.maxCount !== undefined) {
      params.push(options.maxCount);
      limit = `LIMIT $${params.length}`;
    }
    const { rows } = await this.db.query<StoredEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')}
       ORDER BY stream_version ${backward ? 'DESC' : 'ASC'} ${limit}`,
      params,
    );
    return this.decode(rows);
  }

  async streamHead(streamId: string): Promise<StreamHead> {
    const { rows } = await this.db.query<{ stream_type: string | null; version: unknown }>(
      'SELECT stream_type, version FROM streams WHERE stream_id = $1',
      [streamId],
    );
    const row = rows[0];
    return { streamId, streamType: row?.stream_type ?? null, version: row ? toNumber(row.version) : 0 };
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllBatch> {
    const after = options.after ?? START_OF_LOG;
    const { rows } = await this.db.query<StoredEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
        WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY events.transaction_id, events.global_position
        LIMIT $3`,
      [after.transactionId, after.position, options.limit ?? DEFAULT_BATCH],
    );
    const events = await this.decode(rows);
    const last = events.at(-1);
    const checkpoint: GlobalCheckpoint = last ? { transactionId: last.transactionId, position: last.globalPosition } : after;
    return { events, checkpoint };
  }

  async findCommand(commandId: string): Promise<CommandRecord | undefined> {
    const { rows } = await this.db.query<{ fingerprint: string; result: { result: Record<string, unknown> } | null }>(
      'SELECT fingerprint, result FROM commands WHERE command_id = $1',
      [commandId],
    );
    const row = rows[0];
    if (!row || !row.result) return undefined;
    return { commandId, fingerprint: row.fingerprint, result: row.result.result };
  }

  /** Decrypts personal fields (destroyed keys read as erased) and upcasts old shapes. */
  async decode(rows: readonly StoredEventRow[]): Promise<RecordedEvent[]> {
    const subjects = new Set<string>();
    for (const row of rows) for (const subject of subjectsIn(row.data)) subjects.add(subject);
    const keys = subjects.size > 0 ? await this.keys.keysForReading(subjects) : new Map<string, Uint8Array | null>();
    return rows.map((row) => {
      const { data, erased } = decryptPersonalFields(keys, row.data, row.stream_id, row.event_id);
      return {
        streamId: row.stream_id,
        streamVersion: toNumber(row.stream_version),
        globalPosition: toNumber(row.global_position),
        transactionId: row.tx_id,
        eventId: row.event_id,
        type: row.event_type,
        storedSchemaVersion: row.schema_version,
        data: this.schemas.upcast(row.event_type, row.schema_version, data),
        metadata: row.metadata,
        recordedAt: row.recorded_at,
        prevHash: toBuffer(row.prev_hash).toString('hex'),
        hash: toBuffer(row.hash).toString('hex'),
        erasedFields: erased,
      };
    });
  }

  async verifyStream(streamId: string): Promise<VerificationReport> {
    const verifier = new ChainVerifier(this.db);
    let after = 0;
    for (;;) {
      const { rows } = await this.db.query<StoredEventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version > $2 ORDER BY stream_version LIMIT $3`,
        [streamId, after, DEFAULT_BATCH],
      );
      if (rows.length === 0) break;
      for (const row of rows) if (!verifier.check(row)) return verifier.report();
      after = toNumber(rows.at(-1)!.stream_version);
    }
    await verifier.finishStream();
    if (verifier.streamsChecked === 0) await verifier.checkOrphanHeads([streamId]);
    return verifier.report();
  }

  async verifyAll(options: { onProgress?: (eventsChecked: number) => void } = {}): Promise<VerificationReport> {
    const verifier = new ChainVerifier(this.db);
    let afterStream = '';
    let afterVersion = 0;
    for (;;) {
      const { rows } = await this.db.query<StoredEventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE (stream_id, stream_version) > ($1, $2)
          ORDER BY stream_id, stream_version LIMIT $3`,
        [afterStream, afterVersion, 2000],
      );
      if (rows.length === 0) break;
      for (const row of rows) if (!verifier.check(row)) return verifier.report();
      if (!(await verifier.flushHeads())) return verifier.report();
      const last = rows.at(-1)!;
      afterStream = last.stream_id;
      afterVersion = toNumber(last.stream_version);
      options.onProgress?.(verifier.eventsChecked);
    }
    await verifier.finishStream();
    if (verifier.ok) await verifier.checkOrphanHeads();
    return verifier.report();
  }
}

/**
 * Walks events in (stream, version) order and checks each link: versions without gaps,
 * each previous hash equal to the one before, each hash equal to a fresh computation,
 * and the stream's recorded head equal to its last event (a cut tail shows there).
 */
class ChainVerifier {
  streamsChecked = 0;
  eventsChecked = 0;
  private broken: BrokenLink | null = null;
  private current: { streamId: string; version: number; hash: string } | null = null;
  /** Streams whose last event was seen, waiting for their heads to be compared. */
  private finished: Array<{ streamId: string; version: number; hash: string }> = [];

  constructor(private readonly db: Database) {}

  get ok(): boolean {
    return this.broken === null;
  }

  check(row: StoredEventRow): boolean {
    const version = toNumber(row.stream_version);
    if (this.current && this.current.streamId !== row.stream_id) {
      this.finished.push(this.current);
      this.current = null;
    }
    if (!this.current) this.streamsChecked++;
    const hash = toBuffer(row.hash).toString('hex');
    const broken = checkChainLink(this.current, {
      streamId: row.stream_id,
      streamVersion: version,
      globalPosition: toNumber(row.global_position),
      eventId: row.event_id,
      type: row.event_type,
      schemaVersion: row.schema_version,
      data: row.data,
      metadata: row.metadata,
      recordedAt: row.recorded_at.toISOString(),
      prevHash: toBuffer(row.prev_hash).toString('hex'),
      hash,
    });
    if (broken) return this.fail(broken);
    this.eventsChecked++;
    this.current = { streamId: row.stream_id, version, hash };
    return true;
  }

  async finishStream(): Promise<void> {
    if (this.current) this.finished.push(this.current);
    this.current = null;
    await this.flushHeads();
  }

  /** Compares finished streams with their rows in `streams`. */
  async flushHeads(): Promise<boolean> {
    if (this.finished.length === 0 || !this.ok) return this.ok;
    const batch = this.finished;
    this.finished = [];
    const { rows } = await this.db.query<{ stream_id: string; version: unknown; head_hash: unknown }>(
      'SELECT stream_id, version, head_hash FROM streams WHERE stream_id = ANY($1::text[])',
      [batch.map((s) => s.streamId)],
    );
    const heads = new Map(rows.map((row) => [row.stream_id, row]));
    for (const stream of batch) {
      const head = heads.get(stream.streamId);
      if (!head) {
        return this.fail({ streamId: stream.streamId, streamVersion: null, globalPosition: null, reason: 'missing_stream_head', detail: 'events exist but the stream has no head row' });
      }
      const headVersion = toNumber(head.version);
      const headHash = toBuffer(head.head_hash).toString('hex');
      if (headVersion !== stream.version || headHash !== stream.hash) {
        return this.fail({
          streamId: stream.streamId,
          streamVersion: headVersion,
          globalPosition: null,
          reason: 'head_mismatch',
          detail: `the stream head records version ${headVersion}, the last event found is version ${stream.version}: events at the end were removed or the head was changed`,
        });
      }
    }
    return true;
  }

  /** Heads that record events of which none is left. */
  async checkOrphanHeads(streamIds?: string[]): Promise<void> {
    const { rows } = await this.db.query<{ stream_id: string; version: unknown }>(
      `SELECT s.stream_id, s.version FROM streams s
        WHERE s.version > 0 ${streamIds ? 'AND s.stream_id = ANY($1::text[])' : ''}
          AND NOT EXISTS (SELECT 1 FROM events e WHERE e.stream_id = s.stream_id)
        ORDER BY s.stream_id LIMIT 1`,
      streamIds ? [streamIds] : [],
    );
    const orphan = rows[0];
    if (orphan) {
      this.fail({
        streamId: orphan.stream_id,
        streamVersion: toNumber(orphan.version),
        globalPosition: null,
        reason: 'orphan_stream_head',
        detail: `the stream head records version ${toNumber(orphan.version)} but no event of the stream exists`,
      });
    }
  }

  report(): VerificationReport {
    return { ok: this.ok, streamsChecked: this.streamsChecked, eventsChecked: this.eventsChecked, firstBroken: this.broken };
  }

  private fail(link: BrokenLink): false {
    this.broken ??= link;
    return false;
  }
}

function detailOf(error: unknown): Record<string, unknown> {
  const detail = (error as { detail?: unknown }).detail;
  if (typeof detail !== 'string') return {};
  try {
    return JSON.parse(detail) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function mapAppendError(error: unknown, request: AppendRequest): unknown {
  const state = sqlStateOf(error);
  const detail = detailOf(error);
  const streamId = typeof detail.streamId === 'string' ? detail.streamId : request.streams[0]!.streamId;
  switch (state) {
    case SqlState.wrongExpectedVersion: {
      const expected = request.streams.find((s) => s.streamId === streamId)?.expectedVersion ?? 'any';
      return new WrongExpectedVersionError(streamId, expected, toNumber(detail.actual ?? 0));
    }
    case SqlState.commandFingerprintMismatch:
      return new CommandIdReusedError(String(detail.commandId ?? request.command?.commandId));
    case SqlState.eventIdReused:
      return new EventIdReusedError(streamId);
    default:
      return error;
  }
}

function parseAppendResult(raw: Record<string, unknown>): AppendResult {
  if (raw.status === 'command_repeated') {
    const stored = raw.result as { result: Record<string, unknown> } | null;
    return { status: 'command_repeated', result: stored?.result ?? {} };
  }
  const streams = (raw.streams as Array<{ streamId: string; nextVersion: unknown; positions: unknown[]; headHash: string | null }>).map(
    (s): StreamAppendResult => ({ streamId: s.streamId, nextVersion: toNumber(s.nextVersion), positions: s.positions.map(toNumber), headHash: s.headHash ?? GENESIS_HASH }),
  );
  return { status: raw.status === 'duplicate' ? 'duplicate' : 'appended', streams };
}
