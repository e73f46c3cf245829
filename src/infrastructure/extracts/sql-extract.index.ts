import { Inject, Injectable } from '@nestjs/common';
import type { ExtractIndex, ExtractIndexFilter, ExtractIndexPage, KeptCaseFileBundle } from '../../application/extract/extract-index.port.js';
import { EXTRACT_STREAM_PREFIX } from '../../domain/extract/extract.decider.js';
import type { Database } from '../persistence/database.js';
import { toNumber } from '../persistence/database.js';
import { DATABASE } from '../persistence/persistence.module.js';

/** Extracts found from their `ExtractRequested` events, newest first; the cursor is a global position. */
@Injectable()
export class SqlExtractIndex implements ExtractIndex {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async find(filter: ExtractIndexFilter): Promise<ExtractIndexPage> {
    const before = filter.cursor ? Number(filter.cursor) : null;
    if (before !== null && (!Number.isSafeInteger(before) || before < 1)) return { extractIds: [], nextCursor: null };
    const { rows } = await this.db.query<{ stream_id: string; global_position: unknown }>(
      `SELECT r.stream_id, r.global_position FROM events r
        WHERE r.event_type = 'ExtractRequested'
          AND ($1::text IS NULL OR r.data->'addressee'->>'id' = $1::text)
          AND (NOT $2::boolean OR EXISTS (SELECT 1 FROM events g WHERE g.stream_id = r.stream_id AND g.event_type = 'ExtractGenerated'))
          AND ($3::bigint IS NULL OR r.global_position < $3::bigint)
        ORDER BY r.global_position DESC
        LIMIT $4`,
      [filter.addresseeBodyId ?? null, filter.generatedOnly ?? false, before, filter.limit + 1],
    );
    const page = rows.slice(0, filter.limit);
    return {
      extractIds: page.map((r) => r.stream_id.slice(EXTRACT_STREAM_PREFIX.length)),
      nextCursor: rows.length > filter.limit ? String(toNumber(page.at(-1)!.global_position)) : null,
    };
  }

  async keptCaseFileBundles(caseStreamIds: readonly string[]): Promise<readonly KeptCaseFileBundle[]> {
    if (caseStreamIds.length === 0) return [];
    // From the few kept bundles to each extract's first event (its request), by the stream's unique key;
    // the stream keeps the id as the client wrote it, the uuid column reads back in lower case.
    const { rows } = await this.db.query<{ case_stream_id: string; stream_id: string; sha256: string }>(
      `SELECT r.data->'scope'->>'caseStreamId' AS case_stream_id, r.stream_id, b.sha256
         FROM extract_bundles b
         JOIN events r ON r.stream_id IN ($2::text || b.extract_id::text, $2::text || upper(b.extract_id::text)) AND r.stream_version = 1
        WHERE r.event_type = 'ExtractRequested' AND r.data->'scope'->>'caseStreamId' = ANY($1::text[])
        ORDER BY b.created_at, b.extract_id, b.sha256`,
      [[...caseStreamIds], EXTRACT_STREAM_PREFIX],
    );
    return rows.map((r) => ({ caseStreamId: r.case_stream_id, extractId: r.stream_id.slice(EXTRACT_STREAM_PREFIX.length), sha256: r.sha256 }));
  }
}
