import { randomBytes, randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { CommandPipeline, type CommandSpec } from '../../src/application/command-pipeline/command-pipeline.js';
import { EVENT_STORE, type EventStore } from '../../src/application/ports/event-store.port.js';
import { CONSEQUENCE_ROUTER, SCHEDULER_ACTOR, type ConsequenceRouter } from '../../src/application/scheduling/consequence-router.js';
import { loadConfig } from '../../src/infrastructure/config/app-config.js';
import { PersistenceModule } from '../../src/infrastructure/persistence/persistence.module.js';
import { ProjectionsModule } from '../../src/infrastructure/projections/projections.module.js';
import { ConsequenceScheduler } from '../../src/infrastructure/scheduler/consequence-scheduler.js';
import { SchedulerModule } from '../../src/infrastructure/scheduler/scheduler.module.js';
import { ProjectionsService } from '../../src/infrastructure/projections/projections.service.js';
import { consequenceScheduleProjection } from '../../src/projections/consequence-schedule/consequence-schedule.projection.js';
import { reminderDecider, REMINDER_STREAM_TYPE, type ReminderCommand, type ReminderEvent, type ReminderState } from '../support/reminder-decider.js';
import { TestClock } from '../support/test-clock.js';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-databases.js';
import { DOCUMENT_READ_STORE, type DocumentReadStore } from '../../src/application/ports/read-model.port.js';
import { KURRENTDB, MONGODB, createMongoTestDatabase, selectEngines } from '../support/engines.js';

const spec = (streamId: string): CommandSpec<ReminderCommand, ReminderEvent, ReminderState, unknown> => ({
  decider: reminderDecider,
  streamId,
  streamType: REMINDER_STREAM_TYPE,
  policy: () => ({ id: 'none', policy: null }),
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** kurrentdb: the log in KurrentDB (SQL: PGlite); mongodb: the schedule and its claims in MongoDB. Each only where its URL is set. */
const KINDS = selectEngines('durable scheduler contract', DATABASE_KINDS, [KURRENTDB, MONGODB]);

describe.each(KINDS)('durable scheduler on %s', (kind) => {
  let testDb: TestDatabase;
  let clock: TestClock;
  let modules: TestingModule[] = [];
  let mongo: Awaited<ReturnType<typeof createMongoTestDatabase>> | undefined;
  let engines: Record<string, string> = {};
  const masterKey = randomBytes(32).toString('base64');

  /** One instance of the service's scheduler (its own Nest module over the same database). */
  async function instance(): Promise<{ scheduler: ConsequenceScheduler; pipeline: CommandPipeline; store: EventStore; projections: ProjectionsService; reads: DocumentReadStore }> {
    const config = loadConfig({ PII_MASTER_KEY: masterKey, LOG_LEVEL: 'silent', ...engines });
    const module = await Test.createTestingModule({
      imports: [
        PersistenceModule.forRoot({ config, database: testDb.db, clock, migrate: false }),
        ProjectionsModule.forRoot({ projections: [consequenceScheduleProjection], options: { pollIntervalMs: 50 }, logger: { log: () => undefined, warn: () => undefined, error: () => undefined } }),
        SchedulerModule.forRoot({ enabled: false, intervalMs: 50, retryAfterMs: 60_000 }),
      ],
    }).compile();
    await module.init();
    modules.push(module);
    const pipeline = module.get(CommandPipeline);
    module.get<ConsequenceRouter>(CONSEQUENCE_ROUTER).register(REMINDER_STREAM_TYPE, (streamId, command, commandId) =>
      pipeline.execute(spec(streamId), { command: command as ReminderCommand, commandId, actor: SCHEDULER_ACTOR, channel: 'system', correlationId: commandId }),
    );
    return { scheduler: module.get(ConsequenceScheduler), pipeline, store: module.get<EventStore>(EVENT_STORE), projections: module.get(ProjectionsService), reads: module.get<DocumentReadStore>(DOCUMENT_READ_STORE) };
  }

  beforeEach(async () => {
    testDb = await createTestDatabase(kind === 'postgres' ? 'postgres' : 'pglite');
    clock = new TestClock('2026-03-02T09:00:00.000Z');
    modules = [];
    engines = {};
    if (kind === 'kurrentdb') engines = { EVENT_STORE: 'kurrentdb', KURRENTDB_URL: process.env.KURRENTDB_URL!, KURRENTDB_STREAM_PREFIX: `scheduler-${randomUUID().slice(0, 8)}/` };
    if (kind === 'mongodb') {
      mongo = await createMongoTestDatabase();
      engines = { READ_STORE: 'mongodb', MONGODB_URL: mongo.url };
    }
  });
  afterEach(async () => {
    for (const module of modules) await module.close();
    await mongo?.drop();
    mongo = undefined;
    await testDb.drop();
  });

  const clerk = { userId: 'clerk-1', role: 'clerk' as const, unit: 'cso-budapest' };
  async function setReminder(pipeline: CommandPipeline, streamId: string, dueDate: string): Promise<void> {
    await pipeline.execute(spec(streamId), { command: { type: 'SetReminder', data: { dueDate, streamId } }, commandId: randomUUID(), actor: clerk, channel: 'letter', correlationId: randomUUID() });
  }
  const rings = async (store: EventStore, streamId: string) => (await store.readStream(streamId)).filter((e) => e.type === 'ReminderRang').length;
  /** Consequences in the schedule with a status, read through the read store of the kind (none while its table is not built). */
  const scheduled = async (on: { reads: DocumentReadStore }, status: string) =>
    (await on.reads.find('consequence_schedule', { where: { status }, limit: 500 })).items.length;

  it('R-CON-08: a consequence fires by itself once the clock passes its due date, exactly once', async () => {
    const { scheduler, pipeline, store, reads } = await instance();
    const id = `reminder-${randomUUID()}`;
    await setReminder(pipeline, id, '2026-04-01');
    await waitFor(async () => (await scheduled({ reads }, 'pending')) === 1);
    await expect(scheduler.runDue()).resolves.toEqual({ executed: 0, alreadySettled: 0, failed: 0 });
    clock.set('2026-03-31T21:59:00.000Z'); // 23:59 in Budapest on 31 March: not yet due
    await expect(scheduler.runDue()).resolves.toMatchObject({ executed: 0 });
    clock.set('2026-03-31T22:00:00.000Z'); // midnight in Budapest (summer time): due
    await expect(scheduler.runDue()).resolves.toEqual({ executed: 1, alreadySettled: 0, failed: 0 });
    await waitFor(async () => (await scheduled({ reads }, 'executed')) === 1);
    await expect(scheduler.runDue()).resolves.toEqual({ executed: 0, alreadySettled: 0, failed: 0 });
    expect(await rings(store, id)).toBe(1);
    const rang = (await store.readStream(id)).find((e) => e.type === 'ReminderRang')!;
    expect(rang.metadata).toMatchObject({ actor: { userId: 'system:scheduler' }, channel: 'system' });
  });

  it('a consequence cancelled because the case moved on first never fires', async () => {
    const { scheduler, pipeline, store, reads } = await instance();
    const id = `reminder-${randomUUID()}`;
    await setReminder(pipeline, id, '2026-03-10');
    await pipeline.execute(spec(id), { command: { type: 'DismissReminder', data: {} }, commandId: randomUUID(), actor: clerk, channel: 'letter', correlationId: randomUUID() });
    await waitFor(async () => (await scheduled({ reads }, 'cancelled')) === 1);
    clock.set('2026-04-01T09:00:00.000Z');
    await expect(scheduler.runDue()).resolves.toEqual({ executed: 0, alreadySettled: 0, failed: 0 });
    expect(await rings(store, id)).toBe(0);
  });

  it('a run repeated before the schedule caught up (a crash, a restart) appends nothing more', async () => {
    const first = await instance();
    const id = `reminder-${randomUUID()}`;
    await setReminder(first.pipeline, id, '2026-03-10');
    await waitFor(async () => (await scheduled(first, 'pending')) === 1);
    // The schedule stops following the log: the executed consequence stays "pending" in it.
    await first.projections.stop();
    clock.set('2026-03-11T09:00:00.000Z');
    await expect(first.scheduler.runDue()).resolves.toMatchObject({ executed: 1 });
    const restarted = await instance();
    await expect(restarted.scheduler.runDue()).resolves.toMatchObject({ executed: 0, alreadySettled: 1 });
    expect(await rings(restarted.store, id)).toBe(1);
  });

  // Real concurrency needs a server: PostgreSQL's row locks, or MongoDB's claim documents.
  if (kind === 'postgres' || kind === 'mongodb') {
    it('two schedulers running at once fire each due consequence once', async () => {
      const a = await instance();
      const b = await instance();
      const ids = Array.from({ length: 12 }, () => `reminder-${randomUUID()}`);
      for (const id of ids) await setReminder(a.pipeline, id, '2026-03-05');
      await waitFor(async () => (await scheduled(a, 'pending')) === 12);
      clock.set('2026-03-06T09:00:00.000Z');
      const [passA, passB] = await Promise.all([a.scheduler.runDue(), b.scheduler.runDue()]);
      expect(passA.failed + passB.failed).toBe(0);
      for (const id of ids) expect(await rings(a.store, id)).toBe(1);
    });
  }
});
