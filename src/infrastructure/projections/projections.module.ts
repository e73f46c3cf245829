import { type DynamicModule, Module } from '@nestjs/common';
import { DOCUMENT_READ_STORE, PROJECTION_STATUS } from '../../application/ports/read-model.port.js';
import type { Projection } from '../../projections/projection.js';
import type { Database } from '../persistence/database.js';
import { DATABASE } from '../persistence/persistence.module.js';
import { SqlDocumentReadStore } from './document.read-store.js';
import { type ProjectionLogger, type ProjectionRunnerOptionsInput, resolveRunnerOptions } from './projection-runner.js';
import { ProjectionStatusService } from './projection-status.service.js';
import {
  PROJECTION_DEFINITIONS,
  PROJECTION_LOGGER,
  PROJECTION_RUNNER_OPTIONS,
  ProjectionsService,
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
          provide: DOCUMENT_READ_STORE,
          inject: [DATABASE],
          useFactory: (db: Database) => new SqlDocumentReadStore(db, config.projections.map((p) => p.name)),
        },
      ],
      exports: [ProjectionsService, ProjectionStatusService, PROJECTION_STATUS, DOCUMENT_READ_STORE],
    };
  }
}
