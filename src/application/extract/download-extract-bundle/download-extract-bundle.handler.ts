import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { extractStreamId } from '../../../domain/extract/extract.decider.js';
import type { PersonalDataAccessedData } from '../../../domain/shared/access-log.events.js';
import { GoneError, InvalidStateError, NotFoundError } from '../../../domain/shared/domain-error.js';
import { AccessLogService } from '../../access-log/access-log.service.js';
import { EVENT_STORE, type EventStore } from '../../ports/event-store.port.js';
import { EXTRACT_BUNDLE_STORE, type ExtractBundleStore } from '../extract-bundle-store.port.js';
import { assertMayRead, loadExtract } from '../extract.reader.js';
import { DownloadExtractBundleQuery, type ExtractBundleDownload } from './download-extract-bundle.query.js';

/** The kept archive is served only if its digest is the one recorded when it was generated. */
export class BundleDigestMismatch extends Error {
  constructor(extractId: string) {
    super(`The kept bundle of extract ${extractId} does not have the digest recorded at generation`);
    this.name = 'BundleDigestMismatch';
  }
}

@QueryHandler(DownloadExtractBundleQuery)
export class DownloadExtractBundleHandler implements IQueryHandler<DownloadExtractBundleQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EXTRACT_BUNDLE_STORE) private readonly bundles: ExtractBundleStore,
    private readonly accessLog: AccessLogService,
  ) {}

  async execute({ reader, extractId, purpose, correlationId }: DownloadExtractBundleQuery): Promise<ExtractBundleDownload> {
    const { state } = await loadExtract(this.store, extractId);
    const extract = assertMayRead(state, reader);
    if (!extract.bundle) throw new InvalidStateError('EXTRACT.NOT_GENERATED', 'The extract has no bundle yet: it is generated after approval');
    const purge = extract.bundlePurge;
    if (purge) {
      // R-RET-03: deleted when the case's retention ended; the digest on record still proves what was sent.
      throw new GoneError('EXTRACT.BUNDLE_PURGED', `The bundle of extract ${extractId} was deleted on ${purge.purgedAt} when the retention of ${purge.caseStreamId} ended (run ${purge.runId}); its SHA-256 stays on record`, {
        rule: 'R-RET-03',
        details: { bundleSha256: purge.bundleSha256, caseStreamId: purge.caseStreamId, purgedAt: purge.purgedAt, runId: purge.runId },
      });
    }
    const archive = await this.bundles.load(extractId, extract.bundle.sha256);
    if (!archive) throw new NotFoundError('EXTRACT.BUNDLE_MISSING', `The bundle of extract ${extractId} is not kept`);
    if (createHash('sha256').update(archive).digest('hex') !== extract.bundle.sha256) throw new BundleDigestMismatch(extractId);
    // R-RET-04: the download is recorded on the extract and, for a case file, on the case, before it is served.
    const reads: PersonalDataAccessedData[] = [{ caseStreamId: extractStreamId(extractId), view: 'extract_bundle', purpose }];
    if (extract.scope.kind === 'case_file') reads.push({ caseStreamId: extract.scope.caseStreamId, view: `case_file_extract:${extractId}`, purpose });
    await this.accessLog.recordAll(reader.actor, reads, correlationId);
    return { fileName: `extract-${extractId}.tar`, sha256: extract.bundle.sha256, archive };
  }
}
