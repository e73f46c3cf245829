import type { Document, Filter, IndexDescription } from 'mongodb';
import {
  type DocumentCondition,
  type DocumentOrder,
  type DocumentQuery,
  InvalidDocumentQueryError,
} from '../../../application/ports/read-model.port.js';
import { DOCUMENT_PATH_PATTERN, type DocumentIndex } from '../../../projections/projection.js';

/**
 * The pure mapping between the read-model port and MongoDB: how a projected document is
 * stored, which indexes a projection's declared paths become, and how a document query
 * becomes a filter, a sort and a keyset page. Unit-tested without a server.
 */

/** A projected document as stored: the document itself under `doc`, so its own keys never meet `_id`. */
export interface StoredDocument {
  readonly _id: string;
  readonly doc: unknown;
  readonly updatedPosition: number;
}

/** The stored document as the driver's filter types see it: any dotted path may be named. */
export interface DocumentRecord {
  _id: string;
  [field: string]: unknown;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
const RANGE_OPERATORS = { lt: '$lt', lte: '$lte', gt: '$gt', gte: '$gte' } as const;

/** Where a document path lives in the stored document. */
export function fieldOf(path: string): string {
  if (!DOCUMENT_PATH_PATTERN.test(path)) throw new InvalidDocumentQueryError(`Not a document path: ${JSON.stringify(path)}`);
  return `doc.${path}`;
}

/** One compound index per declared path, with the id after it: it serves filters, sorts and keyset pages alike. */
export function indexesOf(collection: string, indexes: readonly DocumentIndex[]): IndexDescription[] {
  return indexes.map((index) => ({ key: { [fieldOf(index.path)]: 1, _id: 1 }, name: `${collection}_${index.name}` }));
}

/**
 * The `where` of a query as a MongoDB filter. Equality and ranges compare only values of the
 * same kind (MongoDB's type bracketing), as the SQL store does: '5' never equals 5, and `null`
 * also matches a missing path.
 */
export function filterOf(where: DocumentQuery['where'] = {}): Filter<DocumentRecord> {
  const clauses: Filter<DocumentRecord>[] = [];
  for (const [path, condition] of Object.entries(where)) clauses.push({ [fieldOf(path)]: conditionOf(path, condition) });
  return clauses.length === 0 ? {} : clauses.length === 1 ? clauses[0]! : { $and: clauses };
}

function conditionOf(path: string, condition: DocumentCondition): Document | string | number | boolean | null {
  if (condition === null || typeof condition === 'string' || typeof condition === 'boolean') return condition === null ? null : { $eq: condition };
  if (typeof condition === 'number') return { $eq: finite(path, condition) };
  if (typeof condition !== 'object' || Array.isArray(condition)) throw new InvalidDocumentQueryError(`Bad condition on ${path}`);
  const keys = Object.keys(condition);
  if ('in' in condition) {
    if (keys.length !== 1 || !Array.isArray(condition.in)) throw new InvalidDocumentQueryError(`"in" on ${path} takes a list and nothing else`);
    for (const value of condition.in) {
      if (typeof value === 'number') finite(path, value);
      else if (typeof value !== 'string') throw new InvalidDocumentQueryError(`"in" on ${path} takes strings and numbers`);
    }
    return { $in: [...condition.in] };
  }
  if (keys.length === 0) throw new InvalidDocumentQueryError(`Empty condition on ${path}`);
  const range: Document = {};
  for (const key of keys) {
    const operator = RANGE_OPERATORS[key as keyof typeof RANGE_OPERATORS];
    if (!operator) throw new InvalidDocumentQueryError(`Unknown operator ${JSON.stringify(key)} on ${path}`);
    const value = (condition as Record<string, unknown>)[key];
    if (typeof value === 'number') range[operator] = finite(path, value);
    else if (typeof value === 'string') range[operator] = value;
    else throw new InvalidDocumentQueryError(`${key} on ${path} takes a string or a number`);
  }
  return range;
}

function finite(path: string, value: number): number {
  if (!Number.isFinite(value)) throw new InvalidDocumentQueryError(`Condition on ${path} needs a finite number`);
  return value;
}

export function assertLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new InvalidDocumentQueryError(`limit must be an integer from 1 to ${MAX_LIMIT}`);
}

export function assertOrder(order: readonly DocumentOrder[]): void {
  for (const o of order) {
    fieldOf(o.path);
    if (o.direction !== 'asc' && o.direction !== 'desc') throw new InvalidDocumentQueryError(`direction of ${o.path} must be asc or desc`);
  }
}

/**
 * Values of different kinds sort as the SQL store's jsonb does (null and missing, then
 * strings, numbers, booleans, arrays, objects), not in MongoDB's own order: each key sorts by
 * its kind's rank first, then by its value.
 */
export function rankOf(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return 1;
  if (typeof value === 'number') return 2;
  if (typeof value === 'boolean') return 3;
  if (Array.isArray(value)) return 4;
  return 5;
}

function rankExpression(key: Document): Document {
  return {
    $switch: {
      branches: [
        { case: { $in: [{ $type: key }, ['null', 'missing', 'undefined']] }, then: 0 },
        { case: { $eq: [{ $type: key }, 'string'] }, then: 1 },
        { case: { $isNumber: key }, then: 2 },
        { case: { $eq: [{ $type: key }, 'bool'] }, then: 3 },
        { case: { $eq: [{ $type: key }, 'array'] }, then: 4 },
      ],
      default: 5,
    },
  };
}

