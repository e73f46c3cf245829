import type { BrokenLink } from '../../application/ports/event-store.port.js';
import { GENESIS_HASH, canonicalEventJson, chainHash } from './canonical-event.js';

/** An event as stored, with what its link in the stream's hash chain is checked against. */
export interface StoredChainLink {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** As stored: personal fields as ciphertext. */
  readonly data: unknown;
  readonly metadata: unknown;
  /** ISO 8601 with milliseconds, UTC. */
  readonly recordedAt: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** The stream's last checked event; null before its first. */
export interface ChainTip {
  readonly version: number;
  readonly hash: string;
}

/**
 * Checks one link of a stream's hash chain, the same for every event store adapter: the
 * version follows the previous one, the previous hash is the previous event's hash, and the
 * hash equals a fresh computation over the event's canonical bytes. Null when it holds.
 */
export function checkChainLink(previous: ChainTip | null, event: StoredChainLink): BrokenLink | null {
  const expectedVersion = (previous?.version ?? 0) + 1;
  const expectedPrev = previous?.hash ?? GENESIS_HASH;
  const at = { streamId: event.streamId, streamVersion: event.streamVersion, globalPosition: event.globalPosition };
  if (event.streamVersion !== expectedVersion) {
    return { ...at, reason: 'version_gap', detail: `expected version ${expectedVersion}, found ${event.streamVersion}: an event is missing or out of place` };
  }
  if (event.prevHash !== expectedPrev) {
    return { ...at, reason: 'prev_hash_mismatch', detail: `previous hash ${event.prevHash} does not match the hash ${expectedPrev} of version ${event.streamVersion - 1}: events were removed, inserted or reordered` };
  }
  const recomputed = chainHash(
    event.prevHash,
    canonicalEventJson({
      data: event.data,
      eventId: event.eventId,
      metadata: event.metadata,
      recordedAt: event.recordedAt,
      schemaVersion: event.schemaVersion,
      streamId: event.streamId,
      streamVersion: event.streamVersion,
      type: event.type,
    }),
  );
  if (recomputed !== event.hash) {
    return { ...at, reason: 'hash_mismatch', detail: `stored hash ${event.hash} differs from the recomputed ${recomputed}: the event's content or its hash was changed` };
  }
  return null;
}
