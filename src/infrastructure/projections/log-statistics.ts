import type { EventStore, GlobalCheckpoint } from '../../application/ports/event-store.port.js';
import type { Database } from '../persistence/database.js';
import { toNumber } from '../persistence/database.js';

/** How far the log reaches and how much of it lies after a checkpoint: for status, lag and rebuild progress. */
export interface LogStatistics {
  /** The highest global position in the log; 0 when it is empty. */
  headPosition(): Promise<number>;
  /** Events after `checkpoint` in the global order, counted up to `cap` to stay cheap. */
  countAfter(checkpoint: GlobalCheckpoint, cap: number): Promise<number>;
}

/** Over the SQL `events` table. */
export class SqlLogStatistics implements LogStatistics {
  constructor(private readonly db: Database) {}

  async headPosition(): Promise<number> {
    const { rows } = await this.db.query<{ head: unknown }>('SELECT COALESCE(max(global_position), 0) AS head FROM events');
    return toNumber(rows[0]?.head ?? 0);
  }

  async countAfter(checkpoint: GlobalCheckpoint, cap: number): Promise<number> {
    const { rows } = await this.db.query<{ n: unknown }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM events WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint) LIMIT $3) AS pending`,
      [checkpoint.transactionId, checkpoint.position, cap],
    );
    return toNumber(rows[0]?.n ?? 0);
  }
}

/** An event store that can answer these itself (KurrentDB); the SQL table otherwise. */
export function logStatisticsOf(eventStore: EventStore, db: Database): LogStatistics {
  const candidate = eventStore as EventStore & Partial<LogStatistics>;
  if (typeof candidate.headPosition === 'function' && typeof candidate.countAfter === 'function') {
    return { headPosition: () => candidate.headPosition!(), countAfter: (checkpoint, cap) => candidate.countAfter!(checkpoint, cap) };
  }
  return new SqlLogStatistics(db);
}
