/**
 * Where the time of an append goes inside `es_append`, on a scratch PostgreSQL database:
 *
 *   npm run build && node dist/bench/profile-es-append.js [--seconds 1.5] [--runs 3]
 *
 * 1. Variants of the function, derived from the migrated definition by removing one
 *    piece at a time (the pg_notify, the duplicate pre-check, the stream-row lock and
 *    update, the canonical-text parameters), each measured through the real
 *    `SqlEventStore` JS path at 1 and 8 writers, alternated with the raw INSERT baseline.
 * 2. Server cost per call without a commit (calls inside one rolled-back transaction).
 * 3. What the 8 writers wait on (pg_stat_activity samples during the windows).
 * 4. Per-statement executor time and buffers inside one call (auto_explain, nested).
 *
 * Variants are for timing only: they drop guarantees the real function gives.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Database, QueryResult, SqlExecutor } from '../src/infrastructure/persistence/database.js';
import { migrate } from '../src/infrastructure/persistence/migrator.js';
import { PgliteDatabase } from '../src/infrastructure/persistence/pglite.database.js';
import { PostgresDatabase } from '../src/infrastructure/persistence/postgres.database.js';
import { SqlSubjectKeyStore } from '../src/infrastructure/crypto/subject-key.store.js';
import { canonicalEventParts, toStoredJson } from '../src/infrastructure/crypto/canonical-event.js';
import { encryptPersonalFields } from '../src/infrastructure/crypto/personal-data.cipher.js';
import { OursContender, RawContender, type Contender } from './contenders.js';
import { measure, median, rotate } from './measure.js';
import { createPgDatabase, createRawTable } from './setup.js';
import { WriterStreams, benchSchemas, makeEvents, type BenchEvent } from './workload.js';

interface Variant {
  readonly name: string;
  readonly description: string;
  readonly pieces: readonly Piece[];
}

type Piece = 'no_notify' | 'generic_plans' | 'no_dupcheck' | 'no_canon' | 'no_stream_row';

const VARIANTS: readonly Variant[] = [
  { name: 'es_append', description: 'as migrated', pieces: [] },
  { name: 'v_nonotify', description: '- pg_notify', pieces: ['no_notify'] },
  { name: 'v_generic', description: '+ plan_cache_mode=force_generic_plan', pieces: ['generic_plans'] },
  { name: 'v_nonotify_generic', description: '- pg_notify + generic plans', pieces: ['no_notify', 'generic_plans'] },
  { name: 'v_ng_nodup', description: '- pg_notify + generic plans - duplicate-id pre-check', pieces: ['no_notify', 'generic_plans', 'no_dupcheck'] },
  { name: 'v_ng_nocanon', description: '- pg_notify + generic plans - canonical-text parameters', pieces: ['no_notify', 'generic_plans', 'no_canon'] },
  {
    name: 'v_ng_nostreamrow',
    description: '- pg_notify + generic plans - stream-row lock/insert/update (head from last event)',
    pieces: ['no_notify', 'generic_plans', 'no_stream_row'],
  },
  { name: 'v_lean', description: 'all of the above', pieces: ['no_notify', 'generic_plans', 'no_dupcheck', 'no_canon', 'no_stream_row'] },
];

function replaceOnce(text: string, find: string | RegExp, by: string, what: string): string {
  const next = text.replace(find, by);
  if (next === text) throw new Error(`profile: could not find ${what} in es_append; the function changed`);
  return next;
}

/** The variant's CREATE FUNCTION, from the migrated definition of es_append. */
function variantSql(definition: string, variant: Variant): string {
  let sql = replaceOnce(definition, 'FUNCTION public.es_append(', `FUNCTION public.${variant.name}(`, 'the function header');
  for (const piece of variant.pieces) {
    switch (piece) {
      case 'no_notify':
        sql = replaceOnce(sql, "PERFORM pg_notify('es_events', '');", 'NULL;', 'the pg_notify');
        break;
      case 'no_dupcheck':
        sql = replaceOnce(sql, /SELECT count\(\*\) INTO v_existing FROM events e\s+WHERE[^;]+;/, 'v_existing := 0;', 'the duplicate pre-check');
        break;
      case 'no_canon':
        sql = replaceOnce(
          sql,
          "convert_to((v_row.x->>'pre') || v_versions[v_s]::text || (v_row.x->>'suf'), 'UTF8')",
          "convert_to((v_row.x->>'id') || v_versions[v_s]::text, 'UTF8')",
          'the canonical-text hash input',
        );
        break;
      case 'no_stream_row':
        sql = replaceOnce(
          sql,
          /SELECT s\.version, s\.head_hash INTO v_version, v_head FROM streams s WHERE s\.stream_id = v_row\.id FOR UPDATE;\s+IF NOT FOUND THEN[\s\S]+?END IF;/,
          `SELECT e.stream_version, e.hash INTO v_version, v_head FROM events e WHERE e.stream_id = v_row.id
       ORDER BY e.stream_version DESC LIMIT 1;
    IF NOT FOUND THEN v_version := 0; v_head := decode(repeat('00', 32), 'hex'); END IF;`,
          'the stream-row lock',
        );
        sql = replaceOnce(sql, /UPDATE streams s\s+SET version[\s\S]+?s\.version <> u\.version;/, '', 'the stream-row update');
        break;
      case 'generic_plans':
        break;
    }
  }
  if (variant.pieces.includes('generic_plans')) {
    sql += `;\nALTER FUNCTION public.${variant.name}(jsonb, jsonb, jsonb) SET plan_cache_mode = force_generic_plan`;
  }
  return sql;
}

