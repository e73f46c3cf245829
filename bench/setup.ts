import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Database } from '../src/infrastructure/persistence/database.js';

/** The folder holding package.json, found upwards from this file (dist/bench or bench). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the bench');
    dir = parent;
  }
}

export interface BenchDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh database on the server; `drop` is idempotent and forces other sessions out. */
export async function createPgDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export async function adminQuery(adminUrl: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'bench-admin' });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export const RAW_SCHEMA = 'bench_raw';

/**
 * The raw baseline's table: `bench_raw.events` built with `LIKE public.events INCLUDING ALL`
 * (same columns, types, defaults, identity, NOT NULL, CHECK, primary key, unique
 * constraints and indexes) plus the same append-only triggers, which do not fire on INSERT.
 * Then checks that the two tables really match and returns a one-line summary.
 */
export async function createRawTable(db: Database): Promise<string> {
  await db.query(`CREATE SCHEMA ${RAW_SCHEMA}`);
  await db.query(`CREATE TABLE ${RAW_SCHEMA}.events (LIKE public.events INCLUDING ALL)`);
  await db.query(`CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON ${RAW_SCHEMA}.events
    FOR EACH ROW EXECUTE FUNCTION es_forbid_change()`);
  await db.query(`CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON ${RAW_SCHEMA}.events
    FOR EACH STATEMENT EXECUTE FUNCTION es_forbid_change()`);
  const describe = async (schema: string) => {
    const columns = await db.query<{ d: string }>(
      `SELECT column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') || ' ' || is_identity AS d
         FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'events' ORDER BY ordinal_position`,
      [schema],
    );
    const constraints = await db.query<{ d: string }>(
      `SELECT contype::text || ' ' || pg_get_constraintdef(c.oid) AS d FROM pg_constraint c
         JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = $1 AND t.relname = 'events' ORDER BY 1`,
      [schema],
    );
    // Index definitions without their names and the schema of the table.
    const indexes = await db.query<{ d: string }>(
      `SELECT regexp_replace(regexp_replace(indexdef, '^CREATE (UNIQUE )?INDEX \\S+ ON \\S+', 'CREATE \\1INDEX ON events'), '\\s+', ' ', 'g') AS d
         FROM pg_indexes WHERE schemaname = $1 AND tablename = 'events' ORDER BY 1`,
      [schema],
    );
    return {
      columns: columns.rows.map((r) => r.d),
      constraints: constraints.rows.map((r) => r.d),
      indexes: indexes.rows.map((r) => r.d),
    };
  };
  const ours = await describe('public');
  const raw = await describe(RAW_SCHEMA);
  for (const key of ['columns', 'constraints', 'indexes'] as const) {
    // Sequence names in identity defaults differ; information_schema shows identity separately.
    if (JSON.stringify(ours[key]) !== JSON.stringify(raw[key])) {
      throw new Error(`raw table differs from events in its ${key}:\n${ours[key].join('\n')}\n---\n${raw[key].join('\n')}`);
    }
  }
  return `${RAW_SCHEMA}.events = LIKE events INCLUDING ALL + same triggers; checked equal: ${ours.columns.length} columns, ${ours.constraints.length} constraints, ${ours.indexes.length} indexes`;
}
