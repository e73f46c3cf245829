import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { Database, QueryOptions, QueryResult, SessionConnection, SqlExecutor } from './database.js';

/** PostgreSQL through a `pg` pool; used whenever DATABASE_URL is set. */
export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  private listener: pg.PoolClient | undefined;
  private readonly channels = new Map<string, Set<(payload: string) => void>>();
  private closed = false;
  /**
   * The transaction running in this async context. A query issued inside it by other code
   * (the key store creating a subject key, say) joins it instead of taking a second pool
   * connection: with every connection inside a transaction that waits for another, the pool
   * would otherwise deadlock.
   */
  private readonly current = new AsyncLocalStorage<SqlExecutor>();

  constructor(connectionString: string, options: { maxConnections?: number; applicationName?: string } = {}) {
    this.pool = new pg.Pool({
      connectionString,
      max: options.maxConnections ?? 10,
      application_name: options.applicationName ?? 'heating-cases',
    });
    // An idle client that loses its connection must not crash the process.
    this.pool.on('error', () => undefined);
  }

  async query<TRow>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<TRow>> {
    const tx = this.current.getStore();
    if (tx) return tx.query<TRow>(text, params, options);
    const result = options?.name
      ? await this.pool.query({ name: options.name, text, values: params as unknown[] | undefined })
      : await this.pool.query(text, params as unknown[] | undefined);
    return { rows: result.rows as TRow[], rowCount: result.rowCount ?? 0 };
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const outer = this.current.getStore();
    if (outer) return work(outer);
    const client = await this.pool.connect();
    // A connection the server drops mid-transaction surfaces as a failed query, not as a crash.
    const ignore = () => undefined;
    client.on('error', ignore);
    try {
      await client.query('BEGIN');
      const executor = clientExecutor(client);
      const result = await this.current.run(executor, () => work(executor));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.off('error', ignore);
      client.release();
    }
  }

  async session(): Promise<SessionConnection> {
    const client = await this.pool.connect();
    let broken = false;
    client.on('error', () => {
      broken = true;
    });
    let released = false;
    return {
      ...clientExecutor(client),
      exec: async (sql) => {
        const result = await client.query(sql);
        const last = Array.isArray(result) ? (result.at(-1) as pg.QueryResult) : result;
        return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
      },
      release: async () => {
        if (released) return;
        released = true;
        // Session state (advisory locks) must not leak to the next borrower.
        if (!broken) await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
        // A broken connection is destroyed, not returned to the pool.
        client.release(broken ? true : undefined);
      },
    };
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    const listener = await this.listenerConnection();
    let handlers = this.channels.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.channels.set(channel, handlers);
      await listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    }
    handlers.add(onNotify);
    return async () => {
      handlers.delete(onNotify);
    };
  }

  /**
   * The one connection that LISTENs. When the server drops it, a new one is opened after a
   * pause and every channel is listened to again; readers poll meanwhile, so nothing is lost.
   */
  private async listenerConnection(): Promise<pg.PoolClient> {
    if (this.listener) return this.listener;
    const client = await this.pool.connect();
    client.on('notification', (message) => {
      for (const handler of this.channels.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    client.on('error', () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      client.release(true);
      if (this.closed) return;
      setTimeout(() => {
        void this.listenerConnection()
          .then(async (fresh) => {
            for (const channel of this.channels.keys()) await fresh.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
          })
          .catch(() => undefined);
      }, 1000).unref();
    });
    this.listener = client;
    return client;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.listener) {
      this.listener.release();
      this.listener = undefined;
    }
    await this.pool.end();
  }
}

function clientExecutor(client: pg.PoolClient): SqlExecutor {
  return {
    async query<TRow>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<TRow>> {
      const result = options?.name
        ? await client.query({ name: options.name, text, values: params as unknown[] | undefined })
        : await client.query(text, params as unknown[] | undefined);
      return { rows: result.rows as TRow[], rowCount: result.rowCount ?? 0 };
    },
  };
}
