import type { DocumentPage, DocumentReadStore } from '../../application/ports/read-model.port.js';
import { FILING_REGISTER, type FilingRegisterEntry } from './filing-register.projection.js';

/** A unit's filing register for a year, in register-number order (R-CPL-03). */
export function listFilingRegister(store: DocumentReadStore, query: { unitId: string; year: number; cursor?: string | null; limit?: number }): Promise<DocumentPage<FilingRegisterEntry>> {
  return store.find<FilingRegisterEntry>(FILING_REGISTER, {
    where: { unitId: query.unitId, year: query.year },
    orderBy: [{ path: 'number', direction: 'asc' }],
    cursor: query.cursor ?? null,
    limit: query.limit ?? 50,
  });
}
