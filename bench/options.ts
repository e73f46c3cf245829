import { parseArgs } from 'node:util';

export type DbKind = 'pg' | 'pglite';

export interface BenchOptions {
  /** Timed window of each append run, milliseconds. */
  readonly appendMillis: number;
  /** Timed window of each read run, milliseconds. */
  readonly readMillis: number;
  /** Untimed load before every timed window, milliseconds. */
  readonly warmupMillis: number;
  /** Repetitions of every measurement; the median is reported. */
  readonly runs: number;
  /** Events in the stream that `read.<db>.stream` reads start to end. */
  readonly streamReadEvents: number;
  /** Events that `read.<db>.all` reads from the start of the global log. */
  readonly readAllEvents: number;
  readonly readAllBatch: number;
  /** A writer starts a new stream once its current one holds this many events. */
  readonly eventsPerStream: number;
  readonly databases: readonly DbKind[];
  /** `CHECKPOINT` before every timed PostgreSQL append window. */
  readonly checkpoint: boolean;
  readonly pii: boolean;
  /** Databases to ANALYZE after seeding. */
  readonly analyze: readonly DbKind[];
  readonly pgAdminUrl: string;
  readonly jsonFile: string | undefined;
  readonly quick: boolean;
}

const HELP = `npm run bench -- [options]

  --quick                 small sizes, one run (a smoke test, not a measurement)
  --seconds N             timed window of every append run (default 1.2)
  --read-seconds N        timed window of every read run (default 0.6)
  --warmup N              untimed load before every timed window, seconds (default 0.3)
  --runs N                repetitions; the median is reported (default 3)
  --read-all-events N     events read by the global catch-up read (default 20000)
  --stream-events N       events in the stream read start to end (default 1000)
  --events-per-stream N   writers start a new stream after N events (default 100)
  --db pg,pglite          which databases (default both)
  --checkpoint            CHECKPOINT before each PostgreSQL append window (default off)
  --no-pii                skip append.pg.8w.1e.pii
  --analyze LIST          ANALYZE after seeding on: pg, pglite, both or none (default pg: on PostgreSQL
                          autovacuum would soon do it; PGlite has no autovacuum and the app never analyzes)
  --pg-url URL            admin connection (default $BENCH_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/postgres)
  --json FILE             also write the rows as JSON
`;

function positive(name: string, raw: string | undefined, fallback: number, integer = false): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got ${raw}`);
  }
  return value;
}

function parseAnalyze(raw: string): DbKind[] {
  if (raw === 'none') return [];
  if (raw === 'both') return ['pg', 'pglite'];
  const kinds = raw.split(',').map((s) => s.trim());
  for (const kind of kinds) if (kind !== 'pg' && kind !== 'pglite') throw new Error(`--analyze: unknown database ${kind}`);
  return kinds as DbKind[];
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      quick: { type: 'boolean', default: false },
      seconds: { type: 'string' },
      'read-seconds': { type: 'string' },
      warmup: { type: 'string' },
      runs: { type: 'string' },
      'read-all-events': { type: 'string' },
      'stream-events': { type: 'string' },
      'events-per-stream': { type: 'string' },
      db: { type: 'string' },
      checkpoint: { type: 'boolean', default: false },
      'no-pii': { type: 'boolean', default: false },
      analyze: { type: 'string', default: 'pg' },
      'pg-url': { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const databases = (values.db ?? 'pg,pglite').split(',').map((s) => s.trim());
  for (const db of databases) if (db !== 'pg' && db !== 'pglite') throw new Error(`--db: unknown database ${db}`);
  const seconds = (name: string, raw: string | undefined, normal: number, small: number) =>
    Math.round(positive(name, raw, quick ? small : normal) * 1000);
  return {
    quick,
    appendMillis: seconds('seconds', values.seconds, 1.2, 0.4),
    readMillis: seconds('read-seconds', values['read-seconds'], 0.6, 0.2),
    warmupMillis: seconds('warmup', values.warmup, 0.3, 0.1),
    runs: positive('runs', values.runs, quick ? 1 : 3, true),
    readAllEvents: positive('read-all-events', values['read-all-events'], quick ? 4000 : 20_000, true),
    readAllBatch: 500,
    streamReadEvents: positive('stream-events', values['stream-events'], 1000, true),
    eventsPerStream: positive('events-per-stream', values['events-per-stream'], 100, true),
    databases: [...new Set(databases)] as DbKind[],
    checkpoint: values.checkpoint ?? false,
    pii: !(values['no-pii'] ?? false),
    analyze: parseAnalyze(values.analyze ?? 'pg'),
    pgAdminUrl: values['pg-url'] ?? process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    jsonFile: values.json,
  };
}
