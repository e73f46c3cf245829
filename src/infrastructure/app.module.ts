import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ALL_PROJECTIONS } from '../projections/all-projections.js';
import { AuditModule } from './audit/audit.module.js';
import { DirectoriesModule } from './directories/directories.module.js';
import { ExtractsModule } from './extracts/extracts.module.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { HttpModule } from './http/http.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { PersistenceModule, type PersistenceOptions } from './persistence/persistence.module.js';
import { RetentionModule } from './retention/retention.module.js';
import { SchedulerModule } from './scheduler/scheduler.module.js';
import { SealingModule } from './sealing/sealing.module.js';

export interface AppOptions extends PersistenceOptions {
  /** Projection runner settings (tests shorten the intervals). */
  readonly projections?: { readonly pollIntervalMs?: number; readonly autoStart?: boolean };
  /** Background workers: the sealer and the scheduler (tests shorten the intervals). */
  readonly workers?: { readonly intervalMs?: number };
}

@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(options.config),
        CqrsModule.forRoot(),
        PersistenceModule.forRoot(options),
        DirectoriesModule.forRoot(options.config),
        ProjectionsModule.forRoot({
          projections: ALL_PROJECTIONS,
          options: { pollIntervalMs: options.projections?.pollIntervalMs ?? 1000, autoStart: options.projections?.autoStart ?? options.config.PROJECTIONS_ENABLED },
        }),
        SealingModule.forRoot(options.config, options.workers?.intervalMs ? { intervalMs: options.workers.intervalMs } : {}),
        SchedulerModule.forRoot({ enabled: options.config.BACKGROUND_WORKERS_ENABLED, intervalMs: options.workers?.intervalMs ?? 5000, retryAfterMs: 60_000 }),
        HttpModule.forRoot(options.config),
        ExtractsModule,
        AuditModule,
        RetentionModule,
      ],
    };
  }
}
