import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ExternalBodyDirectory } from '../../../domain/external-bodies/external-bodies.js';
import { CASE_FILE_STREAM_TYPES } from '../../../domain/extract/extract.types.js';
import { InvalidInputError } from '../../../domain/shared/domain-error.js';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { EXTERNAL_BODIES, POLICY_CATALOG, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { EVENT_STORE, type EventStore } from '../../ports/event-store.port.js';
import { EXTRACT_BUNDLER, type ExtractBundler } from '../extract-bundler.port.js';
import { extractCommandSpec } from '../extract.command-spec.js';
import { RequestExtractCommand } from './request-extract.command.js';

/** Records a request for an extract, once the addressee, the case and the body's checkpoint are known to exist. */
@CommandHandler(RequestExtractCommand)
export class RequestExtractHandler implements ICommandHandler<RequestExtractCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EXTERNAL_BODIES) private readonly bodies: ExternalBodyDirectory,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
    @Inject(EXTRACT_BUNDLER) private readonly bundler: ExtractBundler,
  ) {}

  async execute({ envelope }: RequestExtractCommand): Promise<CommandOutcome> {
    const { addresseeBodyId, ...data } = envelope.command.data;
    // R-LAW-12: the addressee is a body of the directory, which is data.
    const addressee = this.bodies.find(addresseeBodyId);
    if (!addressee) throw new InvalidInputError('EXTRACT.UNKNOWN_ADDRESSEE', `The directory of external bodies has no ${addresseeBodyId}`, { field: 'addresseeBodyId', rule: 'R-LAW-12' });
    if (data.scope.kind === 'case_file') {
      const head = await this.store.streamHead(data.scope.caseStreamId);
      if (head.version === 0) throw new InvalidInputError('EXTRACT.CASE_NOT_FOUND', `No case ${data.scope.caseStreamId}`, { field: 'scope.caseStreamId' });
      if (!(CASE_FILE_STREAM_TYPES as readonly (string | null)[]).includes(head.streamType)) {
        throw new InvalidInputError('EXTRACT.NOT_A_CASE', `${data.scope.caseStreamId} is a ${head.streamType ?? 'typeless'} stream, not a case`, { field: 'scope.caseStreamId' });
      }
    }
    if (data.knownCheckpointSize !== null && Number.isSafeInteger(data.knownCheckpointSize) && !(await this.bundler.checkpointExists(data.knownCheckpointSize))) {
      throw new InvalidInputError('EXTRACT.UNKNOWN_CHECKPOINT', `The provider signed no checkpoint of tree size ${data.knownCheckpointSize}`, { field: 'knownCheckpointSize' });
    }
    const command = { type: 'RequestExtract' as const, data: { ...data, addressee } };
    return this.pipeline.execute(extractCommandSpec(data.extractId, this.catalog), { ...envelope, command });
  }
}
