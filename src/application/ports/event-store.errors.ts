import { DomainError } from '../../domain/shared/domain-error.js';
import type { ExpectedVersion } from './event-store.port.js';

/** The stream is not at the version the writer expected. */
export class WrongExpectedVersionError extends DomainError {
  readonly kind = 'conflict' as const;
  readonly code = 'STREAM.WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, expected ${String(expected)}`, {
      details: { streamId, expected, actual },
    });
  }
}

/** A command id (Idempotency-Key) came back with a different payload. */
export class CommandIdReusedError extends DomainError {
  readonly kind = 'invalid' as const;
  readonly code = 'COMMAND.ID_REUSED';
  constructor(readonly commandId: string) {
    super(`Command id ${commandId} was already used for a different request`, { details: { commandId } });
  }
}

/** Event ids already stored by a different append. */
export class EventIdReusedError extends DomainError {
  readonly kind = 'conflict' as const;
  readonly code = 'STREAM.EVENT_ID_REUSED';
  constructor(readonly streamId: string) {
    super(`Event ids for stream ${streamId} were already used by a different append`, { details: { streamId } });
  }
}
