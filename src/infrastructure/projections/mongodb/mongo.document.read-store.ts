import {
  type DocumentPage,
  type DocumentQuery,
  type DocumentReadStore,
  InvalidDocumentQueryError,
} from '../../../application/ports/read-model.port.js';
import { PROJECTION_NAME_PATTERN } from '../../../projections/projection.js';
import { liveTableOf } from '../document-table.js';
import { DEFAULT_LIMIT, type DocumentRecord, assertLimit, assertOrder, encodeCursor, pagePipeline } from './mongo-document.mapping.js';
import type { MongoReadModelStore } from './mongo.read-model.store.js';

/**
 * Document queries over the projections' MongoDB collections, with the same meaning as the
 * SQL store's: type-strict comparisons, a total order with the id last, keyset pages.
 */
export class MongoDocumentReadStore implements DocumentReadStore {
  private readonly known: ReadonlySet<string> | undefined;

  /** `projections`: the names that may be queried; any well-formed name when omitted. */
  constructor(
    private readonly store: MongoReadModelStore,
    projections?: readonly string[],
  ) {
    this.known = projections ? new Set(projections) : undefined;
  }

  async get<T>(projection: string, id: string): Promise<T | undefined> {
    const found = await (await this.collection(projection)).findOne({ _id: id });
    return found ? (found.doc as T) : undefined;
  }

  async find<T>(projection: string, query: DocumentQuery = {}): Promise<DocumentPage<T>> {
    const collection = await this.collection(projection);
    const limit = query.limit ?? DEFAULT_LIMIT;
    assertLimit(limit);
    const order = query.orderBy ?? [];
    assertOrder(order);
    const found = await collection.aggregate<{ _id: string; doc: unknown }>(pagePipeline({ where: query.where, orderBy: order, cursor: query.cursor ?? null, limit })).toArray();
    const page = found.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map((stored) => stored.doc as T), nextCursor: found.length > limit && last ? encodeCursor(order, { _id: last._id, doc: last.doc, updatedPosition: 0 }) : null };
  }

  private async collection(projection: string) {
    if (!PROJECTION_NAME_PATTERN.test(projection) || (this.known && !this.known.has(projection))) {
      throw new InvalidDocumentQueryError(`Unknown projection ${JSON.stringify(projection)}`);
    }
    // Untyped: filters name nested paths (`doc.case.status`) that the driver's schema types cannot express.
    return this.store.db.collection<DocumentRecord>(await this.store.collectionOf(liveTableOf(projection)));
  }
}
