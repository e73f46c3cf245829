import { type DynamicModule, Module } from '@nestjs/common';
import { DOCUMENT_READ_STORE, PROJECTION_STATUS } from '../../application/ports/read-model.port.js';
import type { Projection } from '../../projections/projection.js';
import type { MongoClient } from 'mongodb';
import type { Database } from '../persistence/database.js';
import { DATABASE, MONGODB_CLIENT } from '../persistence/persistence.module.js';
import { SqlDocumentReadStore } from './document.read-store.js';
import { MongoDocumentReadStore } from './mongodb/mongo.document.read-store.js';
import { MongoReadModelStore } from './mongodb/mongo.read-model.store.js';
import { type ProjectionLogger, type ProjectionRunnerOptionsInput, resolveRunnerOptions } from './projection-runner.js';
import { ProjectionStatusService } from './projection-status.service.js';
import {
  PROJECTION_DEFINITIONS,
  PROJECTION_LOGGER,
  PROJECTION_RUNNER_OPTIONS,
  ProjectionsService,
  READ_MODEL_STORE,
} from './projections.service.js';

export interface ProjectionsModuleOptions {
  readonly projections: readonly Projection[];
  /** batchSize, pollIntervalMs, retry { attempts, baseDelayMs, maxDelayMs }, leaseRetryMs, autoStart, lagCap. */
  readonly options?: ProjectionRunnerOptionsInput;
  /** Nest's Logger('Projections') by default. */
  readonly logger?: ProjectionLogger;
}

/**
 * The read side: runs the projections (on bootstrap, unless `autoStart` is false), and
 * provides `DOCUMENT_READ_STORE`, `PROJECTION_STATUS`, `ProjectionsService` and
 * `ProjectionStatusService` everywhere. Needs `DATABASE` and `EVENT_STORE` from PersistenceModule.
 */
@Module({})
export class ProjectionsModule {
  static forRoot(config: ProjectionsModuleOptions): DynamicModule {
    const options = resolveRunnerOptions(config.options);
    return {
      module: ProjectionsModule,
      global: true,
      providers: [
        { provide: PROJECTION_DEFINITIONS, useValue: config.projections },
        { provide: PROJECTION_RUNNER_OPTIONS, useValue: options },
        ...(config.logger ? [{ provide: PROJECTION_LOGGER, useValue: config.logger }] : []),
        ProjectionsService,
        ProjectionStatusService,
        { provide: PROJECTION_STATUS, useExisting: ProjectionStatusService },
        {
          provide: READ_MODEL_STORE,
          inject: [MONGODB_CLIENT],
          // Opening refuses a standalone MongoDB server: the start fails with why.
          useFactory: (mongo: MongoClient | null) => (mongo ? MongoReadModelStore.open(mongo) : null),
        },
        {
          provide: DOCUMENT_READ_STORE,
          inject: [DATABASE, READ_MODEL_STORE],
          useFactory: (db: Database, readStore: MongoReadModelStore | null) =>
            readStore ? new MongoDocumentReadStore(readStore, config.projections.map((p) => p.name)) : new SqlDocumentReadStore(db, config.projections.map((p) => p.name)),
        },
      ],
      exports: [ProjectionsService, ProjectionStatusService, PROJECTION_STATUS, DOCUMENT_READ_STORE, READ_MODEL_STORE],
    };
  }
}