/**
 * A prototype of the suggested single-stream fast path: typed array parameters instead of
 * one jsonb document, no pg_notify, generic plans, the stream row read and locked once and
 * updated once, no duplicate pre-check (ON CONFLICT on the event id detects a repeat and
 * would fall back to the slow path; here it only raises), one INSERT for all events.
 */
const ONE_STREAM_SQL = `
CREATE FUNCTION es_append_one(p_stream text, p_type text, p_expected bigint, p_ids uuid[], p_types text[], p_sv int[],
                              p_data jsonb[], p_meta jsonb[], p_at timestamptz, p_pre text[], p_suf text[])
RETURNS bigint[] LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  v_n int := cardinality(p_ids);
  v_version bigint;
  v_head bytea;
  v_prevs bytea[] := '{}';
  v_hashes bytea[] := '{}';
  v_positions bigint[];
  v_i int;
BEGIN
  SELECT s.version, s.head_hash INTO v_version, v_head FROM streams s WHERE s.stream_id = p_stream FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO streams (stream_id, stream_type) VALUES (p_stream, p_type) ON CONFLICT ON CONSTRAINT streams_pkey DO NOTHING;
    SELECT s.version, s.head_hash INTO v_version, v_head FROM streams s WHERE s.stream_id = p_stream FOR UPDATE;
  END IF;
  IF v_version <> p_expected THEN
    RAISE EXCEPTION 'wrong expected version on stream %: expected %, actual %', p_stream, p_expected, v_version
      USING ERRCODE = 'EV001', DETAIL = jsonb_build_object('streamId', p_stream, 'expected', p_expected, 'actual', v_version)::text;
  END IF;
  FOR v_i IN 1..v_n LOOP
    v_prevs[v_i] := v_head;
    v_head := sha256(v_head || convert_to(p_pre[v_i] || (v_version + v_i)::text || p_suf[v_i], 'UTF8'));
    v_hashes[v_i] := v_head;
  END LOOP;
  WITH inserted AS (
    INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at, prev_hash, hash)
    SELECT p_stream, v_version + u.ord, u.id, u.t, u.sv, u.d, u.m, p_at, v_prevs[u.ord], v_hashes[u.ord]
      FROM unnest(p_ids, p_types, p_sv, p_data, p_meta) WITH ORDINALITY AS u(id, t, sv, d, m, ord)
     ORDER BY u.ord
    ON CONFLICT (event_id) DO NOTHING
    RETURNING global_position
  )
  SELECT array_agg(global_position ORDER BY global_position) INTO v_positions FROM inserted;
  IF coalesce(cardinality(v_positions), 0) <> v_n THEN
    RAISE EXCEPTION 'event ids already used' USING ERRCODE = 'EV003';
  END IF;
  UPDATE streams SET version = v_version + v_n, head_hash = v_head, updated_at = now() WHERE stream_id = p_stream;
  RETURN v_positions;
END
$$`;

