import { Inject, Injectable } from '@nestjs/common';
import type { ExtractBundleStore } from '../../application/extract/extract-bundle-store.port.js';
import type { Database } from '../persistence/database.js';
import { toBuffer } from '../persistence/database.js';
import { DATABASE } from '../persistence/persistence.module.js';

/** Bundles in `extract_bundles`, on PostgreSQL and PGlite alike. */
@Injectable()
export class SqlExtractBundleStore implements ExtractBundleStore {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async save(extractId: string, sha256: string, archive: Buffer, createdAt: string): Promise<void> {
    // Sent as base64 text: both drivers take it the same way.
    await this.db.query(
      `INSERT INTO extract_bundles (extract_id, sha256, size, archive, created_at) VALUES ($1, $2, $3, decode($4, 'base64'), $5::timestamptz)
       ON CONFLICT (extract_id, sha256) DO NOTHING`,
      [extractId, sha256, archive.length, archive.toString('base64'), createdAt],
    );
  }

  async load(extractId: string, sha256: string): Promise<Buffer | undefined> {
    const { rows } = await this.db.query<{ archive: unknown }>('SELECT archive FROM extract_bundles WHERE extract_id = $1 AND sha256 = $2', [extractId, sha256]);
    return rows[0] ? toBuffer(rows[0].archive) : undefined;
  }

  async discard(extractId: string, sha256: string): Promise<void> {
    await this.db.query('DELETE FROM extract_bundles WHERE extract_id = $1 AND sha256 = $2', [extractId, sha256]);
  }

  async purge(extractId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ sha256: string }>('DELETE FROM extract_bundles WHERE extract_id = $1 RETURNING sha256', [extractId]);
    return rows.map((r) => r.sha256).sort();
  }
}
