import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Database } from '../../src/infrastructure/persistence/database.js';
import { MIGRATIONS_DIR, migrate } from '../../src/infrastructure/persistence/migrator.js';
import { PgliteDatabase } from '../../src/infrastructure/persistence/pglite.database.js';
import { PostgresDatabase } from '../../src/infrastructure/persistence/postgres.database.js';

export type DatabaseKind = 'pglite' | 'postgres';
export const DATABASE_KINDS: readonly DatabaseKind[] = ['pglite', 'postgres'];

/** The server the suites create their own databases on (trust auth, user postgres). */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly db: Database;
  /** Connection string of the database (PostgreSQL only). */
  readonly url: string | undefined;
  /** Closes the connection and drops the database. */
  drop(): Promise<void>;
  /**
   * Closes this connection and opens a new one to the same database, as a restarted process
   * would; the returned handle drops it. PostgreSQL only: an in-memory PGlite dies with its handle.
   */
  reopen(): Promise<TestDatabase>;
}

function migrationsDigest(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  return hash.digest('hex').slice(0, 16);
}

/** A migrated PGlite dump, shared across test files and runs while the migrations are unchanged. */
async function pgliteTemplate(): Promise<Blob> {
  const file = join(tmpdir(), `heating-cases-pglite-${migrationsDigest()}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const db = await PgliteDatabase.open();
  await migrate(db);
  const dump = await db.dump();
  await db.close();
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  return dump;
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await PgliteDatabase.open(undefined, { loadDataDir: await pgliteTemplate() });
    return {
      db,
      url: undefined,
      drop: () => db.close(),
      reopen: () => Promise.reject(new Error('an in-memory PGlite database does not survive closing its handle')),
    };
  }
  const name = `hc_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const database = attachPostgres(name);
  await migrate(database.db);
  return database;
}

/** A handle on the test database `name` on the server. */
function attachPostgres(name: string): TestDatabase {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const db = new PostgresDatabase(url.toString(), { maxConnections: 20 });
  return {
    db,
    url: url.toString(),
    reopen: async () => {
      await db.close();
      return attachPostgres(name);
    },
    drop: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
