import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import type { EventStore } from '../../src/application/ports/event-store.port.js';
import type { Database } from '../../src/infrastructure/persistence/database.js';
import { PostgresDatabase } from '../../src/infrastructure/persistence/postgres.database.js';
import { ProjectionStatusService } from '../../src/infrastructure/projections/projection-status.service.js';
import { ProjectionsService } from '../../src/infrastructure/projections/projections.service.js';
import { foldDocuments } from '../../src/projections/testing/projection-specification.js';
import {
  type CaseNotesDoc,
  KillableDatabase,
  RecordingLogger,
  allEvents,
  appendCase,
  appendTo,
  caseEvent,
  appliedIds,
  caseNotesProjection,
  keepAppending,
  newEventStore,
  readDocuments,
  storedCheckpoint,
  waitFor,
} from '../support/projection-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.js';

jest.setTimeout(60_000);

const runnerOptions = { batchSize: 25, pollIntervalMs: 50, leaseRetryMs: 50, retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 } };

describe('projection runner under failure on postgres', () => {
  let testDb: TestDatabase;
  let db: Database;
  let store: EventStore;
  const cleanups: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    testDb = await createTestDatabase('postgres');
    db = testDb.db;
    store = newEventStore(db);
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await testDb.drop();
  });

  /** Every event applied exactly once: each document's applied ids equal an in-memory fold's, in order. */
  async function expectExactlyOnce(): Promise<Record<string, CaseNotesDoc>> {
    const { events } = await allEvents(store);
    const expected = Object.fromEntries(foldDocuments(caseNotesProjection(), events));
    return waitFor(
      async () => {
        const docs = await readDocuments<CaseNotesDoc>(db, 'case_notes');
        const matches =
          Object.keys(docs).length === Object.keys(expected).length &&
          Object.entries(expected).every(([id, doc]) => {
            const actual = docs[id];
            return actual !== undefined && actual.notes === doc.notes && JSON.stringify(appliedIds(actual)) === JSON.stringify(doc.applied);
          });
        return matches ? docs : undefined;
      },
      { what: 'every event applied exactly once', timeoutMs: 30_000 },
    );
  }

  it('a runner killed between batches, or inside one after its documents were written, is succeeded by one that applies nothing twice and misses nothing', async () => {
    const cases = Array.from({ length: 20 }, (_, i) => `case-${String(i).padStart(2, '0')}`);
    for (const id of cases) await appendCase(store, id, 30);
    const appender = keepAppending(store, cases, { everyMs: 1 });
    const logger = new RecordingLogger();
    const killPoints = [
      // Between batches: as the next batch's transaction starts, the previous one committed.
      { at: /FROM projection_checkpoints WHERE name = \$1 FOR UPDATE/, occurrence: 4 },
      // Inside a batch: its documents are written, its checkpoint not yet.
      { at: /UPDATE projection_checkpoints\s+SET transaction_id/, occurrence: 3 },
      { at: /FROM projection_checkpoints WHERE name = \$1 FOR UPDATE/, occurrence: 2 },
    ];
    const killedAt: number[] = [];

    for (const point of [...killPoints, undefined]) {
      const killable = new KillableDatabase(testDb.url!, `projection-kill-${randomUUID().slice(0, 8)}`);
      const killed = point ? killable.killAt(point.at, point.occurrence) : undefined;
      const service = new ProjectionsService(killable, newEventStore(killable), [caseNotesProjection()], runnerOptions, logger);
      await service.start();
      if (!killed) {
        cleanups.push(async () => {
          await service.stop();
          await killable.close();
        });
        break;
      }
      await killed;
      killedAt.push((await storedCheckpoint(db, 'case_notes'))!.position);
      await service.stop();
      await killable.close();
    }
    const appended = await appender.stop();

    const docs = await expectExactlyOnce();
    expect(appended).toBeGreaterThan(0);
    // Each runner got somewhere before it died, and the next went on from there.
    expect(killedAt).toHaveLength(3);
    expect(killedAt[0]).toBeGreaterThan(0);
    expect(killedAt[1]).toBeGreaterThan(killedAt[0]!);
    expect(killedAt[2]).toBeGreaterThan(killedAt[1]!);
    for (const doc of Object.values(docs)) expect(new Set(doc.applied).size).toBe(doc.applied.length);
    const { head } = await allEvents(store);
    await waitFor(async () => (await storedCheckpoint(db, 'case_notes'))?.position === head.position, { what: 'checkpoint at head' });
  });

  it('two instances of one projection never both apply: the lease holder runs it, the other takes over when it stops', async () => {
    const cases = Array.from({ length: 6 }, (_, i) => `case-${i}`);
    for (const id of cases) await appendCase(store, id, 20);
    const instances = ['A', 'B'].map((tag) => {
      const own = new PostgresDatabase(testDb.url!, { maxConnections: 5 });
      const service = new ProjectionsService(own, newEventStore(own), [caseNotesProjection({ tag })], runnerOptions, new RecordingLogger());
      cleanups.push(async () => {
        await service.stop();
        await own.close();
      });
      return { tag, db: own, service, status: new ProjectionStatusService(own, service) };
    });
    const [a, b] = instances as [(typeof instances)[number], (typeof instances)[number]];

    await a.service.start();
    await waitFor(() => a.service.isLeaseHeld('case_notes') || undefined, { what: 'A takes the lease' });
    await b.service.start();
    const appender = keepAppending(store, cases);
    let bothHeld = false;
    const watch = setInterval(() => {
      if (a.service.isLeaseHeld('case_notes') && b.service.isLeaseHeld('case_notes')) bothHeld = true;
    }, 5);
    try {
      // B keeps trying (every 50 ms) while A runs.
      await waitFor(() => b.service.runner('case_notes')?.snapshot().state === 'starting' || undefined, { what: 'B waiting' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await appender.stop();
      const docs = await expectExactlyOnce();
      // Everything so far was applied by A alone.
      expect(Object.values(docs).flatMap((doc) => doc.applied).every((entry) => entry.startsWith('A:'))).toBe(true);
      const seenByB = (await b.status.statuses())[0]!;
      expect(seenByB).toMatchObject({ leaseHeld: false, leaseHolder: 'another_instance' });
      expect((await a.status.statuses())[0]).toMatchObject({ leaseHeld: true, leaseHolder: 'this_instance', state: 'live' });

      await a.service.stop();
      await waitFor(() => b.service.isLeaseHeld('case_notes') || undefined, { what: 'B takes over' });
      const more = keepAppending(store, cases);
      await waitFor(async () => {
        const docs = await readDocuments<CaseNotesDoc>(db, 'case_notes');
        return Object.values(docs).some((doc) => doc.applied.some((entry) => entry.startsWith('B:'))) || undefined;
      }, { what: 'B applying' });
      await more.stop();
      const after = await expectExactlyOnce();
      for (const doc of Object.values(after)) {
        // A's entries, then B's: one hand-over, no event in both.
        const firstB = doc.applied.findIndex((entry) => entry.startsWith('B:'));
        if (firstB >= 0) expect(doc.applied.slice(firstB).every((entry) => entry.startsWith('B:'))).toBe(true);
      }
    } finally {
      clearInterval(watch);
    }
    expect(bothHeld).toBe(false);
  });
  it('an operator in another process resumes a parked projection: the request reaches the running instance by NOTIFY', async () => {
    const poison = { enabled: true };
    await appendCase(store, 'case-a', 2);
    await appendTo(store, 'case-a', [caseEvent('NoteAdded', { poison: true }), caseEvent('CaseClosed')]);
    const running = new ProjectionsService(db, store, [caseNotesProjection({ poison })], { ...runnerOptions, pollIntervalMs: 600_000 }, new RecordingLogger());
    cleanups.push(() => running.stop());
    const status = new ProjectionStatusService(db, running);
    await running.start();
    await waitFor(async () => (await status.statuses())[0]!.parkedEvent ?? undefined, { what: 'parked' });

    const operatorDb = new PostgresDatabase(testDb.url!, { maxConnections: 2 });
    const operator = new ProjectionsService(operatorDb, newEventStore(operatorDb), [caseNotesProjection()], { autoStart: false }, new RecordingLogger());
    cleanups.push(async () => {
      await operator.stop();
      await operatorDb.close();
    });
    const operatorView = (await new ProjectionStatusService(operatorDb, operator).statuses())[0]!;
    expect(operatorView).toMatchObject({ state: 'parked', healthy: false, leaseHeld: false, leaseHolder: 'another_instance' });

    poison.enabled = false;
    await operator.resume('case_notes');
    // The running instance polls every ten minutes: only the control NOTIFY can have woken it.
    const docs = await waitFor(async () => {
      const current = await readDocuments<CaseNotesDoc>(db, 'case_notes');
      return current['case-a']?.status === 'closed' ? current : undefined;
    }, { what: 'resumed by the other process', timeoutMs: 5000 });
    expect(docs['case-a']!.notes).toBe(3);
    await expectExactlyOnce();
  });
});
