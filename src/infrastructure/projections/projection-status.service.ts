import { Inject, Injectable } from '@nestjs/common';
import type {
  ProjectionRebuildProgress,
  ProjectionState,
  ProjectionStatus,
  ProjectionStatusReader,
} from '../../application/ports/read-model.port.js';
import { START_OF_LOG } from '../../application/ports/event-store.port.js';
import type { Database } from '../persistence/database.js';
import { DATABASE } from '../persistence/persistence.module.js';
import { LEASE_LOCK_SPACE, isLockHeldAnywhere } from './projection-lease.js';
import { ProjectionsService } from './projections.service.js';
import type { StoredRebuild } from './read-model.store.js';

/**
 * Status of every registered projection as the read store records it (so any process, the
 * CLI included, sees what the lease holder does), with this instance's own lease.
 */
@Injectable()
export class ProjectionStatusService implements ProjectionStatusReader {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(ProjectionsService) private readonly projections: ProjectionsService,
  ) {}

  async statuses(): Promise<ProjectionStatus[]> {
    const names = this.projections.projections.map((p) => p.name);
    if (names.length === 0) return [];
    const cap = this.projections.options.lagCap;
    const { checkpoints } = this.projections.readStore;
    const { log } = this.projections;
    const [headPosition, stored, parked, rebuilds, unstarted] = await Promise.all([
      log.headPosition(),
      checkpoints.loadAll(names),
      checkpoints.allOpenParked(),
      checkpoints.rebuilds(names),
      log.countAfter(START_OF_LOG, cap),
    ]);
    const lags = await Promise.all(stored.map((row) => log.countAfter(row.checkpoint, cap)));
    const byName = new Map(stored.map((row, i) => [row.name, { row, lag: lags[i]! }]));
    const rebuildOf = new Map(rebuilds.map((row) => [row.projection, row]));

    const statuses: ProjectionStatus[] = [];
    for (const projection of this.projections.projections) {
      const found = byName.get(projection.name);
      const row = found?.row;
      const parkedEvent = parked.get(projection.name) ?? null;
      const rebuildRow = rebuildOf.get(projection.name);
      const leaseHeld = this.projections.isLeaseHeld(projection.name);
      const leaseHolder = leaseHeld
        ? 'this_instance'
        : (await isLockHeldAnywhere(this.db, LEASE_LOCK_SPACE, projection.name))
          ? 'another_instance'
          : 'nobody';
      const state: ProjectionState = parkedEvent ? 'parked' : rebuildRow ? 'rebuilding' : (row?.state ?? 'starting');
      const lastError = parkedEvent?.error ?? row?.lastError ?? null;
      statuses.push({
        name: projection.name,
        version: row?.version ?? projection.version,
        state,
        checkpoint: row?.checkpoint ?? START_OF_LOG,
        headPosition,
        lag: found ? found.lag : unstarted,
        lastError,
        parkedEvent,
        updatedAt: (row?.updatedAt ?? new Date(0)).toISOString(),
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

function toRebuildProgress(row: StoredRebuild): ProjectionRebuildProgress {
  return { table: row.table, processed: row.processed, total: row.total, startedAt: row.startedAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}
