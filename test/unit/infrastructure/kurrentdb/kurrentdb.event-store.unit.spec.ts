import { randomUUID } from 'node:crypto';
import { CommandIdReusedError, EventIdReusedError, WrongExpectedVersionError } from '../../../../src/application/ports/event-store.errors.js';
import type { EventMetadata, NewEvent } from '../../../../src/application/ports/event-store.port.js';
import { START_OF_LOG } from '../../../../src/application/ports/event-store.port.js';
import type { KeyStore } from '../../../../src/application/ports/key-store.port.js';
import { EventSchemaRegistry } from '../../../../src/domain/shared/event-schema.js';
import { KurrentDbEventStore } from '../../../../src/infrastructure/persistence/kurrentdb/kurrentdb.event-store.js';
import { KurrentDbStandIn } from '../../../support/kurrentdb-stand-in.js';
import { TestClock } from '../../../support/test-clock.js';

/**
 * The adapter's own logic (expectations, retries, duplicates, command records, locked appends,
 * reads, verification) over an in-memory stand-in written from KurrentDB's documented protocol.
 * The stand-in is not a server: the contract suites with KURRENTDB_URL are what prove the adapter.
 */
const noKeys: KeyStore = {
  keyForWriting: () => Promise.reject(new Error('no personal fields here')),
  keysForReading: () => Promise.resolve(new Map()),
  destroy: () => Promise.resolve({ destroyed: false }),
  isDestroyed: () => Promise.resolve(false),
};
const metadata: EventMetadata = { correlationId: 'c', causationId: 'c', actor: { userId: 'u', role: 'clerk', unit: null }, channel: 'phone', policyVersion: 'p', businessTime: '2026-03-02T09:00:00.000Z' };
const event = (n = 0, type = 'Noted'): NewEvent => ({ eventId: randomUUID(), type, data: { n }, metadata });
const events = (count: number) => Array.from({ length: count }, (_, n) => event(n));

