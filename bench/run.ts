/**
 * `npm run bench`: appends and reads of our event store against two baselines measured in
 * the same run on the same server: raw autocommit INSERTs of the same row shape (the
 * physical limit) and Emmett's PostgreSQL event store. See bench/README.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import type { Database } from '../src/infrastructure/persistence/database.js';
import { migrate } from '../src/infrastructure/persistence/migrator.js';
import { PgliteDatabase } from '../src/infrastructure/persistence/pglite.database.js';
import { PostgresDatabase } from '../src/infrastructure/persistence/postgres.database.js';
import { EmmettContender, OursContender, RawContender, type Contender, type ContenderName } from './contenders.js';
import { measure, median, rotate } from './measure.js';
import { parseOptions, type BenchOptions, type DbKind } from './options.js';
import { ratioOf, renderSpread, renderTable, writeJson, type FigureResult } from './report.js';
import { createPgDatabase, createRawTable } from './setup.js';
import { WriterStreams, makeEvents } from './workload.js';

const MAX_WRITERS = 8;
const APPEND_SHAPES = [
  { writers: 1, events: 1 },
  { writers: 8, events: 1 },
  { writers: 1, events: 10 },
  { writers: 8, events: 10 },
] as const;
const TARGET = { raw: 0.8, emmett: 2.5 } as const;

/** Every contender's per-run samples of every figure. */
class Samples {
  private readonly byFigure = new Map<string, Map<ContenderName, number[]>>();

  add(figure: string, contender: ContenderName, value: number): void {
    let figureSamples = this.byFigure.get(figure);
    if (!figureSamples) this.byFigure.set(figure, (figureSamples = new Map()));
    let list = figureSamples.get(contender);
    if (!list) figureSamples.set(contender, (list = []));
    list.push(value);
  }

  get(figure: string, contender: ContenderName): number[] {
    return this.byFigure.get(figure)?.get(contender) ?? [];
  }
}

