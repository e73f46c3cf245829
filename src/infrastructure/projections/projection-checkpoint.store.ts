import type { GlobalCheckpoint } from '../../application/ports/event-store.port.js';
import type { ParkedEventInfo, ProjectionState } from '../../application/ports/read-model.port.js';
import type { Database, SqlExecutor } from '../persistence/database.js';
import { toNumber } from '../persistence/database.js';
import { liveTableOf } from './document-table.js';
import type { CheckpointStore, ParkableEvent, StoredCheckpoint, StoredRebuild } from './read-model.store.js';

export type { ParkableEvent, StoredCheckpoint } from './read-model.store.js';

/** Where the event store notifies appends (es_append). */
export const EVENTS_CHANNEL = 'es_events';
/** Where operators' requests (resume, a finished rebuild) reach the lease holder, payload the projection name. */
export const CONTROL_CHANNEL = 'projection_control';

interface CheckpointRow {
  name: string;
  version: number;
  tx_id: string;
  position: unknown;
  state: ProjectionState;
  last_error: string | null;
  resume_requested_at: Date | null;
  updated_at: Date;
}

interface ParkedRow {
  global_position: unknown;
  event_id: string;
  event_type: string;
  error: string;
  attempts: number;
  parked_at: Date;
}

const CHECKPOINT_COLUMNS = `name, version, transaction_id::text AS tx_id, position, state, last_error, resume_requested_at, updated_at`;

export function sameCheckpoint(a: GlobalCheckpoint, b: GlobalCheckpoint): boolean {
  return a.transactionId === b.transactionId && a.position === b.position;
}

interface RebuildRow {
  projection: string;
  table_name: string;
  processed: unknown;
  total: unknown;
  started_at: Date;
  updated_at: Date;
}

/** The SQL of projection_checkpoints, projection_parked_events and projection_rebuilds. */
export class ProjectionCheckpointStore implements CheckpointStore<SqlExecutor> {
  constructor(private readonly db: Database) {}

  /** The checkpoint row, created at the start of the log when missing. */
  async ensure(name: string, version: number): Promise<StoredCheckpoint> {
    await this.db.query(
      `INSERT INTO projection_checkpoints (name, version, table_name) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`,
      [name, version, liveTableOf(name)],
    );
    return (await this.load(name))!;
  }

