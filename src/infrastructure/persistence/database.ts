/**
 * The one SQL connection abstraction both adapters implement. Everything above it
 * (event store, read stores, migrations, projection runner) speaks the same SQL to
 * PostgreSQL and to embedded PGlite.
 */
export interface QueryResult<TRow> {
  readonly rows: TRow[];
  readonly rowCount: number;
}

export interface QueryOptions {
  /** A prepared-statement name: PostgreSQL parses and plans it once per connection. */
  readonly name?: string;
}

export interface SqlExecutor {
  query<TRow = Record<string, unknown>>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<TRow>>;
}

/** A connection held for a while: session-level advisory locks live on it. */
export interface SessionConnection extends SqlExecutor {
  /** Runs statements separated by semicolons, without parameters; returns the last one's rows. */
  exec(sql: string): Promise<QueryResult<Record<string, unknown>>>;
  release(): Promise<void>;
}

export interface Database extends SqlExecutor {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `work` in one transaction; it commits if `work` resolves and rolls back if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** A dedicated connection (PostgreSQL) or the single one (PGlite). */
  session(): Promise<SessionConnection>;
  /** Subscribes to NOTIFY on `channel`; the returned function unsubscribes. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** PostgreSQL error codes the adapters map to domain meanings. */
export const SqlState = {
  uniqueViolation: '23505',
  wrongExpectedVersion: 'EV001',
  commandFingerprintMismatch: 'EV002',
  eventIdReused: 'EV003',
  appendOnly: 'EV004',
} as const;

/** Reads the SQLSTATE of an error from either driver (PGlite's errors are not pg's classes). */
export function sqlStateOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** `int8` comes back as a string from pg and as a number from PGlite. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return Number(value);
  throw new TypeError(`Not a number: ${String(value)}`);
}

export function toBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string' && value.startsWith('\\x')) return Buffer.from(value.slice(2), 'hex');
  throw new TypeError('Not a byte array');
}