/** Everything to undo on exit, failure or Ctrl-C: newest first. */
const cleanups: Array<() => Promise<void>> = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    const step = cleanups.pop()!;
    await step().catch((error: unknown) => process.stderr.write(`cleanup: ${String(error)}\n`));
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: cleaning up\n`);
    void cleanUp().finally(() => process.exit(130));
  });
}

function packageVersion(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? '?';
    }
    const parent = dirname(dir);
    if (parent === dir) return '?';
    dir = parent;
  }
}

interface Progress {
  start(total: number): void;
  tick(label: string): void;
  stop(): void;
}

function progressBar(): Progress {
  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {value}/{total} {label}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let value = 0;
  return {
    start: (total) => bar.start(total, 0, { label: '' }),
    tick: (label) => bar.update(++value, { label }),
    stop: () => bar.stop(),
  };
}

interface Section {
  readonly label: string;
  run(): Promise<void>;
}

/** Fills each contender's store with the data the read figures read. */
function seedSections(contenders: readonly Contender[], options: BenchOptions, readStreamId: string): Section[] {
  return contenders.map((contender) => ({
    label: `seed ${contender.name}`,
    run: async () => {
      for (let version = 0; version < options.streamReadEvents; version += 10) {
        const count = Math.min(10, options.streamReadEvents - version);
        await contender.append(0, readStreamId, version, makeEvents(readStreamId, version, count, false));
      }
      let remaining = Math.max(0, options.readAllEvents - options.streamReadEvents);
      await Promise.all(
        Array.from({ length: MAX_WRITERS }, async (_, writer) => {
          const streams = new WriterStreams(`case-seed-w${writer}`, options.eventsPerStream);
          while (remaining > 0) {
            const count = Math.min(10, remaining);
            remaining -= count;
            const { streamId, expected } = streams.next(count);
            await contender.append(writer, streamId, expected, makeEvents(streamId, expected, count, false));
            streams.appended(count);
          }
        }),
      );
    },
  }));
}

function analyzeSection(kind: DbKind, db: Database, options: BenchOptions): Section[] {
  return options.analyze.includes(kind) ? [{ label: `ANALYZE ${kind}`, run: async () => void (await db.query('ANALYZE')) }] : [];
}

function readSections(
  db: DbKind,
  contenders: readonly Contender[],
  options: BenchOptions,
  samples: Samples,
  readStreamId: string,
): Section[] {
  const sections: Section[] = [];
  for (let run = 0; run < options.runs; run++) {
    for (const contender of rotate(contenders, run)) {
      sections.push({
        label: `read.${db}.stream ${contender.name} run ${run + 1}`,
        run: async () => {
          const rate = await measure({
            workers: 1,
            warmupMillis: options.warmupMillis,
            measureMillis: options.readMillis,
            op: async () => {
              const n = await contender.readStream(readStreamId);
              if (n !== options.streamReadEvents) throw new Error(`${contender.name}: stream read gave ${n} events`);
              return n;
            },
          });
          samples.add(`read.${db}.stream`, contender.name, rate);
        },
      });
    }
    for (const contender of rotate(contenders, run + 1)) {
      sections.push({
        label: `read.${db}.all ${contender.name} run ${run + 1}`,
        run: async () => {
          const rate = await measure({
            workers: 1,
            warmupMillis: options.warmupMillis,
            measureMillis: options.readMillis,
            op: async () => {
              const n = await contender.readAll(options.readAllEvents, options.readAllBatch);
              if (n !== options.readAllEvents) {
                // Emmett 0.42 continues after the last global position while it orders by transaction id,
                // so events of concurrent appends that committed out of position order are skipped.
                if (contender.name !== 'emmett' || n > options.readAllEvents) throw new Error(`${contender.name}: catch-up read gave ${n} events`);
                emmettSkipped.set(db, Math.max(emmettSkipped.get(db) ?? 0, options.readAllEvents - n));
              }
              return n;
            },
          });
          samples.add(`read.${db}.all`, contender.name, rate);
        },
      });
    }
  }
  return sections;
}

let sectionSerial = 0;
/** Per database: how many events Emmett's catch-up read missed (the most in one pass). */
const emmettSkipped = new Map<DbKind, number>();

function appendSections(
  db: DbKind,
  contenders: readonly Contender[],
  options: BenchOptions,
  samples: Samples,
  beforeWindow: () => Promise<void>,
): Section[] {
  const sections: Section[] = [];
  for (let run = 0; run < options.runs; run++) {
    for (const shape of APPEND_SHAPES) {
      const figure = `append.${db}.${shape.writers}w.${shape.events}e`;
      const entries: Array<{ contender: Contender; pii: boolean }> = contenders.map((contender) => ({ contender, pii: false }));
      const ours = contenders.find((c) => c.name === 'ours');
      if (db === 'pg' && options.pii && ours && shape.writers === 8 && shape.events === 1) entries.push({ contender: ours, pii: true });
      for (const { contender, pii } of rotate(entries, run)) {
        const name = pii ? `${figure}.pii` : figure;
        sections.push({
          label: `${name} ${contender.name} run ${run + 1}`,
          run: async () => {
            const tag = `case-a${++sectionSerial}`;
            const streams = Array.from({ length: shape.writers }, (_, w) => new WriterStreams(`${tag}-w${w}`, options.eventsPerStream));
            await beforeWindow();
            const rate = await measure({
              workers: shape.writers,
              warmupMillis: options.warmupMillis,
              measureMillis: options.appendMillis,
              op: async (writer) => {
                const writerStreams = streams[writer]!;
                const { streamId, expected } = writerStreams.next(shape.events);
                await contender.append(writer, streamId, expected, makeEvents(streamId, expected, shape.events, pii));
                writerStreams.appended(shape.events);
                return 1;
              },
            });
            samples.add(name, contender.name, rate);
          },
        });
      }
    }
  }
  return sections;
}

function results(db: DbKind, samples: Samples, options: BenchOptions, emmettNote: string | undefined): FigureResult[] {
  const figure = (name: string, unit: FigureResult['unit'], baselineOf = name): FigureResult => {
    const ours = samples.get(name, 'ours');
    const raw = samples.get(baselineOf, 'raw');
    const emmett = samples.get(baselineOf, 'emmett');
    return {
      name,
      unit,
      ours: median(ours),
      raw: raw.length > 0 ? median(raw) : undefined,
      emmett: emmett.length > 0 ? median(emmett) : undefined,
      ...(emmett.length === 0 && emmettNote ? { note: emmettNote } : {}),
      samples: { ours, raw, emmett },
    };
  };
  const list: FigureResult[] = APPEND_SHAPES.map((s) => figure(`append.${db}.${s.writers}w.${s.events}e`, 'appends/s'));
  if (db === 'pg' && options.pii) list.push(figure('append.pg.8w.1e.pii', 'appends/s', 'append.pg.8w.1e'));
  list.push(figure(`read.${db}.stream`, 'events/s'), figure(`read.${db}.all`, 'events/s'));
  return list;
}

async function runSections(sections: readonly Section[], progress: Progress): Promise<void> {
  for (const section of sections) {
    progress.tick(section.label);
    await section.run();
  }
}

interface DbRun {
  readonly results: FigureResult[];
  readonly lines: string[];
}

async function benchPostgres(options: BenchOptions, progress: Progress): Promise<DbRun> {
  const database = await createPgDatabase(options.pgAdminUrl);
  cleanups.push(() => database.drop());
  const db = new PostgresDatabase(database.url, { maxConnections: MAX_WRITERS, applicationName: 'bench-ours' });
  cleanups.push(() => db.close());
  await migrate(db);
  const rawTable = await createRawTable(db);
  const raw = await RawContender.onPostgres(database.url, MAX_WRITERS);
  cleanups.push(() => raw.close());
  const emmett = await EmmettContender.create(database.url, MAX_WRITERS);
  cleanups.push(() => emmett.close());
  const ours = new OursContender(db);
  const contenders: Contender[] = [ours, raw, emmett];

  const setting = async (name: string) => (await db.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name]!;
  const lines = [
    `PostgreSQL ${await setting('server_version')} at ${new URL(options.pgAdminUrl).host}, database ${database.name}: ` +
      `fsync=${await setting('fsync')}, synchronous_commit=${await setting('synchronous_commit')}, ` +
      `shared_buffers=${await setting('shared_buffers')}, wal_sync_method=${await setting('wal_sync_method')}, max_wal_size=${await setting('max_wal_size')}`,
    `raw baseline (pg): ${rawTable}; one pg.Client per writer; parameterised unnamed statements, as ours`,
    `emmett (pg): @event-driven-io/emmett-postgresql ${packageVersion('@event-driven-io/emmett-postgresql')}, pg.Pool max ${MAX_WRITERS}; ` +
      'appendToStream(expectedStreamVersion) = BEGIN + emt_append_to_stream + COMMIT; read.all via its exported readMessagesBatch',
    `ours (pg): SqlEventStore on PostgresDatabase (pool max ${MAX_WRITERS}), one es_append call per append`,
  ];

  let checkpoint = options.checkpoint;
  const beforeWindow = async () => {
    if (!checkpoint) return;
    try {
      await db.query('CHECKPOINT');
    } catch (error) {
      checkpoint = false;
      lines.push(`CHECKPOINT failed (${String(error)}); windows ran without it`);
    }
  };
  const samples = new Samples();
  const readStreamId = 'case-read-stream';
  await runSections(
    [
      ...seedSections(contenders, options, readStreamId),
      ...analyzeSection('pg', db, options),
      ...readSections('pg', contenders, options, samples, readStreamId),
      ...appendSections('pg', contenders, options, samples, beforeWindow),
    ],
    progress,
  );
  await cleanUp();
  return { results: results('pg', samples, options, undefined), lines };
}

async function benchPglite(options: BenchOptions, progress: Progress): Promise<DbRun> {
  const db: Database = await PgliteDatabase.open();
  cleanups.push(() => db.close());
  await migrate(db);
  const rawTable = await createRawTable(db);
  const ours = new OursContender(db);
  const raw = RawContender.over(db);
  const contenders: Contender[] = [ours, raw];
  const version = (await db.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  const emmettNote = 'Emmett 0.42 has no PGlite connector (its driver, dumbo 0.12, speaks node-postgres only)';
  const lines = [
    `PGlite ${packageVersion('@electric-sql/pglite')} (PostgreSQL ${version}, WebAssembly, in memory, one connection: "8 writers" are 8 concurrent callers queued on it)`,
    `raw baseline (pglite): ${rawTable}; same PGlite instance via the adapter's query pass-through`,
    `emmett (pglite): n/a: ${emmettNote}`,
  ];
  const samples = new Samples();
  const readStreamId = 'case-read-stream';
  await runSections(
    [
      ...seedSections(contenders, options, readStreamId),
      ...analyzeSection('pglite', db, options),
      ...readSections('pglite', contenders, options, samples, readStreamId),
      ...appendSections('pglite', contenders, options, samples, async () => undefined),
    ],
    progress,
  );
  await cleanUp();
  return { results: results('pglite', samples, options, emmettNote), lines };
}

