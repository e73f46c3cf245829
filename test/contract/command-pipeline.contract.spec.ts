import { randomBytes, randomUUID } from 'node:crypto';
import { CommandPipeline, type CommandEnvelope, type CommandSpec, type PipelineContext } from '../../src/application/command-pipeline/command-pipeline.js';
import { ConcurrencyConflictError, StaleVersionError } from '../../src/application/command-pipeline/command-pipeline.errors.js';
import { CommandIdReusedError } from '../../src/application/ports/event-store.errors.js';
import type { AppendRequest, AppendResult, EventStore } from '../../src/application/ports/event-store.port.js';
import type { Decider } from '../../src/domain/shared/decider.js';
import { RuleViolation } from '../../src/domain/shared/domain-error.js';
import { EventSchemaRegistry } from '../../src/domain/shared/event-schema.js';
import { SqlSubjectKeyStore } from '../../src/infrastructure/crypto/subject-key.store.js';
import { SqlEventStore } from '../../src/infrastructure/persistence/event-store/sql.event-store.js';
import { UuidV7IdGenerator } from '../../src/infrastructure/system/uuid-v7.id-generator.js';
import { TestClock } from '../support/test-clock.js';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-databases.js';

type TicketCommand =
  | { type: 'OpenTicket'; data: { title: string } }
  | { type: 'NoteTicket'; data: { text: string } }
  | { type: 'CloseTicket'; data: Record<string, never> };
type TicketEvent =
  | { type: 'TicketOpened'; data: { title: string; number: number | null; policy: string; openedAt: string } }
  | { type: 'TicketNoted'; data: { text: string } }
  | { type: 'TicketClosed'; data: Record<string, never> };
type TicketState = { status: 'none' } | { status: 'open' | 'closed'; notes: number; policy: string };
interface Policy {
  readonly name: string;
}

const REGISTER = 'register-test-2026';

/** A small decider standing in for the case types: enough to exercise the pipeline. */
const ticket: Decider<TicketCommand, TicketEvent, TicketState, PipelineContext<Policy>> = {
  initialState: { status: 'none' },
  evolve(state, event) {
    switch (event.type) {
      case 'TicketOpened':
        return { status: 'open', notes: 0, policy: event.data.policy };
      case 'TicketNoted':
        return state.status === 'none' ? state : { ...state, notes: state.notes + 1 };
      case 'TicketClosed':
        return state.status === 'none' ? state : { ...state, status: 'closed' };
    }
  },
  decide(command, state, context) {
    switch (command.type) {
      case 'OpenTicket':
        if (state.status !== 'none') throw new RuleViolation('TICKET.EXISTS', undefined, 'Ticket exists');
        return [{ type: 'TicketOpened', data: { title: command.data.title, number: context.sequences.get(REGISTER) ?? null, policy: context.policy.name, openedAt: context.now.toISOString() } }];
      case 'NoteTicket':
        if (state.status !== 'open') throw new RuleViolation('TICKET.NOT_OPEN', 'R-CPL-01', 'Ticket is not open');
        return [{ type: 'TicketNoted', data: { text: command.data.text } }];
      case 'CloseTicket':
        return state.status === 'closed' ? [] : [{ type: 'TicketClosed', data: {} }];
    }
  },
};

