import type { DocumentCondition, DocumentPage, DocumentReadStore } from '../../application/ports/read-model.port.js';
import { DISPATCHER_LOG, type DispatcherLogEntry, type DispatcherLogStatus } from './dispatcher-log.projection.js';

export interface DispatcherLogQuery {
  readonly unitId?: string;
  /** Reported on or after this Budapest date. */
  readonly from?: string;
  /** Reported on or before this Budapest date. */
  readonly to?: string;
  readonly kind?: string;
  readonly priority?: string;
  readonly status?: DispatcherLogStatus;
  readonly cursor?: string | null;
  readonly limit?: number;
}

/** The dispatcher log (R-DSP-02) in sequence-number order, filtered by date of report, kind, priority and status. */
export function listDispatcherLog(store: DocumentReadStore, query: DispatcherLogQuery): Promise<DocumentPage<DispatcherLogEntry>> {
  const reportedOn: DocumentCondition | undefined =
    query.from || query.to ? { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } : undefined;
  return store.find<DispatcherLogEntry>(DISPATCHER_LOG, {
    where: {
      ...(query.unitId ? { unitId: query.unitId } : {}),
      ...(reportedOn ? { reportedOn } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.priority ? { priority: query.priority } : {}),
      ...(query.status ? { status: query.status } : {}),
    },
    orderBy: [
      { path: 'year', direction: 'asc' },
      { path: 'number', direction: 'asc' },
    ],
    cursor: query.cursor ?? null,
    limit: query.limit ?? 50,
  });
}
