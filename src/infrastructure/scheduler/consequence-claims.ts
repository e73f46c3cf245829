import { randomUUID } from 'node:crypto';
import { type Collection, MongoServerError } from 'mongodb';
import { CONSEQUENCE_SCHEDULE, type ScheduledConsequence } from '../../projections/consequence-schedule/consequence-schedule.projection.js';
import type { Database } from '../persistence/database.js';
import { sqlStateOf } from '../persistence/database.js';
import { liveTableOf, quoteIdentifier } from '../projections/document-table.js';
import type { MongoReadModelStore } from '../projections/mongodb/mongo.read-model.store.js';

/**
 * Takes one due consequence so that no other scheduler runs it at the same time, runs `work`
 * on it while holding it, and gives it back. Undefined when nothing is due (or the schedule's
 * read model does not exist yet).
 */
export interface ConsequenceClaims {
  runNext(now: Date, skip: readonly string[], work: (due: ScheduledConsequence) => Promise<void>): Promise<ScheduledConsequence | undefined>;
}

/** The row is locked FOR UPDATE SKIP LOCKED and the command runs inside that transaction. */
export class SqlConsequenceClaims implements ConsequenceClaims {
  constructor(private readonly db: Database) {}

  async runNext(now: Date, skip: readonly string[], work: (due: ScheduledConsequence) => Promise<void>): Promise<ScheduledConsequence | undefined> {
    try {
      return await this.db.transaction(async (tx) => {
        const { rows } = await tx.query<{ doc: ScheduledConsequence }>(
          `SELECT doc FROM ${quoteIdentifier(liveTableOf(CONSEQUENCE_SCHEDULE))}
            WHERE doc->>'status' = 'pending' AND doc->>'dueAt' <= $1 AND NOT (id = ANY($2::text[]))
            ORDER BY doc->>'dueAt', id
            LIMIT 1
            FOR UPDATE SKIP LOCKED`,
          [now.toISOString(), [...skip]],
        );
        const due = rows[0]?.doc;
        if (!due) return undefined;
        await work(due);
        return due;
      });
    } catch (error) {
      if (sqlStateOf(error) === '42P01') return undefined; // the schedule's table is not built yet
      throw error;
    }
  }
}

/** MongoDB has no row locks: a claim document per consequence, with a lease in case its holder dies. */
export class MongoConsequenceClaims implements ConsequenceClaims {
  private readonly owner = randomUUID();

  constructor(
    private readonly store: MongoReadModelStore,
    private readonly leaseMs = 5 * 60_000,
  ) {}

  async runNext(now: Date, skip: readonly string[], work: (due: ScheduledConsequence) => Promise<void>): Promise<ScheduledConsequence | undefined> {
    const schedule = this.store.db.collection<{ _id: string; doc: ScheduledConsequence }>(await this.store.collectionOf(liveTableOf(CONSEQUENCE_SCHEDULE)));
    const claims = this.store.db.collection<ClaimDoc>(CLAIMS);
    const passed = new Set(skip);
    const candidates = schedule.find({ 'doc.status': 'pending', 'doc.dueAt': { $lte: now.toISOString() } }).sort([['doc.dueAt', 1], ['_id', 1]]);
    for await (const candidate of candidates) {
      if (passed.has(candidate._id)) continue;
      passed.add(candidate._id);
      if (!(await this.claim(claims, candidate._id, now))) continue;
      try {
        await work(candidate.doc);
        return candidate.doc;
      } finally {
        await claims.deleteOne({ _id: candidate._id, owner: this.owner });
      }
    }
    return undefined;
  }

  /** Takes a free or expired claim; another holder's live claim makes the upsert collide on the id. */
  private async claim(claims: Collection<ClaimDoc>, id: string, now: Date): Promise<boolean> {
    try {
      const { upsertedCount, modifiedCount } = await claims.updateOne(
        { _id: id, until: { $lt: now } },
        { $set: { owner: this.owner, until: new Date(now.getTime() + this.leaseMs) } },
        { upsert: true },
      );
      return upsertedCount + modifiedCount > 0;
    } catch (error) {
      if (error instanceof MongoServerError && error.code === 11000) return false;
      throw error;
    }
  }
}

/** Where the MongoDB scheduler's claims live. */
export const CLAIMS = 'scheduler_claims';

interface ClaimDoc {
  _id: string;
  owner: string;
  until: Date;
}
