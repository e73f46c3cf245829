import { Query } from '@nestjs/cqrs';
import type { Actor } from '../../../domain/shared/actor.js';
import type { RetentionRunResult } from '../run-retention/run-retention.command.js';

/** What a retention run as of `asOf` would expire and skip; changes nothing (a dry run). */
export class ListDueRetentionQuery extends Query<RetentionRunResult> {
  constructor(
    readonly actor: Actor,
    readonly asOf: string | undefined,
    readonly correlationId: string,
  ) {
    super();
  }
}
