/**
 * The read side's ports: queries over projected documents, and the health of the
 * projections that keep them. Implemented over jsonb in PostgreSQL/PGlite now; a MongoDB
 * adapter must pass the same contract suite.
 */

/** A scalar a document path is compared with. Numbers compare as numbers, strings as text. */
export type DocumentScalar = string | number | boolean | null;

export interface DocumentRange {
  readonly lt?: string | number;
  readonly lte?: string | number;
  readonly gt?: string | number;
  readonly gte?: string | number;
}

/** Equality with a scalar (`null` also matches a missing path), membership, or a range. */
export type DocumentCondition = DocumentScalar | { readonly in: readonly (string | number)[] } | DocumentRange;

export interface DocumentOrder {
  /** Dot path into the document. */
  readonly path: string;
  readonly direction: 'asc' | 'desc';
}

export interface DocumentQuery {
  /** Dot path -> condition; all must hold. */
  readonly where?: Readonly<Record<string, DocumentCondition>>;
  /** The document id breaks ties (ascending), so the order is total. Missing values sort lowest. */
  readonly orderBy?: readonly DocumentOrder[];
  /** Page size; 50 by default, at most 500. */
  readonly limit?: number;
  /** `nextCursor` of the previous page; valid only with the same `orderBy`. */
  readonly cursor?: string | null;
}

export interface DocumentPage<T> {
  readonly items: T[];
  /** Continues after the last item; stable under concurrent inserts (keyset, not offset). */
  readonly nextCursor: string | null;
}

/** Queries over a document projection's read model, by projection name. */
export interface DocumentReadStore {
  get<T>(projection: string, id: string): Promise<T | undefined>;
  find<T>(projection: string, query: DocumentQuery): Promise<DocumentPage<T>>;
}

export const DOCUMENT_READ_STORE = Symbol('DocumentReadStore');

/** A query the store refuses: unknown projection, bad path, bad cursor. Maps to 400 at the edge. */
export class InvalidDocumentQueryError extends Error {
  readonly code = 'READ_MODEL.INVALID_QUERY';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidDocumentQueryError';
  }
}

export type ProjectionState = 'starting' | 'catching_up' | 'live' | 'retrying' | 'parked' | 'rebuilding' | 'stopped';

/** The event a projection stopped at, kept until an operator resumes it successfully. */
export interface ParkedEventInfo {
  readonly globalPosition: number;
  readonly eventId: string;
  readonly type: string;
  readonly error: string;
  readonly attempts: number;
  /** ISO 8601. */
  readonly parkedAt: string;
}

export interface ProjectionRebuildProgress {
  readonly table: string;
  readonly processed: number;
  readonly total: number;
  /** ISO 8601. */
  readonly startedAt: string;
  /** ISO 8601; a rebuild whose process died stays here until the next rebuild clears it. */
  readonly updatedAt: string;
}

export interface ProjectionStatus {
  readonly name: string;
  /** The version of the stored read model. */
  readonly version: number;
  readonly state: ProjectionState;
  readonly checkpoint: { readonly transactionId: string; readonly position: number };
  /** The highest global position in the store. */
  readonly headPosition: number;
  /** Events after the checkpoint not yet applied, counted up to a cap. */
  readonly lag: number;
  readonly lastError: string | null;
  readonly parkedEvent: ParkedEventInfo | null;
  /** ISO 8601, when the checkpoint row last changed. */
  readonly updatedAt: string;
  /** This instance runs the projection (holds its advisory-lock lease). */
  readonly leaseHeld: boolean;
  /** Who holds the lease, as far as the database can tell. */
  readonly leaseHolder: 'this_instance' | 'another_instance' | 'nobody';
  /** False when parked, or stopped with an error. */
  readonly healthy: boolean;
  readonly rebuild: ProjectionRebuildProgress | null;
}

/** Status of every registered projection, for the API, the CLI and health checks. */
export interface ProjectionStatusReader {
  statuses(): Promise<ProjectionStatus[]>;
  /** True when no projection is parked or stopped with an error. */
  healthy(): Promise<boolean>;
}

export const PROJECTION_STATUS = Symbol('ProjectionStatus');
