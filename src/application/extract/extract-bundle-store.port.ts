/** Where generated bundles are kept, by extract and digest, so a download returns exactly what was recorded. */
export interface ExtractBundleStore {
  save(extractId: string, sha256: string, archive: Buffer, createdAt: string): Promise<void>;
  /** The archive recorded under this digest, if it is kept. */
  load(extractId: string, sha256: string): Promise<Buffer | undefined>;
  /** Drops a bundle built for a generation that was not recorded (refused, or lost a race). */
  discard(extractId: string, sha256: string): Promise<void>;
  /**
   * Deletes every kept bundle of the extract, the one on record and any built but never
   * recorded (R-RET-03); answers the digests it deleted, none when nothing was kept.
   */
  purge(extractId: string): Promise<string[]>;
}

export const EXTRACT_BUNDLE_STORE = Symbol('ExtractBundleStore');
