import { randomBytes, randomUUID } from 'node:crypto';
import type { EventMetadata, EventStore, NewEvent, RecordedEvent } from '../../src/application/ports/event-store.port.js';
import { START_OF_LOG } from '../../src/application/ports/event-store.port.js';
import {
  CommandIdReusedError,
  EventIdReusedError,
  WrongExpectedVersionError,
} from '../../src/application/ports/event-store.errors.js';
import { EventSchemaRegistry, type EventSchema } from '../../src/domain/shared/event-schema.js';
import { canonicalEventParts } from '../../src/infrastructure/crypto/canonical-event.js';
import { SqlSubjectKeyStore } from '../../src/infrastructure/crypto/subject-key.store.js';
import type { Database } from '../../src/infrastructure/persistence/database.js';
import { SqlEventStore } from '../../src/infrastructure/persistence/event-store/sql.event-store.js';
import { PostgresDatabase } from '../../src/infrastructure/persistence/postgres.database.js';
import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { FORWARDS, START, jsonEvent } from '@kurrent/kurrentdb-client';
import { KurrentDbEventStore } from '../../src/infrastructure/persistence/kurrentdb/kurrentdb.event-store.js';
import { KURRENTDB, kurrentClient, selectEngines } from '../support/engines.js';
import { TestClock } from '../support/test-clock.js';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-databases.js';

const personSchema: EventSchema = {
  type: 'PersonRecorded',
  schemaVersion: 1,
  personal: [{ subjectPath: 'person.subjectId', fields: ['person.name', 'person.email', 'witnesses[].name'] }],
};
const schemas = () => new EventSchemaRegistry([personSchema]);

function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: { userId: 'clerk-1', role: 'clerk', unit: 'cso-budapest' },
    channel: 'phone',
    policyVersion: 'hu-2026',
    businessTime: '2026-03-02T08:55:00.000Z',
    ...overrides,
  };
}

function event(type = 'Noted', data: Record<string, unknown> = { n: 1 }): NewEvent {
  return { eventId: randomUUID(), type, data, metadata: metadata() };
}

function events(count: number, type = 'Noted'): NewEvent[] {
  return Array.from({ length: count }, (_, n) => event(type, { n }));
}

/** Changes stored rows behind the store's back, as an intruder with superuser rights would. */
async function tamper(db: Database, sql: string, params: unknown[] = []): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    await tx.query(sql, params);
  });
}

const KINDS = selectEngines('event store contract', DATABASE_KINDS, [KURRENTDB]);

