import { createHash } from 'node:crypto';
import type { DocumentIndex, Projection, ProjectionEvent } from '../../projections/projection.js';
import { DOCUMENT_PATH_PATTERN } from '../../projections/projection.js';
import type { SqlExecutor } from '../persistence/database.js';
import { ProjectionCodeError } from './projection.errors.js';

/**
 * The jsonb table behind a document projection (`rm_<name>`, or a shadow
 * `rm_<name>__<suffix>` during a rebuild) and the one way documents are written to it.
 */

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function liveTableOf(projection: string): string {
  return `rm_${projection}`;
}

export function shadowTableOf(projection: string, suffix: string): string {
  return `rm_${projection}__${suffix}`;
}

/** Double-quotes an identifier built from validated parts; refuses anything else. */
export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name) || name.length > 63) throw new Error(`Not a safe SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/**
 * A validated dot path as a text[] literal for `#>` and `#>>` (`'{"case","status"}'`).
 * Inlined rather than bound so that queries match the expression indexes.
 */
export function pathLiteral(path: string): string {
  if (!DOCUMENT_PATH_PATTERN.test(path)) throw new Error(`Not a document path: ${JSON.stringify(path)}`);
  return `'{${path.split('.').map((segment) => `"${segment}"`).join(',')}}'`;
}

/** The path's value as text: what filters on strings compare, and what the text index holds. */
export function textExpression(path: string): string {
  return `(doc #>> ${pathLiteral(path)})`;
}

/** The path's value as jsonb, missing as jsonb null: orders numbers as numbers, and never SQL NULL. */
export function sortExpression(path: string): string {
  return `COALESCE(doc #> ${pathLiteral(path)}, 'null'::jsonb)`;
}

type IndexKind = 'text' | 'sort';

function indexNameOf(table: string, index: DocumentIndex, kind: IndexKind): string {
  const name = `${table}_${index.name}_${kind === 'text' ? 't' : 's'}`;
  return name.length <= 63 ? name : `ix_${createHash('sha256').update(name).digest('hex').slice(0, 24)}`;
}

function indexDefinitions(table: string, indexes: readonly DocumentIndex[]) {
  return indexes.flatMap((index) => [
    { index, kind: 'text' as const, expression: `(${textExpression(index.path)})` },
    { index, kind: 'sort' as const, expression: `(${sortExpression(index.path)}), id` },
  ]).map((def) => ({ ...def, name: indexNameOf(table, def.index, def.kind) }));
}

/** Creates the table and its expression indexes when missing. Call only as the lease holder or a rebuild. */
export async function ensureDocumentTable(executor: SqlExecutor, table: string, indexes: readonly DocumentIndex[]): Promise<void> {
  const t = quoteIdentifier(table);
  // Look first: CREATE INDEX takes a SHARE lock on the table even when the index exists.
  const { rows } = await executor.query<{ indexname: string }>(
    `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1`,
    [table],
  );
  const existing = new Set(rows.map((row) => row.indexname));
  if (!existing.has(`${table}_pkey`)) {
    await executor.query(
      `CREATE TABLE IF NOT EXISTS ${t} (
         id               text NOT NULL CONSTRAINT ${quoteIdentifier(`${table}_pkey`)} PRIMARY KEY,
         doc              jsonb NOT NULL,
         updated_position bigint NOT NULL
       )`,
    );
  }
  for (const def of indexDefinitions(table, indexes)) {
    if (!existing.has(def.name)) await executor.query(`CREATE INDEX IF NOT EXISTS ${quoteIdentifier(def.name)} ON ${t} (${def.expression})`);
  }
}

/**
 * Replaces the live table with a caught-up shadow, indexes renamed to the live names so a
 * later `ensureDocumentTable` finds them. Transactional DDL: readers see the old or the new table.
 */
export async function swapInShadow(tx: SqlExecutor, projection: Projection, shadow: string): Promise<void> {
  const live = liveTableOf(projection.name);
  await tx.query(`DROP TABLE IF EXISTS ${quoteIdentifier(live)}`);
  await tx.query(`ALTER TABLE ${quoteIdentifier(shadow)} RENAME TO ${quoteIdentifier(live)}`);
  await tx.query(`ALTER INDEX ${quoteIdentifier(`${shadow}_pkey`)} RENAME TO ${quoteIdentifier(`${live}_pkey`)}`);
  const liveNames = indexDefinitions(live, projection.indexes ?? []);
  for (const [i, def] of indexDefinitions(shadow, projection.indexes ?? []).entries()) {
    await tx.query(`ALTER INDEX ${quoteIdentifier(def.name)} RENAME TO ${quoteIdentifier(liveNames[i]!.name)}`);
  }
}

export async function dropTable(executor: SqlExecutor, table: string): Promise<void> {
  await executor.query(`DROP TABLE IF EXISTS ${quoteIdentifier(table)}`);
}

/**
 * Applies events, in order, to the documents they touch: loads those documents once,
 * folds each event into each of its documents, and writes the results back (upsert, or
 * delete where `evolve` returned undefined). Run it inside the transaction that also moves
 * the checkpoint.
 */
export async function applyToDocuments(
  tx: SqlExecutor,
  table: string,
  projection: Projection,
  events: readonly ProjectionEvent[],
): Promise<void> {
  const t = quoteIdentifier(table);
  const { upserts, deletes } = await evolveDocuments(projection, events, async (ids) => {
    const { rows } = await tx.query<{ id: string; doc: unknown }>(`SELECT id, doc FROM ${t} WHERE id = ANY($1::text[])`, [ids]);
    return new Map<string, unknown>(rows.map((row) => [row.id, row.doc]));
  });
  if (deletes.length > 0) await tx.query(`DELETE FROM ${t} WHERE id = ANY($1::text[])`, [deletes]);
  if (upserts.length > 0) {
    await tx.query(
      `INSERT INTO ${t} (id, doc, updated_position)
       SELECT x.id, x.doc, x.pos FROM jsonb_to_recordset($1::jsonb) AS x(id text, doc jsonb, pos bigint)
       ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, updated_position = EXCLUDED.updated_position`,
      [JSON.stringify(upserts)],
    );
  }
}

/** What a batch does to the documents: each engine writes it its own way. */
export interface DocumentChanges {
  readonly upserts: ReadonlyArray<{ readonly id: string; readonly doc: unknown; readonly pos: number }>;
  readonly deletes: readonly string[];
}

/**
 * The pure part of applying a batch, the same for every read store: which documents the
 * events touch, each folded with its events in order (`load` fetches the touched ones once).
 */
export async function evolveDocuments(
  projection: Projection,
  events: readonly ProjectionEvent[],
  load: (ids: string[]) => Promise<ReadonlyMap<string, unknown>>,
): Promise<DocumentChanges> {
  const plan: Array<{ event: ProjectionEvent; ids: readonly string[] }> = [];
  const touched = new Set<string>();
  for (const event of events) {
    const ids = [...new Set(runProjectionCode(projection, event, () => projection.documentIds(event)))];
    for (const id of ids) {
      if (typeof id !== 'string' || id.length === 0) {
        throw new ProjectionCodeError(projection.name, event, new Error(`documentIds returned ${JSON.stringify(id)}, not a non-empty string`));
      }
      touched.add(id);
    }
    plan.push({ event, ids });
  }
  if (touched.size === 0) return { upserts: [], deletes: [] };

  const docs = new Map<string, unknown>(await load([...touched]));
  const positions = new Map<string, number>();
  for (const { event, ids } of plan) {
    for (const id of ids) {
      const next = runProjectionCode(projection, event, () => asStored(projection.evolve(docs.get(id), event, id)));
      docs.set(id, next);
      positions.set(id, event.globalPosition);
    }
  }

  const upserts: Array<{ id: string; doc: unknown; pos: number }> = [];
  const deletes: string[] = [];
  for (const id of touched) {
    const doc = docs.get(id);
    if (doc === undefined) deletes.push(id);
    else upserts.push({ id, doc, pos: positions.get(id)! });
  }
  return { upserts, deletes };
}

/**
 * The document as the table will hand it back (through JSON), so that the next event in
 * the same batch sees exactly what it would see after a reload: batch size never changes results.
 */
function asStored(doc: unknown): unknown {
  if (doc === undefined) return undefined;
  const json = JSON.stringify(doc);
  if (json === undefined) throw new Error('evolve returned a value that is not JSON');
  return JSON.parse(json);
}

function runProjectionCode<T>(projection: Projection, event: ProjectionEvent, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new ProjectionCodeError(projection.name, event, error);
  }
}
