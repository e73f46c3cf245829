import { createHash } from 'node:crypto';
import type { Database, SessionConnection } from '../persistence/database.js';

/** First key of the two-key advisory locks: projection leases (a space of their own). */
export const LEASE_LOCK_SPACE = 1_347_571_201;
/** First key of rebuild locks: one rebuild per projection at a time, across processes. */
export const REBUILD_LOCK_SPACE = 1_347_571_202;

/** The second key: a stable positive int4 from the projection name. */
export function lockKeyOf(name: string): number {
  return createHash('sha256').update(name).digest().readUInt32BE(0) & 0x7fffffff;
}

/**
 * Session-level advisory locks held on one dedicated connection (leases and rebuild locks
 * of a process), so that one process among many runs each projection. The server drops
 * them when the connection dies, and `verify` notices that. On PGlite the single connection
 * is the whole process, so they are always granted: correctness never rests on them, only
 * on the checkpoint's compare-and-set.
 */
export class AdvisoryLocks {
  private session: SessionConnection | undefined;
  private opening: Promise<SessionConnection> | undefined;
  private readonly held = new Set<string>();
  /** The last statement sent on the session; the next one waits for it. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Database) {}

  isHeld(space: number, name: string): boolean {
    return this.held.has(`${space}:${name}`);
  }

  tryAcquire(space: number, name: string): Promise<boolean> {
    return this.serially(async () => {
      const key = `${space}:${name}`;
      if (this.held.has(key)) return true;
      const session = await this.connection();
      const { rows } = await session.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::int4, $2::int4) AS ok', [space, lockKeyOf(name)]);
      if (rows[0]?.ok === true) this.held.add(key);
      return this.held.has(key);
    });
  }

  release(space: number, name: string): Promise<void> {
    return this.serially(async () => {
      if (!this.held.delete(`${space}:${name}`) || !this.session) return;
      await this.session.query('SELECT pg_advisory_unlock($1::int4, $2::int4)', [space, lockKeyOf(name)]).catch(() => undefined);
    });
  }

  /** False, with every lock forgotten, when the session connection is gone: the server released them. */
  verify(): Promise<boolean> {
    return this.serially(async () => {
      if (!this.session) return true;
      try {
        await this.session.query('SELECT 1');
        return true;
      } catch {
        await this.dropSession();
        return false;
      }
    });
  }

  async close(): Promise<void> {
    for (const key of [...this.held]) {
      const [space, ...name] = key.split(':');
      await this.release(Number(space), name.join(':'));
    }
    await this.dropSession();
  }

  /**
   * Every projection of the process shares the one session: its statements go one at a time
   * (a `pg` client given a query while another runs only queues it, and pg 9 will refuse).
   */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async dropSession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    this.held.clear();
    await session?.release().catch(() => undefined);
  }

  private async connection(): Promise<SessionConnection> {
    if (this.session) return this.session;
    this.opening ??= this.db.session().finally(() => (this.opening = undefined));
    const session = await this.opening;
    this.session ??= session;
    return this.session;
  }
}

/** Is the lock held by any session of this database, this process's included? */
export async function isLockHeldAnywhere(db: Database, space: number, name: string): Promise<boolean> {
  const { rows } = await db.query<{ held: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND objsubid = 2
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND classid = $1::int8::oid AND objid = $2::int8::oid) AS held`,
    [space, lockKeyOf(name)],
  );
  return rows[0]?.held === true;
}
