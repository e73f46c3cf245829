import type { SequenceRequest } from '../../src/application/command-pipeline/command-pipeline.js';
import type { Actor } from '../../src/domain/shared/actor.js';
import type { DocumentProjection, ProjectionEvent } from '../../src/projections/projection.js';
import { foldDocuments } from '../../src/projections/testing/projection-specification.js';

type Message = { readonly type: string; readonly data: unknown };

/**
 * The store's log as the projection runner hands it over: events of any stream in global
 * order, with versions per stream, the actor in the metadata and a recorded time.
 */
export class ProjectedLog {
  readonly events: ProjectionEvent[] = [];
  private readonly versions = new Map<string, number>();

  append(streamId: string, events: readonly Message[], actor: Actor, options: { erasedFields?: readonly string[] } = {}): this {
    for (const event of events) {
      const version = (this.versions.get(streamId) ?? 0) + 1;
      this.versions.set(streamId, version);
      const position = this.events.length + 1;
      this.events.push({
        streamId,
        streamVersion: version,
        globalPosition: position,
        eventId: `e-${position}`,
        type: event.type,
        data: event.data as Record<string, unknown>,
        metadata: { correlationId: 'corr', causationId: 'cause', actor: { userId: actor.userId, role: actor.role, unit: actor.unit }, channel: 'internal_api', policyVersion: 'hu-2026', businessTime: '2026-03-02T09:00:00.000Z' },
        recordedAt: new Date(Date.UTC(2026, 2, 2, 9, 0, position)).toISOString(),
        hash: position.toString(16).padStart(64, '0'),
        erasedFields: options.erasedFields ?? [],
      });
    }
    return this;
  }

  /** The register numbers a command took, as the command pipeline records them on their register streams. */
  allocate(sequences: readonly SequenceRequest[], numbers: ReadonlyMap<string, number>, caseStreamId: string, actor: Actor): this {
    for (const s of sequences) this.append(s.streamId, [{ type: s.eventType, data: s.eventData(numbers.get(s.streamId)!, caseStreamId) }], actor);
    return this;
  }

  project<T>(projection: DocumentProjection<T>): Map<string, T> {
    return foldDocuments(projection, this.events);
  }
}
