import type { DocumentIndex, Projection, ProjectionEvent } from '../../projections/projection.js';
import type { Database, SqlExecutor } from '../persistence/database.js';
import { applyToDocuments, dropTable, ensureDocumentTable, swapInShadow } from './document-table.js';
import { CONTROL_CHANNEL, ProjectionCheckpointStore } from './projection-checkpoint.store.js';
import type { ReadModelStore } from './read-model.store.js';

/** The read models in PostgreSQL or PGlite: jsonb tables beside the bookkeeping tables, one transaction for both. */
export class SqlReadModelStore implements ReadModelStore<SqlExecutor> {
  readonly checkpoints: ProjectionCheckpointStore;

  constructor(private readonly db: Database) {
    this.checkpoints = new ProjectionCheckpointStore(db);
  }

  get engine(): 'postgres' | 'pglite' {
    return this.db.kind;
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  ensureDocuments(table: string, indexes: readonly DocumentIndex[]): Promise<void> {
    return ensureDocumentTable(this.db, table, indexes);
  }

  applyToDocuments(tx: SqlExecutor, table: string, projection: Projection, events: readonly ProjectionEvent[]): Promise<void> {
    return applyToDocuments(tx, table, projection, events);
  }

  swapInShadow(tx: SqlExecutor, projection: Projection, shadow: string): Promise<void> {
    return swapInShadow(tx, projection, shadow);
  }

  dropDocuments(table: string): Promise<void> {
    return dropTable(this.db, table);
  }

  async notifyControl(tx: SqlExecutor, name: string): Promise<void> {
    await tx.query('SELECT pg_notify($1, $2)', [CONTROL_CHANNEL, name]);
  }

  listenControl(onName: (name: string) => void): Promise<() => Promise<void>> {
    return this.db.listen(CONTROL_CHANNEL, onName);
  }
}