describe.each(KINDS)('event store contract on %s', (kind) => {
  const sql = kind !== 'kurrentdb';
  let testDb: TestDatabase;
  let db: Database;
  let clock: TestClock;
  let keys: SqlSubjectKeyStore;
  let store: EventStore;
  let kurrent: KurrentDBClient | undefined;
  const masterKey = randomBytes(32);

  /** A store of this kind over the same log (another instance, another schema registry). */
  // A prefix of its own per run: a KurrentDB server is shared and never emptied.
  const streamPrefix = `contract-${randomUUID().slice(0, 8)}/`;
  const newStore = (registry = schemas(), keyStore = keys): EventStore =>
    kurrent ? new KurrentDbEventStore(kurrent, registry, keyStore, clock, { streamPrefix }) : new SqlEventStore(db, registry, keyStore, clock);

  beforeAll(async () => {
    // KurrentDB holds the log; subject keys stay in SQL (PGlite here), as in the service.
    testDb = await createTestDatabase(kind === 'kurrentdb' ? 'pglite' : kind);
    db = testDb.db;
    clock = new TestClock();
    keys = new SqlSubjectKeyStore(db, masterKey);
    if (kind === 'kurrentdb') kurrent = kurrentClient();
    store = newStore();
  });

  afterAll(async () => {
    await kurrent?.dispose();
    await testDb.drop();
  });

  const stream = (prefix = 'case') => `${prefix}-${randomUUID()}`;
  const appendOne = (store: EventStore, streamId: string, expectedVersion: Parameters<EventStore['append']>[0]['streams'][number]['expectedVersion'], evs: NewEvent[] = [event()]) =>
    store.append({ streams: [{ streamId, streamType: 'case', expectedVersion, events: evs }] });

  describe('expected version', () => {
    it('any: creates a missing stream and appends to an existing one', async () => {
      const id = stream();
      const first = await appendOne(store, id, 'any');
      const second = await appendOne(store, id, 'any', events(2));
      expect(first).toMatchObject({ status: 'appended', streams: [{ streamId: id, nextVersion: 1 }] });
      expect(second).toMatchObject({ status: 'appended', streams: [{ streamId: id, nextVersion: 3 }] });
    });

    it('no_stream: creates a missing stream, refuses an existing one naming both versions', async () => {
      const id = stream();
      await expect(appendOne(store, id, 'no_stream')).resolves.toMatchObject({ streams: [{ nextVersion: 1 }] });
      const refusal = await appendOne(store, id, 'no_stream').catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(WrongExpectedVersionError);
      expect(refusal).toMatchObject({ streamId: id, expected: 'no_stream', actual: 1 });
      expect((refusal as Error).message).toContain(id);
      expect((await store.readStream(id)).length).toBe(1);
    });

    it('exists: refuses a missing stream, appends to an existing one', async () => {
      const id = stream();
      const refusal = await appendOne(store, id, 'exists').catch((e: unknown) => e);
      expect(refusal).toMatchObject({ streamId: id, expected: 'exists', actual: 0 });
      expect(await store.readStream(id)).toEqual([]);
      expect((await store.streamHead(id)).version).toBe(0);
      await appendOne(store, id, 'no_stream');
      await expect(appendOne(store, id, 'exists')).resolves.toMatchObject({ streams: [{ nextVersion: 2 }] });
    });

    it('exact: 0 on a missing stream creates it; a wrong number on missing or existing streams is refused', async () => {
      const id = stream();
      const onMissing = await appendOne(store, id, 3).catch((e: unknown) => e);
      expect(onMissing).toMatchObject({ streamId: id, expected: 3, actual: 0 });
      await expect(appendOne(store, id, 0)).resolves.toMatchObject({ streams: [{ nextVersion: 1 }] });
      await expect(appendOne(store, id, 1, events(2))).resolves.toMatchObject({ streams: [{ nextVersion: 3 }] });
      const stale = await appendOne(store, id, 1).catch((e: unknown) => e);
      expect(stale).toBeInstanceOf(WrongExpectedVersionError);
      expect(stale).toMatchObject({ streamId: id, expected: 1, actual: 3 });
      expect((stale as Error).message).toBe(`Stream ${id} is at version 3, expected 1`);
      const ahead = await appendOne(store, id, 7).catch((e: unknown) => e);
      expect(ahead).toMatchObject({ expected: 7, actual: 3 });
      expect((await store.readStream(id)).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    });
  });

  describe('multi-stream append', () => {
    it('appends to several streams in one transaction', async () => {
      const a = stream();
      const b = stream();
      const result = await store.append({
        streams: [
          { streamId: a, streamType: 'case', expectedVersion: 'no_stream', events: events(2) },
          { streamId: b, streamType: 'register', expectedVersion: 'no_stream', events: events(1) },
        ],
      });
      expect(result).toMatchObject({ status: 'appended', streams: [{ streamId: a, nextVersion: 2 }, { streamId: b, nextVersion: 1 }] });
      const [ea, eb] = [await store.readStream(a), await store.readStream(b)];
      expect(new Set([...ea, ...eb].map((e) => e.transactionId)).size).toBe(1);
    });

    it('is all or nothing: one wrong expectation stores nothing anywhere', async () => {
      const a = stream();
      const b = stream();
      await appendOne(store, b, 'no_stream');
      const refusal = await store
        .append({
          streams: [
            { streamId: a, streamType: 'case', expectedVersion: 'no_stream', events: events(2) },
            { streamId: b, streamType: 'register', expectedVersion: 0, events: events(1) },
          ],
        })
        .catch((e: unknown) => e);
      expect(refusal).toMatchObject({ streamId: b, expected: 0, actual: 1 });
      expect(await store.readStream(a)).toEqual([]);
      expect((await store.streamHead(a)).version).toBe(0);
      expect((await store.readStream(b)).length).toBe(1);
    });

    it('a stream with no events acts as a guard on its version', async () => {
      const guard = stream();
      const target = stream();
      await appendOne(store, guard, 'no_stream');
      const refused = await store
        .append({
          streams: [
            { streamId: target, streamType: 'case', expectedVersion: 'any', events: events(1) },
            { streamId: guard, streamType: 'case', expectedVersion: 5, events: [] },
          ],
        })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.readStream(target)).toEqual([]);
    });
  });

  describe('idempotency', () => {
    it('re-appending the same event ids with the same expectation returns the first result and writes nothing', async () => {
      const id = stream();
      const batch = events(3);
      const first = await appendOne(store, id, 'no_stream', batch);
      const again = await appendOne(store, id, 'no_stream', batch);
      expect(first.status).toBe('appended');
      expect(again).toEqual({ ...first, status: 'duplicate' });
      expect((await store.readStream(id)).length).toBe(3);
    });

    it('the same event ids with another expectation, or only some of them, are refused', async () => {
      const id = stream();
      const batch = events(2);
      await appendOne(store, id, 'no_stream', batch);
      await appendOne(store, id, 2, events(1));
      await expect(appendOne(store, id, 1, batch)).rejects.toBeInstanceOf(EventIdReusedError);
      await expect(appendOne(store, id, 3, [batch[0]!, event()])).rejects.toBeInstanceOf(EventIdReusedError);
      expect((await store.readStream(id)).length).toBe(3);
    });

    it('a repeated command id returns the stored result; another payload under the same id is refused', async () => {
      const id = stream();
      const commandId = randomUUID();
      const command = { commandId, fingerprint: 'sha256:aaa', result: { caseId: id, registerNumber: 7 } };
      const first = await store.append({ streams: [{ streamId: id, streamType: 'case', expectedVersion: 'no_stream', events: events(1) }], command });
      expect(first.status).toBe('appended');
      // A retry carries fresh event ids (the handler ran again) but the same command id.
      const repeat = await store.append({ streams: [{ streamId: id, streamType: 'case', expectedVersion: 'any', events: events(1) }], command });
      expect(repeat).toEqual({ status: 'command_repeated', result: { caseId: id, registerNumber: 7 } });
      await expect(store.findCommand(commandId)).resolves.toEqual(command);
      const other = await store
        .append({
          streams: [{ streamId: id, streamType: 'case', expectedVersion: 'any', events: events(1) }],
          command: { ...command, fingerprint: 'sha256:bbb' },
        })
        .catch((e: unknown) => e);
      expect(other).toBeInstanceOf(CommandIdReusedError);
      expect((await store.readStream(id)).length).toBe(1);
    });

    it('a refused append does not record its command id', async () => {
      const id = stream();
      const commandId = randomUUID();
      await expect(
        store.append({
          streams: [{ streamId: id, streamType: 'case', expectedVersion: 'exists', events: events(1) }],
          command: { commandId, fingerprint: 'f', result: {} },
        }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(store.findCommand(commandId)).resolves.toBeUndefined();
    });
  });

  describe('metadata and reads', () => {
    it('stores every metadata field and the recording time from the clock', async () => {
      const id = stream();
      const meta = metadata({ commandId: 'cmd-1', channel: 'in_person' });
      clock.set('2026-04-01T10:00:00.123Z');
      await appendOne(store, id, 'no_stream', [{ eventId: randomUUID(), type: 'Noted', data: { text: 'árvíztűrő tükörfúrógép' }, metadata: meta }]);
      const [stored] = await store.readStream(id);
      expect(stored!.metadata).toEqual(meta);
      expect(stored!.data).toEqual({ text: 'árvíztűrő tükörfúrógép' });
      expect(stored!.recordedAt.toISOString()).toBe('2026-04-01T10:00:00.123Z');
    });

    it('reads forward and backward from a version, with a limit', async () => {
      const id = stream();
      await appendOne(store, id, 'no_stream', events(5));
      const versions = (list: RecordedEvent[]) => list.map((e) => e.streamVersion);
      expect(versions(await store.readStream(id))).toEqual([1, 2, 3, 4, 5]);
      expect(versions(await store.readStream(id, { fromVersion: 3 }))).toEqual([3, 4, 5]);
      expect(versions(await store.readStream(id, { fromVersion: 2, maxCount: 2 }))).toEqual([2, 3]);
      expect(versions(await store.readStream(id, { direction: 'backward' }))).toEqual([5, 4, 3, 2, 1]);
      expect(versions(await store.readStream(id, { direction: 'backward', fromVersion: 3, maxCount: 2 }))).toEqual([3, 2]);
    });

    it('reads a stream as of a global position and as of a time', async () => {
      const id = stream();
      clock.set('2026-05-01T08:00:00.000Z');
      const first = await appendOne(store, id, 'no_stream', events(2));
      clock.set('2026-05-02T08:00:00.000Z');
      await appendOne(store, id, 2, events(2));
      const cut = first.status === 'appended' ? first.streams[0]!.positions[1]! : 0;
      expect((await store.readStream(id, { asOfPosition: cut })).map((e) => e.streamVersion)).toEqual([1, 2]);
      expect((await store.readStream(id, { asOfTime: new Date('2026-05-01T12:00:00Z') })).length).toBe(2);
      expect((await store.readStream(id, { asOfTime: new Date('2026-05-02T08:00:00Z') })).length).toBe(4);
      expect((await store.readStream(id, { asOfTime: new Date('2026-04-30T00:00:00Z') })).length).toBe(0);
    });

    it('reads all events in one global order, batch after batch, from a checkpoint', async () => {
      const written = new Set<string>();
      for (let i = 0; i < 5; i++) {
        const evs = events(3);
        evs.forEach((e) => written.add(e.eventId));
        await appendOne(store, stream('all'), 'no_stream', evs);
      }
      const seen: RecordedEvent[] = [];
      let checkpoint = START_OF_LOG;
      for (;;) {
        const batch = await store.readAll({ after: checkpoint, limit: 4 });
        if (batch.events.length === 0) break;
        seen.push(...batch.events);
        checkpoint = batch.checkpoint;
      }
      const ids = seen.map((e) => e.eventId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of written) expect(ids).toContain(id);
      const oneRead = await store.readAll({ limit: 100_000 });
      expect(oneRead.events.map((e) => e.eventId)).toEqual(ids);
    });

    // xid8 ordering is the SQL store's own; KurrentDB orders $all by commit position (see the KurrentDB block).
    if (sql) {
      it('orders transaction ids as numbers, not as text (9 before 10)', async () => {
        const fresh = await createTestDatabase(kind);
        try {
          const insert = (tx: number, position: number) =>
            tamper(
              fresh.db,
              `INSERT INTO events (global_position, transaction_id, stream_id, stream_version, event_id, event_type, schema_version,
                                   data, metadata, recorded_at, prev_hash, hash)
               OVERRIDING SYSTEM VALUE
               VALUES ($2::bigint, $1::text::xid8, 'digits-' || $2::text, 1, $3::uuid, 'Noted', 1, '{}', '{}', now(), sha256(''::bytea), sha256(''::bytea))`,
              [String(tx), position, randomUUID()],
            );
          await insert(10, 1);
          await insert(9, 2);
          const s = new SqlEventStore(fresh.db, schemas(), new SqlSubjectKeyStore(fresh.db, masterKey), clock);
          const first = await s.readAll({ limit: 1 });
          expect(first.events.map((e) => e.transactionId)).toEqual(['9']);
          const second = await s.readAll({ after: first.checkpoint, limit: 1 });
          expect(second.events.map((e) => e.transactionId)).toEqual(['10']);
          const third = await s.readAll({ after: second.checkpoint, limit: 1 });
          expect(third.events).toEqual([]);
        } finally {
          await fresh.drop();
        }
      });
    }

    it('upcasts events stored in an older schema version when reading', async () => {
      const id = stream();
      const v1 = newStore(new EventSchemaRegistry([{ type: 'Titled', schemaVersion: 1 }]));
      await appendOne(v1, id, 'no_stream', [event('Titled', { title: 'Bill objection' })]);
      const v2 = newStore(new EventSchemaRegistry([{ type: 'Titled', schemaVersion: 2, upcasters: { 1: (d) => ({ subject: d.title, language: 'hu' }) } }]));
      await appendOne(v2, id, 1, [event('Titled', { subject: 'Meter dispute', language: 'en' })]);
      const read = await v2.readStream(id);
      expect(read.map((e) => [e.storedSchemaVersion, e.data])).toEqual([
        [1, { subject: 'Bill objection', language: 'hu' }],
        [2, { subject: 'Meter dispute', language: 'en' }],
      ]);
      await expect(v2.verifyStream(id)).resolves.toMatchObject({ ok: true, eventsChecked: 2 });
    });
  });

  describe('hash chain', () => {
    async function chainOf(count: number): Promise<string> {
      const id = stream('chain');
      await appendOne(store, id, 'no_stream', events(count));
      return id;
    }

    it('links each event to the previous one and verifies', async () => {
      const id = await chainOf(4);
      const read = await store.readStream(id);
      expect(read[0]!.prevHash).toBe('0'.repeat(64));
      for (let i = 1; i < read.length; i++) expect(read[i]!.prevHash).toBe(read[i - 1]!.hash);
      await expect(store.verifyStream(id)).resolves.toEqual({ ok: true, streamsChecked: 1, eventsChecked: 4, firstBroken: null });
    });

    // Tampering needs SQL rights over the rows; KurrentDB events cannot be changed in place (see the KurrentDB block).
    if (sql) {
      it('the store refuses to change or delete events', async () => {
        const id = await chainOf(1);
        await expect(db.query(`UPDATE events SET data = '{}' WHERE stream_id = $1`, [id])).rejects.toMatchObject({ code: 'EV004' });
        await expect(db.query('DELETE FROM events WHERE stream_id = $1', [id])).rejects.toMatchObject({ code: 'EV004' });
      });

      it('detects changed data', async () => {
        const id = await chainOf(3);
        await tamper(db, `UPDATE events SET data = '{"n": 99}' WHERE stream_id = $1 AND stream_version = 2`, [id]);
        const report = await store.verifyStream(id);
        expect(report).toMatchObject({ ok: false, firstBroken: { streamId: id, streamVersion: 2, reason: 'hash_mismatch' } });
      });

      it('detects changed metadata', async () => {
        const id = await chainOf(2);
        await tamper(db, `UPDATE events SET metadata = jsonb_set(metadata, '{actor,userId}', '"someone-else"') WHERE stream_id = $1 AND stream_version = 1`, [id]);
        await expect(store.verifyStream(id)).resolves.toMatchObject({ firstBroken: { streamVersion: 1, reason: 'hash_mismatch' } });
      });

      it('detects a deleted event in the middle', async () => {
        const id = await chainOf(4);
        await tamper(db, 'DELETE FROM events WHERE stream_id = $1 AND stream_version = 2', [id]);
        await expect(store.verifyStream(id)).resolves.toMatchObject({ ok: false, firstBroken: { streamVersion: 3, reason: 'version_gap' } });
      });

      it('detects a deleted last event', async () => {
        const id = await chainOf(3);
        await tamper(db, 'DELETE FROM events WHERE stream_id = $1 AND stream_version = 3', [id]);
        await expect(store.verifyStream(id)).resolves.toMatchObject({ ok: false, firstBroken: { streamId: id, reason: 'head_mismatch' } });
      });

      it('detects swapped order', async () => {
        const id = await chainOf(4);
        await tamper(db, 'UPDATE events SET stream_version = 1000 WHERE stream_id = $1 AND stream_version = 2', [id]);
        await tamper(db, 'UPDATE events SET stream_version = 2 WHERE stream_id = $1 AND stream_version = 3', [id]);
        await tamper(db, 'UPDATE events SET stream_version = 3 WHERE stream_id = $1 AND stream_version = 1000', [id]);
        await expect(store.verifyStream(id)).resolves.toMatchObject({ ok: false, firstBroken: { streamVersion: 2, reason: 'prev_hash_mismatch' } });
      });

      it('detects a changed hash', async () => {
        const id = await chainOf(3);
        await tamper(db, `UPDATE events SET hash = sha256('forged'::bytea) WHERE stream_id = $1 AND stream_version = 3`, [id]);
        await expect(store.verifyStream(id)).resolves.toMatchObject({ ok: false, firstBroken: { streamVersion: 3, reason: 'hash_mismatch' } });
      });

      it('detects a re-hashed change through the next link', async () => {
        const id = await chainOf(3);
        // The intruder recomputes nothing but the changed event's own hash: the next event's link breaks.
        await tamper(db, `UPDATE events SET data = '{"n": 5}', hash = sha256('x'::bytea) WHERE stream_id = $1 AND stream_version = 2`, [id]);
        const report = await store.verifyStream(id);
        expect(report.firstBroken?.streamVersion).toBe(2);
      });

      it('verifyAll walks every stream and reports the first broken link', async () => {
        const before = await store.verifyAll();
        expect(before.ok).toBe(false); // the streams tampered above are still there
        const fresh = await createTestDatabase(kind);
        try {
          const s = new SqlEventStore(fresh.db, schemas(), new SqlSubjectKeyStore(fresh.db, randomBytes(32)), clock);
          const ids = [stream('a'), stream('b'), stream('c')];
          for (const id of ids) await appendOne(s, id, 'no_stream', events(3));
          const progress: number[] = [];
          await expect(s.verifyAll({ onProgress: (n) => progress.push(n) })).resolves.toEqual({ ok: true, streamsChecked: 3, eventsChecked: 9, firstBroken: null });
          expect(progress.at(-1)).toBe(9);
          const target = ids.sort()[1]!;
          await tamper(fresh.db, `UPDATE events SET data = '{"n": 42}' WHERE stream_id = $1 AND stream_version = 3`, [target]);
          await expect(s.verifyAll()).resolves.toMatchObject({ ok: false, firstBroken: { streamId: target, streamVersion: 3, reason: 'hash_mismatch' } });
          await tamper(fresh.db, 'DELETE FROM events WHERE stream_id = $1', [target]);
          await expect(s.verifyAll()).resolves.toMatchObject({ ok: false, firstBroken: { streamId: target, reason: 'orphan_stream_head' } });
        } finally {
          await fresh.drop();
        }
      });
    }
  });

  describe('personal data', () => {
    const person = (subjectId: string) => ({
      person: { subjectId, name: 'Kovács Éva', email: 'eva@example.hu' },
      kind: 'bill_objection',
      witnesses: [{ name: 'Nagy Péter' }, { name: 'Szabó Anna' }],
    });

    // These read and move the raw rows with SQL; the KurrentDB block reads the raw event with its client.
    if (sql) {
      it('stores personal fields as ciphertext bound to stream and event, and reads them back', async () => {
        const id = stream();
        const subject = randomUUID();
        await appendOne(store, id, 'no_stream', [event('PersonRecorded', person(subject))]);
        const { rows } = await db.query<{ data: Record<string, any> }>('SELECT data FROM events WHERE stream_id = $1', [id]);
        const raw = JSON.stringify(rows[0]!.data);
        expect(raw).not.toContain('Kovács');
        expect(raw).not.toContain('eva@example.hu');
        expect(raw).not.toContain('Nagy');
        expect(rows[0]!.data.person.name).toMatchObject({ $enc: 'A256GCM', sub: subject });
        expect(rows[0]!.data.kind).toBe('bill_objection');
        const [read] = await store.readStream(id);
        expect(read!.data).toEqual(person(subject));
        expect(read!.erasedFields).toEqual([]);
      });

      it('a ciphertext moved to another event does not decrypt', async () => {
        const subject = randomUUID();
        const a = stream();
        const b = stream();
        await appendOne(store, a, 'no_stream', [event('PersonRecorded', person(subject))]);
        await appendOne(store, b, 'no_stream', [event('PersonRecorded', { ...person(subject), person: { subjectId: subject, name: 'X', email: 'x@x.hu' } })]);
        await tamper(db, `UPDATE events SET data = (SELECT data FROM events WHERE stream_id = $1) WHERE stream_id = $2`, [a, b]);
        await expect(store.readStream(b)).rejects.toThrow();
      });
    }

    it('destroying the subject key erases the personal fields, keeps the other facts, and verify still passes', async () => {
      const id = stream();
      const subject = randomUUID();
      const other = randomUUID();
      await appendOne(store, id, 'no_stream', [event('PersonRecorded', person(subject)), event('PersonRecorded', person(other))]);
      await expect(keys.destroy(subject, 'R-RET-03 retention expired')).resolves.toEqual({ destroyed: true });
      const [erased, kept] = await store.readStream(id);
      expect(erased!.data).toEqual({ person: { subjectId: subject, name: null, email: null }, kind: 'bill_objection', witnesses: [{ name: null }, { name: null }] });
      expect([...erased!.erasedFields].sort()).toEqual(['person.email', 'person.name', 'witnesses.0.name', 'witnesses.1.name']);
      expect(kept!.data).toEqual(person(other));
      await expect(store.verifyStream(id)).resolves.toMatchObject({ ok: true, eventsChecked: 2 });
      // A second store instance (another process) has no cached key either.
      const elsewhere = newStore(schemas(), new SqlSubjectKeyStore(db, masterKey));
      expect((await elsewhere.readStream(id))[0]!.erasedFields.length).toBe(4);
      await expect(keys.isDestroyed(subject)).resolves.toBe(true);
      await expect(appendOne(store, id, 'any', [event('PersonRecorded', person(subject))])).rejects.toMatchObject({ code: 'PERSONAL_DATA.SUBJECT_ERASED' });
    });
  });

  describe('appends with a known head (the fast path)', () => {
    it('chains from the head the writer saw, answers the new head, and verifies', async () => {
      const id = stream();
      const first = await appendOne(store, id, 'no_stream', events(2));
      const head = first.status === 'appended' ? first.streams[0]!.headHash : '';
      const read = await store.readStream(id);
      expect(head).toBe(read.at(-1)!.hash);
      const second = await store.append({ streams: [{ streamId: id, streamType: 'case', expectedVersion: 2, expectedHead: head, events: events(3) }] });
      expect(second).toMatchObject({ status: 'appended', streams: [{ nextVersion: 5 }] });
      expect(second.status === 'appended' && second.streams[0]!.headHash).toBe((await store.readStream(id)).at(-1)!.hash);
      await expect(store.verifyStream(id)).resolves.toMatchObject({ ok: true, eventsChecked: 5 });
    });

    it('a wrong head never breaks the chain: the append is judged again by the full check', async () => {
      const id = stream();
      await appendOne(store, id, 'no_stream', events(1));
      const wrongHead = 'f'.repeat(64);
      await expect(store.append({ streams: [{ streamId: id, streamType: 'case', expectedVersion: 1, expectedHead: wrongHead, events: events(1) }] })).resolves.toMatchObject({ status: 'appended', streams: [{ nextVersion: 2 }] });
      await expect(store.verifyStream(id)).resolves.toMatchObject({ ok: true, eventsChecked: 2 });
      const stale = await store.append({ streams: [{ streamId: id, streamType: 'case', expectedVersion: 1, expectedHead: wrongHead, events: events(1) }] }).catch((e: unknown) => e);
      expect(stale).toMatchObject({ streamId: id, expected: 1, actual: 2 });
    });

    it('a repeated command and re-appended event ids get the first answer through the fast path too', async () => {
      const id = stream();
      const batch = events(1);
      const command = { commandId: randomUUID(), fingerprint: 'f1', result: { ok: 1 } };
      const first = await store.append({ streams: [{ streamId: id, streamType: 'case', expectedVersion: 0, events: batch }], command });
      expect(first.status).toBe('appended');
      await expect(store.append({ streams: [{ streamId: id, streamType: 'case', expectedVersion: 0, events: batch }] })).resolves.toMatchObject({ status: 'duplicate' });
      const head = first.status === 'appended' ? first.streams[0]!.headHash : '';
      await expect(store.append({ streams: [{ streamId: id, streamType: 'case', expectedVersion: 1, expectedHead: head, events: events(1) }], command })).resolves.toEqual({ status: 'command_repeated', result: { ok: 1 } });
      await expect(store.append({ streams: [{ streamId: id, streamType: 'case', expectedVersion: 1, expectedHead: head, events: events(1) }], command: { ...command, fingerprint: 'f2' } })).rejects.toBeInstanceOf(CommandIdReusedError);
      expect((await store.readStream(id)).length).toBe(1);
    });

    it('concurrent appends to many streams each stay atomic and chained', async () => {
      const ids = Array.from({ length: 12 }, () => stream('group'));
      const heads = new Map<string, { version: number; hash: string }>();
      await Promise.all(
        ids.map(async (id) => {
          for (let i = 0; i < 6; i++) {
            const head = heads.get(id);
            const result = await store.append({ streams: [{ streamId: id, streamType: 'case', expectedVersion: head?.version ?? 0, ...(head ? { expectedHead: head.hash } : {}), events: events(1 + (i % 3)) }] });
            if (result.status !== 'appended') throw new Error(result.status);
            heads.set(id, { version: result.streams[0]!.nextVersion, hash: result.streams[0]!.headHash });
          }
        }),
      );
      for (const id of ids) {
        const read = await store.readStream(id);
        expect(read.length).toBe(12);
        expect(read.at(-1)!.hash).toBe(heads.get(id)!.hash);
        await expect(store.verifyStream(id)).resolves.toMatchObject({ ok: true });
      }
    });
  });

  describe('locked appends', () => {
    it('hands the locked heads to the builder and appends in the same transaction', async () => {
      const register = stream('register');
      const result = await store.appendLocked([register], (heads) => ({
        streams: [{ streamId: register, streamType: 'register', expectedVersion: heads.get(register)!.version, events: [event('NumberAllocated', { number: heads.get(register)!.version + 1 })] }],
      }));
      expect(result).toMatchObject({ status: 'appended', streams: [{ nextVersion: 1 }] });
      expect((await store.readStream(register))[0]!.data).toEqual({ number: 1 });
    });

    it('a failing builder leaves nothing behind', async () => {
      const register = stream('register');
      await expect(store.appendLocked([register], () => Promise.reject(new Error('decide refused')))).rejects.toThrow('decide refused');
      await expect(store.streamHead(register)).resolves.toEqual({ streamId: register, streamType: null, version: 0 });
      await expect(appendOne(store, register, 'no_stream')).resolves.toMatchObject({ status: 'appended' });
    });
  });

  if (kind === 'kurrentdb') {
    describe('KurrentDB', () => {
      const rawEvents = async (streamId: string) => {
        const read = [];
        for await (const resolved of kurrent!.readStream(`${streamPrefix}${streamId}`, { direction: FORWARDS, fromRevision: START })) if (resolved.event) read.push(resolved.event);
        return read;
      };

      it('stores personal fields as ciphertext in the event itself', async () => {
        const id = stream();
        const subject = randomUUID();
        await appendOne(store, id, 'no_stream', [event('PersonRecorded', { person: { subjectId: subject, name: 'Kovács Éva', email: 'eva@example.hu' }, witnesses: [] })]);
        const [raw] = await rawEvents(id);
        expect(JSON.stringify(raw!.data)).not.toContain('Kovács');
        expect((raw!.data as { person: { name: unknown } }).person.name).toMatchObject({ $enc: 'A256GCM', sub: subject });
        expect((await store.readStream(id))[0]!.data).toMatchObject({ person: { name: 'Kovács Éva' } });
      });

      it('an event written around the adapter with a forged hash breaks the chain where it stands', async () => {
        const id = stream();
        await appendOne(store, id, 'no_stream', events(2));
        const [, second] = await rawEvents(id);
        const forged = jsonEvent({ type: 'Noted', data: { n: 99 }, metadata: { ...(second!.metadata as Record<string, string>), 'hc.prevHash': (second!.metadata as Record<string, string>)['hc.hash']! } });
        await kurrent!.appendToStream(`${streamPrefix}${id}`, forged, { streamState: 1n });
        await expect(store.verifyStream(id)).resolves.toMatchObject({ ok: false, firstBroken: { streamId: id, streamVersion: 3, reason: 'hash_mismatch' } });
      });

      it('exactly one of 8 concurrent appends at the same expected version wins', async () => {
        const id = stream();
        await appendOne(store, id, 'no_stream');
        const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => appendOne(store, id, 1, events(2))));
        expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBe(1);
        for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ streamId: id, expected: 1, actual: 3 });
        await expect(store.verifyStream(id)).resolves.toMatchObject({ ok: true, eventsChecked: 3 });
      });

      it('concurrent locked appends to one register get gapless numbers without locks', async () => {
        const register = stream('register');
        await Promise.all(
          Array.from({ length: 10 }, () =>
            store.appendLocked([register], (heads) => {
              const next = heads.get(register)!.version + 1;
              return { streams: [{ streamId: register, streamType: 'register', expectedVersion: next - 1, events: [event('NumberAllocated', { number: next })] }] };
            }),
          ),
        );
        expect((await store.readStream(register)).map((e) => (e.data as { number: number }).number)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
      });
    });
  }

  if (kind === 'postgres') {
    describe('concurrency (PostgreSQL)', () => {
      it('exactly one of 8 concurrent appends at the same expected version wins', async () => {
        const id = stream();
        await appendOne(store, id, 'no_stream');
        const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => appendOne(store, id, 1, events(2))));
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won.length).toBe(1);
        expect(lost.length).toBe(7);
        for (const loss of lost) expect(loss.reason).toMatchObject({ streamId: id, expected: 1, actual: 3 });
        expect((await store.readStream(id)).length).toBe(3);
      });

      it('exactly one of 8 concurrent creations with no_stream wins', async () => {
        const id = stream();
        const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => appendOne(store, id, 'no_stream')));
        expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBe(1);
        for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(WrongExpectedVersionError);
      });

      it('concurrent locked appends to one register get gapless numbers', async () => {
        const register = stream('register');
        await Promise.all(
          Array.from({ length: 20 }, () =>
            store.appendLocked([register], (heads) => {
              const next = heads.get(register)!.version + 1;
              return { streams: [{ streamId: register, streamType: 'register', expectedVersion: next - 1, events: [event('NumberAllocated', { number: next })] }] };
            }),
          ),
        );
        const numbers = (await store.readStream(register)).map((e) => (e.data as { number: number }).number);
        expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      });

      it('appends to different streams never wait on each other', async () => {
        const blocked = stream();
        const free = stream();
        await appendOne(store, blocked, 'no_stream');
        await appendOne(store, free, 'no_stream');
        const holder = new PostgresDatabase(testDb.url!, { maxConnections: 1 });
        const session = await holder.session();
        try {
          await session.query('BEGIN');
          await session.query('SELECT 1 FROM streams WHERE stream_id = $1 FOR UPDATE', [blocked]);
          let blockedDone = false;
          const waiting = appendOne(store, blocked, 'any').then(() => (blockedDone = true));
          await expect(appendOne(store, free, 'any')).resolves.toMatchObject({ status: 'appended' });
          expect(blockedDone).toBe(false);
          await session.query('COMMIT');
          await waiting;
          expect(blockedDone).toBe(true);
        } finally {
          await session.release();
          await holder.close();
        }
      });

      it('locked appends that create subject keys do not deadlock a small pool', async () => {
        const small = new PostgresDatabase(testDb.url!, { maxConnections: 2 });
        try {
          const s = new SqlEventStore(small, schemas(), new SqlSubjectKeyStore(small, masterKey), clock);
          const register = stream('register');
          await Promise.all(
            Array.from({ length: 8 }, (_, i) =>
              s.appendLocked([register], (heads) => ({
                streams: [{ streamId: register, streamType: 'register', expectedVersion: heads.get(register)!.version, events: [event('PersonRecorded', { person: { subjectId: randomUUID(), name: `Person ${i}`, email: null } })] }],
              })),
            ),
          );
          expect((await s.readStream(register)).map((e) => (e.data as { person: { name: string } }).person.name).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `Person ${i}`).sort());
        } finally {
          await small.close();
        }
      });

      it('a fast append to one stream never waits on another stream a transaction holds', async () => {
        const blocked = stream();
        const free = stream();
        const heads = new Map<string, string>();
        for (const id of [blocked, free]) {
          const r = await appendOne(store, id, 'no_stream');
          heads.set(id, r.status === 'appended' ? r.streams[0]!.headHash : '');
        }
        const holder = new PostgresDatabase(testDb.url!, { maxConnections: 1 });
        const session = await holder.session();
        try {
          await session.query('BEGIN');
          await session.query('SELECT 1 FROM streams WHERE stream_id = $1 FOR UPDATE', [blocked]);
          let blockedDone = false;
          const waiting = store
            .append({ streams: [{ streamId: blocked, streamType: 'case', expectedVersion: 1, expectedHead: heads.get(blocked)!, events: events(1) }] })
            .then(() => (blockedDone = true));
          await expect(store.append({ streams: [{ streamId: free, streamType: 'case', expectedVersion: 1, expectedHead: heads.get(free)!, events: events(1) }] })).resolves.toMatchObject({ status: 'appended' });
          expect(blockedDone).toBe(false);
          await session.query('COMMIT');
          await waiting;
          expect(blockedDone).toBe(true);
          await expect(store.verifyStream(blocked)).resolves.toMatchObject({ ok: true, eventsChecked: 2 });
        } finally {
          await session.release();
          await holder.close();
        }
      });

      it('exactly one of 8 concurrent fast appends at the same version and head wins', async () => {
        const id = stream();
        const r = await appendOne(store, id, 'no_stream');
        const head = r.status === 'appended' ? r.streams[0]!.headHash : '';
        const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => store.append({ streams: [{ streamId: id, streamType: 'case', expectedVersion: 1, expectedHead: head, events: events(2) }] })));
        expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBe(1);
        for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ streamId: id, expected: 1, actual: 3 });
        await expect(store.verifyStream(id)).resolves.toMatchObject({ ok: true, eventsChecked: 3 });
      });

      it('a reader catching up while 8 writers append 10,000 events sees every event exactly once in one order', async () => {
        const reader = await createTestDatabase('postgres');
        const writers = new SqlEventStore(reader.db, schemas(), new SqlSubjectKeyStore(reader.db, randomBytes(32)), clock);
        // A slow writer keeps its transaction open after inserting, so later positions commit first.
        const slow = new PostgresDatabase(reader.url!, { maxConnections: 1 });
        try {
          const total = 10_000;
          const perWriter = total / 8;
          const seen: RecordedEvent[] = [];
          let done = false;
          const readLoop = (async () => {
            let checkpoint = START_OF_LOG;
            while (!done || seen.length < total) {
              const batch = await writers.readAll({ after: checkpoint, limit: 700 });
              seen.push(...batch.events);
              checkpoint = batch.checkpoint;
              if (batch.events.length === 0) await new Promise((r) => setTimeout(r, 5));
              if (seen.length > total) break;
            }
          })();
          const slowWriter = (async () => {
            await new Promise((r) => setTimeout(r, 50));
            return slow.transaction(async (tx) => {
              const e = event();
              const at = clock.now().toISOString();
              const parts = canonicalEventParts({ data: e.data, eventId: e.eventId, metadata: e.metadata, recordedAt: at, schemaVersion: 1, streamId: 'slow', type: e.type });
              const { rows } = await tx.query<{ r: { streams: Array<{ positions: number[] }> } }>('SELECT es_append($1::jsonb, $2::jsonb) AS r', [
                JSON.stringify([{ id: 'slow', type: 'case', expected: 'no_stream' }]),
                JSON.stringify([{ s: 0, id: e.eventId, type: e.type, sv: 1, data: e.data, meta: e.metadata, at, pre: parts.prefix, suf: parts.suffix }]),
              ]);
              await tx.query('SELECT pg_sleep(0.4)');
              const committed = await reader.db.query<{ max: string }>('SELECT max(global_position)::text AS max FROM events');
              return { position: rows[0]!.r.streams[0]!.positions[0]!, maxCommittedBefore: Number(committed.rows[0]!.max) };
            });
          })();
          const [late] = await Promise.all([
            slowWriter,
            ...Array.from({ length: 8 }, async (_, w) => {
              const mine = stream(`w${w}`);
              let head: string | undefined;
              for (let i = 0; i < perWriter - (w === 0 ? 1 : 0); i += 1) {
                const result = await writers.append({ streams: [{ streamId: mine, streamType: 'case', expectedVersion: i, ...(head ? { expectedHead: head } : {}), events: [event('Noted', { w, i })] }] });
                head = result.status === 'appended' ? result.streams[0]!.headHash : undefined;
              }
            }),
          ]);
          done = true;
          await readLoop;
          const ids = seen.map((e) => e.eventId);
          expect(ids.length).toBe(total);
          expect(new Set(ids).size).toBe(total);
          const later = await writers.readAll({ limit: total + 10 });
          expect(later.events.map((e) => e.eventId)).toEqual(ids);
          // Events with higher positions committed while the slow one was open: a reader going
          // by position alone would have passed it by. This one saw it, once.
          expect(late.maxCommittedBefore).toBeGreaterThan(late.position);
          expect(seen.filter((e) => e.streamId === 'slow').length).toBe(1);
          // Each stream's versions arrive in order.
          const lastVersion = new Map<string, number>();
          for (const e of seen) {
            expect(e.streamVersion).toBe((lastVersion.get(e.streamId) ?? 0) + 1);
            lastVersion.set(e.streamId, e.streamVersion);
          }
        } finally {
          await slow.close();
          await reader.drop();
        }
      }, 60_000);
    });
  }
});