class OneStreamContender implements Contender {
  readonly name = 'ours' as const;
  private readonly schemas = benchSchemas();
  private readonly keys: SqlSubjectKeyStore;
  lastStream: string | undefined;

  constructor(private readonly db: Database) {
    this.keys = new SqlSubjectKeyStore(db, randomBytes(32));
  }

  /** The same JS work as SqlEventStore.prepare, shaped as arrays. */
  async append(_writer: number, streamId: string, expected: number, events: readonly BenchEvent[]): Promise<void> {
    const recordedAt = new Date().toISOString();
    const ids: string[] = [];
    const types: string[] = [];
    const versions: number[] = [];
    const data: string[] = [];
    const meta: string[] = [];
    const pre: string[] = [];
    const suf: string[] = [];
    for (const event of events) {
      const eventId = event.eventId.toLowerCase();
      const schemaVersion = this.schemas.currentVersion(event.type);
      const stored = await encryptPersonalFields(this.keys, this.schemas.personal(event.type), toStoredJson(event.data), streamId, eventId);
      const metadata = toStoredJson(event.metadata);
      const { prefix, suffix } = canonicalEventParts({ data: stored, eventId, metadata, recordedAt, schemaVersion, streamId, type: event.type });
      ids.push(eventId);
      types.push(event.type);
      versions.push(schemaVersion);
      data.push(JSON.stringify(stored));
      meta.push(JSON.stringify(metadata));
      pre.push(prefix);
      suf.push(suffix);
    }
    await this.db.query(
      'SELECT es_append_one($1, $2, $3, $4::uuid[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[], $9::timestamptz, $10::text[], $11::text[]) AS positions',
      [streamId, 'case', expected, ids, types, versions, data, meta, recordedAt, pre, suf],
    );
    this.lastStream = streamId;
  }

  readStream(): Promise<number> {
    return Promise.reject(new Error('not used'));
  }

  readAll(): Promise<number> {
    return Promise.reject(new Error('not used'));
  }

  async close(): Promise<void> {}
}

/** Rewrites the store's `es_append` call to a variant, and drops `pre`/`suf` for no_canon. */
function rewrite(variant: Variant, text: string, params?: readonly unknown[]): [string, readonly unknown[] | undefined] {
  if (!text.includes('es_append(') || variant.name === 'es_append') return [text, params];
  const out = params ? [...params] : params;
  if (out && variant.pieces.includes('no_canon')) {
    const events = JSON.parse(out[1] as string) as Array<Record<string, unknown>>;
    for (const event of events) {
      delete event.pre;
      delete event.suf;
    }
    out[1] = JSON.stringify(events);
  }
  return [text.replace('es_append(', `${variant.name}(`), out];
}

function variantDatabase(db: Database, variant: Variant): Database {
  return {
    kind: db.kind,
    query: <TRow>(text: string, params?: readonly unknown[]): Promise<QueryResult<TRow>> => db.query<TRow>(...rewrite(variant, text, params)),
    transaction: (work) => db.transaction(work),
    session: () => db.session(),
    listen: (channel, onNotify) => db.listen(channel, onNotify),
    close: async () => undefined,
  };
}

/** A Database over one open transaction, for calls that must not commit. */
function inTransaction(tx: SqlExecutor, variant: Variant | undefined): Database {
  const self: Database = {
    kind: 'postgres',
    query: <TRow>(text: string, params?: readonly unknown[]) => (variant ? tx.query<TRow>(...rewrite(variant, text, params)) : tx.query<TRow>(text, params)),
    transaction: (work) => work(tx),
    session: () => Promise.reject(new Error('no sessions here')),
    listen: () => Promise.reject(new Error('no listen here')),
    close: async () => undefined,
  };
  return self;
}

class Rollback extends Error {}

