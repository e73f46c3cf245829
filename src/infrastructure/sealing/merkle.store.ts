import { hashChildren, hashLeaf, HASH_SIZE } from '../crypto/merkle/merkle-hash.js';
import type { MerkleNodeSource } from '../crypto/merkle/merkle-node-source.port.js';
import { consistencyProof, inclusionProof, rootAt } from '../crypto/merkle/merkle-proof.generator.js';
import type { SqlExecutor } from '../persistence/database.js';
import { toBuffer, toNumber } from '../persistence/database.js';

type Coordinate = readonly [level: number, index: number];
const key = ([level, index]: Coordinate) => `${level}:${index}`;

/** Records which nodes an algorithm asks for; the hashes it returns are placeholders. */
class RecordingSource implements MerkleNodeSource {
  readonly wanted = new Map<string, Coordinate>();
  constructor(private readonly size: number) {}
  leafCount(): number {
    return this.size;
  }
  perfectNode(level: number, index: number): Buffer {
    this.wanted.set(key([level, index]), [level, index]);
    return Buffer.alloc(HASH_SIZE);
  }
}

class LoadedSource implements MerkleNodeSource {
  constructor(
    private readonly size: number,
    private readonly nodes: ReadonlyMap<string, Buffer>,
  ) {}
  leafCount(): number {
    return this.size;
  }
  perfectNode(level: number, index: number): Buffer {
    const node = this.nodes.get(key([level, index]));
    if (!node) throw new RangeError(`the stored tree has no node at level ${level}, index ${index}`);
    return node;
  }
}

export interface LeafRow {
  readonly leafIndex: number;
  readonly globalPosition: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  /** The event's stored hash: the leaf's data. */
  readonly eventHash: Buffer;
}

/**
 * The RFC 6962 tree of the log in `merkle_leaves` / `merkle_nodes`: every perfect subtree's
 * hash is stored, so roots and proofs of any size read O(log n) nodes, fetched in one query.
 */
export class SqlMerkleStore {
  /** Runs a proof or root algorithm against the stored nodes of a tree of `size` leaves. */
  async compute<T>(executor: SqlExecutor, size: number, algorithm: (source: MerkleNodeSource) => T): Promise<T> {
    const recorder = new RecordingSource(size);
    algorithm(recorder);
    const wanted = [...recorder.wanted.values()];
    const nodes = new Map<string, Buffer>();
    if (wanted.length > 0) {
      const { rows } = await executor.query<{ level: number; node_index: unknown; hash: unknown }>(
        `SELECT n.level, n.node_index, n.hash FROM merkle_nodes n
           JOIN jsonb_to_recordset($1::jsonb) AS w(level integer, node_index bigint) USING (level, node_index)`,
        [JSON.stringify(wanted.map(([level, index]) => ({ level, node_index: index })))],
      );
      for (const row of rows) nodes.set(key([row.level, toNumber(row.node_index)]), toBuffer(row.hash));
    }
    return algorithm(new LoadedSource(size, nodes));
  }

  root(executor: SqlExecutor, size: number): Promise<Buffer> {
    return this.compute(executor, size, (source) => rootAt(source, size));
  }

  inclusionProof(executor: SqlExecutor, leafIndex: number, size: number): Promise<Buffer[]> {
    return this.compute(executor, size, (source) => inclusionProof(source, leafIndex, size));
  }

  consistencyProof(executor: SqlExecutor, size1: number, size2: number): Promise<Buffer[]> {
    return this.compute(executor, size2, (source) => consistencyProof(source, size1, size2));
  }

  async leafByEventId(executor: SqlExecutor, eventId: string): Promise<LeafRow | undefined> {
    const { rows } = await executor.query<Record<string, unknown>>(
      'SELECT leaf_index, global_position, event_id::text AS event_id, stream_id, stream_version, event_hash FROM merkle_leaves WHERE event_id = $1',
      [eventId],
    );
    return rows[0] ? leafOf(rows[0]) : undefined;
  }

