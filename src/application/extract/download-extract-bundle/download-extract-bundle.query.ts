import { Query } from '@nestjs/cqrs';
import type { ExtractReader } from '../extract.reader.js';

export interface ExtractBundleDownload {
  readonly fileName: string;
  readonly sha256: string;
  readonly archive: Buffer;
}

/** The generated bundle, byte for byte as recorded; the download is recorded with its purpose (R-RET-04). */
export class DownloadExtractBundleQuery extends Query<ExtractBundleDownload> {
  constructor(
    readonly reader: ExtractReader,
    readonly extractId: string,
    readonly purpose: string,
    readonly correlationId: string,
  ) {
    super();
  }
}
