import { DomainError } from '../../domain/shared/domain-error.js';

/** The retention index did not catch up with the log in time: a hold placed a moment ago could be missed (R-RET-02). */
export class RetentionIndexBehindError extends DomainError {
  readonly kind = 'conflict' as const;
  readonly code = 'RETENTION.INDEX_BEHIND';
  constructor(readonly waitedMillis: number) {
    super(`The retention index did not catch up with the event log within ${waitedMillis} ms; nothing was expired. Check \`projections status\` and run again`, {
      rule: 'R-RET-02',
      details: { waitedMillis },
    });
  }
}
