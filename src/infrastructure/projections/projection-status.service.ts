import { Inject, Injectable } from '@nestjs/common';
import type {
  ProjectionRebuildProgress,
  ProjectionState,
  ProjectionStatus,
  ProjectionStatusReader,
} from '../../application/ports/read-model.port.js';
import type { Database } from '../persistence/database.js';
import { toNumber } from '../persistence/database.js';
import { DATABASE } from '../persistence/persistence.module.js';
import { ProjectionCheckpointStore } from './projection-checkpoint.store.js';
import { LEASE_LOCK_SPACE, isLockHeldAnywhere } from './projection-lease.js';
import { ProjectionsService } from './projections.service.js';

interface StatusRow {
  name: string;
  version: number;
  tx_id: string;
  position: unknown;
  state: ProjectionState;
  last_error: string | null;
  updated_at: Date;
  lag: unknown;
}

interface RebuildRow {
  projection: string;
  table_name: string;
  processed: unknown;
  total: unknown;
  started_at: Date;
  updated_at: Date;
}

/**
 * Status of every registered projection as the database records it (so any process, the
 * CLI included, sees what the lease holder does), with this instance's own lease.
 */
@Injectable()
export class ProjectionStatusService implements ProjectionStatusReader {
  private readonly checkpoints: ProjectionCheckpointStore;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(ProjectionsService) private readonly projections: ProjectionsService,
  ) {
    this.checkpoints = new ProjectionCheckpointStore(db);
  }

  async statuses(): Promise<ProjectionStatus[]> {
    const names = this.projections.projections.map((p) => p.name);
    if (names.length === 0) return [];
    const cap = this.projections.options.lagCap;
    const [head, rows, parked, rebuilds, unstarted] = await Promise.all([
      this.db.query<{ head: unknown }>('SELECT COALESCE(max(global_position), 0) AS head FROM events'),
      this.db.query<StatusRow>(
        `SELECT c.name, c.version, c.transaction_id::text AS tx_id, c.position, c.state, c.last_error, c.updated_at,
                (SELECT count(*) FROM (SELECT 1 FROM events e
                   WHERE (e.transaction_id, e.global_position) > (c.transaction_id, c.position) LIMIT $2) AS pending) AS lag
           FROM projection_checkpoints c WHERE c.name = ANY($1::text[])`,
        [names, cap],
      ),
      this.checkpoints.allOpenParked(),
      this.db.query<RebuildRow>(
        `SELECT projection, table_name, processed, total, started_at, updated_at FROM projection_rebuilds WHERE projection = ANY($1::text[])`,
        [names],
      ),
      this.db.query<{ lag: unknown }>(`SELECT count(*) AS lag FROM (SELECT 1 FROM events LIMIT $1) AS pending`, [cap]),
    ]);
    const headPosition = toNumber(head.rows[0]?.head ?? 0);
    const byName = new Map(rows.rows.map((row) => [row.name, row]));
    const rebuildOf = new Map(rebuilds.rows.map((row) => [row.projection, row]));

    const statuses: ProjectionStatus[] = [];
    for (const projection of this.projections.projections) {
      const row = byName.get(projection.name);
      const parkedEvent = parked.get(projection.name) ?? null;
      const rebuildRow = rebuildOf.get(projection.name);
      const leaseHeld = this.projections.isLeaseHeld(projection.name);
      const leaseHolder = leaseHeld
        ? 'this_instance'
        : (await isLockHeldAnywhere(this.db, LEASE_LOCK_SPACE, projection.name))
          ? 'another_instance'
          : 'nobody';
      const state: ProjectionState = parkedEvent ? 'parked' : rebuildRow ? 'rebuilding' : (row?.state ?? 'starting');
      const lastError = parkedEvent?.error ?? row?.last_error ?? null;
      statuses.push({
        name: projection.name,
        version: row?.version ?? projection.version,
        state,
        checkpoint: { transactionId: row?.tx_id ?? '0', position: row ? toNumber(row.position) : 0 },
        headPosition,
        lag: toNumber(row ? row.lag : (unstarted.rows[0]?.lag ?? 0)),
        lastError,
        parkedEvent,
        updatedAt: (row?.updated_at ?? new Date(0)).toISOString(),
        leaseHeld,
        leaseHolder,
        healthy: parkedEvent === null && !(state === 'stopped' && lastError !== null),
        rebuild: rebuildRow ? toRebuildProgress(rebuildRow) : null,
      });
    }
    return statuses;
  }

  async healthy(): Promise<boolean> {
    return (await this.statuses()).every((status) => status.healthy);
  }
}

function toRebuildProgress(row: RebuildRow): ProjectionRebuildProgress {
  return {
    table: row.table_name,
    processed: toNumber(row.processed),
    total: toNumber(row.total),
    startedAt: new Date(row.started_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
