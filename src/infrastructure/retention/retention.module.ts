import { Module, type Provider } from '@nestjs/common';
import { EXTRACT_BUNDLE_STORE } from '../../application/extract/extract-bundle-store.port.js';
import { EXTRACT_INDEX } from '../../application/extract/extract-index.port.js';
import { DOCUMENT_READ_STORE, type DocumentReadStore } from '../../application/ports/read-model.port.js';
import { ListDueRetentionHandler } from '../../application/retention/list-due-retention/list-due-retention.handler.js';
import { ExtractBundlePurger } from '../../application/retention/extract-bundle-purger.js';
import { RETENTION_INDEX } from '../../application/retention/retention-index.port.js';
import { RetentionRunner } from '../../application/retention/retention-runner.js';
import { RunRetentionHandler } from '../../application/retention/run-retention/run-retention.handler.js';
import { RetentionCasesQueries } from '../../projections/retention-cases/retention-cases.queries.js';
import { SqlExtractBundleStore } from '../extracts/sql-extract-bundle.store.js';
import { SqlExtractIndex } from '../extracts/sql-extract.index.js';
import { RetentionController } from '../http/retention/retention.http.controller.js';

/** The runner, the index it reads and the kept extract bundles it purges (R-RET-03); the CLI uses them without the HTTP routes. */
export const RETENTION_PROVIDERS: Provider[] = [
  RetentionRunner,
  ExtractBundlePurger,
  { provide: RETENTION_INDEX, inject: [DOCUMENT_READ_STORE], useFactory: (store: DocumentReadStore) => new RetentionCasesQueries(store) },
  { provide: EXTRACT_INDEX, useClass: SqlExtractIndex },
  { provide: EXTRACT_BUNDLE_STORE, useClass: SqlExtractBundleStore },
];

/**
 * Retention (R-RET-01..03): the run and the due list over HTTP. Needs the global persistence,
 * directories and projections modules, and the CQRS buses.
 */
@Module({
  controllers: [RetentionController],
  providers: [...RETENTION_PROVIDERS, RunRetentionHandler, ListDueRetentionHandler],
})
export class RetentionModule {}
