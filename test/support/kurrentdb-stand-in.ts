import {
  AppendConsistencyViolationError,
  type AppendRecordInput,
  type AppendStreamRequest,
  type AppendStreamState,
  type ConsistencyCheck,
  type EventData,
  type MultiAppendResult,
  NO_STREAM,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { Metadata, status } from '@grpc/grpc-js';
import type { KurrentDbStreams } from '../../src/infrastructure/persistence/kurrentdb/kurrentdb.event-store.js';

interface StoredRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  position: Position;
}

/**
 * An in-memory stand-in for the part of KurrentDB the adapter uses, written from the
 * documented protocol: stream revisions from 0, expected states checked per stream and the
 * whole append refused on the first conflict (with the client's own error classes), one commit
 * position per append shared by its events, `$all` in commit order, server-side regex filters.
 * It is NOT a KurrentDB server: it shows the adapter's own logic, the contract suites on a real
 * server are what prove the adapter.
 */
export class KurrentDbStandIn {
  readonly all: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  private nextPosition = 100n;
  /** Runs before each append is applied: a test moves a stream there, as a concurrent writer would. */
  beforeAppend: (() => Promise<void>) | undefined;

  get client(): KurrentDbStreams {
    // The client's read methods are generic in the event type; the stand-in stores JSON events only.
    const readStream = (name: string, options: ReadStreamOptions = {}) => this.readStream(name, options);
    const readAll = (options: ReadAllOptions = {}) => this.readAll(options);
    return {
      readStream: readStream as KurrentDbStreams['readStream'],
      readAll: readAll as KurrentDbStreams['readAll'],
      multiStreamAppend: (requests: AppendStreamRequest[]) => this.append(requests.map((r) => ({ stream: r.streamName, state: r.expectedState, events: r.events })), []),
      appendRecords: (records: AppendRecordInput[], checks: ConsistencyCheck[] = []) => this.appendRecords(records, checks),
      subscribeToAll: () => {
        throw new Error('not used by these tests');
      },
    };
  }

  /** Writes an event as another program would, around the adapter. */
  raw(stream: string, event: { type: string; data: unknown; metadata: unknown }): void {
    this.commit([{ stream, events: [{ id: crypto.randomUUID(), contentType: 'application/json', type: event.type, data: event.data as Record<string, unknown>, metadata: event.metadata as Record<string, unknown> }] }]);
  }

  private async appendRecords(records: AppendRecordInput[], checks: ConsistencyCheck[]): Promise<MultiAppendResult> {
    await this.beforeAppend?.();
    const violations = checks
      .map((check, checkIndex) => ({ checkIndex, streamName: check.streamName, expectedState: check.expectedState, actualState: this.state(check.streamName) }))
      .filter((v) => !this.satisfies(v.expectedState, v.actualState));
    if (violations.length > 0) {
      const error = new AppendConsistencyViolationError(Object.assign(new Error('consistency'), { code: status.FAILED_PRECONDITION, details: 'consistency', metadata: new Metadata() }), {
        violationsList: violations.map((v) => ({ checkIndex: v.checkIndex, streamState: { stream: v.streamName, expectedState: String(v.expectedState === NO_STREAM ? -1 : v.expectedState), actualState: v.actualState === NO_STREAM ? '-1' : String(v.actualState) } })),
      });
      throw error;
    }
    const groups = new Map<string, EventData[]>();
    for (const r of records) groups.set(r.streamName, [...(groups.get(r.streamName) ?? []), r.record]);
    return this.commit([...groups].map(([stream, events]) => ({ stream, events })));
  }

  private async append(requests: Array<{ stream: string; state: AppendStreamState; events: EventData[] }>, _checks: unknown[]): Promise<MultiAppendResult> {
    await this.beforeAppend?.();
    for (const request of requests) {
      const actual = this.state(request.stream);
      if (!this.satisfies(request.state, actual)) {
        throw new WrongExpectedVersionError(undefined, { streamName: request.stream, expected: request.state, current: actual });
      }
    }
    return this.commit(requests);
  }

  private commit(requests: Array<{ stream: string; events: EventData[] }>): MultiAppendResult {
    const count = requests.reduce((n, r) => n + r.events.length, 0);
    const commit = this.nextPosition + BigInt(count) * 10n;
    let prepare = this.nextPosition;
    const responses = requests.map((request) => {
      const stored = this.streams.get(request.stream) ?? [];
      for (const event of request.events) {
        const record: StoredRecord = { streamId: request.stream, id: event.id, revision: BigInt(stored.length), type: event.type, data: JSON.parse(JSON.stringify(event.data)), metadata: event.metadata, position: { commit, prepare } };
        prepare += 10n;
        stored.push(record);
        this.all.push(record);
      }
      this.streams.set(request.stream, stored);
      return { streamName: request.stream, revision: BigInt(stored.length - 1) };
    });
    this.nextPosition = commit + 10n;
    return { position: commit, responses };
  }

  private state(stream: string): bigint | typeof NO_STREAM {
    const stored = this.streams.get(stream);
    return stored && stored.length > 0 ? BigInt(stored.length - 1) : NO_STREAM;
  }

  private satisfies(expected: AppendStreamState, actual: bigint | typeof NO_STREAM): boolean {
    if (expected === 'any') return true;
    if (expected === NO_STREAM) return actual === NO_STREAM;
    if (expected === STREAM_EXISTS) return actual !== NO_STREAM;
    return actual === expected;
  }

  private async *readStream(name: string, options: ReadStreamOptions) {
    const stored = this.streams.get(name);
    if (!stored) throw new StreamNotFoundError(undefined, name);
    const backward = options.direction === 'backwards';
    const from = options.fromRevision ?? (backward ? 'end' : 'start');
    let list = backward ? [...stored].reverse() : stored;
    if (typeof from === 'bigint') list = list.filter((r) => (backward ? r.revision <= from : r.revision >= from));
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    for (const record of list.slice(0, max)) yield { event: this.toRecorded(record) };
  }

  private async *readAll(options: ReadAllOptions) {
    const backward = options.direction === 'backwards';
    const from = options.fromPosition ?? (backward ? 'end' : 'start');
    const filter = options.filter && 'regex' in options.filter ? new RegExp(options.filter.regex) : undefined;
    let list = backward ? [...this.all].reverse() : this.all;
    if (typeof from === 'object') {
      const at = (r: StoredRecord) => r.position.commit > from.commit || (r.position.commit === from.commit && r.position.prepare >= from.prepare);
      list = list.filter(at);
    }
    if (filter) list = list.filter((r) => filter.test(r.streamId));
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    for (const record of list.slice(0, max)) yield { event: this.toRecorded(record) };
  }

  private toRecorded(record: StoredRecord) {
    return { streamId: record.streamId, id: record.id, isJson: true as const, revision: record.revision, type: record.type, created: new Date(), data: record.data as Record<string, unknown>, metadata: record.metadata as Record<string, unknown>, position: record.position };
  }
}
