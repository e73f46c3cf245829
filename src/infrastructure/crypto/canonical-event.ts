import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** 32 zero bytes: the previous hash of every stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** Exactly what is hashed for an event: the stored form, personal fields as ciphertext. */
export interface CanonicalEvent {
  readonly data: unknown;
  readonly eventId: string;
  readonly metadata: unknown;
  /** ISO 8601 with milliseconds, UTC. */
  readonly recordedAt: string;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
}

/** RFC 8785 canonical JSON of the event. */
export function canonicalEventJson(event: CanonicalEvent): string {
  const json = canonicalize(event);
  if (json === undefined) throw new Error('Event cannot be canonicalised');
  return json;
}

/**
 * The canonical JSON split around the stream version, which the database assigns for
 * `any` and `exists` appends. RFC 8785 sorts keys by UTF-16 code units, so
 * `streamVersion` and `type` are always the last two members:
 * `prefix + version + suffix === canonicalEventJson(event)`.
 */
export function canonicalEventParts(event: Omit<CanonicalEvent, 'streamVersion'>): { prefix: string; suffix: string } {
  return canonicalPartsFromJson({ ...event, dataJson: canonicalJson(event.data), metadataJson: canonicalJson(event.metadata) });
}

/** RFC 8785 canonical JSON of a value; it is also valid JSON for jsonb, so it is sent as it is. */
export function canonicalJson(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) throw new Error('Value cannot be canonicalised');
  return json;
}

/**
 * The same split, assembled from data and metadata already in canonical form: RFC 8785 sorts
 * the members `data, eventId, metadata, recordedAt, schemaVersion, streamId, streamVersion,
 * type`, so the event's canonical JSON is a fixed frame around them.
 */
export function canonicalPartsFromJson(event: {
  readonly dataJson: string;
  readonly eventId: string;
  readonly metadataJson: string;
  readonly recordedAt: string;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly type: string;
}): { prefix: string; suffix: string } {
  if (!Number.isSafeInteger(event.schemaVersion)) throw new Error('Schema version must be an integer');
  const prefix =
    `{"data":${event.dataJson},"eventId":${canonicalJson(event.eventId)},"metadata":${event.metadataJson},` +
    `"recordedAt":${canonicalJson(event.recordedAt)},"schemaVersion":${event.schemaVersion},"streamId":${canonicalJson(event.streamId)},"streamVersion":`;
  return { prefix, suffix: `,"type":${canonicalJson(event.type)}}` };
}

/** SHA-256 over the previous hash's 32 bytes followed by the canonical UTF-8 bytes. */
export function chainHash(prevHashHex: string, canonicalJson: string): string {
  return createHash('sha256').update(Buffer.from(prevHashHex, 'hex')).update(canonicalJson, 'utf8').digest('hex');
}

/** A JSON round trip, so that what is hashed is exactly what jsonb will give back. */
export function toStoredJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