async function perCallMillis(db: Database, make: (tx: Database) => Contender, calls: number): Promise<number> {
  let result = 0;
  await db
    .transaction(async (tx) => {
      const contender = make(inTransaction(tx, undefined));
      const streams = new WriterStreams(`case-cpu-${randomBytes(4).toString('hex')}`, 100);
      const one = async () => {
        const { streamId, expected } = streams.next(1);
        await contender.append(0, streamId, expected, makeEvents(streamId, expected, 1, false));
        streams.appended(1);
      };
      for (let i = 0; i < 30; i++) await one();
      const start = performance.now();
      for (let i = 0; i < calls; i++) await one();
      result = (performance.now() - start) / calls;
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return result;
}

/** Samples what active sessions of `applicationName` wait on, until stopped. */
function waitSampler(url: string, applicationName: string) {
  const client = new pg.Client({ connectionString: url, application_name: 'bench-sampler' });
  const counts = new Map<string, number>();
  let running = true;
  const done = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ w: string; n: string }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU (no wait event)') AS w, count(*) AS n
           FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND application_name = $1
          GROUP BY 1`,
        [applicationName],
      );
      for (const row of rows) counts.set(row.w, (counts.get(row.w) ?? 0) + Number(row.n));
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await client.end();
  })();
  return {
    async stop(): Promise<Map<string, number>> {
      running = false;
      await done;
      return counts;
    },
  };
}

function shares(counts: Map<string, number>): string {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return '-';
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([w, n]) => `${w} ${Math.round((100 * n) / total)}%`)
    .join(', ');
}

async function statementBreakdown(url: string, calls: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, application_name: 'bench-explain' });
  await client.connect();
  const notices: string[] = [];
  client.on('notice', (notice) => notices.push(notice.message ?? ''));
  const db: Database = {
    kind: 'postgres',
    query: async <TRow>(text: string, params?: readonly unknown[]) => {
      const result = await client.query(text, params as unknown[] | undefined);
      return { rows: result.rows as TRow[], rowCount: result.rowCount ?? 0 };
    },
    transaction: (work) => work(db),
    session: () => Promise.reject(new Error('no sessions here')),
    listen: () => Promise.reject(new Error('no listen here')),
    close: async () => undefined,
  };
  const contender = new OursContender(db);
  const streams = new WriterStreams(`case-explain-${randomBytes(4).toString('hex')}`, 100);
  const one = async () => {
    const { streamId, expected } = streams.next(1);
    await contender.append(0, streamId, expected, makeEvents(streamId, expected, 1, false));
    streams.appended(1);
  };
  try {
    for (let i = 0; i < 20; i++) await one();
    for (const sql of [
      "LOAD 'auto_explain'",
      'SET auto_explain.log_min_duration = 0',
      'SET auto_explain.log_analyze = on',
      'SET auto_explain.log_buffers = on',
      'SET auto_explain.log_timing = off',
      'SET auto_explain.log_nested_statements = on',
      'SET auto_explain.log_level = notice',
    ]) {
      await client.query(sql);
    }
    notices.length = 0;
    for (let i = 0; i < calls; i++) await one();
    await client.query('RESET auto_explain.log_min_duration').catch(() => undefined);
  } finally {
    await client.end();
  }
  const byStatement = new Map<string, { total: number; n: number; buffers: string }>();
  for (const notice of notices) {
    const duration = /duration: ([\d.]+) ms/.exec(notice);
    const text = /Query Text: ([^\n]+)/.exec(notice);
    if (!duration || !text) continue;
    const key = text[1]!.replace(/\s+/g, ' ').trim().slice(0, 90);
    const buffers = /Buffers: ([^\n]+)/.exec(notice)?.[1]?.trim() ?? '';
    const entry = byStatement.get(key) ?? { total: 0, n: 0, buffers };
    entry.total += Number(duration[1]);
    entry.n++;
    entry.buffers = buffers;
    byStatement.set(key, entry);
  }
  return [...byStatement.entries()].map(
    ([key, e]) => `  ${(e.total / e.n).toFixed(3).padStart(7)} ms  ${key}${e.buffers ? `  [${e.buffers}]` : ''}`,
  );
}

/**
 * PGlite has no autovacuum, so nothing ever ANALYZEs and the plans es_append cached while
 * the tables were empty stay: the duplicate pre-check keeps a hash join over a seq scan of
 * `events`, and the stream update one over `streams`. Shows the cost per append as the log
 * grows, then after one ANALYZE.
 */
async function pgliteStalePlans(events: number): Promise<string[]> {
  const db = await PgliteDatabase.open();
  try {
    await migrate(db);
    await db.query('SET plan_cache_mode = force_generic_plan');
    await db.query(
      "PREPARE dup(jsonb) AS SELECT count(*) FROM events e WHERE e.event_id IN (SELECT (x->>'id')::uuid FROM jsonb_array_elements($1) AS t(x))",
    );
    await db.query("EXECUTE dup('[]')");
    await db.query('RESET plan_cache_mode');
    const ours = new OursContender(db);
    const streams = new WriterStreams('case-pglite', 100);
    const append = async (count: number) => {
      const { streamId, expected } = streams.next(count);
      await ours.append(0, streamId, expected, makeEvents(streamId, expected, count, false));
      streams.appended(count);
    };
    const time = async (n: number) => {
      const start = performance.now();
      for (let i = 0; i < n; i++) await append(1);
      return (performance.now() - start) / n;
    };
    const lines: string[] = [];
    lines.push(`  empty log:             ${(await time(200)).toFixed(2)} ms per append (1 event)`);
    for (let i = 0; i < events / 10; i++) await append(10);
    const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]!.n;
    lines.push(`  ${String(total).padStart(6)} events, as is:  ${(await time(200)).toFixed(2)} ms per append`);
    await db.query('SET plan_cache_mode = force_generic_plan');
    const plan = (await db.query<{ 'QUERY PLAN': string }>("EXPLAIN EXECUTE dup('[]')")).rows.map((r) => r['QUERY PLAN'].trim());
    await db.query('RESET plan_cache_mode');
    await db.query('ANALYZE');
    lines.push(`  same, after ANALYZE:   ${(await time(200)).toFixed(2)} ms per append`);
    lines.push(`  the duplicate pre-check's generic plan, made on the empty table and still used: ${plan.filter((l) => /Scan|Join/.test(l)).join(' / ')}`);
    return lines;
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '1.5' },
      warmup: { type: 'string', default: '0.3' },
      runs: { type: 'string', default: '3' },
      calls: { type: 'string', default: '300' },
      'pg-url': { type: 'string' },
      'pglite-events': { type: 'string', default: '20000' },
    },
  });
  const measureMillis = Number(values.seconds) * 1000;
  const warmupMillis = Number(values.warmup) * 1000;
  const runs = Number(values.runs);
  const calls = Number(values.calls);
  const adminUrl = values['pg-url'] ?? process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = await createPgDatabase(adminUrl);
  const closers: Array<() => Promise<void>> = [() => database.drop()];
  const cleanUp = async () => {
    while (closers.length > 0) await closers.pop()!().catch(() => undefined);
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    const db = new PostgresDatabase(database.url, { maxConnections: 8, applicationName: 'bench-ours' });
    closers.push(() => db.close());
    await migrate(db);
    await createRawTable(db);
    const definition = (await db.query<{ d: string }>("SELECT pg_get_functiondef('es_append(jsonb,jsonb,jsonb)'::regprocedure) AS d")).rows[0]!.d;
    for (const variant of VARIANTS) if (variant.name !== 'es_append') await db.query(variantSql(definition, variant));
    const raw = await RawContender.onPostgres(database.url, 8);
    closers.push(() => raw.close());
    const contenders = new Map<string, Contender>([['raw', raw]]);
    for (const variant of VARIANTS) contenders.set(variant.name, new OursContender(variantDatabase(db, variant)));
    await db.query(ONE_STREAM_SQL);
    const oneStream = new OneStreamContender(db);
    contenders.set('es_append_one', oneStream);

    const out: string[] = [];
    const version = (await db.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    out.push(`PostgreSQL ${version}; ${runs} runs x ${measureMillis / 1000}s windows after ${warmupMillis / 1000}s warm-up, median; contenders alternate`);

    // 1. Throughput through the real JS path.
    const samples = new Map<string, number[]>();
    const waits = new Map<string, Map<string, number>>();
    let serial = 0;
    for (let run = 0; run < runs; run++) {
      for (const writers of [1, 8]) {
        for (const [name, contender] of rotate([...contenders.entries()], run)) {
          process.stderr.write(`\r run ${run + 1}/${runs} ${writers}w ${name}                    `);
          const tag = `case-p${++serial}`;
          const streams = Array.from({ length: writers }, (_, w) => new WriterStreams(`${tag}-w${w}`, 100));
          const sampler = writers === 8 ? waitSampler(database.url, name === 'raw' ? 'bench-raw' : 'bench-ours') : undefined;
          const rate = await measure({
            workers: writers,
            warmupMillis,
            measureMillis,
            op: async (w) => {
              const s = streams[w]!;
              const { streamId, expected } = s.next(1);
              await contender.append(w, streamId, expected, makeEvents(streamId, expected, 1, false));
              s.appended(1);
              return 1;
            },
          });
          if (sampler) {
            const counts = await sampler.stop();
            const all = waits.get(name) ?? new Map<string, number>();
            for (const [k, v] of counts) all.set(k, (all.get(k) ?? 0) + v);
            waits.set(name, all);
          }
          const key = `${name} ${writers}w`;
          samples.set(key, [...(samples.get(key) ?? []), rate]);
        }
      }
    }
    process.stderr.write('\n');
    const rawAt = (w: number) => median(samples.get(`raw ${w}w`) ?? []);
    out.push('', 'appends/s, 1 event per append (ratio to raw in the same run); 8-writer wait events', '');
    out.push(`| variant | 1w.1e | /raw | 8w.1e | /raw | what 8 writers wait on |`, '|---|--:|--:|--:|--:|---|');
    for (const name of contenders.keys()) {
      const one = median(samples.get(`${name} 1w`) ?? []);
      const eight = median(samples.get(`${name} 8w`) ?? []);
      const description =
        VARIANTS.find((v) => v.name === name)?.description ??
        (name === 'raw' ? 'plain INSERT' : 'prototype: single-stream function, typed arrays, generic plans, no notify, no pre-check');
      out.push(
        `| ${name} (${description}) | ${Math.round(one)} | ${(one / rawAt(1)).toFixed(2)} | ${Math.round(eight)} | ${(eight / rawAt(8)).toFixed(2)} | ${shares(waits.get(name) ?? new Map())} |`,
      );
    }
    out.push('', 'per-run 8w values:', ...[...contenders.keys()].map((n) => `  ${n}: ${(samples.get(`${n} 8w`) ?? []).map(Math.round).join(' / ')}`));

    if (oneStream.lastStream) {
      const report = await new OursContender(db).store.verifyStream(oneStream.lastStream);
      out.push(`es_append_one writes chains SqlEventStore verifies: ${report.ok ? 'yes' : `NO: ${JSON.stringify(report.firstBroken)}`} (${report.eventsChecked} events checked)`);
    }

    // 2. Cost per call without a commit.
    out.push('', `cost per append without commit (${calls} calls in one rolled-back transaction, JS and round trip included; median of ${runs}):`);
    const costs = new Map<string, number[]>();
    const makers: Array<[string, (tx: Database) => Contender]> = [
      ['raw INSERT', (tx) => RawContender.over(tx)],
      ...VARIANTS.map((variant): [string, (tx: Database) => Contender] => [variant.name, (tx) => new OursContender(variantDatabase(tx, variant))]),
      ['es_append_one', (tx) => new OneStreamContender(tx)],
    ];
    for (let run = 0; run < runs; run++) {
      for (const [name, make] of rotate(makers, run)) {
        process.stderr.write(`\r cost run ${run + 1}/${runs} ${name}                    `);
        costs.set(name, [...(costs.get(name) ?? []), await perCallMillis(db, make, calls)]);
      }
    }
    process.stderr.write('\n');
    for (const [name] of makers) out.push(`  ${name.padEnd(22)} ${median(costs.get(name) ?? []).toFixed(3)} ms`);

    // 4. Per-statement breakdown inside es_append.
    out.push('', 'inside es_append (auto_explain, nested statements, executor time per call, buffers of the last call):');
    out.push(...(await statementBreakdown(database.url, 100)));

    // 5. PGlite: plans cached on empty tables are never refreshed.
    out.push('', 'PGlite (no autovacuum): es_append as the log grows, plans never refreshed:');
    out.push(...(await pgliteStalePlans(Number(values['pglite-events']))));
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await cleanUp();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`profile failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
