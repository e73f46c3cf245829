import {
  AppendConsistencyViolationError,
  type AllStreamRecordedEvent,
  type AppendStreamState,
  type CurrentStreamState,
  type JSONEventData,
  NO_STREAM,
  type Position,
  type ReadPosition,
  type RecordedEvent,
  START,
  UnsupportedError,
  WrongExpectedVersionError as KurrentWrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import type { CommandRecord, EventMetadata, GlobalCheckpoint } from '../../../application/ports/event-store.port.js';
import type { PreparedEvent } from '../event-store/append-preparation.js';

/**
 * The pure mapping between the event store port and KurrentDB: versions and revisions,
 * positions and checkpoints, what an event stores in its metadata, and the adapter's own
 * records (command results, event-id reservations). No I/O here, so all of it is unit-tested.
 */

/** Streams of the adapter itself; refused as port stream ids and hidden from every read. */
export const INTERNAL_STREAM_PREFIX = 'hc.';
/** One stream per command id: its single event is the command record (R: idempotency). */
export const COMMAND_STREAM_PREFIX = `${INTERNAL_STREAM_PREFIX}command-`;
/** One stream per event id, written with `no_stream`: the store-wide uniqueness of event ids. */
export const EVENT_ID_STREAM_PREFIX = `${INTERNAL_STREAM_PREFIX}event-`;
export const COMMAND_RECORDED = 'hc.CommandRecorded';
export const EVENT_ID_RESERVED = 'hc.EventIdReserved';

/**
 * Server-side filter of `$all` reads: the port's streams under `prefix` only, neither system
 * streams (`$...`) nor the adapter's own.
 */
export function userStreamsRegex(prefix = ''): string {
  return `^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\$|hc\\.)`;
}

/** A prefix of every stream name, so that several stores (or test runs) share one server; letters, digits, `-`, `_`, `:` and `/`. */
export function assertStreamPrefix(prefix: string): void {
  if (!/^([A-Za-z0-9][A-Za-z0-9_:/-]*)?$/.test(prefix)) throw new Error(`Not a stream prefix: ${JSON.stringify(prefix)}`);
}

/**
 * Keys of the metadata every event carries. Strings only: the v2 append protocol takes a flat
 * map of strings. `$correlationId` and `$causationId` are KurrentDB's own conventions, so its
 * system projections (`$by_correlation_id`) see them.
 */
export const METADATA_KEYS = {
  correlationId: '$correlationId',
  causationId: '$causationId',
  metadata: 'hc.metadata',
  recordedAt: 'hc.recordedAt',
  schemaVersion: 'hc.schemaVersion',
  streamType: 'hc.streamType',
  prevHash: 'hc.prevHash',
  hash: 'hc.hash',
} as const;

const HEX_HASH = /^[0-9a-f]{64}$/;

export function commandStreamOf(commandId: string): string {
  return `${COMMAND_STREAM_PREFIX}${commandId}`;
}

export function eventIdStreamOf(eventId: string): string {
  return `${EVENT_ID_STREAM_PREFIX}${eventId.toLowerCase()}`;
}

export function isInternalStream(streamId: string): boolean {
  return streamId.startsWith(INTERNAL_STREAM_PREFIX);
}

/** A bigint from the client as a JavaScript number, refused beyond 2^53 rather than rounded. */
export function safeNumber(value: bigint, what: string): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${what} ${value} is outside the safe integer range`);
  return Number(value);
}

/** Port versions count events (the first event is version 1); KurrentDB revisions start at 0. */
export function versionOfRevision(revision: bigint): number {
  return safeNumber(revision, 'Stream revision') + 1;
}

/** The stream state an append at exactly `version` events expects: no stream for 0. */
export function appendStateOf(version: number): AppendStreamState {
  if (!Number.isSafeInteger(version) || version < 0) throw new RangeError(`Not a stream version: ${version}`);
  return version === 0 ? NO_STREAM : BigInt(version - 1);
}

/** The port's version of a stream state KurrentDB reports: 0 for a missing stream, and for a deleted (-5) or tombstoned (-6) one. */
export function versionOfState(state: CurrentStreamState): number {
  return state === NO_STREAM || state < 0n ? 0 : versionOfRevision(state);
}

/** The read revision of a port version (inclusive). */
export function revisionOfVersion(version: number): bigint {
  if (!Number.isSafeInteger(version) || version < 1) throw new RangeError(`Not a stream version: ${version}`);
  return BigInt(version - 1);
}

/**
 * A `$all` position as the port's checkpoint: the commit position orders transactions (all
 * events of one multi-stream append share it), the prepare position orders events within one.
 */
export function checkpointOf(position: Position): GlobalCheckpoint {
  return { transactionId: position.commit.toString(10), position: safeNumber(position.prepare, 'Prepare position') };
}

/** Where a `$all` read resumes; the event at exactly the checkpoint is read again and dropped. */
export function readPositionOf(checkpoint: GlobalCheckpoint): ReadPosition {
  if (!/^[0-9]+$/.test(checkpoint.transactionId)) throw new RangeError(`Not a KurrentDB commit position: ${checkpoint.transactionId}`);
  if (checkpoint.transactionId === '0' && checkpoint.position === 0) return START;
  return { commit: BigInt(checkpoint.transactionId), prepare: BigInt(checkpoint.position) };
}

/** Is `position` strictly after `checkpoint` in the `$all` order of (commit, prepare)? */
export function isAfterCheckpoint(position: Position, checkpoint: GlobalCheckpoint): boolean {
  const commit = BigInt(checkpoint.transactionId);
  return position.commit > commit || (position.commit === commit && position.prepare > BigInt(checkpoint.position));
}

/** An event of the port as KurrentDB stores it: canonical data, and its chain in the metadata. */
export function storedEventData(
  event: PreparedEvent,
  link: { readonly streamType: string; readonly prevHash: string; readonly hash: string },
  metadata: EventMetadata,
): JSONEventData {
  return {
    id: event.eventId,
    contentType: 'application/json',
    type: event.type,
    data: JSON.parse(event.dataJson) as Record<string, unknown>,
    metadata: {
      [METADATA_KEYS.correlationId]: metadata.correlationId,
      [METADATA_KEYS.causationId]: metadata.causationId,
      [METADATA_KEYS.metadata]: event.metadataJson,
      [METADATA_KEYS.recordedAt]: event.recordedAt,
      [METADATA_KEYS.schemaVersion]: String(event.schemaVersion),
      [METADATA_KEYS.streamType]: link.streamType,
      [METADATA_KEYS.prevHash]: link.prevHash,
      [METADATA_KEYS.hash]: link.hash,
    },
  };
}

/** An event as this adapter stored it, before decryption and upcasting. */
export interface StoredKurrentEvent {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly streamType: string;
  readonly checkpoint: GlobalCheckpoint | null;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Record<string, unknown>;
  readonly metadata: EventMetadata;
  readonly recordedAt: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** Refuses an event this adapter did not write, naming what is missing. */
export class ForeignEventError extends Error {
  constructor(streamId: string, revision: bigint, why: string) {
    super(`Event at revision ${revision} of stream ${streamId} was not written by this service's KurrentDB adapter: ${why}`);
    this.name = 'ForeignEventError';
  }
}

