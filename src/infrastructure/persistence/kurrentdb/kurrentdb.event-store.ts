import { randomUUID } from 'node:crypto';
import {
  type AppendStreamRequest,
  BACKWARDS,
  type ConsistencyCheck,
  END,
  FORWARDS,
  type KurrentDBClient,
  type ReadRevision,
  type RecordedEvent as KurrentRecordedEvent,
  START,
  STREAM_STATE,
  StreamNotFoundError,
  streamNameFilter,
} from '@kurrent/kurrentdb-client';
import type { Clock } from '../../../application/ports/clock.port.js';
import { CommandIdReusedError, EventIdReusedError, WrongExpectedVersionError } from '../../../application/ports/event-store.errors.js';
import type {
  AppendRequest,
  AppendResult,
  BrokenLink,
  CommandRecord,
  EventStore,
  ExpectedVersion,
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
import { type ChainTip, checkChainLink } from '../../crypto/hash-chain.js';
import { decryptPersonalFields, subjectsIn } from '../../crypto/personal-data.cipher.js';
import { type PreparedAppend, prepareAppend } from '../event-store/append-preparation.js';
import {
  type EventIdReservation,
  type StoredKurrentEvent,
  appendStateOf,
  assertStreamPrefix,
  checkpointOf,
  commandRecordData,
  commandRecordOf,
  commandStreamOf,
  eventIdStreamOf,
  fromRecordedEvent,
  isAfterCheckpoint,
  isInternalStream,
  readPositionOf,
  reservationData,
  reservationOf,
  revisionOfVersion,
  storedEventData,
  translateClientError,
  userStreamsRegex,
  versionConflictOf,
} from './kurrentdb.mapping.js';

const DEFAULT_BATCH = 500;

/** What the adapter uses of the client: reads, the two atomic appends, and the `$all` subscription. */
export type KurrentDbStreams = Pick<KurrentDBClient, 'readStream' | 'readAll' | 'multiStreamAppend' | 'appendRecords' | 'subscribeToAll'>;

export interface KurrentDbEventStoreOptions {
  /**
   * Attempts of an append whose streams moved between reading their heads and writing (only
   * `any` and `exists` expectations, and locked appends, are tried again).
   */
  readonly maxAttempts?: number;
  /**
   * Put before every stream name in KurrentDB (the port's ids, hashes and reads never show
   * it), so that several stores share one server: separate installations, or test runs.
   */
  readonly streamPrefix?: string;
}

interface Head {
  readonly version: number;
  readonly hash: string;
  readonly streamType: string | null;
}

type Refusal = { readonly kind: 'answer'; readonly result: AppendResult } | { readonly kind: 'retry' };

/**
 * The event store port over KurrentDB (`@kurrent/kurrentdb-client`). Every append is one
 * atomic multi-stream append (KurrentDB 25.1+, the v2 append protocol): the events at exact
 * revisions read just before (so the client chains the hashes exactly as the SQL store does),
 * one reservation stream per event id written with `no_stream` (store-wide idempotency), and
 * the command record in a stream of its own written with `no_stream` (stored in the same
 * atomic append as the events). Locks do not exist in KurrentDB: `appendLocked` reads the
 * heads, builds, appends at those exact revisions and builds again when one moved, so
 * register numbers stay gapless.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly maxAttempts: number;
  private readonly prefix: string;
  private readonly userStreams: string;

  constructor(
    private readonly client: KurrentDbStreams,
    private readonly schemas: EventSchemaRegistry,
    private readonly keys: KeyStore,
    private readonly clock: Clock,
    options: KurrentDbEventStoreOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 16;
    this.prefix = options.streamPrefix ?? '';
    assertStreamPrefix(this.prefix);
    this.userStreams = userStreamsRegex(this.prefix);
  }

  /** The KurrentDB stream name of a port stream id (or of one of the adapter's own streams). */
  private nameOf(streamId: string): string {
    return `${this.prefix}${streamId}`;
  }

  /** `$all` events of this store's user streams, as stored. */
  private isMine(streamName: string): boolean {
    return streamName.startsWith(this.prefix) && !isInternalStream(streamName.slice(this.prefix.length)) && !streamName.startsWith('$');
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    const prepared = await this.prepare(request);
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.appendOnce(request, prepared, await this.readHeads(request.streams.map((s) => s.streamId)));
      if (outcome.kind === 'answer') return outcome.result;
      if (attempt >= this.maxAttempts) throw await this.conflictError(request);
    }
  }

  async appendLocked(
    streamIds: readonly string[],
    build: (heads: ReadonlyMap<string, StreamHead>) => AppendRequest | Promise<AppendRequest>,
  ): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const heads = await this.readHeads(streamIds);
      const portHeads = new Map<string, StreamHead>(
        [...heads].map(([streamId, head]) => [streamId, { streamId, streamType: head.streamType, version: head.version }]),
      );
      const request = await build(portHeads);
      for (const stream of request.streams) {
        if (!heads.has(stream.streamId)) throw new Error(`appendLocked: stream ${stream.streamId} was not locked`);
      }
      const prepared = await this.prepare(request);
      try {
        const outcome = await this.appendOnce(request, prepared, heads);
        if (outcome.kind === 'answer') return outcome.result;
      } catch (error) {
        // A stream moved after its head was read here, and the builder had built on that head:
        // build again on the new heads, as the lock would have made us wait for the other writer.
        const built = error instanceof WrongExpectedVersionError ? request.streams.find((s) => s.streamId === error.streamId) : undefined;
        if (!built || built.expectedVersion !== heads.get(built.streamId)!.version || attempt >= this.maxAttempts) throw error;
        continue;
      }
      if (attempt >= this.maxAttempts) throw await this.conflictError(request);
    }
  }

  private async prepare(request: AppendRequest): Promise<PreparedAppend> {
    for (const stream of request.streams) {
      if (isInternalStream(stream.streamId)) throw new Error(`Stream ids starting with "hc." belong to the event store: ${stream.streamId}`);
    }
    return prepareAppend(request, this.schemas, this.keys, this.clock.now().toISOString());
  }

  /** One try at the heads read; a retry when another writer moved a stream whose expectation allows it. */
  private async appendOnce(request: AppendRequest, prepared: PreparedAppend, heads: ReadonlyMap<string, Head>): Promise<Refusal> {
    if (request.command) {
      const stored = await this.findCommand(request.command.commandId);
      if (stored) return { kind: 'answer', result: this.repeatedCommand(stored, request.command) };
    }
    if (prepared.streams.some((stream) => !matches(stream.expected, heads.get(stream.id)!.version))) {
      return this.resolveRefusal(request, prepared, heads);
    }
    const written = prepared.streams.map((stream, index) => {
      const head = heads.get(stream.id)!;
      let prev = head.hash;
      const events = prepared.events
        .filter((event) => event.streamIndex === index)
        .map((event, i) => {
          const version = head.version + i + 1;
          const hash = chainHash(prev, `${event.prefix}${version}${event.suffix}`);
          const data = storedEventData(event, { streamType: head.streamType ?? stream.type, prevHash: prev, hash }, request.streams[index]!.events[i]!.metadata);
          prev = hash;
          return { data, version, eventId: event.eventId };
        });
      return { streamId: stream.id, head, events, headHash: prev };
    });

    const appends: AppendStreamRequest[] = [];
    const guards: Array<{ streamName: string; version: number }> = [];
    // With no event to write, the versions were checked by the read above; only the command record goes in.
    const guarding = written.some((stream) => stream.events.length > 0);
    for (const stream of written) {
      if (stream.events.length === 0) {
        if (guarding) guards.push({ streamName: this.nameOf(stream.streamId), version: stream.head.version });
      } else appends.push({ streamName: this.nameOf(stream.streamId), expectedState: appendStateOf(stream.head.version), events: stream.events.map((e) => e.data) });
      for (const event of stream.events) {
        appends.push({ streamName: this.nameOf(eventIdStreamOf(event.eventId)), expectedState: appendStateOf(0), events: [reservationData(randomUUID(), { streamId: stream.streamId, version: event.version })] });
      }
    }
    if (request.command) {
      appends.push({ streamName: this.nameOf(commandStreamOf(request.command.commandId)), expectedState: appendStateOf(0), events: [commandRecordData(randomUUID(), request.command)] });
    }

    try {
      await this.write(appends, guards);
    } catch (error) {
      if (!versionConflictOf(error)) throw translateClientError(error);
      // Another writer got there first: find out what, from what is stored now.
      return this.resolveRefusal(request, prepared, await this.readHeads(request.streams.map((s) => s.streamId)));
    }

    const streams: StreamAppendResult[] = [];
    for (const stream of written) {
      const positions = stream.events.length === 0 ? [] : await this.positionsOf(stream.streamId, stream.head.version + 1, stream.events.length);
      streams.push({ streamId: stream.streamId, nextVersion: stream.head.version + stream.events.length, positions, headHash: stream.headHash });
    }
    return { kind: 'answer', result: { status: 'appended', streams } };
  }

  /**
   * Streams that carry events go in one atomic multi-stream append. A stream with no events
   * only guards its version: that takes the consistency checks of `appendRecords`.
   */
  private async write(appends: AppendStreamRequest[], guards: ReadonlyArray<{ streamName: string; version: number }>): Promise<void> {
    if (appends.length === 0) return;
    if (guards.length === 0) {
      await this.client.multiStreamAppend(appends);
      return;
    }
    const check = (streamName: string, expectedState: AppendStreamRequest['expectedState']): ConsistencyCheck => ({ type: STREAM_STATE, streamName, expectedState });
    const checks = [...appends.map((a) => check(a.streamName, a.expectedState)), ...guards.map((g) => check(g.streamName, appendStateOf(g.version)))];
    await this.client.appendRecords(
      appends.flatMap((a) => a.events.map((record) => ({ streamName: a.streamName, record }))),
      checks,
    );
  }

  /**
   * Why an append could not go in, judged as the SQL store's es_append judges it: a repeated
   * command, then the same event ids again (the first result, or a refusal when they were used
   * elsewhere), then the versions. Nothing matching means another writer moved a stream whose
   * expectation allows it: try again.
   */
  private async resolveRefusal(request: AppendRequest, prepared: PreparedAppend, heads: ReadonlyMap<string, Head>): Promise<Refusal> {
    if (request.command) {
      const stored = await this.findCommand(request.command.commandId);
      if (stored) return { kind: 'answer', result: this.repeatedCommand(stored, request.command) };
    }
    const reservations = await Promise.all(prepared.events.map((event) => this.reservationOf(event.eventId)));
    if (reservations.some((r) => r !== undefined)) return { kind: 'answer', result: await this.duplicate(prepared, reservations, heads) };
    for (const stream of prepared.streams) {
      const actual = heads.get(stream.id)!.version;
      if (!matches(stream.expected, actual)) throw new WrongExpectedVersionError(stream.id, stream.expected, actual);
    }
    return { kind: 'retry' };
  }

  /** The same event ids were stored before: the first append's result, if they went in the same way. */
  private async duplicate(prepared: PreparedAppend, reservations: ReadonlyArray<EventIdReservation | undefined>, heads: ReadonlyMap<string, Head>): Promise<AppendResult> {
    const streams: StreamAppendResult[] = [];
    for (const [index, stream] of prepared.streams.entries()) {
      const mine = prepared.events.map((event, i) => ({ event, reservation: reservations[i] })).filter((e) => e.event.streamIndex === index);
      if (mine.length === 0) {
        const head = heads.get(stream.id)!;
        streams.push({ streamId: stream.id, nextVersion: head.version, positions: [], headHash: head.hash });
        continue;
      }
      const first = mine[0]!.reservation?.version;
      const consistent =
        first !== undefined &&
        mine.every((e, i) => e.reservation?.streamId === stream.id && e.reservation.version === first + i) &&
        firstVersionMatches(stream.expected, first);
      if (!consistent) throw new EventIdReusedError(stream.id);
      const stored = await this.readStored(stream.id, first, mine.length);
      if (stored.length !== mine.length || stored.some((e, i) => e.eventId !== mine[i]!.event.eventId)) throw new EventIdReusedError(stream.id);
      streams.push({ streamId: stream.id, nextVersion: first + mine.length - 1, positions: stored.map((e) => positionOf(e)), headHash: stored.at(-1)!.hash });
    }
    return { status: 'duplicate', streams };
  }

  private repeatedCommand(stored: CommandRecord, given: CommandRecord): AppendResult {
    if (stored.fingerprint !== given.fingerprint) throw new CommandIdReusedError(given.commandId);
    return { status: 'command_repeated', result: stored.result };
  }

  /** After the attempts ran out: the conflict as the port reports it, with the real versions. */
  private async conflictError(request: AppendRequest): Promise<Error> {
    const heads = await this.readHeads(request.streams.map((s) => s.streamId));
    const stream = request.streams.find((s) => !matches(s.expectedVersion, heads.get(s.streamId)!.version)) ?? request.streams[0]!;
    return new WrongExpectedVersionError(stream.streamId, stream.expectedVersion, heads.get(stream.streamId)!.version);
  }

  private async readHeads(streamIds: readonly string[]): Promise<Map<string, Head>> {
    const entries = await Promise.all(
      streamIds.map(async (streamId): Promise<[string, Head]> => {
        const [last] = await this.readRaw(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
        return [streamId, last ? { version: last.streamVersion, hash: last.hash, streamType: last.streamType } : { version: 0, hash: GENESIS_HASH, streamType: null }];
      }),
    );
    return new Map(entries);
  }

  private async reservationOf(eventId: string): Promise<EventIdReservation | undefined> {
    const [event] = await this.readRecords(this.nameOf(eventIdStreamOf(eventId)), { direction: FORWARDS, fromRevision: START, maxCount: 1 });
    return event && reservationOf(event);
  }

  private async positionsOf(streamId: string, fromVersion: number, count: number): Promise<number[]> {
    return (await this.readStored(streamId, fromVersion, count)).map((e) => positionOf(e));
  }

  private readStored(streamId: string, fromVersion: number, count: number): Promise<StoredKurrentEvent[]> {
    return this.readRaw(streamId, { direction: FORWARDS, fromRevision: revisionOfVersion(fromVersion), maxCount: count });
  }

  private async readRaw(streamId: string, options: { direction: typeof FORWARDS | typeof BACKWARDS; fromRevision: ReadRevision; maxCount: number }): Promise<StoredKurrentEvent[]> {
    return (await this.readRecords(this.nameOf(streamId), options)).map((event) => fromRecordedEvent(event, this.prefix));
  }

  /** A stream's events as the client gives them (by KurrentDB stream name); a missing stream reads as empty. */
  private async readRecords(streamId: string, options: { direction: typeof FORWARDS | typeof BACKWARDS; fromRevision: ReadRevision; maxCount: number }): Promise<KurrentRecordedEvent[]> {
    const events: KurrentRecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, options)) if (resolved.event) events.push(resolved.event);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw translateClientError(error);
    }
    return events;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (isInternalStream(streamId)) return [];
    const backward = options.direction === 'backward';
    if (options.fromVersion !== undefined && options.fromVersion < 1 && backward) return [];
    const fromRevision: ReadRevision =
      options.fromVersion === undefined || options.fromVersion < 1 ? (backward ? END : START) : revisionOfVersion(options.fromVersion);
    const limit = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const selected: StoredKurrentEvent[] = [];
    // The as-of filters are on the client: read in pages until the limit is reached or the stream ends.
    let next: ReadRevision = fromRevision;
    for (;;) {
      const page = await this.readRaw(streamId, { direction: backward ? BACKWARDS : FORWARDS, fromRevision: next, maxCount: DEFAULT_BATCH });
      for (const event of page) {
        if (!visibleAsOf(event, options)) {
          // Forward, every later event is later still: stop. Backward, earlier ones may qualify.
          if (!backward) return this.decode(selected);
          continue;
        }
        selected.push(event);
        if (selected.length >= limit) return this.decode(selected);
      }
      const last = page.at(-1);
      if (page.length < DEFAULT_BATCH || !last) return this.decode(selected);
      const lastRevision = revisionOfVersion(last.streamVersion);
      if (backward && lastRevision === 0n) return this.decode(selected);
      next = backward ? lastRevision - 1n : lastRevision + 1n;
    }
  }

  async streamHead(streamId: string): Promise<StreamHead> {
    const head = (await this.readHeads([streamId])).get(streamId)!;
    return { streamId, streamType: head.streamType, version: head.version };
  }

  /**
   * `$all` in commit order, user streams only (the server filters out `$` system streams and
   * the adapter's own). KurrentDB assigns commit positions in commit order, so a reader
   * resuming after a checkpoint can never pass by a late commit: no watermark is needed.
   */
  async readAll(options: ReadAllOptions = {}): Promise<ReadAllBatch> {
    const after = options.after ?? START_OF_LOG;
    const limit = options.limit ?? DEFAULT_BATCH;
    const stored: StoredKurrentEvent[] = [];
    try {
      for await (const resolved of this.client.readAll({
        direction: FORWARDS,
        fromPosition: readPositionOf(after),
        // One more than asked: the event at exactly the checkpoint comes back first and is dropped.
        maxCount: limit + 1,
        filter: streamNameFilter({ regex: this.userStreams }),
      })) {
        const event = resolved.event;
        if (!event || !this.isMine(event.streamId) || !isAfterCheckpoint(event.position, after)) continue;
        stored.push(fromRecordedEvent(event, this.prefix));
        if (stored.length >= limit) break;
      }
    } catch (error) {
      throw translateClientError(error);
    }
    const events = await this.decode(stored);
    const last = stored.at(-1);
    return { events, checkpoint: last?.checkpoint ?? after };
  }

  async findCommand(commandId: string): Promise<CommandRecord | undefined> {
    const [event] = await this.readRecords(this.nameOf(commandStreamOf(commandId)), { direction: FORWARDS, fromRevision: START, maxCount: 1 });
    return event && commandRecordOf(commandId, event);
  }

  /** Decrypts personal fields (destroyed keys read as erased) and upcasts old shapes, as the SQL store does. */
  private async decode(stored: readonly StoredKurrentEvent[]): Promise<RecordedEvent[]> {
    const subjects = new Set<string>();
    for (const event of stored) for (const subject of subjectsIn(event.data)) subjects.add(subject);
    const keys = subjects.size > 0 ? await this.keys.keysForReading(subjects) : new Map<string, Uint8Array | null>();
    return stored.map((event) => {
      const { data, erased } = decryptPersonalFields(keys, event.data, event.streamId, event.eventId);
      const checkpoint = event.checkpoint ?? { transactionId: '0', position: 0 };
      return {
        streamId: event.streamId,
        streamVersion: event.streamVersion,
        globalPosition: checkpoint.position,
        transactionId: checkpoint.transactionId,
        eventId: event.eventId,
        type: event.type,
        storedSchemaVersion: event.schemaVersion,
        data: this.schemas.upcast(event.type, event.schemaVersion, data),
        metadata: event.metadata,
        recordedAt: new Date(event.recordedAt),
        prevHash: event.prevHash,
        hash: event.hash,
        erasedFields: erased,
      };
    });
  }

  async verifyStream(streamId: string): Promise<VerificationReport> {
    let tip: ChainTip | null = null;
    let eventsChecked = 0;
    let next: ReadRevision = START;
    for (;;) {
      const page = await this.readRaw(streamId, { direction: FORWARDS, fromRevision: next, maxCount: DEFAULT_BATCH });
      for (const event of page) {
        const broken = checkChainLink(tip, chainLinkOf(event));
        if (broken) return report(1, eventsChecked, broken);
        tip = { version: event.streamVersion, hash: event.hash };
        eventsChecked++;
      }
      if (page.length < DEFAULT_BATCH) break;
      next = revisionOfVersion(page.at(-1)!.streamVersion) + 1n;
    }
    return report(eventsChecked > 0 ? 1 : 0, eventsChecked, null);
  }

  /**
   * Every user stream's chain, walked in one pass over `$all` (a stream's events come in
   * revision order there). KurrentDB keeps no head row apart from the events, so a cut tail
   * is not visible to the chain alone; the signed Merkle checkpoints are what show it.
   */
  async verifyAll(options: { onProgress?: (eventsChecked: number) => void } = {}): Promise<VerificationReport> {
    const tips = new Map<string, ChainTip>();
    let eventsChecked = 0;
    let after = START_OF_LOG;
    for (;;) {
      const stored: StoredKurrentEvent[] = [];
      for await (const resolved of this.client.readAll({ direction: FORWARDS, fromPosition: readPositionOf(after), maxCount: DEFAULT_BATCH + 1, filter: streamNameFilter({ regex: this.userStreams }) })) {
        const event = resolved.event;
        if (!event || !this.isMine(event.streamId) || !isAfterCheckpoint(event.position, after)) continue;
        stored.push(fromRecordedEvent(event, this.prefix));
      }
      for (const event of stored) {
        const broken = checkChainLink(tips.get(event.streamId) ?? null, chainLinkOf(event));
        if (broken) return report(tips.size + (tips.has(event.streamId) ? 0 : 1), eventsChecked, broken);
        tips.set(event.streamId, { version: event.streamVersion, hash: event.hash });
        eventsChecked++;
      }
      options.onProgress?.(eventsChecked);
      const last = stored.at(-1);
      if (!last?.checkpoint || stored.length < DEFAULT_BATCH) break;
      after = last.checkpoint;
    }
    return report(tips.size, eventsChecked, null);
  }

  /**
   * Calls `onAppended` whenever an event reaches `$all` after now (a catch-up subscription
   * from the end, user streams only): the projection runner's wake-up, as NOTIFY is for SQL.
   */
  subscribeToAppends(onAppended: () => void, onError: (error: unknown) => void): () => Promise<void> {
    const subscription = this.client.subscribeToAll({ fromPosition: END, filter: streamNameFilter({ regex: this.userStreams }) });
    subscription.on('data', () => onAppended());
    subscription.on('error', (error: unknown) => onError(error));
    return () => subscription.unsubscribe();
  }

  /** The position of the newest user event in `$all`; 0 when there is none. */
  async headPosition(): Promise<number> {
    try {
      for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, filter: streamNameFilter({ regex: this.userStreams }) })) {
        if (resolved.event && this.isMine(resolved.event.streamId)) return checkpointOf(resolved.event.position).position;
      }
    } catch (error) {
      throw translateClientError(error);
    }
    return 0;
  }

  /** User events after the checkpoint, read and counted up to `cap` (KurrentDB keeps no count of a range). */
  async countAfter(checkpoint: GlobalCheckpoint, cap: number): Promise<number> {
    let count = 0;
    try {
      for await (const resolved of this.client.readAll({ direction: FORWARDS, fromPosition: readPositionOf(checkpoint), maxCount: cap + 1, filter: streamNameFilter({ regex: this.userStreams }) })) {
        if (resolved.event && this.isMine(resolved.event.streamId) && isAfterCheckpoint(resolved.event.position, checkpoint) && ++count >= cap) break;
      }
    } catch (error) {
      throw translateClientError(error);
    }
    return count;
  }

  /** A cheap round trip for readiness: reading one event of `$all`. */
  async ping(): Promise<void> {
    try {
      for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) void resolved;
    } catch (error) {
      throw translateClientError(error);
    }
  }
}

/** Does a stream at `actual` satisfy the expectation? */
export function matches(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 0;
  if (expected === 'exists') return actual > 0;
  return actual === expected;
}

/** Would a first event at `first` have been written under this expectation? */
function firstVersionMatches(expected: ExpectedVersion, first: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return first === 1;
  if (expected === 'exists') return first > 1;
  return first === expected + 1;
}

function positionOf(event: StoredKurrentEvent): number {
  return event.checkpoint?.position ?? 0;
}

function visibleAsOf(event: StoredKurrentEvent, options: ReadStreamOptions): boolean {
  if (options.asOfPosition !== undefined && positionOf(event) > options.asOfPosition) return false;
  if (options.asOfTime !== undefined && new Date(event.recordedAt).getTime() > options.asOfTime.getTime()) return false;
  return true;
}

function chainLinkOf(event: StoredKurrentEvent) {
  return {
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: positionOf(event),
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
    prevHash: event.prevHash,
    hash: event.hash,
  };
}

function report(streamsChecked: number, eventsChecked: number, firstBroken: BrokenLink | null): VerificationReport {
  return { ok: firstBroken === null, streamsChecked, eventsChecked, firstBroken };
}
