import type { ExtractCase } from '../../domain/extract/extract.state.js';
import type { ExtractBundleRecord } from '../../domain/extract/extract.types.js';

/** A built bundle: the archive as it will be downloaded, and the record of what it holds. */
export interface ExtractBundle {
  readonly archive: Buffer;
  readonly record: ExtractBundleRecord;
}

/**
 * Builds the verifiable bundle of an approved extract: the events in their stored form,
 * sealed under a signed checkpoint, with proofs, a signed manifest and a summary.
 */
export interface ExtractBundler {
  /** Whether the provider signed a checkpoint of this tree size (one a body may hold). */
  checkpointExists(treeSize: number): Promise<boolean>;
  build(extract: ExtractCase): Promise<ExtractBundle>;
}

export const EXTRACT_BUNDLER = Symbol('ExtractBundler');