export function fromRecordedEvent(event: RecordedEvent | AllStreamRecordedEvent, prefix = ''): StoredKurrentEvent {
  const fail = (why: string) => new ForeignEventError(event.streamId, event.revision, why);
  if (!event.streamId.startsWith(prefix)) throw fail(`its stream is outside the prefix ${JSON.stringify(prefix)}`);
  if (!event.isJson) throw fail('its data is not JSON');
  const data = event.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw fail('its data is not a JSON object');
  const meta = event.metadata;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta) || meta instanceof Uint8Array) throw fail('its metadata is not a JSON object');
  const text = (key: string): string => {
    const value = (meta as Record<string, unknown>)[key];
    if (typeof value !== 'string') throw fail(`metadata ${key} is missing`);
    return value;
  };
  const schemaVersion = Number(text(METADATA_KEYS.schemaVersion));
  if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1) throw fail(`metadata ${METADATA_KEYS.schemaVersion} is not a positive integer`);
  const prevHash = text(METADATA_KEYS.prevHash);
  const hash = text(METADATA_KEYS.hash);
  if (!HEX_HASH.test(prevHash) || !HEX_HASH.test(hash)) throw fail('its chain hashes are not hex SHA-256');
  let metadata: EventMetadata;
  try {
    metadata = JSON.parse(text(METADATA_KEYS.metadata)) as EventMetadata;
  } catch {
    throw fail(`metadata ${METADATA_KEYS.metadata} is not JSON`);
  }
  return {
    streamId: event.streamId.slice(prefix.length),
    streamVersion: versionOfRevision(event.revision),
    streamType: text(METADATA_KEYS.streamType),
    checkpoint: event.position ? checkpointOf(event.position) : null,
    eventId: event.id.toLowerCase(),
    type: event.type,
    schemaVersion,
    data: data as Record<string, unknown>,
    metadata,
    recordedAt: text(METADATA_KEYS.recordedAt),
    prevHash,
    hash,
  };
}