  async load(name: string, executor: SqlExecutor = this.db): Promise<StoredCheckpoint | undefined> {
    const { rows } = await executor.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM projection_checkpoints WHERE name = $1`, [name]);
    return rows[0] && toStored(rows[0]);
  }

  async loadAll(names: readonly string[]): Promise<StoredCheckpoint[]> {
    const { rows } = await this.db.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM projection_checkpoints WHERE name = ANY($1::text[])`, [[...names]]);
    return rows.map(toStored);
  }

  /** Locks the row until the transaction ends: the compare-and-set that keeps batches from applying twice. */
  async lock(tx: SqlExecutor, name: string): Promise<StoredCheckpoint | undefined> {
    const { rows } = await tx.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM projection_checkpoints WHERE name = $1 FOR UPDATE`, [name]);
    return rows[0] && toStored(rows[0]);
  }

  async advance(tx: SqlExecutor, name: string, to: GlobalCheckpoint, state: ProjectionState, version?: number): Promise<void> {
    await tx.query(
      `UPDATE projection_checkpoints
          SET transaction_id = $2::text::xid8, position = $3, state = $4, last_error = NULL, updated_at = now(),
              version = COALESCE($5, version)
        WHERE name = $1`,
      [name, to.transactionId, to.position, state, version ?? null],
    );
  }

  async setState(name: string, state: ProjectionState, lastError: string | null): Promise<void> {
    await this.db.query(`UPDATE projection_checkpoints SET state = $2, last_error = $3, updated_at = now() WHERE name = $1`, [name, state, lastError]);
  }

  /**
   * Records the event the projection stops at and marks it parked, in the transaction that
   * verified the checkpoint. Parking the same event again adds to its attempts.
   */
  async park(tx: SqlExecutor, name: string, event: ParkableEvent, error: string, attempts: number): Promise<void> {
    await tx.query(
      `INSERT INTO projection_parked_events (projection, global_position, event_id, event_type, error, attempts, transaction_id)
       VALUES ($1, $2, $3::uuid, $4, $5, $6, $7::text::xid8)
       ON CONFLICT (projection) WHERE resolved_at IS NULL DO UPDATE SET
         attempts = CASE WHEN projection_parked_events.event_id = EXCLUDED.event_id
                         THEN projection_parked_events.attempts + EXCLUDED.attempts ELSE EXCLUDED.attempts END,
         parked_at = CASE WHEN projection_parked_events.event_id = EXCLUDED.event_id
                          THEN projection_parked_events.parked_at ELSE now() END,
         global_position = EXCLUDED.global_position, event_id = EXCLUDED.event_id, transaction_id = EXCLUDED.transaction_id,
         event_type = EXCLUDED.event_type, error = EXCLUDED.error`,
      [name, event.globalPosition, event.eventId, event.type, error, attempts, event.transactionId ?? null],
    );
    await tx.query(
      `UPDATE projection_checkpoints SET state = 'parked', last_error = $2, resume_requested_at = NULL, updated_at = now() WHERE name = $1`,
      [name, error],
    );
  }

  async openParked(name: string, executor: SqlExecutor = this.db): Promise<ParkedEventInfo | null> {
    const { rows } = await executor.query<ParkedRow>(
      `SELECT global_position, event_id::text AS event_id, event_type, error, attempts, parked_at
         FROM projection_parked_events WHERE projection = $1 AND resolved_at IS NULL`,
      [name],
    );
    const row = rows[0];
    return row ? toParked(row) : null;
  }

  /** Every open parked event of every projection, by projection name. */
  async allOpenParked(): Promise<Map<string, ParkedEventInfo>> {
    const { rows } = await this.db.query<ParkedRow & { projection: string }>(
      `SELECT projection, global_position, event_id::text AS event_id, event_type, error, attempts, parked_at
         FROM projection_parked_events WHERE resolved_at IS NULL`,
    );
    return new Map(rows.map((row) => [row.projection, toParked(row)]));
  }

  /** Marks the parked events at or before `upTo` in the global order resolved: they have now been applied. */
  async resolveParked(tx: SqlExecutor, name: string, upTo: GlobalCheckpoint): Promise<void> {
    await tx.query(
      `UPDATE projection_parked_events p SET resolved_at = now()
        WHERE p.projection = $1 AND p.resolved_at IS NULL
          AND CASE WHEN p.transaction_id IS NOT NULL
                   THEN (p.transaction_id, p.global_position) <= ($2::text::xid8, $3::bigint)
                   ELSE EXISTS (SELECT 1 FROM events e WHERE e.event_id = p.event_id
                                   AND (e.transaction_id, e.global_position) <= ($2::text::xid8, $3::bigint)) END`,
      [name, upTo.transactionId, upTo.position],
    );
  }

  /** Asks the lease holder, in whatever process, to retry the parked event. False when nothing is parked. */
  async requestResume(name: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query(
        `UPDATE projection_checkpoints SET resume_requested_at = now(), updated_at = now()
          WHERE name = $1 AND EXISTS (SELECT 1 FROM projection_parked_events p WHERE p.projection = $1 AND p.resolved_at IS NULL)
        RETURNING name`,
        [name],
      );
      if (rows.length === 0) return false;
      await tx.query(`SELECT pg_notify($1, $2)`, [CONTROL_CHANNEL, name]);
      return true;
    });
  }

  /** Consumes a pending resume request; true when there was one. */
  async takeResumeRequest(name: string): Promise<boolean> {
    const { rows } = await this.db.query(
      `UPDATE projection_checkpoints SET resume_requested_at = NULL WHERE name = $1 AND resume_requested_at IS NOT NULL RETURNING name`,
      [name],
    );
    return rows.length > 0;
  }

  async rebuildTableOf(name: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ table_name: string }>(`SELECT table_name FROM projection_rebuilds WHERE projection = $1`, [name]);
    return rows[0]?.table_name;
  }

  async rebuilds(names: readonly string[]): Promise<StoredRebuild[]> {
    const { rows } = await this.db.query<RebuildRow>(
      `SELECT projection, table_name, processed, total, started_at, updated_at FROM projection_rebuilds WHERE projection = ANY($1::text[])`,
      [[...names]],
    );
    return rows.map((row) => ({
      projection: row.projection,
      table: row.table_name,
      processed: toNumber(row.processed),
      total: toNumber(row.total),
      startedAt: new Date(row.started_at),
      updatedAt: new Date(row.updated_at),
    }));
  }

  async startRebuild(name: string, table: string, total: number): Promise<void> {
    await this.db.query(
      `INSERT INTO projection_rebuilds (projection, table_name, total) VALUES ($1, $2, $3)
       ON CONFLICT (projection) DO UPDATE SET table_name = EXCLUDED.table_name, total = EXCLUDED.total,
         transaction_id = '0'::xid8, position = 0, processed = 0, started_at = now(), updated_at = now()`,
      [name, table, total],
    );
  }

  async rebuildProgress(tx: SqlExecutor, name: string, at: GlobalCheckpoint, processed: number, total: number): Promise<void> {
    await tx.query(
      `UPDATE projection_rebuilds SET transaction_id = $2::text::xid8, position = $3, processed = $4, total = $5, updated_at = now()
        WHERE projection = $1`,
      [name, at.transactionId, at.position, processed, total],
    );
  }

  async endRebuild(executor: SqlExecutor | undefined, name: string): Promise<void> {
    await (executor ?? this.db).query(`DELETE FROM projection_rebuilds WHERE projection = $1`, [name]);
  }
}

function toStored(row: CheckpointRow): StoredCheckpoint {
  return {
    name: row.name,
    version: row.version,
    checkpoint: { transactionId: row.tx_id, position: toNumber(row.position) },
    state: row.state,
    lastError: row.last_error,
    resumeRequested: row.resume_requested_at !== null,
    updatedAt: row.updated_at,
  };
}

function toParked(row: ParkedRow): ParkedEventInfo {
  return {
    globalPosition: toNumber(row.global_position),
    eventId: row.event_id,
    type: row.event_type,
    error: row.error,
    attempts: row.attempts,
    parkedAt: new Date(row.parked_at).toISOString(),
  };
}
