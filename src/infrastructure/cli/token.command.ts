import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { isRole, ROLES, type Role } from '../../domain/shared/actor.js';
import { issueDevelopmentToken } from '../auth/development-token.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../persistence/persistence.module.js';

interface IssueOptions {
  sub?: string;
  role?: Role[];
  unit?: string;
  body?: string;
  name?: string;
  ttl?: number;
}

@SubCommand({ name: 'issue', description: 'Sign a development bearer token with the key in DATA_DIR' })
export class IssueTokenCommand extends CommandRunner {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  async run(_args: string[], options: IssueOptions): Promise<void> {
    if (!options.sub) throw new Error('--sub <user id> is required');
    if (!options.role?.length) throw new Error(`--role is required (one of ${ROLES.join(', ')}; repeat for several)`);
    const token = await issueDevelopmentToken(this.config, {
      subject: options.sub,
      roles: options.role,
      unit: options.unit ?? null,
      body: options.body ?? null,
      ...(options.name ? { name: options.name } : {}),
      ttlSeconds: options.ttl ?? 8 * 3600,
    });
    console.log(token);
  }

  @Option({ flags: '--sub <user>', description: 'user id (the token subject)' })
  parseSub(value: string): string {
    return value;
  }

  @Option({ flags: '--role <role>', description: `role: ${ROLES.join(', ')} (repeatable)` })
  parseRole(value: string, previous: Role[] = []): Role[] {
    if (!isRole(value)) throw new Error(`Unknown role ${value}; use one of ${ROLES.join(', ')}`);
    return [...previous, value];
  }

  @Option({ flags: '--unit <unit>', description: 'organisational unit, e.g. cso-budapest' })
  parseUnit(value: string): string {
    return value;
  }

  @Option({ flags: '--body <body>', description: 'for regulators: the external body, e.g. mekh' })
  parseBody(value: string): string {
    return value;
  }

  @Option({ flags: '--name <name>', description: 'display name' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--ttl <seconds>', description: 'lifetime in seconds (default 8 hours)' })
  parseTtl(value: string): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error('--ttl must be a positive number of seconds');
    return n;
  }
}

@Command({ name: 'token', description: 'Development bearer tokens', subCommands: [IssueTokenCommand] })
export class TokenCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
