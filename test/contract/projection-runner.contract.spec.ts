import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { jest } from '@jest/globals';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { EventStore } from '../../src/application/ports/event-store.port.js';
import {
  DOCUMENT_READ_STORE,
  type DocumentReadStore,
  InvalidDocumentQueryError,
  PROJECTION_STATUS,
  type ProjectionStatus,
  type ProjectionStatusReader,
} from '../../src/application/ports/read-model.port.js';
import { AppConfig } from '../../src/infrastructure/config/app-config.js';
import { PersistenceModule } from '../../src/infrastructure/persistence/persistence.module.js';
import { ProjectionsModule } from '../../src/infrastructure/projections/projections.module.js';
import { ProjectionsStatusController } from '../../src/infrastructure/projections/projections-status.http.controller.js';
import type { Database } from '../../src/infrastructure/persistence/database.js';
import { PostgresDatabase } from '../../src/infrastructure/persistence/postgres.database.js';
import { SqlDocumentReadStore } from '../../src/infrastructure/projections/document.read-store.js';
import { ensureDocumentTable } from '../../src/infrastructure/projections/document-table.js';
import { ProjectionNotParkedError, UnknownProjectionError } from '../../src/infrastructure/projections/projection.errors.js';
import type { ProjectionRunnerOptionsInput } from '../../src/infrastructure/projections/projection-runner.js';
import { ProjectionStatusService } from '../../src/infrastructure/projections/projection-status.service.js';
import { statusTable } from '../../src/infrastructure/projections/projection-status.table.js';
import { ProjectionsService } from '../../src/infrastructure/projections/projections.service.js';
import { type DocumentProjection, type Projection, assertValidProjection } from '../../src/projections/projection.js';
import { ProjectionEventBuilder, ProjectionSpecification } from '../../src/projections/testing/projection-specification.js';
import {
  type CaseActivityDoc,
  type CaseNotesDoc,
  RecordingLogger,
  allEvents,
  appendCase,
  appendTo,
  caseActivityProjection,
  caseEvent,
  caseNotesProjection,
  expectedDocuments,
  keepAppending,
  newEventStore,
  readDocuments as readSqlDocuments,
  storedCheckpoint as storedSqlCheckpoint,
  waitFor,
} from '../support/projection-fixtures.js';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-databases.js';
import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { EventSchemaRegistry } from '../../src/domain/shared/event-schema.js';
import { SqlSubjectKeyStore } from '../../src/infrastructure/crypto/subject-key.store.js';
import { KurrentDbEventStore } from '../../src/infrastructure/persistence/kurrentdb/kurrentdb.event-store.js';
import { MongoDocumentReadStore } from '../../src/infrastructure/projections/mongodb/mongo.document.read-store.js';
import type { MongoReadModelStore } from '../../src/infrastructure/projections/mongodb/mongo.read-model.store.js';
import { KURRENTDB, MONGODB, createMongoTestDatabase, kurrentClient, selectEngines } from '../support/engines.js';
import { TestClock } from '../support/test-clock.js';

jest.setTimeout(30_000);

/**
 * kurrentdb: the log in KurrentDB, read models in PostgreSQL. mongodb: the log in PGlite, read
 * models in MongoDB. Each only where its server's URL is set.
 */
const KINDS = selectEngines('projection runner contract', DATABASE_KINDS, [KURRENTDB, MONGODB]);

