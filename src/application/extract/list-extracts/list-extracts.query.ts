import { Query } from '@nestjs/cqrs';
import type { ExtractReader } from '../extract.reader.js';

export interface ExtractListPage {
  readonly items: readonly Record<string, unknown>[];
  readonly nextCursor: string | null;
}

/** Extracts newest first; a regulator's list holds only generated extracts addressed to its body. */
export class ListExtractsQuery extends Query<ExtractListPage> {
  constructor(
    readonly reader: ExtractReader,
    readonly filter: { readonly addresseeBodyId?: string; readonly limit: number; readonly cursor?: string | null },
  ) {
    super();
  }
}
