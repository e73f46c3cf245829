import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

type RunMigration = Awaited<ReturnType<typeof runner>>[number];
import type { Database } from './database.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

export interface MigrateOptions {
  readonly direction?: 'up' | 'down';
  /** How many migrations to run; all pending by default (down: one). */
  readonly count?: number;
  readonly log?: (message: string) => void;
}

/**
 * Applies the SQL migrations with node-pg-migrate on one session connection, under its
 * advisory lock, so that several app instances starting at once migrate exactly once.
 * Works on PGlite through the same session interface.
 */
export async function migrate(db: Database, options: MigrateOptions = {}): Promise<RunMigration[]> {
  const session = await db.session();
  const log = options.log ?? (() => undefined);
  try {
    const client = {
      query: (text: string | { text: string; values?: unknown[] }, values?: unknown[]) => {
        const sql = typeof text === 'string' ? text : text.text;
        const params = typeof text === 'string' ? values : (text.values ?? values);
        return params && params.length > 0 ? session.query(sql, params) : session.exec(sql);
      },
    };
    return await runner({
      // node-pg-migrate only needs `query` of an external client.
      dbClient: client as never,
      dir: MIGRATIONS_DIR,
      migrationsTable: 'schema_migrations',
      direction: options.direction ?? 'up',
      count: options.count ?? (options.direction === 'down' ? 1 : Infinity),
      checkOrder: true,
      singleTransaction: true,
      verbose: false,
      logger: { debug: () => undefined, info: log, warn: log, error: log },
    });
  } finally {
    await session.release();
  }
}