function sectionCount(db: DbKind, options: BenchOptions): number {
  const contenders = db === 'pg' ? 3 : 2;
  const pii = db === 'pg' && options.pii ? 1 : 0;
  return contenders + (options.analyze.includes(db) ? 1 : 0) + options.runs * (2 * contenders + APPEND_SHAPES.length * contenders + pii);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  const cpus = os.cpus();
  const loadAtStart = os.loadavg()[0]!.toFixed(2);
  const machine =
    `machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
    `Node ${process.version}, ${os.type()} ${os.release()}`;
  process.stdout.write(`${machine}\n`);

  const progress = progressBar();
  progress.start(options.databases.reduce((sum, db) => sum + sectionCount(db, options), 0));
  const runs: DbRun[] = [];
  try {
    for (const db of options.databases) runs.push(db === 'pg' ? await benchPostgres(options, progress) : await benchPglite(options, progress));
  } finally {
    progress.stop();
    await cleanUp();
  }

  const all = runs.flatMap((r) => r.results);
  const out: string[] = [];
  for (const run of runs) out.push(...run.lines);
  out.push(
    `sizes: ${options.runs} run(s) per figure, median reported; contenders alternate order each run; ` +
      `append windows ${options.appendMillis / 1000}s, read windows ${options.readMillis / 1000}s, each after ${options.warmupMillis / 1000}s warm-up` +
      `${options.checkpoint ? '; CHECKPOINT before each pg append window' : ''}` +
      `; ANALYZE after seeding on: ${options.analyze.length > 0 ? options.analyze.join(', ') : 'none'}` +
      `${options.databases.includes('pglite') && !options.analyze.includes('pglite') ? ' (PGlite has no autovacuum: its plans stay as cached on the empty tables, as in the app)' : ''}`,
    `workload: writers append to their own streams with exact expected versions, a new stream every ${options.eventsPerStream} events; ` +
      `metadata like the app (correlation, causation, command id, actor, channel, policy version, business time); ` +
      `.pii = 3 personal fields encrypted per subject (AES-256-GCM, subject per stream)`,
    `reads: read.*.stream = one ${options.streamReadEvents}-event stream start to end; read.*.all = the first ${options.readAllEvents} events of the global log in batches of ${options.readAllBatch}`,
    `units: append.* in appends/s (events/s = appends/s x events per append); read.* in events/s`,
    '',
    renderTable(all),
    '',
    'per-run values (run order):',
    renderSpread(all),
  );
  const notes = new Map<string, string[]>();
  for (const r of all) if (r.note) notes.set(r.note, [...(notes.get(r.note) ?? []), r.name]);
  for (const [note, names] of notes) out.push(`emmett n/a for ${names.join(', ')}: ${note}`);
  for (const [db, skipped] of emmettSkipped) {
    out.push(
      `read.${db}.all: Emmett's readMessagesBatch returned ${skipped} fewer of the first ${options.readAllEvents} events than exist ` +
        '(it orders by transaction id but resumes after the last global position, so events of concurrent appends committed out of ' +
        'position order are skipped; fixed upstream in event-driven-io/emmett#336, after 0.42). Its rate counts the events it returned.',
    );
  }
  out.push(`load average (1 min) at start ${loadAtStart}, at end ${os.loadavg()[0]!.toFixed(2)} on ${cpus.length} cores: other processes on the machine share the CPU with this run`);
  const target = all.find((r) => r.name === 'append.pg.8w.1e');
  if (target) {
    const vsRaw = ratioOf(target, 'raw');
    const vsEmmett = ratioOf(target, 'emmett');
    const verdict = (r: number | undefined, goal: number) => (r === undefined ? 'n/a' : `${r.toFixed(2)}x (target >= ${goal}x: ${r >= goal ? 'met' : 'NOT met'})`);
    out.push('', `target append.pg.8w.1e: ours/raw ${verdict(vsRaw, TARGET.raw)}, ours/emmett ${verdict(vsEmmett, TARGET.emmett)}`);
  }
  out.push(`total ${((Date.now() - started) / 1000).toFixed(0)}s`);
  process.stdout.write(`${out.join('\n')}\n`);
  if (options.jsonFile) {
    writeJson(options.jsonFile, all);
    process.stdout.write(`wrote ${options.jsonFile}\n`);
  }
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    process.stderr.write(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await cleanUp();
    process.exit(1);
  },
);
