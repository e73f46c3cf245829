import type { RecordedEvent } from '../../application/ports/event-store.port.js';
import type { ProjectionEvent } from '../../projections/projection.js';

/** The stored event as projections see it: no chain internals, times as ISO strings. */
export function toProjectionEvent(event: RecordedEvent): ProjectionEvent {
  return {
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition,
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt.toISOString(),
    hash: event.hash,
    erasedFields: event.erasedFields,
  };
}
