import { randomUUID } from 'node:crypto';
import { Metadata, type ServiceError, status } from '@grpc/grpc-js';
import {
  AppendConsistencyViolationError,
  type AllStreamRecordedEvent,
  NO_STREAM,
  type RecordedEvent,
  START,
  UnsupportedError,
  WrongExpectedVersionError as KurrentWrongExpectedVersionError,
  StreamNotFoundError,
} from '@kurrent/kurrentdb-client';
import type { EventMetadata } from '../../../../src/application/ports/event-store.port.js';
import { START_OF_LOG } from '../../../../src/application/ports/event-store.port.js';
import { GENESIS_HASH, chainHash } from '../../../../src/infrastructure/crypto/canonical-event.js';
import { checkChainLink } from '../../../../src/infrastructure/crypto/hash-chain.js';
import { prepareAppend } from '../../../../src/infrastructure/persistence/event-store/append-preparation.js';
import {
  COMMAND_RECORDED,
  ForeignEventError,
  KurrentDbServerTooOldError,
  METADATA_KEYS,
  appendStateOf,
  checkpointOf,
  commandRecordData,
  commandRecordOf,
  commandStreamOf,
  eventIdStreamOf,
  fromRecordedEvent,
  isAfterCheckpoint,
  isInternalStream,
  readPositionOf,
  reservationData,
  reservationOf,
  revisionOfVersion,
  safeNumber,
  storedEventData,
  assertStreamPrefix,
  translateClientError,
  userStreamsRegex,
  versionConflictOf,
  versionOfRevision,
  versionOfState,
} from '../../../../src/infrastructure/persistence/kurrentdb/kurrentdb.mapping.js';
import { matches } from '../../../../src/infrastructure/persistence/kurrentdb/kurrentdb.event-store.js';
import { EventSchemaRegistry } from '../../../../src/domain/shared/event-schema.js';
import type { KeyStore } from '../../../../src/application/ports/key-store.port.js';

const metadata: EventMetadata = {
  correlationId: 'corr-1',
  causationId: 'cause-1',
  actor: { userId: 'clerk-1', role: 'clerk', unit: 'cso-budapest' },
  channel: 'phone',
  policyVersion: 'hu-2026',
  businessTime: '2026-03-02T08:55:00.000Z',
  commandId: 'cmd-1',
};

const noKeys: KeyStore = {
  keyForWriting: () => Promise.reject(new Error('no personal fields in these events')),
  keysForReading: () => Promise.resolve(new Map()),
  destroy: () => Promise.resolve({ destroyed: false }),
  isDestroyed: () => Promise.resolve(false),
};

/** What the client hands back for an event the adapter stored (readStream / readAll shape). */
function recorded(data: unknown, meta: unknown, extra: Partial<{ streamId: string; revision: bigint; id: string; type: string; commit: bigint; prepare: bigint }> = {}): AllStreamRecordedEvent {
  return {
    streamId: extra.streamId ?? 'case-1',
    id: extra.id ?? randomUUID(),
    isJson: true,
    revision: extra.revision ?? 0n,
    type: extra.type ?? 'Noted',
    created: new Date('2026-03-02T09:00:00.000Z'),
    data: data as Record<string, unknown>,
    metadata: meta as Record<string, unknown>,
    position: { commit: extra.commit ?? 1000n, prepare: extra.prepare ?? 1000n },
  };
}

async function storedFirstEvent(data: Record<string, unknown> = { text: 'árvíztűrő tükörfúrógép', n: 1.5 }) {
  const eventId = randomUUID();
  const prepared = await prepareAppend(
    { streams: [{ streamId: 'case-1', streamType: 'complaint', expectedVersion: 'no_stream', events: [{ eventId, type: 'Noted', data, metadata }] }] },
    new EventSchemaRegistry([]),
    noKeys,
    '2026-03-02T09:00:00.123Z',
  );
  const event = prepared.events[0]!;
  const hash = chainHash(GENESIS_HASH, `${event.prefix}1${event.suffix}`);
  return { eventId, event, hash, stored: storedEventData(event, { streamType: 'complaint', prevHash: GENESIS_HASH, hash }, metadata) };
}

