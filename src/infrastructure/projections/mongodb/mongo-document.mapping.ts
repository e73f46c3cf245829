import type { Document, Filter, IndexDescription, Sort } from 'mongodb';
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

/** The id follows the last key's direction, so the compound indexes serve both directions; the order is total. */
export function sortOf(order: readonly DocumentOrder[]): Sort {
  const idDirection = order.at(-1)?.direction ?? 'asc';
  return [...order.map((o): [string, 1 | -1] => [fieldOf(o.path), o.direction === 'asc' ? 1 : -1]), ['_id', idDirection === 'asc' ? 1 : -1]];
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
 * The items strictly after the cursor in (k1, ..., kn, id) order, each key in its own
 * direction. Compared with aggregation expressions, which order values of different kinds
 * the way `sort` does (no type bracketing), with a missing path read as null as `sort` reads it.
 */
export function keysetFilter(order: readonly DocumentOrder[], text: string): Filter<DocumentRecord> {
  const cursor = decodeCursor(text, orderSignature(order), order.length);
  const values = cursor.v.map((v) => JSON.parse(v) as unknown);
  const key = (path: string) => ({ $ifNull: [`$${fieldOf(path)}`, null] });
  const literal = (value: unknown) => ({ $literal: value });
  const idDirection = order.at(-1)?.direction ?? 'asc';
  const alternatives: Document[] = [];
  for (let i = 0; i <= order.length; i++) {
    const equal = order.slice(0, i).map((o, j) => ({ $eq: [key(o.path), literal(values[j])] }));
    const o = order[i];
    const beyond = o
      ? { [o.direction === 'asc' ? '$gt' : '$lt']: [key(o.path), literal(values[i])] }
      : { [idDirection === 'asc' ? '$gt' : '$lt']: ['$_id', literal(cursor.id)] };
    alternatives.push(equal.length === 0 ? beyond : { $and: [...equal, beyond] });
  }
  return { $expr: { $or: alternatives } };
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
