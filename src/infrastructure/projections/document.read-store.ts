import {
  type DocumentCondition,
  type DocumentOrder,
  type DocumentPage,
  type DocumentQuery,
  type DocumentReadStore,
  InvalidDocumentQueryError,
} from '../../application/ports/read-model.port.js';
import { DOCUMENT_PATH_PATTERN, PROJECTION_NAME_PATTERN } from '../../projections/projection.js';
import type { Database } from '../persistence/database.js';
import { sqlStateOf } from '../persistence/database.js';
import { liveTableOf, quoteIdentifier, sortExpression, textExpression } from './document-table.js';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;
const UNDEFINED_TABLE = '42P01';
const RANGE_OPERATORS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

interface Cursor {
  /** The order it was made for. */
  readonly o: string;
  /** The sort keys of the last item, as jsonb text. */
  readonly v: readonly string[];
  readonly id: string;
}

/**
 * Document queries over the projections' jsonb tables (PostgreSQL and PGlite). Paths are
 * validated and inlined as text[] literals (so expression indexes apply); every value is a
 * bound parameter. Pages are keyset pages: the cursor holds the last item's sort keys and id.
 */
export class SqlDocumentReadStore implements DocumentReadStore {
  private readonly known: ReadonlySet<string> | undefined;

  /** `projections`: the names that may be queried; any well-formed name when omitted. */
  constructor(
    private readonly db: Database,
    projections?: readonly string[],
  ) {
    this.known = projections ? new Set(projections) : undefined;
  }

  async get<T>(projection: string, id: string): Promise<T | undefined> {
    const table = this.tableOf(projection);
    try {
      const { rows } = await this.db.query<{ doc: T }>(`SELECT doc FROM ${table} WHERE id = $1`, [id]);
      return rows[0]?.doc;
    } catch (error) {
      if (sqlStateOf(error) === UNDEFINED_TABLE) return undefined;
      throw error;
    }
  }

  async find<T>(projection: string, query: DocumentQuery = {}): Promise<DocumentPage<T>> {
    const table = this.tableOf(projection);
    const limit = query.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new InvalidDocumentQueryError(`limit must be an integer from 1 to ${MAX_LIMIT}`);
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };

    const conditions: string[] = [];
    for (const [path, condition] of Object.entries(query.where ?? {})) {
      assertPath(path);
      conditions.push(conditionSql(path, condition, bind));
    }

    const order = query.orderBy ?? [];
    for (const o of order) {
      assertPath(o.path);
      if (o.direction !== 'asc' && o.direction !== 'desc') throw new InvalidDocumentQueryError(`direction of ${o.path} must be asc or desc`);
    }
    const keys = order.map((o) => ({ expression: sortExpression(o.path), direction: o.direction }));
    // The id follows the last key's direction, so (key, id) indexes serve both directions.
    const idDirection = order.at(-1)?.direction ?? 'asc';
    const signature = orderSignature(order);

    if (query.cursor) {
      const cursor = decodeCursor(query.cursor, signature, keys.length);
      conditions.push(keysetSql(keys, idDirection, cursor, bind));
    }

    const orderBy = [...keys.map((k) => `${k.expression} ${k.direction.toUpperCase()}`), `id ${idDirection.toUpperCase()}`].join(', ');
    const keyColumns = keys.map((k, i) => `, (${k.expression})::text AS k${i}`).join('');
    const sql = `SELECT id, doc${keyColumns} FROM ${table}
      ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY ${orderBy} LIMIT ${bind(limit + 1)}`;

    let rows: Array<Record<string, unknown> & { id: string; doc: T }>;
    try {
      ({ rows } = await this.db.query<Record<string, unknown> & { id: string; doc: T }>(sql, params));
    } catch (error) {
      if (sqlStateOf(error) === UNDEFINED_TABLE) return { items: [], nextCursor: null };
      throw error;
    }
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor({ o: signature, v: keys.map((_, i) => String(last[`k${i}`])), id: last.id })
        : null;
    return { items: page.map((row) => row.doc), nextCursor };
  }

  private tableOf(projection: string): string {
    if (!PROJECTION_NAME_PATTERN.test(projection) || (this.known && !this.known.has(projection))) {
      throw new InvalidDocumentQueryError(`Unknown projection ${JSON.stringify(projection)}`);
    }
    return quoteIdentifier(liveTableOf(projection));
  }
}