  async leavesOfStream(executor: SqlExecutor, streamId: string): Promise<LeafRow[]> {
    const { rows } = await executor.query<Record<string, unknown>>(
      'SELECT leaf_index, global_position, event_id::text AS event_id, stream_id, stream_version, event_hash FROM merkle_leaves WHERE stream_id = $1 ORDER BY stream_version',
      [streamId],
    );
    return rows.map(leafOf);
  }

  /**
   * Appends leaves after `size`, storing each leaf hash and every perfect subtree it
   * completes. `rightEdge` holds the last node of each level; it is loaded once per batch.
   */
  async append(executor: SqlExecutor, size: number, leaves: readonly Omit<LeafRow, 'leafIndex'>[]): Promise<number> {
    if (leaves.length === 0) return size;
    const edge = await this.rightEdge(executor, size);
    const leafRows: Array<Record<string, unknown>> = [];
    const nodeRows: Array<{ level: number; node_index: number; hash: string }> = [];
    let next = size;
    for (const leaf of leaves) {
      const leafIndex = next++;
      leafRows.push({ leaf_index: leafIndex, global_position: leaf.globalPosition, event_id: leaf.eventId, stream_id: leaf.streamId, stream_version: leaf.streamVersion, event_hash: leaf.eventHash.toString('hex') });
      let level = 0;
      let index = leafIndex;
      let hash = hashLeaf(leaf.eventHash);
      for (;;) {
        nodeRows.push({ level, node_index: index, hash: hash.toString('hex') });
        const left = edge.get(level);
        edge.set(level, { index, hash });
        // Only a right child completes a perfect subtree one level up.
        if (index % 2 === 0) break;
        if (!left || left.index !== index - 1) throw new Error(`merkle: missing left sibling at level ${level}, index ${index - 1}`);
        hash = hashChildren(left.hash, hash);
        level += 1;
        index = Math.floor(index / 2);
      }
    }
    await executor.query(
      `INSERT INTO merkle_leaves (leaf_index, global_position, event_id, stream_id, stream_version, event_hash)
       SELECT leaf_index, global_position, event_id::uuid, stream_id, stream_version, decode(event_hash, 'hex')
         FROM jsonb_to_recordset($1::jsonb) AS l(leaf_index bigint, global_position bigint, event_id text, stream_id text, stream_version bigint, event_hash text)`,
      [JSON.stringify(leafRows)],
    );
    await executor.query(
      `INSERT INTO merkle_nodes (level, node_index, hash)
       SELECT level, node_index, decode(hash, 'hex') FROM jsonb_to_recordset($1::jsonb) AS n(level integer, node_index bigint, hash text)`,
      [JSON.stringify(nodeRows)],
    );
    return next;
  }

  /** For each level, the last stored node of a tree of `size` leaves: the left siblings to come. */
  private async rightEdge(executor: SqlExecutor, size: number): Promise<Map<number, { index: number; hash: Buffer }>> {
    const edge = new Map<number, { index: number; hash: Buffer }>();
    const wanted: Coordinate[] = [];
    for (let level = 0, count = size; count >= 1; level++, count = Math.floor(count / 2)) wanted.push([level, count - 1]);
    if (wanted.length === 0) return edge;
    const { rows } = await executor.query<{ level: number; node_index: unknown; hash: unknown }>(
      `SELECT n.level, n.node_index, n.hash FROM merkle_nodes n
         JOIN jsonb_to_recordset($1::jsonb) AS w(level integer, node_index bigint) USING (level, node_index)`,
      [JSON.stringify(wanted.map(([level, index]) => ({ level, node_index: index })))],
    );
    for (const row of rows) edge.set(row.level, { index: toNumber(row.node_index), hash: toBuffer(row.hash) });
    return edge;
  }
}

function leafOf(row: Record<string, unknown>): LeafRow {
  return {
    leafIndex: toNumber(row.leaf_index),
    globalPosition: toNumber(row.global_position),
    eventId: String(row.event_id),
    streamId: String(row.stream_id),
    streamVersion: toNumber(row.stream_version),
    eventHash: toBuffer(row.event_hash),
  };
}