/**
 * The aggregation that answers one page: the filter (index-served), each sort key and its
 * kind's rank computed, the keyset condition after a cursor, the total order with the id last
 * (in the last key's direction), and one item more than the page to know whether another follows.
 */
export function pagePipeline(query: { where?: DocumentQuery['where']; orderBy?: readonly DocumentOrder[]; cursor?: string | null; limit: number }): Document[] {
  const order = query.orderBy ?? [];
  const idDirection = order.at(-1)?.direction ?? 'asc';
  const pipeline: Document[] = [{ $match: filterOf(query.where) }];
  if (order.length > 0) {
    const fields: Document = {};
    order.forEach((o, i) => {
      const key = { $ifNull: [`$${fieldOf(o.path)}`, null] };
      fields[`_k${i}`] = key;
      fields[`_r${i}`] = rankExpression(key);
    });
    pipeline.push({ $addFields: fields });
  }
  if (query.cursor) pipeline.push({ $match: keysetFilter(order, query.cursor) });
  const sort: Document = {};
  order.forEach((o, i) => {
    sort[`_r${i}`] = o.direction === 'asc' ? 1 : -1;
    sort[`_k${i}`] = o.direction === 'asc' ? 1 : -1;
  });
  sort._id = idDirection === 'asc' ? 1 : -1;
  pipeline.push({ $sort: sort }, { $limit: query.limit + 1 }, { $project: { doc: 1 } });
  return pipeline;
}

interface Cursor {
  /** The order it was made for. */
  readonly o: string;
  /** The sort keys of the last item, as JSON (missing as null). */
  readonly v: readonly string[];
  readonly id: string;
}

export function orderSignature(order: readonly DocumentOrder[]): string {
  return order.map((o) => `${o.path}:${o.direction}`).join(',');
}

/** The value of a path in a stored document, missing as null: what the sort compared. */
export function valueAt(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    value = (value as Record<string, unknown>)[segment];
  }
  return value === undefined ? null : value;
}

export function encodeCursor(order: readonly DocumentOrder[], last: StoredDocument): string {
  const cursor: Cursor = { o: orderSignature(order), v: order.map((o) => JSON.stringify(valueAt(last.doc, o.path))), id: last._id };
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/**
 * The items strictly after the cursor in (k1, ..., kn, id) order, each key compared by its
 * kind's rank and then its value (within one kind MongoDB compares as jsonb does), each in
 * its own direction. Runs after `pagePipeline` computed `_k<i>` and `_r<i>`.
 */
export function keysetFilter(order: readonly DocumentOrder[], text: string): Filter<DocumentRecord> {
  const cursor = decodeCursor(text, orderSignature(order), order.length);
  const values = cursor.v.map((v) => JSON.parse(v) as unknown);
  const literal = (value: unknown) => ({ $literal: value });
  const idDirection = order.at(-1)?.direction ?? 'asc';
  const alternatives: Document[] = [];
  const equalSoFar: Document[] = [];
  order.forEach((o, i) => {
    const beyond = o.direction === 'asc' ? '$gt' : '$lt';
    const rank = rankOf(values[i]);
    alternatives.push(and([...equalSoFar, { [beyond]: [`$_r${i}`, rank] }]));
    alternatives.push(and([...equalSoFar, { $eq: [`$_r${i}`, rank] }, { [beyond]: [`$_k${i}`, literal(values[i])] }]));
    equalSoFar.push({ $eq: [`$_r${i}`, rank] }, { $eq: [`$_k${i}`, literal(values[i])] });
  });
  alternatives.push(and([...equalSoFar, { [idDirection === 'asc' ? '$gt' : '$lt']: ['$_id', literal(cursor.id)] }]));
  return { $expr: { $or: alternatives } };
}

function and(conditions: Document[]): Document {
  return conditions.length === 1 ? conditions[0]! : { $and: conditions };
}

function decodeCursor(text: string, signature: string, keyCount: number): Cursor {
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidDocumentQueryError('The cursor is not valid');
  }
  const c = cursor as Partial<Cursor> | null;
  const valid =
    typeof c === 'object' && c !== null && typeof c.id === 'string' && typeof c.o === 'string' && Array.isArray(c.v) &&
    c.v.length === keyCount && c.v.every((v) => typeof v === 'string' && isJson(v));
  if (!valid) throw new InvalidDocumentQueryError('The cursor is not valid');
  if (c.o !== signature) throw new InvalidDocumentQueryError('The cursor belongs to another order');
  return c as Cursor;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A standalone server cannot run transactions, and the read models need them. */
export class MongoTransactionsUnavailableError extends Error {
  constructor(detail: string) {
    super(
      `MongoDB at MONGODB_URL is ${detail}: the read models and their checkpoints are written in one transaction, which needs a replica set ` +
        '(one node will do: start mongod with --replSet rs0 and run rs.initiate() once) or a sharded cluster',
    );
    this.name = 'MongoTransactionsUnavailableError';
  }
}

/** Checks the server's `hello` answer: a replica set member or a mongos router, never a standalone server. */
export function assertTransactionsSupported(hello: Document): void {
  if (hello.msg === 'isdbgrid') return;
  if (typeof hello.setName === 'string' && hello.setName.length > 0) return;
  throw new MongoTransactionsUnavailableError('a standalone server');
}
