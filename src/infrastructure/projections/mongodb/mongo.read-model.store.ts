import type { ClientSession, Collection, Db, MongoClient } from 'mongodb';
import type { GlobalCheckpoint } from '../../../application/ports/event-store.port.js';
import type { ParkedEventInfo, ProjectionState } from '../../../application/ports/read-model.port.js';
import type { DocumentIndex, Projection, ProjectionEvent } from '../../../projections/projection.js';
import { evolveDocuments, liveTableOf } from '../document-table.js';
import type { CheckpointStore, ParkableEvent, ReadModelStore, StoredCheckpoint, StoredRebuild } from '../read-model.store.js';
import { type StoredDocument, assertTransactionsSupported, indexesOf } from './mongo-document.mapping.js';

/** A read-model transaction on MongoDB: its session, and what must happen once it committed. */
export interface MongoTx {
  readonly session: ClientSession;
  /** Collections cannot be dropped inside a transaction: a switch-over drops the old one after the commit. */
  readonly afterCommit: Array<() => Promise<void>>;
}

/** The bookkeeping collections, named as the SQL tables are. */
export const CHECKPOINTS = 'projection_checkpoints';
export const PARKED = 'projection_parked_events';
export const PARKED_HISTORY = 'projection_parked_history';
export const REBUILDS = 'projection_rebuilds';

interface CheckpointDoc {
  _id: string;
  version: number;
  /** The collection now holding the live documents; a rebuild's switch-over moves it to the rebuilt one. */
  collection: string;
  transactionId: string;
  position: number;
  state: ProjectionState;
  lastError: string | null;
  resumeRequestedAt: Date | null;
  updatedAt: Date;
  /** Bumped by every `lock`, so that two transactions locking the same checkpoint conflict. */
  locks?: number;
}

interface ParkedDoc {
  /** The projection: at most one open parked event each. */
  _id: string;
  globalPosition: number;
  transactionId: string | null;
  eventId: string;
  type: string;
  error: string;
  attempts: number;
  parkedAt: Date;
}

interface RebuildDoc {
  _id: string;
  collection: string;
  transactionId: string;
  position: number;
  processed: number;
  total: number;
  startedAt: Date;
  updatedAt: Date;
}

/**
 * The read models in MongoDB: one collection of documents per projection and the bookkeeping
 * collections beside them, documents and checkpoint written in one multi-document
 * transaction (a replica set is required; `open` refuses a standalone server). A rebuild fills
 * a fresh collection and switches over by moving the checkpoint's `collection` pointer in the
 * transaction that stores the rebuilt checkpoint, since a collection cannot be renamed inside
 * a transaction.
 */
export class MongoReadModelStore implements ReadModelStore<MongoTx> {
  readonly engine = 'mongodb' as const;
  readonly checkpoints: MongoCheckpointStore;

  private constructor(
    private readonly client: MongoClient,
    readonly db: Db,
  ) {
    this.checkpoints = new MongoCheckpointStore(db);
  }

  /** Connects, refuses a server without transactions, and creates the bookkeeping collections. */
  static async open(client: MongoClient, databaseName?: string): Promise<MongoReadModelStore> {
    await client.connect();
    const db = client.db(databaseName);
    assertTransactionsSupported(await db.admin().command({ hello: 1 }));
    const store = new MongoReadModelStore(client, db);
    for (const name of [CHECKPOINTS, PARKED, PARKED_HISTORY, REBUILDS]) await store.createIfMissing(name);
    return store;
  }

  async transaction<T>(work: (tx: MongoTx) => Promise<T>): Promise<T> {
    const session = this.client.startSession();
    let tx: MongoTx = { session, afterCommit: [] };
    try {
      // The driver runs `work` again on a transient conflict (another writer of the same checkpoint): it must start clean.
      const result = await session.withTransaction(async (s) => {
        tx = { session: s, afterCommit: [] };
        return work(tx);
      });
      for (const after of tx.afterCommit) await after().catch(() => undefined);
      return result;
    } finally {
      await session.endSession();
    }
  }

  /** The collection now behind a live table name; shadow names are their own collection. */
  async collectionOf(table: string, session?: ClientSession): Promise<string> {
    const projection = projectionOfLive(table);
    if (!projection) return table;
    const checkpoint = await this.db.collection<CheckpointDoc>(CHECKPOINTS).findOne({ _id: projection }, session ? { session } : {});
    return checkpoint?.collection ?? table;
  }

  async ensureDocuments(table: string, indexes: readonly DocumentIndex[]): Promise<void> {
    const collection = await this.collectionOf(table);
    await this.createIfMissing(collection);
    const wanted = indexesOf(collection, indexes);
    if (wanted.length > 0) await this.db.collection(collection).createIndexes(wanted);
  }

