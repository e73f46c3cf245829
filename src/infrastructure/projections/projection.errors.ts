import { MongoError, MongoNetworkError, MongoServerSelectionError } from 'mongodb';
import { sqlStateOf } from '../persistence/database.js';

/** Errors of the projection runner; the HTTP controller and the CLI map them to answers. */

/** The name is not a registered projection. */
export class UnknownProjectionError extends Error {
  readonly code = 'PROJECTION.UNKNOWN';

  constructor(readonly projection: string) {
    super(`No projection named ${JSON.stringify(projection)} is registered`);
    this.name = 'UnknownProjectionError';
  }
}

/** `resume` on a projection that has no parked event. */
export class ProjectionNotParkedError extends Error {
  readonly code = 'PROJECTION.NOT_PARKED';

  constructor(readonly projection: string) {
    super(`Projection ${projection} is not parked`);
    this.name = 'ProjectionNotParkedError';
  }
}

/** Another rebuild of the same projection holds its rebuild lock. */
export class RebuildInProgressError extends Error {
  readonly code = 'PROJECTION.REBUILD_IN_PROGRESS';

  constructor(readonly projection: string) {
    super(`A rebuild of projection ${projection} is already running`);
    this.name = 'RebuildInProgressError';
  }
}

/** The projection's own code (`documentIds` or `evolve`) threw: never a transient failure. */
export class ProjectionCodeError extends Error {
  constructor(
    readonly projection: string,
    readonly event: { readonly globalPosition: number; readonly eventId: string; readonly type: string },
    override readonly cause: unknown,
  ) {
    super(`${projection} failed on ${event.type} ${event.eventId} at position ${event.globalPosition}: ${describeError(cause)}`);
    this.name = 'ProjectionCodeError';
  }
}

/** A rebuild stopped at an event it could not apply; the live read model is untouched. */
export class RebuildFailedError extends Error {
  readonly code = 'PROJECTION.REBUILD_FAILED';

  constructor(
    readonly projection: string,
    override readonly cause: unknown,
    /** The event it could not apply, when the failure was an event's and not the database's. */
    readonly event?: { readonly globalPosition: number; readonly eventId: string; readonly type: string; readonly transactionId?: string },
  ) {
    super(`Rebuild of projection ${projection} failed: ${describeError(cause)}`);
    this.name = 'RebuildFailedError';
  }
}

/** Another writer (a rebuild's switch-over, a second runner) moved the checkpoint: reload, never apply twice. */
export class CheckpointMovedError extends Error {
  constructor(readonly projection: string) {
    super(`The checkpoint of projection ${projection} was moved by another writer`);
    this.name = 'CheckpointMovedError';
  }
}

/** One line for status and logs: the error's own message, prefixed with its name when it has a useful one. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const prefix = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
    return `${prefix}${error.message}`;
  }
  return String(error);
}

const TRANSIENT_CODES = new Set(['40001', '40P01', '55P03', '57014', '57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

/** A failure of the connection or of concurrency, not of an event: retried without parking. */
export function isTransient(error: unknown): boolean {
  if (error instanceof ProjectionCodeError) return false;
  if (error instanceof MongoError) {
    return error instanceof MongoNetworkError || error instanceof MongoServerSelectionError || error.hasErrorLabel('TransientTransactionError') || error.hasErrorLabel('RetryableWriteError');
  }
  const code = sqlStateOf(error);
  if (code !== undefined) return code.startsWith('08') || TRANSIENT_CODES.has(code);
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection (is )?closed|Client has encountered a connection error|Cannot use a pool after calling end|terminating connection/i.test(message);
}
