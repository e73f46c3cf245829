import type { DocumentReadStore } from '../../application/ports/read-model.port.js';
import type { RetentionIndex, RetentionIndexPage } from '../../application/retention/retention-index.port.js';
import type { LocalDate } from '../../domain/calendar/local-date.js';
import type { TrackedCase } from '../../domain/retention/retention.decide.js';
import { RETENTION_CASES, subjectDocumentId, type RetentionCaseDocument, type RetentionSubjectDocument } from './retention-cases.projection.js';

const tracked = ({ kind: _kind, version: _version, holds, ...c }: RetentionCaseDocument): TrackedCase => ({ case: c, holds });

/** The retention index over the `retention_cases` documents. */
export class RetentionCasesQueries implements RetentionIndex {
  constructor(private readonly store: DocumentReadStore) {}

  async candidates(asOf: LocalDate, cursor: string | null, limit: number): Promise<RetentionIndexPage> {
    const page = await this.store.find<RetentionCaseDocument>(RETENTION_CASES, {
      where: { kind: 'case', status: 'closed', nextDue: { lte: asOf } },
      orderBy: [{ path: 'nextDue', direction: 'asc' }],
      limit,
      cursor,
    });
    return { items: page.items.map(tracked), nextCursor: page.nextCursor };
  }

  async holdersOf(subjectIds: readonly string[]): Promise<readonly TrackedCase[]> {
    const streams = new Set<string>();
    for (const subjectId of subjectIds) {
      const subject = await this.store.get<RetentionSubjectDocument>(RETENTION_CASES, subjectDocumentId(subjectId));
      for (const streamId of subject?.caseStreamIds ?? []) streams.add(streamId);
    }
    const cases: TrackedCase[] = [];
    for (const streamId of streams) {
      const doc = await this.store.get<RetentionCaseDocument>(RETENTION_CASES, streamId);
      if (doc) cases.push(tracked(doc));
    }
    return cases;
  }
}
