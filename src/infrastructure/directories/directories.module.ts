import { readFileSync } from 'node:fs';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { EXTERNAL_BODIES, ORGANISATION, POLICY_CATALOG } from '../../application/ports/directories.port.js';
import { DEFAULT_EXTERNAL_BODIES } from '../../domain/external-bodies/default-external-bodies.data.js';
import { ExternalBodyDirectory, type ExternalBody } from '../../domain/external-bodies/external-bodies.js';
import { DEFAULT_ORGANISATION_UNITS } from '../../domain/organisation/default-organisation.data.js';
import { Organisation, type OrganisationUnit } from '../../domain/organisation/organisation.js';
import { defaultPolicyCatalog } from '../../domain/policy/policy-catalog.js';
import type { AppConfig } from '../config/app-config.js';

function readJsonList<T>(file: string | undefined, fallback: readonly T[], what: string): readonly T[] {
  if (!file) return fallback;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file} must hold a JSON array of ${what}`);
  return parsed as T[];
}

/** The data the rules refer to by name: units, policy versions, external bodies. */
@Global()
@Module({})
export class DirectoriesModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DirectoriesModule,
      providers: [
        { provide: ORGANISATION, useFactory: () => new Organisation(readJsonList<OrganisationUnit>(config.ORGANISATION_FILE, DEFAULT_ORGANISATION_UNITS, 'units')) },
        { provide: EXTERNAL_BODIES, useFactory: () => new ExternalBodyDirectory(readJsonList<ExternalBody>(config.EXTERNAL_BODIES_FILE, DEFAULT_EXTERNAL_BODIES, 'external bodies')) },
        { provide: POLICY_CATALOG, useValue: defaultPolicyCatalog },
      ],
      exports: [ORGANISATION, EXTERNAL_BODIES, POLICY_CATALOG],
    };
  }
}
