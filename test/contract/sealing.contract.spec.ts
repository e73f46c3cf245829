import { randomBytes, randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { EVENT_STORE, START_OF_LOG, type EventStore, type NewEvent } from '../../src/application/ports/event-store.port.js';
import { loadConfig } from '../../src/infrastructure/config/app-config.js';
import { canonicalEventJson, chainHash, GENESIS_HASH } from '../../src/infrastructure/crypto/canonical-event.js';
import { MerkleTree } from '../../src/infrastructure/crypto/merkle/merkle-tree.js';
import { verifyConsistency, verifyInclusion } from '../../src/infrastructure/crypto/merkle/merkle-proof.verifier.js';
import type { Database } from '../../src/infrastructure/persistence/database.js';
import { PersistenceModule } from '../../src/infrastructure/persistence/persistence.module.js';
import { SealReader } from '../../src/infrastructure/sealing/seal-reader.service.js';
import { SEAL_KEY, SealerService } from '../../src/infrastructure/sealing/sealer.service.js';
import type { SealKey } from '../../src/infrastructure/sealing/seal-key.js';
import { checkpointSignatureProblem } from '../../src/infrastructure/sealing/signed-checkpoint.js';
import { SealingModule } from '../../src/infrastructure/sealing/sealing.module.js';
import { StoreIntegrityVerifier } from '../../src/infrastructure/sealing/store-integrity.verifier.js';
import { TestClock } from '../support/test-clock.js';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-databases.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const meta = () => ({ correlationId: randomUUID(), causationId: randomUUID(), actor: { userId: 'clerk-1', role: 'clerk', unit: 'cso-budapest' }, channel: 'letter', policyVersion: 'hu-2026', businessTime: '2026-03-02T09:00:00.000Z' });
const events = (n: number): NewEvent[] => Array.from({ length: n }, (_, i) => ({ eventId: randomUUID(), type: 'Noted', data: { i }, metadata: meta() }));

async function tamper(db: Database, sql: string, params: unknown[] = []): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    await tx.query(sql, params);
  });
}

/** What someone with database rights but without the signing key can do: rewrite a stream and re-chain it so every link holds. */
async function rechain(db: Database, streamId: string): Promise<void> {
  const { rows } = await db.query<{ stream_version: unknown; event_id: string; event_type: string; schema_version: number; data: unknown; metadata: unknown; recorded_at: Date }>(
    'SELECT stream_version, event_id::text AS event_id, event_type, schema_version, data, metadata, recorded_at FROM events WHERE stream_id = $1 ORDER BY stream_version',
    [streamId],
  );
  let prev = GENESIS_HASH;
  for (const row of rows) {
    const version = Number(row.stream_version);
    const hash = chainHash(prev, canonicalEventJson({ data: row.data, eventId: row.event_id, metadata: row.metadata, recordedAt: row.recorded_at.toISOString(), schemaVersion: row.schema_version, streamId, streamVersion: version, type: row.event_type }));
    await tamper(db, `UPDATE events SET prev_hash = decode($1, 'hex'), hash = decode($2, 'hex') WHERE stream_id = $3 AND stream_version = $4`, [prev, hash, streamId, version]);
    prev = hash;
  }
  await tamper(db, `UPDATE streams SET version = $1, head_hash = decode($2, 'hex') WHERE stream_id = $3`, [rows.length, prev, streamId]);
}

