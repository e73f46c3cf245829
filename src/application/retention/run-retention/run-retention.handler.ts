import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RetentionRunner } from '../retention-runner.js';
import { RunRetentionCommand, type RetentionRunOutcome } from './run-retention.command.js';

@CommandHandler(RunRetentionCommand)
export class RunRetentionHandler implements ICommandHandler<RunRetentionCommand> {
  constructor(private readonly runner: RetentionRunner) {}

  execute({ request }: RunRetentionCommand): Promise<RetentionRunOutcome> {
    return this.runner.run(request);
  }
}