/** The single event of a command stream. */
export function commandRecordData(id: string, command: CommandRecord): JSONEventData {
  return {
    id,
    contentType: 'application/json',
    type: COMMAND_RECORDED,
    data: { fingerprint: command.fingerprint, result: command.result },
    metadata: undefined,
  };
}

export function commandRecordOf(commandId: string, event: RecordedEvent): CommandRecord {
  const data = event.isJson ? event.data : undefined;
  const record = data as { fingerprint?: unknown; result?: unknown } | undefined;
  if (event.type !== COMMAND_RECORDED || typeof record?.fingerprint !== 'string' || typeof record.result !== 'object' || record.result === null) {
    throw new ForeignEventError(event.streamId, event.revision, 'not a command record');
  }
  return { commandId, fingerprint: record.fingerprint, result: record.result as Record<string, unknown> };
}

/** Where an event id was first used: the single event of its reservation stream. */
export interface EventIdReservation {
  readonly streamId: string;
  readonly version: number;
}

export function reservationData(id: string, reservation: EventIdReservation): JSONEventData {
  return { id, contentType: 'application/json', type: EVENT_ID_RESERVED, data: { ...reservation }, metadata: undefined };
}

export function reservationOf(event: RecordedEvent): EventIdReservation {
  const data = (event.isJson ? event.data : undefined) as { streamId?: unknown; version?: unknown } | undefined;
  if (event.type !== EVENT_ID_RESERVED || typeof data?.streamId !== 'string' || !Number.isSafeInteger(data.version)) {
    throw new ForeignEventError(event.streamId, event.revision, 'not an event-id reservation');
  }
  return { streamId: data.streamId, version: data.version as number };
}

/** The server lacks what the adapter needs: say which server version brings it. */
export class KurrentDbServerTooOldError extends Error {
  constructor(readonly feature: string, readonly minimumVersion: string) {
    super(`KurrentDB ${minimumVersion} or later is needed for ${feature}; the server at KURRENTDB_URL does not support it`);
    this.name = 'KurrentDbServerTooOldError';
  }
}

/**
 * The conflicting stream and its actual version, when the client reports a version conflict:
 * a wrong expected version (multi-stream append) or a failed consistency check (appendRecords).
 */
export function versionConflictOf(error: unknown): { streamId: string; actual: number } | undefined {
  if (error instanceof KurrentWrongExpectedVersionError) return { streamId: error.streamName, actual: versionOfState(error.actualState) };
  const violation = error instanceof AppendConsistencyViolationError ? error.violations[0] : undefined;
  return violation && { streamId: violation.streamName, actual: versionOfState(violation.actualState) };
}

/** The client's errors the port has a meaning for; everything else passes through. */
export function translateClientError(error: unknown): unknown {
  if (error instanceof UnsupportedError) return new KurrentDbServerTooOldError(error.feature, error.minimumVersion);
  return error;
}
