import { AsyncLocalStorage } from 'node:async_hooks';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, QueryResult, SessionConnection, SqlExecutor } from './database.js';

/**
 * Embedded PostgreSQL (PGlite, WebAssembly) in a data folder, or in memory. One
 * connection: statements queue, and a transaction holds it exclusively.
 */
export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  /**
   * The transaction running in this async context. With one connection, a query issued
   * from inside a transaction by other code (the key store, say) must join it, or it would
   * wait for the transaction that waits for it.
   */
  private readonly current = new AsyncLocalStorage<SqlExecutor>();

  private constructor(private readonly db: PGlite) {}

  /** `dataDir` undefined means in memory. */
  static async open(dataDir?: string, options: { loadDataDir?: Blob } = {}): Promise<PgliteDatabase> {
    const db = await PGlite.create(dataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
    return new PgliteDatabase(db);
  }

  /** A dump of the whole database, to open copies of it quickly (test templates). */
  async dump(): Promise<Blob> {
    const dump = await this.db.dumpDataDir('none');
    return dump;
  }

  async query<TRow>(text: string, params?: readonly unknown[]): Promise<QueryResult<TRow>> {
    const tx = this.current.getStore();
    if (tx) return tx.query<TRow>(text, params);
    const result = await this.db.query<TRow>(text, params as unknown[] | undefined);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const outer = this.current.getStore();
    if (outer) return work(outer);
    return this.db.transaction((tx) => {
      const executor = transactionExecutor(tx);
      return this.current.run(executor, () => work(executor));
    });
  }

  async session(): Promise<SessionConnection> {
    // One connection only: session locks taken here are held by the whole process.
    return {
      query: (text, params) => this.query(text, params),
      exec: async (sql) => {
        const results = await this.db.exec(sql);
        const last = results.at(-1);
        return { rows: (last?.rows ?? []) as Record<string, unknown>[], rowCount: last?.affectedRows ?? 0 };
      },
      release: async () => undefined,
    };
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    const unsubscribe = await this.db.listen(channel, onNotify);
    return async () => unsubscribe();
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}

function transactionExecutor(tx: Transaction): SqlExecutor {
  return {
    async query<TRow>(text: string, params?: readonly unknown[]): Promise<QueryResult<TRow>> {
      const result = await tx.query<TRow>(text, params as unknown[] | undefined);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  };
}
