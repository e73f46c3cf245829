import { DomainError } from '../../domain/shared/domain-error.js';

/** The stream kept moving under the command; retries ran out. */
export class ConcurrencyConflictError extends DomainError {
  readonly kind = 'conflict' as const;
  readonly code = 'COMMAND.CONCURRENCY_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`Case ${streamId} was changed by others ${attempts} times while this command ran; try again`, {
      details: { streamId, attempts },
    });
  }
}

/** The caller's version (If-Match) is not the stream's current version. */
export class StaleVersionError extends DomainError {
  readonly kind = 'precondition' as const;
  readonly code = 'COMMAND.STALE_VERSION';
  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`Case ${streamId} is at version ${actual}, the request expected version ${expected}`, {
      details: { streamId, expected, actual },
    });
  }
}
