import type { DocumentCondition, DocumentPage, DocumentReadStore } from '../../application/ports/read-model.port.js';
import { DEADLINE_REGISTER, type DeadlineRegisterCase } from './deadline-register.projection.js';

/** `open_offers`: cases with an open offer, by the day it lapses (R-CON-08). */
export type DeadlineStatus = 'overdue' | 'due_soon' | 'open' | 'open_offers';

export interface DeadlineQuery {
  /** The Budapest business date the register is read on. */
  readonly today: string;
  readonly status: DeadlineStatus;
  /** `due_soon`: due from today up to this date (inclusive); `open`: when given, overdue or due up to it. */
  readonly dueSoonUntil: string | null;
  readonly unitId?: string;
  readonly clerkId?: string;
  readonly cursor?: string | null;
  readonly limit?: number;
}

/** A line of the register as read on a day: whether the case's earliest duty is overdue. */
export type DeadlineRegisterLine = DeadlineRegisterCase & { readonly overdue: boolean };

/**
 * The deadline register (R-DL-02): cases with an open duty of the provider, earliest due first,
 * so the overdue ones lead; all open (optionally only those due by a horizon), overdue (due before
 * today), or due soon (today up to a horizon); or the cases with an open offer, by the day it
 * lapses (R-CON-08).
 */
export async function listDeadlines(store: DocumentReadStore, query: DeadlineQuery): Promise<DocumentPage<DeadlineRegisterLine>> {
  const page = await findDeadlines(store, query);
  return { ...page, items: page.items.map((c) => ({ ...c, overdue: c.nextDueDate !== null && c.nextDueDate < query.today })) };
}

function findDeadlines(store: DocumentReadStore, query: DeadlineQuery): Promise<DocumentPage<DeadlineRegisterCase>> {
  if (query.status === 'open_offers') {
    return store.find<DeadlineRegisterCase>(DEADLINE_REGISTER, {
      where: { offerLapsesOn: { gte: '0000-01-01' }, ...(query.unitId ? { unitId: query.unitId } : {}), ...(query.clerkId ? { clerkId: query.clerkId } : {}) },
      orderBy: [{ path: 'offerLapsesOn', direction: 'asc' }],
      cursor: query.cursor ?? null,
      limit: query.limit ?? 50,
    });
  }
  const horizon = query.dueSoonUntil ?? query.today;
  const due: DocumentCondition =
    query.status === 'overdue'
      ? { lt: query.today }
      : query.status === 'due_soon'
        ? { gte: query.today, lte: horizon }
        : query.dueSoonUntil !== null
          ? { gte: '0000-01-01', lte: query.dueSoonUntil }
          : { gte: '0000-01-01' };
  return store.find<DeadlineRegisterCase>(DEADLINE_REGISTER, {
    where: { nextDueDate: due, ...(query.unitId ? { unitId: query.unitId } : {}), ...(query.clerkId ? { clerkId: query.clerkId } : {}) },
    orderBy: [{ path: 'nextDueDate', direction: 'asc' }],
    cursor: query.cursor ?? null,
    limit: query.limit ?? 50,
  });
}