describe.each(KINDS)('projection runner on %s', (kind) => {
  /** The SQL database of this kind: leases and keys, and the events or the read models unless another engine holds them. */
  const sqlKind = kind === 'pglite' || kind === 'mongodb' ? 'pglite' : 'postgres';
  /** The read models are in SQL tables (every kind but mongodb). */
  const sqlReads = kind !== 'mongodb';
  let testDb: TestDatabase;
  let db: Database;
  let store: EventStore;
  let kurrent: KurrentDBClient | undefined;
  let mongo: Awaited<ReturnType<typeof createMongoTestDatabase>> | undefined;
  let readStore: MongoReadModelStore | undefined;
  const services: ProjectionsService[] = [];
  const extraDatabases: Database[] = [];

  /** Each test's own streams on the shared KurrentDB server. */
  let streamPrefix = '';
  /** This kind's event store over `on` (its keys, and its events unless they live in KurrentDB). */
  const eventStoreOn = (on: Database): EventStore =>
    kurrent ? new KurrentDbEventStore(kurrent, new EventSchemaRegistry(), new SqlSubjectKeyStore(on, randomBytes(32)), new TestClock(), { streamPrefix }) : newEventStore(on);

  beforeEach(async () => {
    testDb = await createTestDatabase(sqlKind);
    db = testDb.db;
    streamPrefix = `runner-${randomBytes(4).toString('hex')}/`;
    if (kind === 'kurrentdb') kurrent = kurrentClient();
    if (kind === 'mongodb') {
      mongo = await createMongoTestDatabase();
      readStore = mongo.store;
    }
    store = eventStoreOn(db);
  });

  afterEach(async () => {
    for (const service of services.splice(0)) await service.stop();
    for (const extra of extraDatabases.splice(0)) await extra.close();
    await mongo?.drop();
    await kurrent?.dispose();
    [mongo, readStore, kurrent] = [undefined, undefined, undefined];
    await testDb.drop();
  });

  /** The projection's documents, by id, wherever they are stored. */
  const readDocuments = <T>(_db: Database, projection: string): Promise<Record<string, T>> =>
    mongo ? mongo.readDocuments<T>(projection) : readSqlDocuments<T>(db, projection);
  const storedCheckpoint = async (_db: Database, projection: string) =>
    readStore ? (await readStore.checkpoints.load(projection))?.checkpoint : storedSqlCheckpoint(db, projection);

  function startService(
    projections: Projection[],
    options: ProjectionRunnerOptionsInput = {},
    on: { db: Database; store: EventStore } = { db, store },
  ): { service: ProjectionsService; status: ProjectionStatusService; logger: RecordingLogger } {
    const logger = new RecordingLogger();
    const service = new ProjectionsService(on.db, on.store, projections, { pollIntervalMs: 50, leaseRetryMs: 50, ...options }, logger, readStore ?? null);
    services.push(service);
    return { service, status: new ProjectionStatusService(on.db, service), logger };
  }

  async function statusOf(status: ProjectionStatusService, name: string): Promise<ProjectionStatus> {
    const found = (await status.statuses()).find((s) => s.name === name);
    if (!found) throw new Error(`no status for ${name}`);
    return found;
  }

  /** The whole log applied: the documents equal an in-memory fold of every event, applied once. */
  async function caughtUp<T>(projection: DocumentProjection<T>, what: string): Promise<Record<string, T>> {
    return waitFor(
      async () => {
        const expected = await expectedDocuments<T>(store, projection);
        const actual = await readDocuments<T>(db, projection.name);
        return isDeepStrictEqual(actual, expected) ? actual : undefined;
      },
      { what },
    );
  }

  it('catches up from the start of the log in batches, then follows appends woken by NOTIFY', async () => {
    const projection = caseNotesProjection();
    await appendCase(store, 'case-a', 12, { close: true });
    await appendCase(store, 'case-b', 7);
    await appendTo(store, 'other-1', [caseEvent('Unrelated')]);
    // A poll interval far beyond the test's patience: only NOTIFY can wake the runner.
    const { service, status } = startService([projection], { batchSize: 5, pollIntervalMs: 600_000 });
    await service.start();

    const docs = await caughtUp<CaseNotesDoc>(projection, 'catch-up');
    expect(docs['case-a']).toMatchObject({ status: 'closed', notes: 12 });
    expect(docs['case-b']).toMatchObject({ status: 'open', notes: 7 });
    const { head } = await allEvents(store);
    await waitFor(async () => (await statusOf(status, 'case_notes')).state === 'live', { what: 'live' });
    expect(await statusOf(status, 'case_notes')).toMatchObject({
      state: 'live',
      checkpoint: head,
      headPosition: head.position,
      lag: 0,
      lastError: null,
      parkedEvent: null,
      leaseHeld: true,
      leaseHolder: 'this_instance',
      healthy: true,
    });

    const started = Date.now();
    await appendTo(store, 'case-b', [caseEvent('NoteAdded')]);
    await waitFor(async () => (await readDocuments<CaseNotesDoc>(db, 'case_notes'))['case-b']?.notes === 8, { what: 'live append', timeoutMs: 5000 });
    expect(Date.now() - started).toBeLessThan(5000);
    await caughtUp<CaseNotesDoc>(projection, 'exactly once');
  });

  if (sqlReads) {
    it('creates the read-model table with an expression index per declared path', async () => {
      const { service } = startService([caseNotesProjection()]);
      await service.start();
      await appendCase(store, 'case-a', 1);
      await waitFor(async () => (await readDocuments<CaseNotesDoc>(db, 'case_notes'))['case-a']?.notes === 1, { what: 'applied' });
      const { rows } = await db.query<{ indexname: string; indexdef: string }>(
        `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'rm_case_notes' ORDER BY indexname`,
      );
      expect(rows.map((r) => r.indexname)).toEqual(['rm_case_notes_notes_s', 'rm_case_notes_notes_t', 'rm_case_notes_pkey', 'rm_case_notes_status_s', 'rm_case_notes_status_t']);
      expect(rows.find((r) => r.indexname === 'rm_case_notes_status_t')!.indexdef).toContain('#>>');
    });
  } else {
    it('creates the read-model collection with an index per declared path (the path, then the id)', async () => {
      const { service } = startService([caseNotesProjection()]);
      await service.start();
      await appendCase(store, 'case-a', 1);
      await waitFor(async () => (await readDocuments<CaseNotesDoc>(db, 'case_notes'))['case-a']?.notes === 1, { what: 'applied' });
      const indexes = await readStore!.db.collection(await readStore!.collectionOf('rm_case_notes')).indexes();
      expect(indexes.map((index) => [index.name, index.key]).sort()).toEqual([
        ['_id_', { _id: 1 }],
        ['rm_case_notes_notes', { 'doc.notes': 1, _id: 1 }],
        ['rm_case_notes_status', { 'doc.status': 1, _id: 1 }],
      ]);
    });
  }

  it('writes the read model and the checkpoint in one transaction: a refused checkpoint leaves no document change', async () => {
    const projection = caseNotesProjection();
    await appendCase(store, 'case-a', 4);
    const { events } = await allEvents(store);
    const refusedAt = events[3]!;
    // The checkpoint update fails at the fourth event, after that event's document write ran in the same transaction.
    if (sqlReads) {
      await db.query(`CREATE FUNCTION refuse_checkpoint() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.position >= ${refusedAt.globalPosition} THEN RAISE EXCEPTION 'checkpoint refused'; END IF;
          RETURN NEW;
        END $$`);
      await db.query(`CREATE TRIGGER refuse_checkpoint BEFORE UPDATE ON projection_checkpoints FOR EACH ROW EXECUTE FUNCTION refuse_checkpoint()`);
    } else {
      // MongoDB's equivalent of the trigger: a validator the checkpoint update fails.
      await readStore!.db.command({ collMod: 'projection_checkpoints', validator: { position: { $lt: refusedAt.globalPosition } }, validationLevel: 'strict', validationAction: 'error' });
    }
    const { service, status } = startService([projection], { batchSize: 100, retry: { attempts: 2, baseDelayMs: 1 } });
    await service.start();

    const parked = await waitFor(async () => (await statusOf(status, 'case_notes')).parkedEvent ?? undefined, { what: 'parked' });
    expect(parked).toMatchObject({ eventId: refusedAt.eventId, attempts: 2 });
    expect(parked.error).toContain(sqlReads ? 'checkpoint refused' : 'Document failed validation');
    // Each event before it went in with its own checkpoint; its own document write rolled back with the checkpoint.
    const docs = await readDocuments<CaseNotesDoc>(db, 'case_notes');
    expect(docs['case-a']!.applied).toEqual(events.slice(0, 3).map((e) => e.eventId));
    expect(await storedCheckpoint(db, 'case_notes')).toMatchObject({ position: events[2]!.globalPosition });

    if (sqlReads) await db.query('DROP TRIGGER refuse_checkpoint ON projection_checkpoints');
    else await readStore!.db.command({ collMod: 'projection_checkpoints', validator: {}, validationLevel: 'off' });
    await service.resume('case_notes');
    await caughtUp<CaseNotesDoc>(projection, 'after resume');
    expect((await statusOf(status, 'case_notes')).healthy).toBe(true);
  });

  it('retries a poison event with backoff, parks it, reports it, and stops there while another projection runs on; resume after the fix continues', async () => {
    const poison = { enabled: true };
    const notes = caseNotesProjection({ poison });
    const activity = caseActivityProjection();
    await appendCase(store, 'case-a', 2);
    const poisonNote = caseEvent('NoteAdded', { poison: true });
    await appendTo(store, 'case-a', [poisonNote]);
    await appendTo(store, 'case-a', [caseEvent('NoteAdded')]);
    await appendCase(store, 'case-b', 1);
    const before = (await allEvents(store)).events;
    const poisonIndex = before.findIndex((e) => e.eventId === poisonNote.eventId);

    const retry = { attempts: 3, baseDelayMs: 40 };
    const { service, status, logger } = startService([notes, activity], { batchSize: 4, retry });
    await service.start();

    const parked = await waitFor(async () => (await statusOf(status, 'case_notes')).parkedEvent ?? undefined, { what: 'parked' });
    expect(parked).toMatchObject({ eventId: poisonNote.eventId, type: 'NoteAdded', globalPosition: before[poisonIndex]!.globalPosition, attempts: 3 });
    expect(parked.error).toContain(`poison note ${poisonNote.eventId}`);
    const notesStatus = await statusOf(status, 'case_notes');
    expect(notesStatus).toMatchObject({ state: 'parked', healthy: false, checkpoint: { position: before[poisonIndex - 1]!.globalPosition } });
    expect(notesStatus.lastError).toContain('poison note');
    expect(notesStatus.lag).toBe(before.length - poisonIndex);
    expect(await status.healthy()).toBe(false);
    const table = statusTable(await status.statuses());
    expect(table).toMatch(/^case_notes\s+1\s+parked\s+\d+\s+\d+\s+\d+\s+this instance\s+NO$/m);
    expect(table).toMatch(/^case_activity\s+1\s+live\s+\d+\s+\d+\s+0\s+this instance\s+yes$/m);
    expect(table).toContain(`case_notes: parked at NoteAdded ${poisonNote.eventId}`);

    // Backoff: the delay doubles between attempts.
    const attempts = logger.matching(/attempt \d of 3 failed|parked at/).map((e) => e.at);
    expect(attempts).toHaveLength(3);
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(retry.baseDelayMs - 2);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(2 * retry.baseDelayMs - 2);

    // Nothing at or after the poison event is applied by the parked projection.
    const parkedDocs = await readDocuments<CaseNotesDoc>(db, 'case_notes');
    expect(parkedDocs).toEqual({ 'case-a': expect.objectContaining({ notes: 2, applied: before.slice(0, poisonIndex).map((e) => e.eventId) }) });

    // The other projection keeps applying, later events included.
    await appendTo(store, 'case-c', [caseEvent('CaseOpened')]);
    await caughtUp<CaseActivityDoc>(activity, 'activity past the poison event');
    expect((await statusOf(status, 'case_activity')).healthy).toBe(true);
    expect(await readDocuments<CaseNotesDoc>(db, 'case_notes')).toEqual(parkedDocs);

    // A restart does not skip it either.
    await service.stop();
    const restarted = startService([notes, activity], { batchSize: 4, retry });
    await restarted.service.start();
    await waitFor(() => restarted.service.isLeaseHeld('case_notes') || undefined, { what: 'lease after restart' });
    await waitFor(async () => (await statusOf(restarted.status, 'case_notes')).leaseHeld, { what: 'restarted runner' });
    expect((await statusOf(restarted.status, 'case_notes')).state).toBe('parked');
    expect(await readDocuments<CaseNotesDoc>(db, 'case_notes')).toEqual(parkedDocs);

    // Resuming while still broken: one more attempt, parked again.
    await restarted.service.resume('case_notes');
    await waitFor(async () => ((await statusOf(restarted.status, 'case_notes')).parkedEvent?.attempts ?? 0) > 3 || undefined, { what: 'parked again' });
    expect(await readDocuments<CaseNotesDoc>(db, 'case_notes')).toEqual(parkedDocs);

    poison.enabled = false;
    await restarted.service.resume('case_notes');
    await caughtUp<CaseNotesDoc>(notes, 'notes after the fix');
    const healed = await waitFor(async () => {
      const s = await statusOf(restarted.status, 'case_notes');
      return s.parkedEvent === null && s.state === 'live' ? s : undefined;
    }, { what: 'healthy again' });
    expect(healed).toMatchObject({ healthy: true, lastError: null, lag: 0 });
    if (sqlReads) {
      const { rows } = await db.query<{ resolved: boolean }>(`SELECT resolved_at IS NOT NULL AS resolved FROM projection_parked_events WHERE projection = 'case_notes'`);
      expect(rows).toEqual([{ resolved: true }]);
    } else {
      await expect(readStore!.checkpoints.openParked('case_notes')).resolves.toBeNull();
      await expect(readStore!.db.collection('projection_parked_history').countDocuments({ projection: 'case_notes', eventId: poisonNote.eventId })).resolves.toBe(1);
    }
    await expect(restarted.service.resume('case_notes')).rejects.toBeInstanceOf(ProjectionNotParkedError);
    await expect(restarted.service.resume('nope')).rejects.toBeInstanceOf(UnknownProjectionError);
  });

  it('rebuilds into a fresh table while appends go on and switches over: same documents as the live projection, nothing applied twice', async () => {
    const projection = caseNotesProjection();
    const cases = ['case-a', 'case-b', 'case-c', 'case-d'];
    for (const [i, id] of cases.entries()) await appendCase(store, id, 10 + i, { close: i === 0 });
    const live = startService([projection], { batchSize: 7 });
    await live.service.start();
    const liveDocs = await caughtUp<CaseNotesDoc>(projection, 'live catch-up');
    expect(liveDocs).toEqual(await expectedDocuments(store, projection));
    const tableBefore = sqlReads ? await tableOid(db, 'rm_case_notes') : await readStore!.collectionOf('rm_case_notes');

    // On PostgreSQL the rebuild runs in another "process" (its own pool), as the CLI would.
    let rebuilder = live.service;
    if (sqlKind === 'postgres') {
      const other = new PostgresDatabase(testDb.url!, { maxConnections: 5 });
      extraDatabases.push(other);
      rebuilder = startService([projection], { batchSize: 5, autoStart: false }, { db: other, store: eventStoreOn(other) }).service;
    }
    const appender = keepAppending(store, cases);
    const progress: Array<[number, number]> = [];
    const result = await rebuilder.rebuild('case_notes', {
      onProgress: async (processed, total) => {
        progress.push([processed, total]);
        // Appends land between the rebuild's first count and its switch-over, whatever the timing.
        if (progress.length === 2) await appendTo(store, 'case-b', [caseEvent('NoteAdded'), caseEvent('NoteAdded')]);
      },
    });
    await appender.stop();

    expect(progress.length).toBeGreaterThan(2);
    expect(progress.map(([p]) => p)).toEqual([...progress.map(([p]) => p)].sort((a, b) => a - b));
    expect(progress.at(-1)![0]).toBe(result.processed);
    expect(result.processed).toBeGreaterThanOrEqual(progress[0]![1] + 2);
    expect(sqlReads ? await tableOid(db, 'rm_case_notes') : await readStore!.collectionOf('rm_case_notes')).not.toBe(tableBefore);

    const after = await caughtUp<CaseNotesDoc>(projection, 'live after the switch');
    for (const doc of Object.values(after)) expect(new Set(doc.applied).size).toBe(doc.applied.length);
    await appendTo(store, 'case-e', [caseEvent('CaseOpened')]);
    await caughtUp<CaseNotesDoc>(projection, 'live runner on the switched table');

    expect((await statusOf(live.status, 'case_notes')).rebuild).toBeNull();
    if (sqlReads) {
      const { rows } = await db.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE tablename LIKE 'rm\\_case\\_notes%' ORDER BY tablename`);
      expect(rows.map((r) => r.tablename)).toEqual(['rm_case_notes']);
      const { rows: indexes } = await db.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'rm_case_notes' ORDER BY indexname`);
      expect(indexes.map((r) => r.indexname)).toEqual(['rm_case_notes_notes_s', 'rm_case_notes_notes_t', 'rm_case_notes_pkey', 'rm_case_notes_status_s', 'rm_case_notes_status_t']);
    } else {
      // The old collection is dropped after the switch-over; the rebuilt one carries the declared indexes.
      const live = await readStore!.collectionOf('rm_case_notes');
      const collections = (await readStore!.db.listCollections({ name: /^rm_case_notes/ }, { nameOnly: true }).toArray()).map((c) => c.name);
      expect(collections).toEqual([live]);
      const indexes = await readStore!.db.collection(live).indexes();
      expect(indexes.map((index) => index.name).sort()).toEqual(['_id_', `${live}_notes`, `${live}_status`]);
    }
  });

  it('rebuilds by itself when the projection version goes up', async () => {
    await appendCase(store, 'case-a', 3);
    await appendCase(store, 'case-b', 2);
    const v1 = caseNotesProjection();
    const first = startService([v1]);
    await first.service.start();
    await caughtUp<CaseNotesDoc>(v1, 'version 1');
    await first.service.stop();

    const v2 = caseNotesProjection({ version: 2 });
    const second = startService([v2]);
    await second.service.start();
    const docs = await caughtUp<CaseNotesDoc>(v2, 'version 2');
    expect(Object.values(docs).every((doc) => doc.version === 2)).toBe(true);
    await waitFor(async () => (await statusOf(second.status, 'case_notes')).version === 2, { what: 'stored version 2' });
    await appendTo(store, 'case-a', [caseEvent('NoteAdded')]);
    await caughtUp<CaseNotesDoc>(v2, 'version 2 live');

    // Older code never runs over a newer read model.
    await second.service.stop();
    const stale = startService([v1]);
    await stale.service.start();
    await waitFor(() => stale.logger.matching(/version 2, this code knows version 1/).length > 0, { what: 'refusal' });
    expect(stale.service.isLeaseHeld('case_notes')).toBe(false);
    expect(Object.values(await readDocuments<CaseNotesDoc>(db, 'case_notes')).every((doc) => doc.version === 2)).toBe(true);
  });

  it('applies unhandled events to nothing but still moves the checkpoint past them', async () => {
    await appendTo(store, 'other-1', Array.from({ length: 9 }, () => caseEvent('Unrelated')));
    const { service, status } = startService([caseNotesProjection()], { batchSize: 4 });
    await service.start();
    const { head } = await allEvents(store);
    await waitFor(async () => (await storedCheckpoint(db, 'case_notes'))?.position === head.position, { what: 'checkpoint at head' });
    expect(await readDocuments(db, 'case_notes')).toEqual({});
    expect((await statusOf(status, 'case_notes')).lag).toBe(0);
  });

  describe('wired into Nest', () => {
    // Only what PersistenceModule reads; the rest of the configuration is not this suite's business.
    const baseConfig = Object.assign(new AppConfig(), { PII_MASTER_KEY: randomBytes(32).toString('base64') });
    /** The engines of this kind, as the service's configuration chooses them. */
    const configOf = (): AppConfig =>
      Object.assign(new AppConfig(), baseConfig, {
        ...(kind === 'kurrentdb' ? { EVENT_STORE: 'kurrentdb', KURRENTDB_URL: process.env.KURRENTDB_URL, KURRENTDB_STREAM_PREFIX: streamPrefix } : {}),
        ...(kind === 'mongodb' ? { READ_STORE: 'mongodb', MONGODB_URL: mongo!.url } : {}),
      });
    const quiet = { pollIntervalMs: 50, leaseRetryMs: 50, retry: { attempts: 1, baseDelayMs: 1 } };

    it('starts the runners on bootstrap, serves status and resume over HTTP, provides the read store, and stops on close', async () => {
      const poison = { enabled: true };
      await appendCase(store, 'case-a', 1);
      await appendTo(store, 'case-a', [caseEvent('NoteAdded', { poison: true })]);
      const moduleRef = await Test.createTestingModule({
        imports: [
          PersistenceModule.forRoot({ config: configOf(), database: db, migrate: false }),
          ProjectionsModule.forRoot({ projections: [caseNotesProjection({ poison })], options: quiet, logger: new RecordingLogger() }),
        ],
        controllers: [ProjectionsStatusController],
      }).compile();
      const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      try {
        const parked = await waitFor(async () => {
          const response = await app.inject({ method: 'GET', url: '/projections' });
          const body = response.json<ProjectionStatus[]>();
          return response.statusCode === 200 && body[0]?.state === 'parked' ? body : undefined;
        }, { what: 'parked over HTTP' });
        expect(parked).toEqual([expect.objectContaining({ name: 'case_notes', healthy: false, leaseHeld: true, parkedEvent: expect.objectContaining({ type: 'NoteAdded' }) })]);
        await expect(app.get<ProjectionStatusReader>(PROJECTION_STATUS).healthy()).resolves.toBe(false);
        const reads = app.get<DocumentReadStore>(DOCUMENT_READ_STORE);
        await expect(reads.get<CaseNotesDoc>('case_notes', 'case-a')).resolves.toMatchObject({ notes: 1 });

        expect((await app.inject({ method: 'POST', url: '/projections/nope/resume' })).statusCode).toBe(404);
        poison.enabled = false;
        const resumed = await app.inject({ method: 'POST', url: '/projections/case_notes/resume' });
        expect(resumed.statusCode).toBe(202);
        await waitFor(async () => (await reads.get<CaseNotesDoc>('case_notes', 'case-a'))?.notes === 2, { what: 'resumed' });
        await waitFor(async () => (await app.inject({ method: 'POST', url: '/projections/case_notes/resume' })).statusCode === 409, { what: 'not parked any more' });
        await expect(reads.find('case_notes', { where: { status: 'open' } })).resolves.toMatchObject({ items: [expect.objectContaining({ caseId: 'case-a' })] });
      } finally {
        await app.close();
      }
      expect(app.get(ProjectionsService).runner('case_notes')).toBeUndefined();
      if (sqlReads) {
        const { rows } = await db.query<{ state: string }>(`SELECT state FROM projection_checkpoints WHERE name = 'case_notes'`);
        expect(rows).toEqual([{ state: 'stopped' }]);
      } else {
        await expect(readStore!.checkpoints.load('case_notes')).resolves.toMatchObject({ state: 'stopped' });
      }
    });
  });

  describe('document read store', () => {
    let reads: DocumentReadStore;
    const items = [
      { id: 'i01', doc: { name: 'alpha', n: 9, unit: 'north', open: true, due: '2026-03-09' } },
      { id: 'i02', doc: { name: 'bravo', n: 10, unit: 'south', open: false, due: '2026-03-10' } },
      { id: 'i03', doc: { name: 'charlie', n: 100, unit: 'north', open: true, due: '2026-03-01' } },
      { id: 'i04', doc: { name: 'delta', n: 2.5, unit: 'east', open: true, due: '2026-04-01' } },
      { id: 'i05', doc: { name: 'echo', n: 10, unit: 'north', open: false } },
      { id: 'i06', doc: { name: 'foxtrot', n: '10', unit: 'south', open: true, due: '2026-03-05' } },
      { id: 'i07', doc: { name: 'golf', unit: null, open: true, due: '2026-03-07', nested: { level: 3 } } },
      { id: 'i08', doc: { name: 'hotel', n: -1, unit: 'west', open: true, due: '2026-02-28', nested: { level: 1 } } },
    ];

    /** Stores documents behind the read store's back, as a projection would have. */
    const insertDocs = async (_db: Database, docs: ReadonlyArray<{ id: string; doc: unknown }>) => {
      if (readStore) await readStore.db.collection<{ _id: string; doc: unknown; updatedPosition: number }>('rm_items').insertMany(docs.map((d) => ({ _id: d.id, doc: d.doc, updatedPosition: 0 })));
      else await insertSqlDocs(db, docs);
    };

    beforeEach(async () => {
      const indexes = [{ name: 'unit', path: 'unit' }, { name: 'n', path: 'n' }];
      if (readStore) {
        reads = new MongoDocumentReadStore(readStore, ['items', 'missing']);
        await readStore.ensureDocuments('rm_items', indexes);
      } else {
        reads = new SqlDocumentReadStore(db, ['items', 'missing']);
        await ensureDocumentTable(db, 'rm_items', indexes);
      }
      await insertDocs(db, items);
    });

    const ids = (page: { items: Array<{ name: string }> }) => page.items.map((i) => i.name);

    it('gets one document by id; missing ids, unknown projections and absent tables', async () => {
      await expect(reads.get('items', 'i03')).resolves.toEqual(items[2]!.doc);
      await expect(reads.get('items', 'nope')).resolves.toBeUndefined();
      await expect(reads.get('missing', 'i03')).resolves.toBeUndefined();
      await expect(reads.find('missing', {})).resolves.toEqual({ items: [], nextCursor: null });
      await expect(reads.get('unknown', 'i03')).rejects.toBeInstanceOf(InvalidDocumentQueryError);
      await expect(reads.get('items; DROP TABLE events', 'x')).rejects.toBeInstanceOf(InvalidDocumentQueryError);
    });

    it('filters by equality, membership, null and ranges; numbers compare as numbers, strings as text', async () => {
      const find = (where: Record<string, unknown>) => reads.find<{ name: string }>('items', { where: where as never, orderBy: [{ path: 'name', direction: 'asc' }] }).then(ids);
      await expect(find({ unit: 'north' })).resolves.toEqual(['alpha', 'charlie', 'echo']);
      await expect(find({ n: 10 })).resolves.toEqual(['bravo', 'echo']);
      await expect(find({ n: '10' })).resolves.toEqual(['foxtrot']);
      await expect(find({ n: { gte: 9, lt: 100 } })).resolves.toEqual(['alpha', 'bravo', 'echo']);
      await expect(find({ n: { gt: 2 } })).resolves.toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
      await expect(find({ n: { in: [10, 2.5, '10'] } })).resolves.toEqual(['bravo', 'delta', 'echo', 'foxtrot']);
      await expect(find({ n: { in: [] } })).resolves.toEqual([]);
      await expect(find({ unit: null })).resolves.toEqual(['golf']);
      await expect(find({ n: null })).resolves.toEqual(['golf']);
      await expect(find({ open: false })).resolves.toEqual(['bravo', 'echo']);
      await expect(find({ due: { gte: '2026-03-05', lte: '2026-03-10' } })).resolves.toEqual(['alpha', 'bravo', 'foxtrot', 'golf']);
      await expect(find({ 'nested.level': { gt: 2 } })).resolves.toEqual(['golf']);
      await expect(find({ unit: 'north', open: true })).resolves.toEqual(['alpha', 'charlie']);
    });

    it('treats paths and values as data, never as SQL', async () => {
      await expect(reads.find('items', { where: { "unit') OR true --": 'x' } })).rejects.toBeInstanceOf(InvalidDocumentQueryError);
      await expect(reads.find('items', { orderBy: [{ path: 'n; DROP TABLE events', direction: 'asc' }] })).rejects.toBeInstanceOf(InvalidDocumentQueryError);
      await expect(reads.find('items', { orderBy: [{ path: 'n', direction: 'sideways' as never }] })).rejects.toBeInstanceOf(InvalidDocumentQueryError);
      await expect(reads.find('items', { where: { unit: "north' OR '1'='1" } })).resolves.toEqual({ items: [], nextCursor: null });
      await expect(reads.find('items', { where: { n: { near: 3 } as never } })).rejects.toBeInstanceOf(InvalidDocumentQueryError);
      await expect(reads.find('items', { limit: 0 })).rejects.toBeInstanceOf(InvalidDocumentQueryError);
      await expect(db.query('SELECT count(*) FROM events')).resolves.toBeDefined();
    });

    it('orders by several paths in both directions (numbers numerically, missing lowest) and pages through with cursors', async () => {
      const orderBy = [
        { path: 'open', direction: 'desc' as const },
        { path: 'n', direction: 'asc' as const },
      ];
      const all = await reads.find<{ name: string }>('items', { orderBy, limit: 500 });
      // jsonb order within a key: null < strings < numbers < booleans.
      expect(ids(all)).toEqual(['golf', 'foxtrot', 'hotel', 'delta', 'alpha', 'charlie', 'bravo', 'echo']);
      expect(all.nextCursor).toBeNull();

      const paged: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { items: Array<{ name: string }>; nextCursor: string | null } = await reads.find<{ name: string }>('items', { orderBy, limit: 3, cursor });
        paged.push(...ids(page));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(paged).toEqual(ids(all));
      expect(pages).toBe(3);

      const descending = await reads.find<{ name: string }>('items', { orderBy: [{ path: 'n', direction: 'desc' }], where: { n: { gte: 0 } } });
      expect(ids(descending)).toEqual(['charlie', 'echo', 'bravo', 'alpha', 'delta']);
      const byId = await reads.find<{ name: string }>('items', { limit: 2 });
      expect(ids(byId)).toEqual(['alpha', 'bravo']);
    });

    it('keeps a cursor valid when documents are inserted before it, and refuses a cursor of another order', async () => {
      const orderBy = [{ path: 'n', direction: 'asc' as const }];
      const where = { n: { gte: 0 } };
      const first = await reads.find<{ name: string }>('items', { where, orderBy, limit: 2 });
      expect(ids(first)).toEqual(['delta', 'alpha']);
      await insertDocs(db, [
        { id: 'i00', doc: { name: 'aardvark', n: 1 } },
        { id: 'i09', doc: { name: 'india', n: 10 } },
      ]);
      const second = await reads.find<{ name: string }>('items', { where, orderBy, limit: 2, cursor: first.nextCursor });
      expect(ids(second)).toEqual(['bravo', 'echo']);
      const third = await reads.find<{ name: string }>('items', { where, orderBy, limit: 2, cursor: second.nextCursor });
      expect(ids(third)).toEqual(['india', 'charlie']);
      expect(third.nextCursor).toBeNull();

      await expect(reads.find('items', { orderBy: [{ path: 'n', direction: 'desc' }], cursor: first.nextCursor })).rejects.toThrow('another order');
      await expect(reads.find('items', { orderBy, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidDocumentQueryError);
    });
  });
});

async function tableOid(db: Database, table: string): Promise<number> {
  const { rows } = await db.query<{ oid: unknown }>(`SELECT $1::regclass::oid AS oid`, [table]);
  return Number(rows[0]!.oid);
}

async function insertSqlDocs(db: Database, docs: ReadonlyArray<{ id: string; doc: unknown }>): Promise<void> {
  await db.query(
    `INSERT INTO rm_items (id, doc, updated_position) SELECT x.id, x.doc, 0 FROM jsonb_to_recordset($1::jsonb) AS x(id text, doc jsonb)`,
    [JSON.stringify(docs)],
  );
}

describe('projection definitions', () => {
  it('are specified in memory: given events, then documents', () => {
    const events = new ProjectionEventBuilder();
    ProjectionSpecification.for(caseNotesProjection())
      .given(events.event('case-a', 'CaseOpened'), events.event('case-a', 'NoteAdded'), events.event('case-b', 'CaseOpened'), events.event('case-a', 'Unrelated'))
      .then({
        'case-a': { caseId: 'case-a', status: 'open', notes: 1, applied: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'] },
        'case-b': { caseId: 'case-b', status: 'open', notes: 0, applied: ['00000000-0000-4000-8000-000000000003'] },
      });
    expect(() => ProjectionSpecification.for(caseNotesProjection()).given(events.event('case-c', 'CaseOpened')).then({})).toThrow();
  });

  it('are refused when their names could not be table names', () => {
    const bad = (override: Partial<Projection>) => () => assertValidProjection({ ...caseNotesProjection(), ...override } as Projection);
    expect(bad({ name: 'Case-Notes' })).toThrow(/must match/);
    expect(bad({ name: 'case__notes' })).toThrow(/no "__"/);
    expect(bad({ name: 'x'.repeat(41) })).toThrow(/at most 40/);
    expect(bad({ version: 0 })).toThrow(/version/);
    expect(bad({ handles: [] })).toThrow(/handles no event type/);
    expect(bad({ indexes: [{ name: 'status', path: "status'); DROP TABLE events; --" }] })).toThrow(/not a dot path/);
    expect(bad({})).not.toThrow();
  });
});
