import type { AppendRequest, ExpectedVersion } from '../../../application/ports/event-store.port.js';
import type { KeyStore } from '../../../application/ports/key-store.port.js';
import type { EventSchemaRegistry } from '../../../domain/shared/event-schema.js';
import { canonicalJson, canonicalPartsFromJson } from '../../crypto/canonical-event.js';
import { encryptPersonalFields } from '../../crypto/personal-data.cipher.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An event ready to store: personal fields encrypted, data and metadata in canonical JSON. */
export interface PreparedEvent {
  readonly streamIndex: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly dataJson: string;
  readonly metadataJson: string;
  readonly recordedAt: string;
  /** The canonical JSON of the event is `prefix + streamVersion + suffix`. */
  readonly prefix: string;
  readonly suffix: string;
}

export interface PreparedAppend {
  readonly streams: ReadonlyArray<{ readonly id: string; readonly type: string; readonly expected: ExpectedVersion }>;
  readonly events: readonly PreparedEvent[];
}

/**
 * Validates an append and prepares its events the one way every event store adapter hashes
 * them: personal fields encrypted, data and metadata canonicalised once (the canonical JSON is
 * hashed and also stored), each event's canonical JSON split around its stream version.
 */
export async function prepareAppend(
  request: AppendRequest,
  schemas: EventSchemaRegistry,
  keys: KeyStore,
  recordedAt: string,
): Promise<PreparedAppend> {
  if (request.streams.length === 0) throw new Error('An append needs at least one stream');
  const seenStreams = new Set<string>();
  const seenEvents = new Set<string>();
  const streams: Array<{ id: string; type: string; expected: ExpectedVersion }> = [];
  const events: PreparedEvent[] = [];
  for (const [index, stream] of request.streams.entries()) {
    if (!stream.streamId) throw new Error('A stream id must not be empty');
    if (seenStreams.has(stream.streamId)) throw new Error(`Stream ${stream.streamId} appears twice in one append`);
    seenStreams.add(stream.streamId);
    assertExpectedVersion(stream.expectedVersion);
    streams.push({ id: stream.streamId, type: stream.streamType, expected: stream.expectedVersion });
    for (const event of stream.events) {
      if (!UUID.test(event.eventId)) throw new Error(`Event id ${event.eventId} is not a UUID`);
      const eventId = event.eventId.toLowerCase();
      if (seenEvents.has(eventId)) throw new Error(`Event id ${eventId} appears twice in one append`);
      seenEvents.add(eventId);
      const schemaVersion = schemas.currentVersion(event.type);
      const data = await encryptPersonalFields(keys, schemas.personal(event.type), event.data, stream.streamId, eventId);
      const dataJson = canonicalJson(data);
      const metadataJson = canonicalJson(event.metadata);
      const { prefix, suffix } = canonicalPartsFromJson({ dataJson, eventId, metadataJson, recordedAt, schemaVersion, streamId: stream.streamId, type: event.type });
      events.push({ streamIndex: index, eventId, type: event.type, schemaVersion, dataJson, metadataJson, recordedAt, prefix, suffix });
    }
  }
  return { streams, events };
}

export function assertExpectedVersion(expected: ExpectedVersion): void {
  if (typeof expected === 'number') {
    if (!Number.isSafeInteger(expected) || expected < 0) throw new Error(`Expected version must be a non-negative integer, got ${expected}`);
  } else if (expected !== 'any' && expected !== 'no_stream' && expected !== 'exists') {
    throw new Error(`Unknown expected version ${String(expected)}`);
  }
}
