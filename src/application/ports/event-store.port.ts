/**
 * The event store port. Two adapters implement it over the same SQL (PostgreSQL and
 * embedded PGlite); the contract suite in test/contract proves both behave alike.
 */

/** Who did it, through which channel, under which policy, and why. Stored on every event. */
export interface EventMetadata {
  readonly correlationId: string;
  readonly causationId: string;
  readonly actor: { readonly userId: string; readonly role: string; readonly unit: string | null };
  readonly channel: string;
  readonly policyVersion: string;
  /** When it happened in the business sense (receipt time, call time), ISO 8601. */
  readonly businessTime: string;
  readonly commandId?: string;
}

export interface NewEvent {
  /** Unique across the store; re-appending the same ids is idempotent. */
  readonly eventId: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: EventMetadata;
}

/**
 * `any`: no check. `no_stream`: the stream has no events. `exists`: it has at least one.
 * A number: the stream's current version is exactly that (0 means no events).
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'exists' | number;

export interface StreamAppend {
  readonly streamId: string;
  /** Recorded when the stream is created; ignored afterwards. */
  readonly streamType: string;
  readonly expectedVersion: ExpectedVersion;
  /**
   * The hash of the stream's last event at `expectedVersion`, when the writer knows it (it just
   * read the stream). It only makes the append cheaper; a wrong value never breaks the chain.
   */
  readonly expectedHead?: string;
  readonly events: readonly NewEvent[];
}

export interface CommandRecord {
  /** The command id (the HTTP Idempotency-Key). */
  readonly commandId: string;
  /** A digest of the command's payload; the same id with another fingerprint is refused. */
  readonly fingerprint: string;
  /** What the command answered; returned as-is on a repeat. */
  readonly result: Record<string, unknown>;
}

export interface AppendRequest {
  readonly streams: readonly StreamAppend[];
  readonly command?: CommandRecord;
}

export interface StreamAppendResult {
  readonly streamId: string;
  /** The stream's version after the append (the last event's version). */
  readonly nextVersion: number;
  /** Global positions of the appended events, in append order. */
  readonly positions: readonly number[];
  /** Hex hash of the stream's last event after the append: the next append's `expectedHead`. */
  readonly headHash: string;
}

export type AppendResult =
  | { readonly status: 'appended'; readonly streams: readonly StreamAppendResult[] }
  /** The same event ids were appended before with the same expectation: nothing written. */
  | { readonly status: 'duplicate'; readonly streams: readonly StreamAppendResult[] }
  /** The command id was seen before with the same fingerprint: nothing written. */
  | { readonly status: 'command_repeated'; readonly result: Record<string, unknown> };

/** A position in the global order: the writing transaction, then the position within it. */
export interface GlobalCheckpoint {
  readonly transactionId: string;
  readonly position: number;
}

export const START_OF_LOG: GlobalCheckpoint = Object.freeze({ transactionId: '0', position: 0 });

export interface RecordedEvent<TData = Record<string, unknown>> {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
  readonly transactionId: string;
  readonly eventId: string;
  readonly type: string;
  /** The schema version the event was stored with; `data` is already upcast to the current one. */
  readonly storedSchemaVersion: number;
  readonly data: TData;
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
  /** Hex SHA-256 of the previous event in the stream (zeros for the first). */
  readonly prevHash: string;
  /** Hex SHA-256 over `prevHash` and the canonical bytes of the stored event. */
  readonly hash: string;
  /** Paths of personal fields whose subject key is destroyed; their values read as null. */
  readonly erasedFields: readonly string[];
}

export interface ReadStreamOptions {
  readonly direction?: 'forward' | 'backward';
  /** Inclusive; forward defaults to 1, backward to the last version. */
  readonly fromVersion?: number;
  readonly maxCount?: number;
  /** Only events at or before this global position. */
  readonly asOfPosition?: number;
  /** Only events recorded at or before this time. */
  readonly asOfTime?: Date;
}

export interface ReadAllOptions {
  readonly after?: GlobalCheckpoint;
  readonly limit?: number;
}

export interface ReadAllBatch {
  readonly events: readonly RecordedEvent[];
  /** Where the next read continues; unchanged if nothing new was visible. */
  readonly checkpoint: GlobalCheckpoint;
}

export interface StreamHead {
  readonly streamId: string;
  readonly streamType: string | null;
  /** 0 when the stream has no events. */
  readonly version: number;
}

export type BrokenLinkReason =
  | 'hash_mismatch'
  | 'prev_hash_mismatch'
  | 'version_gap'
  | 'head_mismatch'
  | 'missing_stream_head'
  | 'orphan_stream_head';

export interface BrokenLink {
  readonly streamId: string;
  readonly streamVersion: number | null;
  readonly globalPosition: number | null;
  readonly reason: BrokenLinkReason;
  readonly detail: string;
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly streamsChecked: number;
  readonly eventsChecked: number;
  readonly firstBroken: BrokenLink | null;
}

export interface EventStore {
  /** Appends to one or more streams atomically: all of it is stored or none. */
  append(request: AppendRequest): Promise<AppendResult>;

  /**
   * Locks the named streams (missing ones included) for the length of one transaction,
   * hands their heads to `build`, and appends what it returns in the same transaction.
   * For numbering that must stay gapless under concurrency (register numbers).
   */
  appendLocked(
    streamIds: readonly string[],
    build: (heads: ReadonlyMap<string, StreamHead>) => AppendRequest | Promise<AppendRequest>,
  ): Promise<AppendResult>;

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** The stream's current head; version 0 when it has no events. */
  streamHead(streamId: string): Promise<StreamHead>;

  /**
   * Reads in global order, only what no still-running transaction can precede
   * (the xid8 snapshot watermark), so a reader never skips a late commit.
   */
  readAll(options?: ReadAllOptions): Promise<ReadAllBatch>;

  /** The stored result of a command id, if it ran. */
  findCommand(commandId: string): Promise<CommandRecord | undefined>;

  verifyStream(streamId: string): Promise<VerificationReport>;
  verifyAll(options?: { onProgress?: (eventsChecked: number) => void }): Promise<VerificationReport>;
}

export const EVENT_STORE = Symbol('EventStore');