describe('KurrentDB event store adapter (over an in-memory stand-in of the protocol)', () => {
  let server: KurrentDbStandIn;
  let store: KurrentDbEventStore;
  const one = (streamId: string, expectedVersion: Parameters<KurrentDbEventStore['append']>[0]['streams'][number]['expectedVersion'], evs = [event()]) =>
    store.append({ streams: [{ streamId, streamType: 'case', expectedVersion, events: evs }] });

  beforeEach(() => {
    server = new KurrentDbStandIn();
    store = new KurrentDbEventStore(server.client, new EventSchemaRegistry(), noKeys, new TestClock(), { streamPrefix: 'a/' });
  });

  it('appends at exact revisions and refuses a wrong expectation naming the actual version', async () => {
    await expect(one('case-1', 'no_stream', events(2))).resolves.toMatchObject({ status: 'appended', streams: [{ nextVersion: 2 }] });
    await expect(one('case-1', 'exists')).resolves.toMatchObject({ streams: [{ nextVersion: 3 }] });
    await expect(one('case-1', 1)).rejects.toMatchObject({ streamId: 'case-1', expected: 1, actual: 3 });
    await expect(one('case-2', 'exists')).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(server.all.filter((r) => r.streamId === 'a/case-1').map((r) => r.revision)).toEqual([0n, 1n, 2n]);
  });

  it('`any` survives another writer moving the stream between the read and the write, and chains on the real head', async () => {
    await one('case-1', 'no_stream');
    let moved = false;
    server.beforeAppend = async () => {
      if (moved) return;
      moved = true;
      server.beforeAppend = undefined;
      await one('case-1', 1);
    };
    await expect(one('case-1', 'any')).resolves.toMatchObject({ status: 'appended', streams: [{ nextVersion: 3 }] });
    await expect(store.verifyStream('case-1')).resolves.toMatchObject({ ok: true, eventsChecked: 3 });
  });

  it('the same event ids again get the first result; used elsewhere, they are refused', async () => {
    const batch = events(2);
    const first = await one('case-1', 'no_stream', batch);
    await expect(one('case-1', 'no_stream', batch)).resolves.toEqual({ ...first, status: 'duplicate' });
    await one('case-1', 2);
    await expect(one('case-1', 1, batch)).rejects.toBeInstanceOf(EventIdReusedError);
    await expect(one('case-1', 3, [batch[0]!, event()])).rejects.toBeInstanceOf(EventIdReusedError);
    await expect(one('case-9', 'no_stream', [batch[1]!])).rejects.toBeInstanceOf(EventIdReusedError);
    expect((await store.readStream('case-1')).length).toBe(3);
  });

  it('the command record goes in with the events or not at all; a repeat gets the stored result', async () => {
    const command = { commandId: 'key-1', fingerprint: 'f1', result: { registerNumber: 7 } };
    await expect(store.append({ streams: [{ streamId: 'case-1', streamType: 'case', expectedVersion: 'exists', events: [event()] }], command })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(store.findCommand('key-1')).resolves.toBeUndefined();
    await store.append({ streams: [{ streamId: 'case-1', streamType: 'case', expectedVersion: 'no_stream', events: [event()] }], command });
    await expect(store.append({ streams: [{ streamId: 'case-1', streamType: 'case', expectedVersion: 'any', events: [event()] }], command })).resolves.toEqual({ status: 'command_repeated', result: { registerNumber: 7 } });
    await expect(store.append({ streams: [{ streamId: 'case-1', streamType: 'case', expectedVersion: 'any', events: [event()] }], command: { ...command, fingerprint: 'f2' } })).rejects.toBeInstanceOf(CommandIdReusedError);
    await expect(store.findCommand('key-1')).resolves.toEqual(command);
    expect((await store.readStream('case-1')).length).toBe(1);
  });

  it('appends to several streams atomically; a guard stream without events is checked with appendRecords', async () => {
    await one('register-1', 'no_stream');
    await expect(store.append({ streams: [{ streamId: 'case-1', streamType: 'case', expectedVersion: 'no_stream', events: events(2) }, { streamId: 'register-1', streamType: 'register', expectedVersion: 0, events: [event()] }] })).rejects.toMatchObject({ streamId: 'register-1', actual: 1 });
    expect(await store.readStream('case-1')).toEqual([]);
    const both = await store.append({ streams: [{ streamId: 'case-1', streamType: 'case', expectedVersion: 'no_stream', events: events(2) }, { streamId: 'register-1', streamType: 'register', expectedVersion: 1, events: [event()] }] });
    expect(both).toMatchObject({ status: 'appended', streams: [{ streamId: 'case-1', nextVersion: 2 }, { streamId: 'register-1', nextVersion: 2 }] });
    const read = [...(await store.readStream('case-1')), ...(await store.readStream('register-1'))].slice(0, 3);
    expect(new Set([read[0]!.transactionId, read[1]!.transactionId]).size).toBe(1);
    await expect(store.append({ streams: [{ streamId: 'case-2', streamType: 'case', expectedVersion: 'any', events: [event()] }, { streamId: 'register-1', streamType: 'register', expectedVersion: 5, events: [] }] })).rejects.toMatchObject({ streamId: 'register-1', expected: 5, actual: 2 });
    expect(await store.readStream('case-2')).toEqual([]);
  });

  it('locked appends build again when the register moved, so numbers stay gapless', async () => {
    const allocate = () =>
      store.appendLocked(['register-1'], (heads) => {
        const next = heads.get('register-1')!.version + 1;
        return { streams: [{ streamId: 'register-1', streamType: 'register', expectedVersion: next - 1, events: [event(next, 'NumberAllocated')] }] };
      });
    await Promise.all(Array.from({ length: 6 }, allocate));
    expect((await store.readStream('register-1')).map((e) => e.data.n)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads $all after a checkpoint in commit order, only its own user streams, batch after batch', async () => {
    await one('case-1', 'no_stream', events(3));
    await store.append({ streams: [{ streamId: 'case-2', streamType: 'case', expectedVersion: 'no_stream', events: events(2) }], command: { commandId: 'k', fingerprint: 'f', result: {} } });
    server.raw('b/case-1', { type: 'Other', data: {}, metadata: {} });
    server.raw('$stats-1', { type: 'Stats', data: {}, metadata: {} });
    const seen: string[] = [];
    let after = START_OF_LOG;
    for (;;) {
      const batch = await store.readAll({ after, limit: 2 });
      if (batch.events.length === 0) break;
      seen.push(...batch.events.map((e) => `${e.streamId}@${e.streamVersion}`));
      after = batch.checkpoint;
    }
    expect(seen).toEqual(['case-1@1', 'case-1@2', 'case-1@3', 'case-2@1', 'case-2@2']);
    await expect(store.headPosition()).resolves.toBe((await store.readStream('case-2')).at(-1)!.globalPosition);
    await expect(store.countAfter(START_OF_LOG, 100)).resolves.toBe(5);
    await expect(store.countAfter(START_OF_LOG, 4)).resolves.toBe(4);
  });

  it('reads a stream forward, backward and as of a position or a time', async () => {
    const clock = new TestClock('2026-05-01T08:00:00.000Z');
    store = new KurrentDbEventStore(server.client, new EventSchemaRegistry(), noKeys, clock);
    const first = await one('case-1', 'no_stream', events(2));
    clock.set('2026-05-02T08:00:00.000Z');
    await one('case-1', 2, events(2));
    const versions = (list: Array<{ streamVersion: number }>) => list.map((e) => e.streamVersion);
    expect(versions(await store.readStream('case-1', { direction: 'backward', fromVersion: 3, maxCount: 2 }))).toEqual([3, 2]);
    expect(versions(await store.readStream('case-1', { fromVersion: 2, maxCount: 2 }))).toEqual([2, 3]);
    const cut = first.status === 'appended' ? first.streams[0]!.positions[1]! : 0;
    expect(versions(await store.readStream('case-1', { asOfPosition: cut }))).toEqual([1, 2]);
    expect(versions(await store.readStream('case-1', { asOfTime: new Date('2026-05-01T12:00:00Z') }))).toEqual([1, 2]);
    expect((await store.readStream('case-1'))[0]!.recordedAt.toISOString()).toBe('2026-05-01T08:00:00.000Z');
    await expect(store.streamHead('case-1')).resolves.toEqual({ streamId: 'case-1', streamType: 'case', version: 4 });
  });

  it('verification finds an event written around the adapter with a forged hash', async () => {
    await one('case-1', 'no_stream', events(2));
    await expect(store.verifyAll()).resolves.toEqual({ ok: true, streamsChecked: 1, eventsChecked: 2, firstBroken: null });
    const last = server.all.filter((r) => r.streamId === 'a/case-1').at(-1)!;
    server.raw('a/case-1', { type: 'Noted', data: { n: 99 }, metadata: { ...(last.metadata as Record<string, string>), 'hc.prevHash': (last.metadata as Record<string, string>)['hc.hash'] } });
    await expect(store.verifyStream('case-1')).resolves.toMatchObject({ ok: false, firstBroken: { streamId: 'case-1', streamVersion: 3, reason: 'hash_mismatch' } });
    await expect(store.verifyAll()).resolves.toMatchObject({ ok: false, eventsChecked: 2, firstBroken: { reason: 'hash_mismatch' } });
  });
});
