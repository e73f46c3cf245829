import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { loadSealKey } from './seal-key.js';
import { SealReader } from './seal-reader.service.js';
import { SEAL_KEY, SEALER_OPTIONS, SealerService, type SealerOptions } from './sealer.service.js';
import { StoreIntegrityVerifier } from './store-integrity.verifier.js';

/** The Merkle seal over the log: the sealer, signed checkpoints, proofs, and the whole-store check. */
@Global()
@Module({})
export class SealingModule {
  static forRoot(config: AppConfig, overrides: Partial<SealerOptions> = {}): DynamicModule {
    const options: SealerOptions = {
      enabled: config.BACKGROUND_WORKERS_ENABLED,
      intervalMs: 1000,
      batchSize: 1000,
      checkpointEveryEvents: config.SEAL_CHECKPOINT_EVERY_EVENTS,
      checkpointIntervalMs: config.SEAL_CHECKPOINT_INTERVAL_SECONDS * 1000,
      ...overrides,
    };
    return {
      module: SealingModule,
      providers: [{ provide: SEAL_KEY, useFactory: () => loadSealKey(config) }, { provide: SEALER_OPTIONS, useValue: options }, SealerService, SealReader, StoreIntegrityVerifier],
      exports: [SEAL_KEY, SealerService, SealReader, StoreIntegrityVerifier],
    };
  }
}
