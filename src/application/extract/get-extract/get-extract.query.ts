import { Query } from '@nestjs/cqrs';
import type { ExtractReader } from '../extract.reader.js';

export interface ExtractDetails {
  readonly view: Record<string, unknown>;
  readonly version: number;
}

/** One extract's record; the read is recorded with its purpose (R-RET-04). */
export class GetExtractQuery extends Query<ExtractDetails> {
  constructor(
    readonly reader: ExtractReader,
    readonly extractId: string,
    readonly purpose: string,
    readonly correlationId: string,
  ) {
    super();
  }
}
