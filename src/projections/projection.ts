/**
 * What a projection is: a pure fold from events to read-model documents. The runner in
 * src/infrastructure/projections feeds it events in global order and stores what it returns;
 * a projection never reads anything but the events it is given.
 */

/** Who did it, through which channel, under which policy; as stored on every event. */
export interface ProjectionEventMetadata {
  readonly correlationId: string;
  readonly causationId: string;
  readonly actor: { readonly userId: string; readonly role: string; readonly unit: string | null };
  readonly channel: string;
  readonly policyVersion: string;
  /** When it happened in the business sense, ISO 8601. */
  readonly businessTime: string;
  readonly commandId?: string;
}

/** An event as a projection sees it: decrypted where the key still exists, upcast to the current shape. */
export interface ProjectionEvent {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: ProjectionEventMetadata;
  /** When the store recorded it, ISO 8601. */
  readonly recordedAt: string;
  /** Hex SHA-256 of the event in its stream's hash chain. */
  readonly hash: string;
  /** Paths of personal fields whose subject key is destroyed; their values read as null. */
  readonly erasedFields: readonly string[];
}

/** A text expression index on one path of the documents, for filters on that path. */
export interface DocumentIndex {
  /** `[a-z][a-z0-9_]*`, unique within the projection. */
  readonly name: string;
  /** Dot path into the document (`case.status`). */
  readonly path: string;
}

/**
 * A projection into documents keyed by id (one table `rm_<name>` of jsonb documents).
 * `evolve` must be pure and deterministic: a rebuild from the start of the log has to
 * produce the same documents as the live run did.
 */
export interface DocumentProjection<TDoc = unknown> {
  readonly kind: 'documents';
  /** `[a-z][a-z0-9_]*` without `__`, at most 40 characters; part of table names. */
  readonly name: string;
  /** Raise it when `evolve` or the document shape changes: the runner then rebuilds. */
  readonly version: number;
  /** Event types the projection reads; every other type only moves its checkpoint. */
  readonly handles: readonly string[];
  /** The documents an event touches; each is evolved with it in turn. */
  documentIds(event: ProjectionEvent): readonly string[];
  /** The next document for `documentId`; `undefined` deletes it. */
  evolve(doc: TDoc | undefined, event: ProjectionEvent, documentId: string): TDoc | undefined;
  readonly indexes?: readonly DocumentIndex[];
}

/** Every kind of projection the runner knows; documents only, for now. */
export type Projection = DocumentProjection<unknown>;

export const PROJECTION_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
export const PROJECTION_NAME_MAX_LENGTH = 40;
export const DOCUMENT_PATH_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*(\.[a-zA-Z_][a-zA-Z0-9_]*)*$/;

/** Refuses a definition the runner could not store safely (names end up in SQL identifiers). */
export function assertValidProjection(projection: Projection): void {
  const { name } = projection;
  if (!PROJECTION_NAME_PATTERN.test(name) || name.includes('__') || name.length > PROJECTION_NAME_MAX_LENGTH) {
    throw new Error(`Projection name ${JSON.stringify(name)} must match ${PROJECTION_NAME_PATTERN.source}, contain no "__" and have at most ${PROJECTION_NAME_MAX_LENGTH} characters`);
  }
  if (!Number.isSafeInteger(projection.version) || projection.version < 1) {
    throw new Error(`Projection ${name}: version must be a positive integer`);
  }
  if (projection.handles.length === 0) throw new Error(`Projection ${name} handles no event type`);
  const indexNames = new Set<string>();
  for (const index of projection.indexes ?? []) {
    if (!PROJECTION_NAME_PATTERN.test(index.name) || index.name.length > 20) {
      throw new Error(`Projection ${name}: index name ${JSON.stringify(index.name)} must match ${PROJECTION_NAME_PATTERN.source} (at most 20 characters)`);
    }
    if (indexNames.has(index.name)) throw new Error(`Projection ${name}: index ${index.name} declared twice`);
    indexNames.add(index.name);
    if (!DOCUMENT_PATH_PATTERN.test(index.path)) throw new Error(`Projection ${name}: index path ${JSON.stringify(index.path)} is not a dot path`);
  }
}