  async applyToDocuments(tx: MongoTx, table: string, projection: Projection, events: readonly ProjectionEvent[]): Promise<void> {
    const documents = this.db.collection<StoredDocument>(await this.collectionOf(table, tx.session));
    const { upserts, deletes } = await evolveDocuments(projection, events, async (ids) => {
      const found = await documents.find({ _id: { $in: ids } }, { session: tx.session }).toArray();
      return new Map(found.map((stored) => [stored._id, stored.doc]));
    });
    if (upserts.length + deletes.length === 0) return;
    await documents.bulkWrite(
      [
        ...deletes.map((id) => ({ deleteOne: { filter: { _id: id } } })),
        ...upserts.map((u) => ({ replaceOne: { filter: { _id: u.id }, replacement: { doc: u.doc, updatedPosition: u.pos }, upsert: true } })),
      ],
      { session: tx.session, ordered: true },
    );
  }

  async swapInShadow(tx: MongoTx, projection: Projection, shadow: string): Promise<void> {
    const checkpoints = this.db.collection<CheckpointDoc>(CHECKPOINTS);
    const before = await checkpoints.findOne({ _id: projection.name }, { session: tx.session });
    await checkpoints.updateOne({ _id: projection.name }, { $set: { collection: shadow, updatedAt: new Date() } }, { session: tx.session });
    const old = before?.collection;
    if (old && old !== shadow) tx.afterCommit.push(() => this.dropDocuments(old));
  }

  async dropDocuments(table: string): Promise<void> {
    await this.db.collection(table).drop().catch((error: unknown) => {
      // Dropping what is not there is what was wanted.
      if ((error as { codeName?: string }).codeName !== 'NamespaceNotFound') throw error;
    });
  }

  /** MongoDB has no NOTIFY: the lease holder sees resume requests and switch-overs at its next poll. */
  async notifyControl(): Promise<void> {}

  async listenControl(): Promise<null> {
    return null;
  }

  /** A round trip for readiness. */
  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  private async createIfMissing(name: string): Promise<void> {
    const existing = await this.db.listCollections({ name }, { nameOnly: true }).toArray();
    if (existing.length === 0) {
      await this.db.createCollection(name).catch((error: unknown) => {
        // Another process created it in the meantime.
        if ((error as { codeName?: string }).codeName !== 'NamespaceExists') throw error;
      });
    }
  }
}

function projectionOfLive(table: string): string | undefined {
  if (!table.startsWith('rm_') || table.includes('__')) return undefined;
  return table.slice(3);
}

/** Checkpoints, parked events and rebuilds as MongoDB documents. */
export class MongoCheckpointStore implements CheckpointStore<MongoTx> {
  private readonly checkpoints: Collection<CheckpointDoc>;
  private readonly parked: Collection<ParkedDoc>;
  private readonly history: Collection<ParkedDoc & { resolvedAt: Date; projection: string }>;
  private readonly rebuildDocs: Collection<RebuildDoc>;

  constructor(db: Db) {
    this.checkpoints = db.collection<CheckpointDoc>(CHECKPOINTS);
    this.parked = db.collection<ParkedDoc>(PARKED);
    this.history = db.collection(PARKED_HISTORY);
    this.rebuildDocs = db.collection<RebuildDoc>(REBUILDS);
  }

  async ensure(name: string, version: number): Promise<StoredCheckpoint> {
    await this.checkpoints.updateOne(
      { _id: name },
      {
        $setOnInsert: {
          version,
          collection: liveTableOf(name),
          transactionId: '0',
          position: 0,
          state: 'starting',
          lastError: null,
          resumeRequestedAt: null,
          updatedAt: new Date(),
        },
      },
      { upsert: true },
    );
    return (await this.load(name))!;
  }

  async load(name: string, tx?: MongoTx): Promise<StoredCheckpoint | undefined> {
    const found = await this.checkpoints.findOne({ _id: name }, tx ? { session: tx.session } : {});
    return found ? toStored(found) : undefined;
  }

  async loadAll(names: readonly string[]): Promise<StoredCheckpoint[]> {
    return (await this.checkpoints.find({ _id: { $in: [...names] } }).toArray()).map(toStored);
  }

  /** A write to the checkpoint first thing in the transaction: a second transaction doing the same conflicts, as FOR UPDATE makes it wait. */
  async lock(tx: MongoTx, name: string): Promise<StoredCheckpoint | undefined> {
    const found = await this.checkpoints.findOneAndUpdate({ _id: name }, { $inc: { locks: 1 } }, { session: tx.session, returnDocument: 'after' });
    return found ? toStored(found) : undefined;
  }

  async advance(tx: MongoTx, name: string, to: GlobalCheckpoint, state: ProjectionState, version?: number): Promise<void> {
    await this.checkpoints.updateOne(
      { _id: name },
      { $set: { transactionId: to.transactionId, position: to.position, state, lastError: null, updatedAt: new Date(), ...(version === undefined ? {} : { version }) } },
      { session: tx.session },
    );
  }

