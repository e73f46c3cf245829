import { RETENTION_INDEX_PROJECTION } from '../../application/retention/retention-index.port.js';
import { defaultPolicyCatalog } from '../../domain/policy/policy-catalog.js';
import { evolveLegalHolds, isLegalHoldEvent, type LegalHold } from '../../domain/referral/legal-hold.events.js';
import { CASE_EVENT_SCHEMAS, subjectIdsIn } from '../../domain/retention/case-personal-data.js';
import { evolveRetentionCase, newRetentionCase, retentionCaseTypeOf, type PolicyLookup, type RetentionCase } from '../../domain/retention/retention-case.js';
import type { DocumentProjection, ProjectionEvent } from '../projection.js';

export const RETENTION_CASES = RETENTION_INDEX_PROJECTION;

/** One case: its retention fold, the stream version folded, and the legal holds in force on it (R-RET-02). */
export interface RetentionCaseDocument extends RetentionCase {
  readonly kind: 'case';
  readonly version: number;
  readonly holds: readonly LegalHold[];
}

/** One data subject: the cases whose personal data its key encrypts (a key can outlive a case, R-RET-01). */
export interface RetentionSubjectDocument {
  readonly kind: 'subject';
  readonly subjectId: string;
  readonly caseStreamIds: readonly string[];
}

export type RetentionDocument = RetentionCaseDocument | RetentionSubjectDocument;

export const subjectDocumentId = (subjectId: string) => `subject:${subjectId}`;

// The built-in catalog is the one the service runs with (DirectoriesModule); its versions never change once defined.
const policies: PolicyLookup = (id) => defaultPolicyCatalog.all().find((version) => version.id === id);

function evolveCase(doc: RetentionCaseDocument | undefined, raw: ProjectionEvent): RetentionCaseDocument | undefined {
  const folded = evolveRetentionCase(doc ?? null, { streamId: raw.streamId, type: raw.type, data: raw.data }, policies);
  if (!folded) return doc;
  return { ...folded, kind: 'case', version: raw.streamVersion, holds: doc?.holds ?? [] };
}

/** A hold placed or lifted on a referral's stream, applied to the case it names. */
function evolveHolds(doc: RetentionCaseDocument | undefined, raw: ProjectionEvent, caseStreamId: string): RetentionCaseDocument | undefined {
  const event = { type: raw.type, data: raw.data } as { type: string; data: unknown };
  if (!isLegalHoldEvent(event)) return doc;
  const base = doc ?? (() => {
    const fresh = newRetentionCase(caseStreamId);
    return fresh ? { ...fresh, kind: 'case' as const, version: 0, holds: [] } : undefined;
  })();
  if (!base) return doc;
  const holds = evolveLegalHolds(Object.fromEntries(base.holds.map((h) => [h.holdId, h])), event);
  return { ...base, holds: Object.values(holds).filter((h) => h.caseStreamId === caseStreamId) };
}

function evolve(doc: RetentionDocument | undefined, raw: ProjectionEvent, documentId: string): RetentionDocument | undefined {
  if (documentId.startsWith('subject:')) {
    const subject = doc as RetentionSubjectDocument | undefined;
    const known = subject?.caseStreamIds ?? [];
    return { kind: 'subject', subjectId: documentId.slice('subject:'.length), caseStreamIds: known.includes(raw.streamId) ? known : [...known, raw.streamId] };
  }
  const caseDoc = doc as RetentionCaseDocument | undefined;
  return documentId === raw.streamId ? evolveCase(caseDoc, raw) : evolveHolds(caseDoc, raw, documentId);
}

/**
 * The retention index (R-RET-01..03, R-LAW-09): per case its type, close, retention dates per record
 * type, the next one due and the latest, its call recordings, the subject keys holding its personal data, the legal holds in force and
 * whether it expired; per subject the cases its key serves.
 */
export const retentionCasesProjection: DocumentProjection<RetentionDocument> = {
  kind: 'documents',
  name: RETENTION_CASES,
  version: 2,
  handles: [...new Set(CASE_EVENT_SCHEMAS.map((s) => s.type))],
  documentIds: (event) => {
    const ids: string[] = [];
    if (retentionCaseTypeOf(event.streamId)) {
      ids.push(event.streamId, ...subjectIdsIn(event.type, event.data).map(subjectDocumentId));
    }
    if (isLegalHoldEvent({ type: event.type }) && typeof event.data.caseStreamId === 'string') ids.push(event.data.caseStreamId);
    return ids;
  },
  evolve,
  indexes: [
    { name: 'kind', path: 'kind' },
    { name: 'status', path: 'status' },
    { name: 'retain_until', path: 'retainUntil' },
    { name: 'next_due', path: 'nextDue' },
  ],
};
