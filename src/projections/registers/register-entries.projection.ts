import type { DocumentProjection, ProjectionEvent } from '../projection.js';

export const REGISTER_ENTRIES = 'register_entries';

/**
 * One number handed out by a register (R-CPL-03): the versions of a register stream, taken in
 * the same transaction as the case, so every register is gapless per unit and year by
 * construction. What the line shows about the case comes from the case's own read model.
 */
export interface RegisterEntryDoc {
  readonly register: string;
  readonly unitId: string;
  readonly year: number;
  readonly number: number;
  readonly caseStreamId: string;
  readonly caseType: string;
  readonly allocatedAt: string;
  readonly allocatedBy: string;
}

export const registerEntryId = (register: string, unitId: string, year: number, number: number) => `${register}/${unitId}/${year}/${number}`;

function evolve(_doc: RegisterEntryDoc | undefined, raw: ProjectionEvent): RegisterEntryDoc {
  const d = raw.data as { register: string; unitId: string; year: number; number: number; caseStreamId: string; caseType: string };
  return { register: d.register, unitId: d.unitId, year: d.year, number: d.number, caseStreamId: d.caseStreamId, caseType: d.caseType, allocatedAt: raw.recordedAt, allocatedBy: raw.metadata.actor.userId };
}

export const registerEntriesProjection: DocumentProjection<RegisterEntryDoc> = {
  kind: 'documents',
  name: REGISTER_ENTRIES,
  version: 1,
  handles: ['RegisterNumberAllocated'],
  documentIds: (event) => {
    const d = event.data as { register?: unknown; unitId?: unknown; year?: unknown; number?: unknown };
    return typeof d.register === 'string' && typeof d.unitId === 'string' && typeof d.year === 'number' && typeof d.number === 'number' ? [registerEntryId(d.register, d.unitId, d.year, d.number)] : [];
  },
  evolve,
  indexes: [
    { name: 'register', path: 'register' },
    { name: 'unit', path: 'unitId' },
    { name: 'year', path: 'year' },
    { name: 'number', path: 'number' },
  ],
};
