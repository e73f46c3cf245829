import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { RetentionRunResult } from '../run-retention/run-retention.command.js';
import { RetentionRunner } from '../retention-runner.js';
import { ListDueRetentionQuery } from './list-due-retention.query.js';

@QueryHandler(ListDueRetentionQuery)
export class ListDueRetentionHandler implements IQueryHandler<ListDueRetentionQuery> {
  constructor(private readonly runner: RetentionRunner) {}

  async execute({ actor, asOf, correlationId }: ListDueRetentionQuery): Promise<RetentionRunResult> {
    const { result } = await this.runner.run({ actor, ...(asOf ? { asOf } : {}), dryRun: true, commandId: null, correlationId, channel: 'internal_api' });
    return result;
  }
}
