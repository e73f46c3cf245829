import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import type { Database } from '../persistence/database.js';
import { migrate } from '../persistence/migrator.js';
import { DATABASE } from '../persistence/persistence.module.js';

@Command({ name: 'migrate', description: 'Apply pending database migrations (or roll back with --down)' })
export class MigrateCommand extends CommandRunner {
  constructor(@Inject(DATABASE) private readonly db: Database) {
    super();
  }

  async run(_args: string[], options: { down?: boolean; count?: number }): Promise<void> {
    const direction = options.down ? 'down' : 'up';
    const applied = await migrate(this.db, { direction, count: options.count, log: (m) => console.log(m) });
    console.log(applied.length === 0 ? 'Nothing to migrate.' : `${direction === 'up' ? 'Applied' : 'Rolled back'}: ${applied.map((m) => m.name).join(', ')}`);
  }

  @Option({ flags: '--down', description: 'roll back instead of applying' })
  parseDown(): boolean {
    return true;
  }

  @Option({ flags: '--count <n>', description: 'how many migrations (default: all pending; down: 1)' })
  parseCount(value: string): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error('--count must be a positive integer');
    return n;
  }
}