function assertPath(path: string): void {
  if (!DOCUMENT_PATH_PATTERN.test(path)) throw new InvalidDocumentQueryError(`Not a document path: ${JSON.stringify(path)}`);
}

/** The path as a number where it holds one (NULL otherwise), so numbers compare as numbers. */
function numericExpression(path: string): string {
  return `(CASE WHEN jsonb_typeof(${sortExpression(path)}) = 'number' THEN ${textExpression(path)}::numeric END)`;
}

/** The path as text where it holds a string, so '5' never equals 5. */
function stringGuard(path: string): string {
  return `jsonb_typeof(${sortExpression(path)}) = 'string'`;
}

function conditionSql(path: string, condition: DocumentCondition, bind: (value: unknown) => string): string {
  if (condition === null) return `${sortExpression(path)} = 'null'::jsonb`;
  if (typeof condition === 'string') return `(${stringGuard(path)} AND ${textExpression(path)} = ${bind(condition)})`;
  if (typeof condition === 'number') return `${numericExpression(path)} = ${bind(finite(path, condition))}::numeric`;
  if (typeof condition === 'boolean') return `${sortExpression(path)} = ${bind(JSON.stringify(condition))}::jsonb`;
  if (typeof condition !== 'object' || Array.isArray(condition)) throw new InvalidDocumentQueryError(`Bad condition on ${path}`);

  const keys = Object.keys(condition);
  if ('in' in condition) {
    if (keys.length !== 1 || !Array.isArray(condition.in)) throw new InvalidDocumentQueryError(`"in" on ${path} takes a list and nothing else`);
    const strings = condition.in.filter((v): v is string => typeof v === 'string');
    const numbers = condition.in.filter((v): v is number => typeof v === 'number').map((n) => finite(path, n));
    if (strings.length + numbers.length !== condition.in.length) throw new InvalidDocumentQueryError(`"in" on ${path} takes strings and numbers`);
    const alternatives: string[] = [];
    if (strings.length > 0) alternatives.push(`(${stringGuard(path)} AND ${textExpression(path)} = ANY(${bind(strings)}::text[]))`);
    if (numbers.length > 0) alternatives.push(`${numericExpression(path)} = ANY(${bind(numbers.map(String))}::numeric[])`);
    return alternatives.length > 0 ? `(${alternatives.join(' OR ')})` : 'false';
  }
  if (keys.length === 0) throw new InvalidDocumentQueryError(`Empty condition on ${path}`);
  const parts: string[] = [];
  for (const key of keys) {
    const operator = RANGE_OPERATORS[key as keyof typeof RANGE_OPERATORS];
    if (!operator) throw new InvalidDocumentQueryError(`Unknown operator ${JSON.stringify(key)} on ${path}`);
    const value = (condition as Record<string, unknown>)[key];
    if (typeof value === 'number') parts.push(`${numericExpression(path)} ${operator} ${bind(finite(path, value))}::numeric`);
    else if (typeof value === 'string') parts.push(`(${stringGuard(path)} AND ${textExpression(path)} ${operator} ${bind(value)})`);
    else throw new InvalidDocumentQueryError(`${key} on ${path} takes a string or a number`);
  }
  return `(${parts.join(' AND ')})`;
}

function finite(path: string, value: number): number {
  if (!Number.isFinite(value)) throw new InvalidDocumentQueryError(`Condition on ${path} needs a finite number`);
  return value;
}

/** Rows strictly after the cursor in (k1, ..., kn, id) order, each key in its own direction. */
function keysetSql(
  keys: ReadonlyArray<{ expression: string; direction: 'asc' | 'desc' }>,
  idDirection: 'asc' | 'desc',
  cursor: Cursor,
  bind: (value: unknown) => string,
): string {
  const values = cursor.v.map((v) => `${bind(v)}::jsonb`);
  const after = (direction: 'asc' | 'desc') => (direction === 'asc' ? '>' : '<');
  const alternatives: string[] = [];
  for (let i = 0; i <= keys.length; i++) {
    const equal = keys.slice(0, i).map((k, j) => `${k.expression} = ${values[j]}`);
    const key = keys[i];
    const beyond = key ? `${key.expression} ${after(key.direction)} ${values[i]}` : `id ${after(idDirection)} ${bind(cursor.id)}`;
    alternatives.push(`(${[...equal, beyond].join(' AND ')})`);
  }
  return `(${alternatives.join(' OR ')})`;
}

function orderSignature(order: readonly DocumentOrder[]): string {
  return order.map((o) => `${o.path}:${o.direction}`).join(',');
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
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
