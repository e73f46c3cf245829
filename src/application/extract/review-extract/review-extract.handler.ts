import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { extractCommandSpec } from '../extract.command-spec.js';
import { ReviewExtractCommand } from './review-extract.command.js';

@CommandHandler(ReviewExtractCommand)
export class ReviewExtractHandler implements ICommandHandler<ReviewExtractCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
  ) {}

  execute({ extractId, envelope }: ReviewExtractCommand): Promise<CommandOutcome> {
    return this.pipeline.execute(extractCommandSpec(extractId, this.catalog), envelope);
  }
}
