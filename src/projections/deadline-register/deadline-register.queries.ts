import type { DocumentCondition, DocumentPage, DocumentReadStore } from '../../application/ports/read-model.port.js';
import { DEADLINE_REGISTER, type DeadlineRegisterCase } from './deadline-register.projection.js';

/** `open_offers`: cases with an open offer, by the day it lapses (R-CON-08). */
export type DeadlineStatus = 'overdue' | 'due_soon' | 'open' | 'open_offers';

export interface DeadlineQuery {
  /** The Budapest business date the register is read on. */
  readonly today: string;
  readonly status: DeadlineStatus;
  /** `due_soon`: due from today up to this date (inclusive). */
  readonly dueSoonUntil: string;
  readonly unitId?: string;
  readonly clerkId?: string;
  readonly cursor?: string | null;
  readonly limit?: number;
}

/**
 * The deadline register (R-DL-02): cases with an open duty of the provider, earliest due first;
 * overdue (due before today), due soon (today up to a horizon), or all open; or the cases with
 * an open offer, by the day it lapses (R-CON-08).
 */
export function listDeadlines(store: DocumentReadStore, query: DeadlineQuery): Promise<DocumentPage<DeadlineRegisterCase>> {
  if (query.status === 'open_offers') {
    return store.find<DeadlineRegisterCase>(DEADLINE_REGISTER, {
      where: { offerLapsesOn: { gte: '0000-01-01' }, ...(query.unitId ? { unitId: query.unitId } : {}), ...(query.clerkId ? { clerkId: query.clerkId } : {}) },
      orderBy: [{ path: 'offerLapsesOn', direction: 'asc' }],
      cursor: query.cursor ?? null,
      limit: query.limit ?? 50,
    });
  }
  const due: DocumentCondition =
    query.status === 'overdue' ? { lt: query.today } : query.status === 'due_soon' ? { gte: query.today, lte: query.dueSoonUntil } : { gte: '0000-01-01' };
  return store.find<DeadlineRegisterCase>(DEADLINE_REGISTER, {
    where: { nextDueDate: due, ...(query.unitId ? { unitId: query.unitId } : {}), ...(query.clerkId ? { clerkId: query.clerkId } : {}) },
    orderBy: [{ path: 'nextDueDate', direction: 'asc' }],
    cursor: query.cursor ?? null,
    limit: query.limit ?? 50,
  });
}
