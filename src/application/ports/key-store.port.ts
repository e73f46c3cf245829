/** Per-data-subject encryption keys for personal fields (crypto-shredding). */
export interface KeyStore {
  /** The subject's key, created on first use; refuses a subject whose key was destroyed. */
  keyForWriting(subjectId: string): Promise<Uint8Array>;
  /** Keys for reading; a destroyed or unknown subject maps to null. */
  keysForReading(subjectIds: Iterable<string>): Promise<ReadonlyMap<string, Uint8Array | null>>;
  /** Destroys the key for good: every field encrypted under it reads back as erased. */
  destroy(subjectId: string, reason: string): Promise<{ destroyed: boolean }>;
  isDestroyed(subjectId: string): Promise<boolean>;
}

export const KEY_STORE = Symbol('KeyStore');
