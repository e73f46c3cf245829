import { deepStrictEqual } from 'node:assert/strict';
import type { DocumentProjection, ProjectionEvent, ProjectionEventMetadata } from '../projection.js';

/**
 * Folds events through a document projection in memory, as the runner would, documents
 * passed through JSON between events as the table stores them. The reference a rebuild and
 * a live run must both equal.
 */
export function foldDocuments<TDoc>(projection: DocumentProjection<TDoc>, events: Iterable<ProjectionEvent>): Map<string, TDoc> {
  const handled = new Set(projection.handles);
  const docs = new Map<string, TDoc>();
  for (const event of events) {
    if (!handled.has(event.type)) continue;
    for (const id of new Set(projection.documentIds(event))) {
      const next = projection.evolve(docs.get(id), event, id);
      if (next === undefined) docs.delete(id);
      else docs.set(id, JSON.parse(JSON.stringify(next)) as TDoc);
    }
  }
  return docs;
}

const DEFAULT_METADATA: ProjectionEventMetadata = {
  correlationId: '00000000-0000-4000-8000-000000000001',
  causationId: '00000000-0000-4000-8000-000000000001',
  actor: { userId: 'clerk-1', role: 'clerk', unit: 'cso-1' },
  channel: 'phone',
  policyVersion: 'hu-2026',
  businessTime: '2026-03-02T09:00:00.000Z',
};

/** Builds the events of a specification: positions and versions counted up, the rest defaulted. */
export class ProjectionEventBuilder {
  private position = 0;
  private readonly versions = new Map<string, number>();

  event(streamId: string, type: string, data: Record<string, unknown> = {}, overrides: Partial<ProjectionEvent> = {}): ProjectionEvent {
    this.position++;
    const version = (this.versions.get(streamId) ?? 0) + 1;
    this.versions.set(streamId, version);
    return {
      streamId,
      streamVersion: version,
      globalPosition: this.position,
      eventId: `00000000-0000-4000-8000-${this.position.toString(16).padStart(12, '0')}`,
      type,
      data,
      metadata: DEFAULT_METADATA,
      recordedAt: new Date(Date.UTC(2026, 2, 2, 9, 0, this.position)).toISOString(),
      hash: this.position.toString(16).padStart(64, '0'),
      erasedFields: [],
      ...overrides,
    };
  }
}

/**
 * Given events, then documents: `ProjectionSpecification.for(p).given(events).then({ id: doc })`.
 * Throws an AssertionError with a diff when the documents differ; framework-free.
 */
export class ProjectionSpecification<TDoc> {
  private constructor(
    private readonly projection: DocumentProjection<TDoc>,
    private readonly events: readonly ProjectionEvent[],
  ) {}

  static for<TDoc>(projection: DocumentProjection<TDoc>): ProjectionSpecification<TDoc> {
    return new ProjectionSpecification(projection, []);
  }

  given(...events: ProjectionEvent[]): ProjectionSpecification<TDoc> {
    return new ProjectionSpecification(this.projection, [...this.events, ...events]);
  }

  then(expected: Readonly<Record<string, TDoc>>): void {
    deepStrictEqual(Object.fromEntries(foldDocuments(this.projection, this.events)), { ...expected });
  }
}