describe('KurrentDB mapping', () => {
  describe('expected versions and revisions', () => {
    it('an exact version of 0 expects no stream; version n expects revision n-1', () => {
      expect(appendStateOf(0)).toBe(NO_STREAM);
      expect(appendStateOf(1)).toBe(0n);
      expect(appendStateOf(42)).toBe(41n);
      expect(() => appendStateOf(-1)).toThrow(RangeError);
      expect(() => appendStateOf(1.5)).toThrow(RangeError);
    });

    it('revisions read back as versions, and a missing stream as version 0', () => {
      expect(versionOfRevision(0n)).toBe(1);
      expect(versionOfRevision(9n)).toBe(10);
      expect(versionOfState(NO_STREAM)).toBe(0);
      expect(versionOfState(4n)).toBe(5);
      expect(revisionOfVersion(1)).toBe(0n);
      expect(() => revisionOfVersion(0)).toThrow(RangeError);
    });

    it('every expectation of the port is judged against the current version', () => {
      expect([matches('any', 0), matches('any', 3)]).toEqual([true, true]);
      expect([matches('no_stream', 0), matches('no_stream', 1)]).toEqual([true, false]);
      expect([matches('exists', 0), matches('exists', 1)]).toEqual([false, true]);
      expect([matches(0, 0), matches(2, 2), matches(2, 3), matches(3, 2)]).toEqual([true, true, false, false]);
    });

    it('a bigint beyond 2^53 is refused rather than rounded', () => {
      expect(safeNumber(2n ** 53n - 1n, 'x')).toBe(Number.MAX_SAFE_INTEGER);
      expect(() => safeNumber(2n ** 53n, 'Prepare position')).toThrow('Prepare position 9007199254740992 is outside the safe integer range');
    });
  });

  describe('positions and checkpoints', () => {
    it('a $all position becomes the checkpoint (commit as the transaction, prepare as the position) and back', () => {
      const checkpoint = checkpointOf({ commit: 18_446_744_073n, prepare: 18_446_744_000n });
      expect(checkpoint).toEqual({ transactionId: '18446744073', position: 18_446_744_000 });
      expect(readPositionOf(checkpoint)).toEqual({ commit: 18_446_744_073n, prepare: 18_446_744_000n });
      expect(readPositionOf(START_OF_LOG)).toBe(START);
      expect(() => readPositionOf({ transactionId: 'x1', position: 0 })).toThrow(RangeError);
    });

    it('orders by commit, then prepare: the events of one multi-stream append share the commit', () => {
      const at = { transactionId: '500', position: 480 };
      expect(isAfterCheckpoint({ commit: 500n, prepare: 480n }, at)).toBe(false);
      expect(isAfterCheckpoint({ commit: 500n, prepare: 490n }, at)).toBe(true);
      expect(isAfterCheckpoint({ commit: 501n, prepare: 100n }, at)).toBe(true);
      expect(isAfterCheckpoint({ commit: 499n, prepare: 999n }, at)).toBe(false);
      expect(isAfterCheckpoint({ commit: 1n, prepare: 1n }, START_OF_LOG)).toBe(true);
    });
  });

  describe('events and metadata', () => {
    it('stores every metadata field as strings (the v2 append takes a flat map) and reads the event back as stored', async () => {
      const { eventId, stored, hash } = await storedFirstEvent();
      expect(stored).toMatchObject({ id: eventId, contentType: 'application/json', type: 'Noted' });
      const meta = stored.metadata as Record<string, unknown>;
      for (const value of Object.values(meta)) expect(typeof value).toBe('string');
      expect(meta).toMatchObject({
        [METADATA_KEYS.correlationId]: 'corr-1',
        [METADATA_KEYS.causationId]: 'cause-1',
        [METADATA_KEYS.recordedAt]: '2026-03-02T09:00:00.123Z',
        [METADATA_KEYS.schemaVersion]: '1',
        [METADATA_KEYS.streamType]: 'complaint',
        [METADATA_KEYS.prevHash]: GENESIS_HASH,
        [METADATA_KEYS.hash]: hash,
      });
      const back = fromRecordedEvent(recorded(JSON.parse(JSON.stringify(stored.data)), JSON.parse(JSON.stringify(meta)), { id: eventId.toUpperCase(), commit: 77n, prepare: 70n }));
      expect(back).toEqual({
        streamId: 'case-1',
        streamVersion: 1,
        streamType: 'complaint',
        checkpoint: { transactionId: '77', position: 70 },
        eventId,
        type: 'Noted',
        schemaVersion: 1,
        data: { text: 'árvíztűrő tükörfúrógép', n: 1.5 },
        metadata,
        recordedAt: '2026-03-02T09:00:00.123Z',
        prevHash: GENESIS_HASH,
        hash,
      });
    });

    it('the hash chain of an event read back from KurrentDB verifies with the same check as the SQL store', async () => {
      const { stored, eventId } = await storedFirstEvent({ amount: 1e21, nested: { b: 1, a: [true, null] } });
      const back = fromRecordedEvent(recorded(JSON.parse(JSON.stringify(stored.data)), stored.metadata, { id: eventId }));
      const link = { ...back, globalPosition: 1000 };
      expect(checkChainLink(null, link)).toBeNull();
      expect(checkChainLink(null, { ...link, data: { ...back.data, amount: 2 } })).toMatchObject({ reason: 'hash_mismatch', streamId: 'case-1' });
      expect(checkChainLink({ version: 1, hash: back.hash }, link)).toMatchObject({ reason: 'version_gap' });
    });

    it('refuses events it did not write, naming what is missing', () => {
      expect(() => fromRecordedEvent(recorded({ a: 1 }, { $correlationId: 'x' }, { streamId: 'legacy', revision: 4n }))).toThrow(
        'Event at revision 4 of stream legacy was not written by this service\'s KurrentDB adapter: metadata hc.schemaVersion is missing',
      );
      const binary = { ...recorded({}, {}), isJson: false, data: new Uint8Array([1]) } as unknown as RecordedEvent;
      expect(() => fromRecordedEvent(binary)).toThrow(ForeignEventError);
      expect(() => fromRecordedEvent(recorded([1, 2], {}))).toThrow('its data is not a JSON object');
    });
  });

  describe("the adapter's own streams", () => {
    it('command records and event-id reservations live in hc. streams, hidden from reads', () => {
      expect(commandStreamOf('key-1')).toBe('hc.command-key-1');
      expect(eventIdStreamOf('AB-CD')).toBe('hc.event-ab-cd');
      expect(isInternalStream('hc.event-1')).toBe(true);
      expect(isInternalStream('case-1')).toBe(false);
    });

    it('$all reads keep to the store\'s own user streams: no system streams, no hc. streams, only under its prefix', () => {
      const all = new RegExp(userStreamsRegex());
      expect(['case-1', 'register-cso-2026', 'hcase-1'].every((name) => all.test(name))).toBe(true);
      expect(['$stats-0', '$$case-1', 'hc.event-1', 'hc.command-k'].some((name) => all.test(name))).toBe(false);
      const prefixed = new RegExp(userStreamsRegex('run.1/'));
      expect(prefixed.test('run.1/case-1')).toBe(true);
      expect(prefixed.test('run.1/hc.event-1')).toBe(false);
      expect(prefixed.test('runx1/case-1')).toBe(false);
      expect(prefixed.test('case-1')).toBe(false);
      expect(() => assertStreamPrefix('$all')).toThrow('Not a stream prefix: "$all"');
      expect(() => assertStreamPrefix('tenant-a/')).not.toThrow();
    });

    it('a prefixed stream reads back under the port\'s stream id', async () => {
      const { stored, eventId } = await storedFirstEvent();
      expect(fromRecordedEvent(recorded(stored.data, stored.metadata, { id: eventId, streamId: 'tenant-a/case-1' }), 'tenant-a/').streamId).toBe('case-1');
      expect(() => fromRecordedEvent(recorded(stored.data, stored.metadata, { streamId: 'tenant-b/case-1' }), 'tenant-a/')).toThrow(ForeignEventError);
    });

    it('a command record round-trips; anything else in a command stream is refused', () => {
      const command = { commandId: 'key-1', fingerprint: 'sha256:aa', result: { caseId: 'c', registerNumber: 7 } };
      const data = commandRecordData('5b0f7b3e-2b7d-4a4e-9a0a-6d1c4f1f9d11', command);
      expect(data).toMatchObject({ type: COMMAND_RECORDED, contentType: 'application/json' });
      expect(commandRecordOf('key-1', recorded(data.data, undefined, { type: COMMAND_RECORDED }))).toEqual(command);
      expect(() => commandRecordOf('key-1', recorded({ fingerprint: 1 }, undefined, { type: COMMAND_RECORDED }))).toThrow(ForeignEventError);
    });

    it('a reservation records where an event id was used', () => {
      const data = reservationData(randomUUID(), { streamId: 'case-1', version: 3 });
      expect(reservationOf(recorded(data.data, undefined, { type: data.type }))).toEqual({ streamId: 'case-1', version: 3 });
      expect(() => reservationOf(recorded({ streamId: 'case-1', version: 'x' }, undefined, { type: data.type }))).toThrow(ForeignEventError);
    });
  });

  describe("the client's errors", () => {
    it('a version conflict names the stream and its actual version (0 for no stream)', () => {
      const onExisting = new KurrentWrongExpectedVersionError(undefined, { streamName: 'case-1', expected: 1n, current: 4n });
      const onMissing = new KurrentWrongExpectedVersionError(undefined, { streamName: 'case-2', expected: 0n, current: NO_STREAM });
      expect(versionConflictOf(onExisting)).toEqual({ streamId: 'case-1', actual: 5 });
      expect(versionConflictOf(onMissing)).toEqual({ streamId: 'case-2', actual: 0 });
      expect(versionConflictOf(new StreamNotFoundError(undefined, 'case-3'))).toBeUndefined();
    });

    it('a failed consistency check of appendRecords (a guarded stream moved) is a version conflict too', () => {
      const grpc: ServiceError = Object.assign(new Error('consistency check failed'), { code: status.FAILED_PRECONDITION, details: 'consistency check failed', metadata: new Metadata() });
      const violation = new AppendConsistencyViolationError(grpc, {
        violationsList: [{ checkIndex: 1, streamState: { stream: 'register-1', expectedState: '4', actualState: '6' } }],
      });
      expect(versionConflictOf(violation)).toEqual({ streamId: 'register-1', actual: 7 });
      expect(versionOfState(-6n)).toBe(0);
    });

    it('an unsupported server feature says which KurrentDB version brings it', () => {
      const translated = translateClientError(new UnsupportedError('multiStreamAppend', '25.1'));
      expect(translated).toBeInstanceOf(KurrentDbServerTooOldError);
      expect((translated as Error).message).toBe('KurrentDB 25.1 or later is needed for multiStreamAppend; the server at KURRENTDB_URL does not support it');
      const other = new StreamNotFoundError(undefined, 'x');
      expect(translateClientError(other)).toBe(other);
    });
  });
});