  async setState(name: string, state: ProjectionState, lastError: string | null): Promise<void> {
    await this.checkpoints.updateOne({ _id: name }, { $set: { state, lastError, updatedAt: new Date() } });
  }

  async park(tx: MongoTx, name: string, event: ParkableEvent, error: string, attempts: number): Promise<void> {
    const open = await this.parked.findOne({ _id: name }, { session: tx.session });
    const same = open?.eventId === event.eventId;
    await this.parked.replaceOne(
      { _id: name },
      {
        globalPosition: event.globalPosition,
        transactionId: event.transactionId ?? null,
        eventId: event.eventId,
        type: event.type,
        error,
        attempts: same ? open.attempts + attempts : attempts,
        parkedAt: same ? open.parkedAt : new Date(),
      },
      { session: tx.session, upsert: true },
    );
    await this.checkpoints.updateOne({ _id: name }, { $set: { state: 'parked', lastError: error, resumeRequestedAt: null, updatedAt: new Date() } }, { session: tx.session });
  }

  async openParked(name: string, tx?: MongoTx): Promise<ParkedEventInfo | null> {
    const found = await this.parked.findOne({ _id: name }, tx ? { session: tx.session } : {});
    return found ? toParked(found) : null;
  }

  async allOpenParked(): Promise<Map<string, ParkedEventInfo>> {
    return new Map((await this.parked.find({}).toArray()).map((doc) => [doc._id, toParked(doc)]));
  }

  async resolveParked(tx: MongoTx, name: string, upTo: GlobalCheckpoint): Promise<void> {
    const open = await this.parked.findOne({ _id: name }, { session: tx.session });
    if (!open || !atOrBefore(open, upTo)) return;
    const { _id, ...rest } = open;
    await this.history.insertOne({ ...rest, _id: `${name}:${open.eventId}:${Date.now()}`, projection: name, resolvedAt: new Date() }, { session: tx.session });
    await this.parked.deleteOne({ _id: name }, { session: tx.session });
  }

  async requestResume(name: string): Promise<boolean> {
    if (!(await this.parked.findOne({ _id: name }))) return false;
    const { matchedCount } = await this.checkpoints.updateOne({ _id: name }, { $set: { resumeRequestedAt: new Date(), updatedAt: new Date() } });
    return matchedCount > 0;
  }

  async takeResumeRequest(name: string): Promise<boolean> {
    const taken = await this.checkpoints.findOneAndUpdate({ _id: name, resumeRequestedAt: { $ne: null } }, { $set: { resumeRequestedAt: null } });
    return taken !== null;
  }

  async rebuildTableOf(name: string): Promise<string | undefined> {
    return (await this.rebuildDocs.findOne({ _id: name }))?.collection;
  }

  async rebuilds(names: readonly string[]): Promise<StoredRebuild[]> {
    return (await this.rebuildDocs.find({ _id: { $in: [...names] } }).toArray()).map((doc) => ({
      projection: doc._id,
      table: doc.collection,
      processed: doc.processed,
      total: doc.total,
      startedAt: doc.startedAt,
      updatedAt: doc.updatedAt,
    }));
  }

  async startRebuild(name: string, table: string, total: number): Promise<void> {
    const now = new Date();
    await this.rebuildDocs.replaceOne(
      { _id: name },
      { collection: table, transactionId: '0', position: 0, processed: 0, total, startedAt: now, updatedAt: now },
      { upsert: true },
    );
  }

  async rebuildProgress(tx: MongoTx, name: string, at: GlobalCheckpoint, processed: number, total: number): Promise<void> {
    await this.rebuildDocs.updateOne(
      { _id: name },
      { $set: { transactionId: at.transactionId, position: at.position, processed, total, updatedAt: new Date() } },
      { session: tx.session },
    );
  }

  async endRebuild(tx: MongoTx | undefined, name: string): Promise<void> {
    await this.rebuildDocs.deleteOne({ _id: name }, tx ? { session: tx.session } : {});
  }
}

/** A parked event stored before its transaction id was kept compares by position alone. */
function atOrBefore(parked: ParkedDoc, upTo: GlobalCheckpoint): boolean {
  if (parked.transactionId === null) return parked.globalPosition <= upTo.position;
  const a = BigInt(parked.transactionId);
  const b = BigInt(upTo.transactionId);
  return a < b || (a === b && parked.globalPosition <= upTo.position);
}

function toStored(doc: CheckpointDoc): StoredCheckpoint {
  return {
    name: doc._id,
    version: doc.version,
    checkpoint: { transactionId: doc.transactionId, position: doc.position },
    state: doc.state,
    lastError: doc.lastError,
    resumeRequested: doc.resumeRequestedAt !== null,
    updatedAt: doc.updatedAt,
  };
}

function toParked(doc: ParkedDoc): ParkedEventInfo {
  return { globalPosition: doc.globalPosition, eventId: doc.eventId, type: doc.type, error: doc.error, attempts: doc.attempts, parkedAt: doc.parkedAt.toISOString() };
}
