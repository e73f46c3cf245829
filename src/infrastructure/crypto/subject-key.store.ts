import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyStore } from '../../application/ports/key-store.port.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { Database } from '../persistence/database.js';
import { toBuffer } from '../persistence/database.js';

/** Writing personal data for a subject whose key is destroyed would resurrect erased data. */
export class SubjectErasedError extends DomainError {
  readonly kind = 'conflict' as const;
  readonly code = 'PERSONAL_DATA.SUBJECT_ERASED';
  constructor(readonly subjectId: string) {
    super(`The personal data of subject ${subjectId} has been erased; it cannot receive new personal data`, {
      rule: 'R-RET-03',
      details: { subjectId },
    });
  }
}

interface CachedKey {
  readonly key: Uint8Array | null;
  readonly at: number;
}

/**
 * Subject keys in the `subject_keys` table, wrapped (AES-256-GCM) by a master key from
 * configuration. Unwrapped keys are cached for `cacheMillis`; a destroy in this process
 * drops the cache at once, other processes see it within `cacheMillis`.
 */
export class SqlSubjectKeyStore implements KeyStore {
  private readonly cache = new Map<string, CachedKey>();

  constructor(
    private readonly db: Database,
    private readonly masterKey: Uint8Array,
    private readonly cacheMillis = 30_000,
  ) {
    if (masterKey.length !== 32) throw new Error('The master key must be 32 bytes (AES-256)');
  }

  async keyForWriting(subjectId: string): Promise<Uint8Array> {
    const cached = this.fresh(subjectId);
    if (cached?.key) return cached.key;
    const key = randomBytes(32);
    await this.db.query('INSERT INTO subject_keys (subject_id, wrapped_key) VALUES ($1, $2) ON CONFLICT (subject_id) DO NOTHING', [
      subjectId,
      this.wrap(subjectId, key),
    ]);
    const stored = (await this.load([subjectId])).get(subjectId);
    if (!stored) throw new SubjectErasedError(subjectId);
    return stored;
  }

  async keysForReading(subjectIds: Iterable<string>): Promise<ReadonlyMap<string, Uint8Array | null>> {
    const result = new Map<string, Uint8Array | null>();
    const missing: string[] = [];
    for (const id of new Set(subjectIds)) {
      const cached = this.fresh(id);
      if (cached) result.set(id, cached.key);
      else missing.push(id);
    }
    if (missing.length > 0) for (const [id, key] of await this.load(missing)) result.set(id, key);
    return result;
  }

  async destroy(subjectId: string, reason: string): Promise<{ destroyed: boolean }> {
    const { rowCount } = await this.db.query(
      `UPDATE subject_keys SET wrapped_key = NULL, destroyed_at = now(), destroyed_reason = $2
        WHERE subject_id = $1 AND destroyed_at IS NULL`,
      [subjectId, reason],
    );
    if (rowCount === 0) {
      // Never written, or already gone: record the tombstone so the subject stays erased.
      await this.db.query(
        `INSERT INTO subject_keys (subject_id, wrapped_key, destroyed_at, destroyed_reason) VALUES ($1, NULL, now(), $2)
         ON CONFLICT (subject_id) DO NOTHING`,
        [subjectId, reason],
      );
    }
    this.cache.set(subjectId, { key: null, at: Date.now() });
    return { destroyed: rowCount > 0 };
  }

  async isDestroyed(subjectId: string): Promise<boolean> {
    const { rows } = await this.db.query<{ destroyed: boolean }>(
      'SELECT destroyed_at IS NOT NULL AS destroyed FROM subject_keys WHERE subject_id = $1',
      [subjectId],
    );
    return rows[0]?.destroyed ?? false;
  }

  private fresh(subjectId: string): CachedKey | undefined {
    const cached = this.cache.get(subjectId);
    if (!cached) return undefined;
    if (Date.now() - cached.at > this.cacheMillis) {
      this.cache.delete(subjectId);
      return undefined;
    }
    return cached;
  }

  /** Unknown subjects map to null too: there is nothing to decrypt with. */
  private async load(subjectIds: string[]): Promise<Map<string, Uint8Array | null>> {
    const { rows } = await this.db.query<{ subject_id: string; wrapped_key: unknown }>(
      'SELECT subject_id, wrapped_key FROM subject_keys WHERE subject_id = ANY($1::text[])',
      [subjectIds],
    );
    const keys = new Map<string, Uint8Array | null>(subjectIds.map((id) => [id, null]));
    const now = Date.now();
    for (const row of rows) {
      const key = row.wrapped_key == null ? null : this.unwrap(row.subject_id, toBuffer(row.wrapped_key));
      keys.set(row.subject_id, key);
      this.cache.set(row.subject_id, { key, at: now });
    }
    return keys;
  }

  private wrap(subjectId: string, key: Uint8Array): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv);
    cipher.setAAD(Buffer.from(subjectId, 'utf8'));
    const ct = Buffer.concat([cipher.update(key), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ct]);
  }

  private unwrap(subjectId: string, wrapped: Buffer): Uint8Array {
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey, wrapped.subarray(0, 12));
    decipher.setAAD(Buffer.from(subjectId, 'utf8'));
    decipher.setAuthTag(wrapped.subarray(12, 28));
    return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
  }
}
