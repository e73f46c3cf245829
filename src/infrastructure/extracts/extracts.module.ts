import { Module } from '@nestjs/common';
import { AccessLogService } from '../../application/access-log/access-log.service.js';
import { EXTRACT_BUNDLE_STORE } from '../../application/extract/extract-bundle-store.port.js';
import { EXTRACT_BUNDLER } from '../../application/extract/extract-bundler.port.js';
import { EXTRACT_INDEX } from '../../application/extract/extract-index.port.js';
import { DeliverExtractHandler } from '../../application/extract/deliver-extract/deliver-extract.handler.js';
import { DownloadExtractBundleHandler } from '../../application/extract/download-extract-bundle/download-extract-bundle.handler.js';
import { GenerateExtractHandler } from '../../application/extract/generate-extract/generate-extract.handler.js';
import { GetExtractHandler } from '../../application/extract/get-extract/get-extract.handler.js';
import { ListExtractsHandler } from '../../application/extract/list-extracts/list-extracts.handler.js';
import { RequestExtractHandler } from '../../application/extract/request-extract/request-extract.handler.js';
import { ReviewExtractHandler } from '../../application/extract/review-extract/review-extract.handler.js';
import { ExtractReadsController } from '../http/extracts/extract-reads.http.controller.js';
import { ExtractsController } from '../http/extracts/extracts.http.controller.js';
import { ExtractBundleBuilder } from './extract-bundle.builder.js';
import { SqlExtractBundleStore } from './sql-extract-bundle.store.js';
import { SqlExtractIndex } from './sql-extract.index.js';

/**
 * Extracts for external bodies: the extract case (request, four-eyes review, generation,
 * delivery), the bundle builder on the seal, the kept bundles, and the HTTP routes. Needs the
 * global persistence, directories and sealing modules, and the CQRS buses.
 */
@Module({
  controllers: [ExtractsController, ExtractReadsController],
  providers: [
    AccessLogService,
    { provide: EXTRACT_BUNDLER, useClass: ExtractBundleBuilder },
    { provide: EXTRACT_BUNDLE_STORE, useClass: SqlExtractBundleStore },
    { provide: EXTRACT_INDEX, useClass: SqlExtractIndex },
    RequestExtractHandler,
    ReviewExtractHandler,
    GenerateExtractHandler,
    DeliverExtractHandler,
    ListExtractsHandler,
    GetExtractHandler,
    DownloadExtractBundleHandler,
  ],
})
export class ExtractsModule {}
