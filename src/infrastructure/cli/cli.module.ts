import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { ALL_PROJECTIONS } from '../../projections/all-projections.js';
import { DirectoriesModule } from '../directories/directories.module.js';
import { PersistenceModule } from '../persistence/persistence.module.js';
import { RETENTION_PROVIDERS } from '../retention/retention.module.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { SealingModule } from '../sealing/sealing.module.js';
import { VerificationRunsService } from '../audit/verification-runs.service.js';
import { DemoModule } from './demo/demo.module.js';
import { ExtractCommand, VerifyExtractCommand } from './extract.command.js';
import { PROJECTIONS_COMMANDS } from './projections.command.js';
import { MigrateCommand } from './migrate.command.js';
import { RETENTION_COMMANDS } from './retention.command.js';
import { IssueTokenCommand, TokenCommand } from './token.command.js';
import { VerifyCommand } from './verify.command.js';

@Module({})
export class CliModule {
  static forRoot(config: AppConfig, argv: readonly string[]): DynamicModule {
    // `migrate` runs migrations itself; every other command needs the schema in place first.
    const migrateOnOpen = argv[0] !== 'migrate';
    // `extract verify` is the offline verifier: it opens no database.
    if (argv[0] === 'extract' && argv[1] === 'verify') return { module: CliModule, providers: [ExtractCommand, VerifyExtractCommand] };
    return {
      module: CliModule,
      imports: [PersistenceModule.forRoot({ config, migrate: migrateOnOpen }), ProjectionsModule.forRoot({ projections: ALL_PROJECTIONS, options: { autoStart: false } }), SealingModule.forRoot(config, { enabled: false }), DirectoriesModule.forRoot(config), DemoModule],
      providers: [VerificationRunsService, MigrateCommand, VerifyCommand, TokenCommand, IssueTokenCommand, ...PROJECTIONS_COMMANDS, ExtractCommand, VerifyExtractCommand, ...RETENTION_PROVIDERS, ...RETENTION_COMMANDS],
    };
  }
}
