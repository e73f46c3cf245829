import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertGeneratable } from '../../../domain/extract/extract.decide.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { StaleVersionError } from '../../command-pipeline/command-pipeline.errors.js';
import { CommandPipeline, type CommandOutcome } from '../../command-pipeline/command-pipeline.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../../ports/directories.port.js';
import { CommandIdReusedError } from '../../ports/event-store.errors.js';
import { EVENT_STORE, type EventStore } from '../../ports/event-store.port.js';
import { EXTRACT_BUNDLE_STORE, type ExtractBundleStore } from '../extract-bundle-store.port.js';
import { EXTRACT_BUNDLER, type ExtractBundler } from '../extract-bundler.port.js';
import { extractCommandSpec } from '../extract.command-spec.js';
import { loadExtract } from '../extract.reader.js';
import { GenerateExtractCommand } from './generate-extract.command.js';

/**
 * Builds the bundle of an approved extract, keeps it under its digest, then records the
 * generation (digest, checkpoint, files) on the extract's stream. A retry of the same
 * Idempotency-Key answers the recorded generation without building again.
 */
@CommandHandler(GenerateExtractCommand)
export class GenerateExtractHandler implements ICommandHandler<GenerateExtractCommand> {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
    @Inject(EXTRACT_BUNDLER) private readonly bundler: ExtractBundler,
    @Inject(EXTRACT_BUNDLE_STORE) private readonly bundles: ExtractBundleStore,
  ) {}

  async execute({ extractId, envelope }: GenerateExtractCommand): Promise<CommandOutcome> {
    const spec = extractCommandSpec(extractId, this.catalog);
    const earlier = await this.store.findCommand(envelope.commandId);
    if (earlier) {
      // The recorded bundle differs from any rebuilt one, so a repeat answers the record instead.
      if (earlier.result.streamId !== spec.streamId) throw new CommandIdReusedError(envelope.commandId);
      const eventTypes = Array.isArray(earlier.result.eventTypes) ? (earlier.result.eventTypes as string[]) : [];
      return { streamId: spec.streamId, version: Number(earlier.result.version), eventTypes, result: earlier.result, repeated: true };
    }
    const { state, version } = await loadExtract(this.store, extractId);
    if (envelope.expectedVersion !== undefined && envelope.expectedVersion !== version) throw new StaleVersionError(spec.streamId, envelope.expectedVersion, version);
    const extract = assertGeneratable(state, envelope.actor);
    const bundle = await this.bundler.build(extract);
    await this.bundles.save(extractId, bundle.record.sha256, bundle.archive, bundle.record.createdAt);
    try {
      return await this.pipeline.execute(spec, { ...envelope, command: { type: 'RecordExtractGenerated', data: { bundle: bundle.record } } });
    } catch (error) {
      // Refused before anything was appended: the bundle was never on record.
      if (error instanceof DomainError) await this.bundles.discard(extractId, bundle.record.sha256);
      throw error;
    }
  }
}