describe.each(DATABASE_KINDS)('sealing on %s', (kind) => {
  let testDb: TestDatabase;
  let module: TestingModule;
  let store: EventStore;
  let sealer: SealerService;
  let reader: SealReader;
  let verifier: StoreIntegrityVerifier;
  let key: SealKey;
  let clock: TestClock;

  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
    const config = loadConfig({ PII_MASTER_KEY: randomBytes(32).toString('base64'), DATA_DIR: mkdtempSync(join(tmpdir(), 'seal-')), LOG_LEVEL: 'silent' });
    clock = new TestClock('2026-03-02T09:00:00.000Z');
    module = await Test.createTestingModule({
      imports: [PersistenceModule.forRoot({ config, database: testDb.db, clock, migrate: false }), SealingModule.forRoot(config, { enabled: false, checkpointEveryEvents: 10, batchSize: 7 })],
    }).compile();
    await module.init();
    store = module.get(EVENT_STORE);
    sealer = module.get(SealerService);
    reader = module.get(SealReader);
    verifier = module.get(StoreIntegrityVerifier);
    key = module.get(SEAL_KEY);
  });
  afterEach(async () => {
    await module.close();
    await testDb.drop();
  });

  async function appendStreams(streams: number, perStream: number): Promise<string[]> {
    const ids = Array.from({ length: streams }, () => `complaint-${randomUUID()}`);
    for (const id of ids) await store.append({ streams: [{ streamId: id, streamType: 'complaint', expectedVersion: 'no_stream', events: events(perStream) }] });
    return ids;
  }

  it('seals every event in global order: the root equals a tree built from the event hashes', async () => {
    await appendStreams(5, 5);
    await expect(sealer.sealAll()).resolves.toBe(25);
    const { events: all } = await store.readAll({ after: START_OF_LOG, limit: 100 });
    const tree = new MerkleTree();
    for (const e of all) tree.appendLeaf(Buffer.from(e.hash, 'hex'));
    const head = await reader.checkpoint();
    // Checkpoints at every 10 events; the 5 after the second wait for the next one or for time.
    expect(head).toMatchObject({ treeSize: 20 });
    expect(head!.rootHash).toBe(tree.root(20).toString('hex'));
    // More events: the tree grows; nothing sealed twice.
    await appendStreams(1, 3);
    await expect(sealer.sealAll()).resolves.toBe(28);
  });

  it('signs a checkpoint every N events with the provider key; each signature verifies', async () => {
    await appendStreams(4, 8);
    await sealer.sealAll();
    const checkpoints = await reader.checkpoints();
    // Sealed in batches of 7, signed at every 10 events crossed.
    expect(checkpoints.map((c) => c.treeSize)).toEqual([10, 20, 30]);
    for (const c of checkpoints) expect(checkpointSignatureProblem(c, key.publicKey)).toBeNull();
    expect(checkpointSignatureProblem({ ...checkpoints[0]!, treeSize: 11 }, key.publicKey)).toBe('the checkpoint signature does not verify');
  });

  it('signs the head when the interval passed with fewer than N new events', async () => {
    await appendStreams(1, 4);
    await sealer.sealAll();
    expect(await reader.checkpoints()).toEqual([]);
    clock.advance(301_000);
    await appendStreams(1, 1);
    await sealer.sealAll();
    expect((await reader.checkpoints()).map((c) => [c.treeSize, c.signedAt])).toEqual([[5, '2026-03-02T09:05:01.000Z']]);
  });

  it('an event’s inclusion proof and the consistency of two checkpoints verify with the independent verifier', async () => {
    const ids = await appendStreams(6, 5);
    await sealer.sealAll();
    const [first, , third] = await reader.checkpoints();
    for (const e of await store.readStream(ids[2]!)) {
      const proof = await reader.inclusionProof(e.eventId, third);
      expect(proof).toBeDefined();
      expect(verifyInclusion({ leafIndex: proof!.leafIndex, treeSize: proof!.treeSize, leafHash: Buffer.from(proof!.leafHash, 'hex'), proof: proof!.proof.map((p) => Buffer.from(p, 'hex')), root: Buffer.from(third!.rootHash, 'hex') })).toEqual({ ok: true });
      expect(proof!.eventHash).toBe(e.hash);
    }
    const consistency = await reader.consistencyProof(first!.treeSize, third!.treeSize);
    expect(verifyConsistency({ size1: first!.treeSize, size2: third!.treeSize, root1: Buffer.from(first!.rootHash, 'hex'), root2: Buffer.from(third!.rootHash, 'hex'), proof: consistency.map((p) => Buffer.from(p, 'hex')) })).toEqual({ ok: true });
  });

  describe('the whole-store verification', () => {
    let ids: string[];
    beforeEach(async () => {
      ids = await appendStreams(4, 5);
      await sealer.sealAll();
      await expect(verifier.verify()).resolves.toMatchObject({ ok: true, chains: { ok: true, eventsChecked: 20 }, seal: { ok: true, eventsInLog: 20, checkpointsChecked: 2 } });
    });

    it('detects a changed event', async () => {
      await tamper(testDb.db, `UPDATE events SET data = '{"i": 99}' WHERE stream_id = $1 AND stream_version = 3`, [ids[1]]);
      await expect(verifier.verify()).resolves.toMatchObject({ ok: false, chains: { firstBroken: { streamId: ids[1], streamVersion: 3, reason: 'hash_mismatch' } } });
    });

    it('detects a deleted event', async () => {
      await tamper(testDb.db, 'DELETE FROM events WHERE stream_id = $1 AND stream_version = 2', [ids[0]]);
      await expect(verifier.verify()).resolves.toMatchObject({ ok: false, chains: { firstBroken: { streamId: ids[0], reason: 'version_gap' } } });
    });

    it('detects a swapped pair', async () => {
      await tamper(testDb.db, 'UPDATE events SET stream_version = 1000 WHERE stream_id = $1 AND stream_version = 2', [ids[2]]);
      await tamper(testDb.db, 'UPDATE events SET stream_version = 2 WHERE stream_id = $1 AND stream_version = 3', [ids[2]]);
      await tamper(testDb.db, 'UPDATE events SET stream_version = 3 WHERE stream_id = $1 AND stream_version = 1000', [ids[2]]);
      await expect(verifier.verify()).resolves.toMatchObject({ ok: false, chains: { firstBroken: { streamId: ids[2], streamVersion: 2, reason: 'prev_hash_mismatch' } } });
    });

    it('detects a changed event that was re-chained without the signing key', async () => {
      await tamper(testDb.db, `UPDATE events SET data = '{"i": 42}' WHERE stream_id = $1 AND stream_version = 2`, [ids[3]]);
      await rechain(testDb.db, ids[3]!);
      const report = await verifier.verify();
      expect(report.chains.ok).toBe(true);
      expect(report).toMatchObject({ ok: false, seal: { ok: false, firstProblem: { kind: 'leaf_mismatch' } } });
    });

    it('detects a truncated store, even with the stream heads rewritten to match', async () => {
      const lastStream = ids[3]!;
      await tamper(testDb.db, 'DELETE FROM events WHERE stream_id = $1 AND stream_version > 2', [lastStream]);
      await rechain(testDb.db, lastStream);
      const report = await verifier.verify();
      expect(report.chains.ok).toBe(true);
      expect(report.seal).toMatchObject({ ok: false, eventsInLog: 17, firstProblem: { kind: 'log_truncated', treeSize: 20 } });
    });
  });
});