describe.each(DATABASE_KINDS)('command pipeline on %s', (kind) => {
  let testDb: TestDatabase;
  let store: SqlEventStore;
  let clock: TestClock;
  let pipeline: CommandPipeline;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    clock = new TestClock('2026-02-10T08:00:00.000Z');
    store = new SqlEventStore(testDb.db, new EventSchemaRegistry(), new SqlSubjectKeyStore(testDb.db, randomBytes(32)), clock);
    pipeline = new CommandPipeline(store, clock, new UuidV7IdGenerator());
  });
  afterAll(() => testDb.drop());

  const spec = (streamId: string, options: { numbered?: boolean } = {}): CommandSpec<TicketCommand, TicketEvent, TicketState, Policy> => ({
    decider: ticket,
    streamId,
    streamType: 'ticket',
    policy: (state) => (state.status === 'none' ? { id: 'hu-2026', policy: { name: 'hu-2026' } } : { id: state.policy, policy: { name: state.policy } }),
    sequences: options.numbered
      ? (command) => (command.type === 'OpenTicket' ? [{ streamId: REGISTER, streamType: 'register', eventType: 'RegisterNumberAllocated', eventData: (number, caseId) => ({ number, caseId }) }] : [])
      : undefined,
    result: (state) => ({ status: state.status }),
  });
  const envelope = <C extends TicketCommand>(command: C, extra: Partial<CommandEnvelope<C>> = {}): CommandEnvelope<C> => ({
    command,
    commandId: randomUUID(),
    actor: { userId: 'clerk-7', role: 'clerk', unit: 'cso-debrecen' },
    channel: 'letter',
    correlationId: randomUUID(),
    ...extra,
  });

  it('decides on the folded state and stores events with full metadata', async () => {
    const id = `ticket-${randomUUID()}`;
    const open = envelope({ type: 'OpenTicket', data: { title: 'Radiator cold' } }, { businessTime: new Date('2026-02-09T16:00:00Z') });
    const opened = await pipeline.execute(spec(id), open);
    expect(opened).toEqual({ streamId: id, version: 1, eventTypes: ['TicketOpened'], repeated: false, result: { streamId: id, version: 1, eventTypes: ['TicketOpened'], status: 'open' } });
    const noted = await pipeline.execute(spec(id), envelope({ type: 'NoteTicket', data: { text: 'called back' } }));
    expect(noted.version).toBe(2);
    const [first] = await store.readStream(id);
    expect(first!.data).toEqual({ title: 'Radiator cold', number: null, policy: 'hu-2026', openedAt: '2026-02-10T08:00:00.000Z' });
    expect(first!.metadata).toEqual({
      correlationId: open.correlationId,
      causationId: open.commandId,
      actor: { userId: 'clerk-7', role: 'clerk', unit: 'cso-debrecen' },
      channel: 'letter',
      policyVersion: 'hu-2026',
      businessTime: '2026-02-09T16:00:00.000Z',
      commandId: open.commandId,
    });
  });

  it('a refused command stores nothing, its command id included', async () => {
    const id = `ticket-${randomUUID()}`;
    const note = envelope({ type: 'NoteTicket', data: { text: 'x' } });
    await expect(pipeline.execute(spec(id), note)).rejects.toMatchObject({ code: 'TICKET.NOT_OPEN', rule: 'R-CPL-01' });
    expect(await store.readStream(id)).toEqual([]);
    await expect(store.findCommand(note.commandId)).resolves.toBeUndefined();
  });

  it('a repeated command id returns the first answer and appends nothing; another payload is refused', async () => {
    const id = `ticket-${randomUUID()}`;
    const open = envelope({ type: 'OpenTicket', data: { title: 'Bill too high' } });
    const first = await pipeline.execute(spec(id), open);
    const again = await pipeline.execute(spec(id), open);
    expect(again).toEqual({ ...first, repeated: true });
    expect((await store.readStream(id)).length).toBe(1);
    await expect(pipeline.execute(spec(id), { ...open, command: { type: 'OpenTicket', data: { title: 'Other' } } })).rejects.toBeInstanceOf(CommandIdReusedError);
  });

  it('a command that changes nothing still records its id and answers the current version', async () => {
    const id = `ticket-${randomUUID()}`;
    await pipeline.execute(spec(id), envelope({ type: 'OpenTicket', data: { title: 't' } }));
    await pipeline.execute(spec(id), envelope({ type: 'CloseTicket', data: {} }));
    const again = await pipeline.execute(spec(id), envelope({ type: 'CloseTicket', data: {} }));
    expect(again).toMatchObject({ version: 2, eventTypes: [] });
  });

  it('a stale If-Match version is refused at once, without retry', async () => {
    const id = `ticket-${randomUUID()}`;
    await pipeline.execute(spec(id), envelope({ type: 'OpenTicket', data: { title: 't' } }));
    await pipeline.execute(spec(id), envelope({ type: 'NoteTicket', data: { text: 'a' } }));
    const stale = await pipeline.execute(spec(id), envelope({ type: 'NoteTicket', data: { text: 'b' } }, { expectedVersion: 1 })).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleVersionError);
    expect(stale).toMatchObject({ expected: 1, actual: 2 });
    await expect(pipeline.execute(spec(id), envelope({ type: 'NoteTicket', data: { text: 'b' } }, { expectedVersion: 2 }))).resolves.toMatchObject({ version: 3 });
  });

  /** The real store, with another writer slipping an event in before the first `times` appends. */
  function interfered(times: number, streamId: string): { store: EventStore; interferences: () => number } {
    let count = 0;
    const wrapped: EventStore = Object.create(store) as EventStore;
    wrapped.append = async (request: AppendRequest): Promise<AppendResult> => {
      if (count < times) {
        count++;
        await store.append({ streams: [{ streamId, streamType: 'ticket', expectedVersion: 'exists', events: [{ eventId: randomUUID(), type: 'TicketNoted', data: { text: `other writer ${count}` }, metadata: envelope({ type: 'CloseTicket', data: {} }) as never }] }] });
      }
      return store.append(request);
    };
    return { store: wrapped, interferences: () => count };
  }

  it('retries a conflicting append on fresh state, then succeeds', async () => {
    const id = `ticket-${randomUUID()}`;
    await pipeline.execute(spec(id), envelope({ type: 'OpenTicket', data: { title: 't' } }));
    const busy = interfered(2, id);
    const retrying = new CommandPipeline(busy.store, clock, new UuidV7IdGenerator(), { maxAttempts: 4, backoffMillis: 1 });
    await expect(retrying.execute(spec(id), envelope({ type: 'NoteTicket', data: { text: 'mine' } }))).resolves.toMatchObject({ version: 4 });
    expect(busy.interferences()).toBe(2);
    expect((await store.readStream(id)).map((e) => (e.data as { text?: string }).text)).toEqual([undefined, 'other writer 1', 'other writer 2', 'mine']);
  });

  it('gives up after the bounded number of attempts with a clear conflict error', async () => {
    const id = `ticket-${randomUUID()}`;
    await pipeline.execute(spec(id), envelope({ type: 'OpenTicket', data: { title: 't' } }));
    const busy = interfered(100, id);
    const retrying = new CommandPipeline(busy.store, clock, new UuidV7IdGenerator(), { maxAttempts: 3, backoffMillis: 1 });
    const note = envelope({ type: 'NoteTicket', data: { text: 'mine' } });
    const error = await retrying.execute(spec(id), note).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyConflictError);
    expect(error).toMatchObject({ code: 'COMMAND.CONCURRENCY_CONFLICT', attempts: 3, streamId: id });
    expect((await store.readStream(id)).some((e) => (e.data as { text?: string }).text === 'mine')).toBe(false);
    await expect(store.findCommand(note.commandId)).resolves.toBeUndefined();
  });

  it('reserves a gapless sequence number in the same transaction as the case', async () => {
    const ids = Array.from({ length: kind === 'postgres' ? 30 : 5 }, () => `ticket-${randomUUID()}`);
    await Promise.all(ids.map((id) => pipeline.execute(spec(id, { numbered: true }), envelope({ type: 'OpenTicket', data: { title: id } }))));
    const numbers = await Promise.all(ids.map(async (id) => ((await store.readStream(id))[0]!.data as { number: number }).number));
    expect([...numbers].sort((a, b) => a - b)).toEqual(ids.map((_, i) => i + 1));
    const register = await store.readStream(REGISTER);
    expect(register.map((e) => e.data)).toEqual(expect.arrayContaining(ids.map((id, i) => ({ number: numbers[i], caseId: id }))));
    // A refused registration takes no number.
    const taken = ids[0]!;
    await expect(pipeline.execute(spec(taken, { numbered: true }), envelope({ type: 'OpenTicket', data: { title: 'again' } }))).rejects.toMatchObject({ code: 'TICKET.EXISTS' });
    expect((await store.streamHead(REGISTER)).version).toBe(ids.length);
  });
});
