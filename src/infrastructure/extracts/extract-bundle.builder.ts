import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ExtractBundle, ExtractBundler } from '../../application/extract/extract-bundler.port.js';
import { REAL_TIME_CLOCK, type Clock } from '../../application/ports/clock.port.js';
import { EVENT_STORE, type EventStore } from '../../application/ports/event-store.port.js';
import { localDateOf } from '../../domain/calendar/local-date.js';
import { complaintFigures } from '../../domain/extract/complaint-statistics.js';
import type { ExtractCase } from '../../domain/extract/extract.state.js';
import type { ExtractBundleRecord } from '../../domain/extract/extract.types.js';
import { InvalidInputError, InvalidStateError } from '../../domain/shared/domain-error.js';
import { canonicalJson } from '../crypto/canonical-event.js';
import { inclusionProof } from '../crypto/merkle/merkle-proof.generator.js';
import type { Database } from '../persistence/database.js';
import { toBuffer, toNumber } from '../persistence/database.js';
import { DATABASE } from '../persistence/persistence.module.js';
import { SqlMerkleStore } from '../sealing/merkle.store.js';
import type { SealKey } from '../sealing/seal-key.js';
import { SealReader } from '../sealing/seal-reader.service.js';
import { SEAL_KEY, SealerService } from '../sealing/sealer.service.js';
import type { SignedCheckpoint } from '../sealing/signed-checkpoint.js';
import { BUNDLE_FILES, BUNDLE_FORMAT, type BundleEvent, type ConsistencyFile, type ExtractManifest, type ManifestFile, type ManifestStream, type ProofsFile, type SealedLeafProof } from './bundle/extract-bundle.format.js';
import { signManifest } from './bundle/manifest-signature.js';
import { writeArchive } from './bundle/tar-archive.js';
import { renderCaseFileSummary, type RevealedData } from './summary/case-file.summary.js';
import type { ManifestHeader } from './summary/extract-facts.js';
import { renderStatisticsSummary } from './summary/statistics.summary.js';
import { byStream } from './verifier/extract-bundle.verifier.js';

interface StoredRow {
  global_position: unknown;
  stream_id: string;
  stream_version: unknown;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  recorded_at: Date;
  prev_hash: unknown;
  hash: unknown;
  leaf_index: unknown;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
/** How long generation waits for the events to be sealed. */
const SEAL_WAIT_MS = 30_000;
const PROOF_BATCH = 1000;

/**
 * Builds an extract's bundle from the store as it is: the events of the covered streams in
 * their stored form (ciphertext included), sealed under a signed checkpoint, with an inclusion
 * proof for every leaf the seal holds for those streams, the consistency proof from the
 * checkpoint the body holds, a summary, and the manifest signed with the provider's seal key.
 * It does not judge the store: a tampered store gives a bundle the offline verifier refuses.
 */
@Injectable()
export class ExtractBundleBuilder implements ExtractBundler {
  private readonly merkle = new SqlMerkleStore();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SEAL_KEY) private readonly key: SealKey,
    @Inject(REAL_TIME_CLOCK) private readonly clock: Clock,
    private readonly sealer: SealerService,
    private readonly seals: SealReader,
  ) {}

  async checkpointExists(treeSize: number): Promise<boolean> {
    return (await this.seals.checkpoint(treeSize)) !== undefined;
  }

  async build(extract: ExtractCase): Promise<ExtractBundle> {
    const createdAt = this.clock.now();
    const streamIds = extract.scope.kind === 'case_file' ? [extract.scope.caseStreamId] : await this.complaintsReceived(extract.scope.from, extract.scope.to);
    await this.sealStreams(streamIds);
    const rows = await this.storedRows(streamIds);
    const checkpoint = await this.checkpointCovering(rows);
    const included = this.asOfCheckpoint(streamIds, rows, checkpoint.treeSize);
    // In canonical member order, exactly as events.jsonl carries them and the verifier reads them.
    const events = included.map((row) => JSON.parse(canonicalJson(toBundleEvent(row))) as BundleEvent);
    const knownCheckpoint = extract.knownCheckpointSize === null ? null : await this.knownCheckpoint(extract.knownCheckpointSize);

    const proofs: ProofsFile = { format: BUNDLE_FORMAT, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, leaves: await this.sealedLeaves(streamIds, checkpoint.treeSize) };
    const consistency: ConsistencyFile | null = knownCheckpoint
      ? { format: BUNDLE_FORMAT, to: { treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash }, proofs: [{ from: knownCheckpoint, proof: knownCheckpoint.treeSize === checkpoint.treeSize ? [] : await this.seals.consistencyProof(knownCheckpoint.treeSize, checkpoint.treeSize) }] }
      : null;
    // Personal data leaves the provider only where the legal basis allows it (the events stay ciphertext either way).
    const personalData = extract.scope.kind === 'case_file' && extract.legalBasis.allowsPersonalData ? 'included' : 'redacted';

    const types = await this.streamTypes(streamIds);
    const grouped = byStream(events);
    const streams: ManifestStream[] = [];
    for (const streamId of streamIds) {
      const own = grouped.get(streamId) ?? [];
      const last = own.at(-1);
      if (last) streams.push({ streamId, streamType: types.get(streamId) ?? null, events: own.length, lastVersion: last.streamVersion, headHash: last.hash });
    }
    const header: ManifestHeader = {
      format: BUNDLE_FORMAT,
      extractId: extract.extractId,
      kind: extract.scope.kind,
      scope: extract.scope,
      addressee: { id: extract.addressee.id, kind: extract.addressee.kind, name: extract.addressee.name, address: extract.addressee.address, email: extract.addressee.email },
      legalBasis: extract.legalBasis,
      personalData,
      createdAt: createdAt.toISOString(),
      signingKeyId: this.key.keyId,
      checkpoint,
      knownCheckpoint,
      streams,
      eventCount: events.length,
      statistics: null,
    };
    let summary: { html: string; csv: string };
    let manifestHeader = header;
    if (extract.scope.kind === 'statistics') {
      const asOf = localDateOf(createdAt);
      const statistics = { from: extract.scope.from, to: extract.scope.to, asOf, figures: complaintFigures(streams.map((s) => grouped.get(s.streamId)!), asOf) };
      manifestHeader = { ...header, statistics };
      summary = renderStatisticsSummary(manifestHeader, statistics);
    } else {
      summary = renderCaseFileSummary(header, events, personalData === 'included' ? await this.revealed(streamIds) : undefined);
    }

    const contents = new Map<string, Buffer>([
      [BUNDLE_FILES.publicKey, Buffer.from(this.key.publicKeyPem, 'utf8')],
      [BUNDLE_FILES.events, Buffer.from(events.map((e) => `${canonicalJson(e)}\n`).join(''), 'utf8')],
      [BUNDLE_FILES.proofs, json(proofs)],
      ...(consistency ? [[BUNDLE_FILES.consistency, json(consistency)] as [string, Buffer]] : []),
      [BUNDLE_FILES.summaryHtml, Buffer.from(summary.html, 'utf8')],
      [BUNDLE_FILES.summaryCsv, Buffer.from(summary.csv, 'utf8')],
    ]);
    const files: ManifestFile[] = [...contents].map(([name, content]) => ({ name, sha256: sha256(content), size: content.length }));
    const manifest: ExtractManifest = { ...manifestHeader, files };
    const manifestBytes = json(manifest);
    const signature = signManifest(manifestBytes, this.key.privateKey, this.key.keyId);
    const archive = writeArchive(
      [
        { name: BUNDLE_FILES.manifest, content: manifestBytes },
        { name: BUNDLE_FILES.signature, content: json(signature) },
        ...[...contents].map(([name, content]) => ({ name, content })),
      ],
      createdAt,
    );
    const record: ExtractBundleRecord = {
      formatVersion: BUNDLE_FORMAT,
      sha256: sha256(archive),
      size: archive.length,
      manifestSha256: signature.manifestSha256,
      signingKeyId: this.key.keyId,
      checkpoint: { treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, signedAt: checkpoint.signedAt, keyId: checkpoint.keyId },
      knownCheckpointSize: knownCheckpoint?.treeSize ?? null,
      files,
      personalData,
      streams: streams.map((s) => ({ streamId: s.streamId, events: s.events })),
      eventCount: events.length,
      createdAt: header.createdAt,
    };
    return { archive, record };
  }

  /** The complaint streams registered with a receipt date in the period, in the order they were registered. */
  private async complaintsReceived(from: string, to: string): Promise<string[]> {
    const { rows } = await this.db.query<{ stream_id: string }>(
      `SELECT stream_id FROM events WHERE event_type = 'ComplaintRegistered' AND data->>'receivedOn' >= $1 AND data->>'receivedOn' <= $2 ORDER BY global_position`,
      [from, to],
    );
    return [...new Set(rows.map((r) => r.stream_id))];
  }

  /**
   * Seals until every event of the streams that the sealer can still reach has its leaf. A
   * committed event waits for the global watermark (an older transaction still running anywhere
   * on the server holds it back); after a bounded wait the bundle covers the streams as sealed.
   */
  private async sealStreams(streamIds: readonly string[]): Promise<void> {
    const deadline = Date.now() + SEAL_WAIT_MS;
    for (;;) {
      await this.sealer.sealAll();
      const { rows } = await this.db.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM events e, merkle_state s
          WHERE s.id = 1 AND e.stream_id = ANY($1::text[]) AND (e.transaction_id, e.global_position) > (s.transaction_id, s.position)
            AND NOT EXISTS (SELECT 1 FROM merkle_leaves l WHERE l.event_id = e.event_id)`,
        [[...streamIds]],
      );
      if (Number(rows[0]!.n) === 0 || Date.now() > deadline) return;
      // Another instance may hold the sealer's lock (sealAll answers -1), or the watermark is behind: wait a moment.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async storedRows(streamIds: readonly string[]): Promise<StoredRow[]> {
    if (streamIds.length === 0) return [];
    const { rows } = await this.db.query<StoredRow>(
      `SELECT e.global_position, e.stream_id, e.stream_version, e.event_id::text AS event_id, e.event_type, e.schema_version, e.data, e.metadata,
              e.recorded_at, e.prev_hash, e.hash, l.leaf_index
         FROM events e LEFT JOIN merkle_leaves l ON l.event_id = e.event_id
        WHERE e.stream_id = ANY($1::text[])
        ORDER BY e.stream_id, e.stream_version`,
      [[...streamIds]],
    );
    return rows;
  }

  /** The latest signed checkpoint if it covers every sealed event to include; otherwise the head, signed now. */
  private async checkpointCovering(rows: readonly StoredRow[]): Promise<SignedCheckpoint> {
    const needed = rows.reduce((max, r) => (r.leaf_index === null ? max : Math.max(max, toNumber(r.leaf_index) + 1)), 0);
    const latest = await this.seals.checkpoint();
    if (latest && latest.treeSize >= Math.max(needed, 1)) return latest;
    const { rows: state } = await this.db.query<{ tree_size: unknown }>('SELECT tree_size FROM merkle_state WHERE id = 1');
    const size = toNumber(state[0]!.tree_size);
    if (size < Math.max(needed, 1)) {
      throw new InvalidStateError('EXTRACT.NOT_SEALED_YET', 'The events of the extract are not sealed under the log yet; generate again in a moment', { details: { sealedEvents: size } });
    }
    await this.db.transaction((tx) => this.sealer.sign(tx, size));
    // The stored checkpoint, not the one just computed: a concurrent signer of the same size may have won.
    const signed = await this.seals.checkpoint(size);
    if (!signed) throw new Error(`The checkpoint of size ${size} was not stored`);
    return signed;
  }

  /**
   * Each stream as of the checkpoint: up to its last event sealed under it. Events after that
   * were appended later; an unsealed event before it is kept, and the verifier will say so.
   */
  private asOfCheckpoint(streamIds: readonly string[], rows: readonly StoredRow[], treeSize: number): StoredRow[] {
    const included: StoredRow[] = [];
    for (const streamId of streamIds) {
      const own = rows.filter((r) => r.stream_id === streamId);
      let last = -1;
      own.forEach((r, i) => {
        if (r.leaf_index !== null && toNumber(r.leaf_index) < treeSize) last = i;
      });
      included.push(...own.slice(0, last + 1));
    }
    return included;
  }

  /** Every leaf the seal holds for the streams under the checkpoint, each with its inclusion proof. */
  private async sealedLeaves(streamIds: readonly string[], treeSize: number): Promise<SealedLeafProof[]> {
    if (streamIds.length === 0) return [];
    const { rows } = await this.db.query<{ leaf_index: unknown; event_id: string; stream_id: string; stream_version: unknown; event_hash: unknown }>(
      `SELECT leaf_index, event_id::text AS event_id, stream_id, stream_version, event_hash FROM merkle_leaves
        WHERE stream_id = ANY($1::text[]) AND leaf_index < $2 ORDER BY leaf_index`,
      [[...streamIds], treeSize],
    );
    const leaves: SealedLeafProof[] = [];
    // The proofs of a batch of leaves read their nodes in one query.
    for (let start = 0; start < rows.length; start += PROOF_BATCH) {
      const batch = rows.slice(start, start + PROOF_BATCH);
      const proofs = await this.merkle.compute(this.db, treeSize, (source) => batch.map((row) => inclusionProof(source, toNumber(row.leaf_index), treeSize)));
      batch.forEach((row, i) =>
        leaves.push({ streamId: row.stream_id, streamVersion: toNumber(row.stream_version), eventId: row.event_id, leafIndex: toNumber(row.leaf_index), eventHash: toBuffer(row.event_hash).toString('hex'), proof: proofs[i]!.map((p) => p.toString('hex')) }),
      );
    }
    return leaves;
  }

  private async knownCheckpoint(treeSize: number): Promise<SignedCheckpoint> {
    const known = await this.seals.checkpoint(treeSize);
    if (!known) throw new InvalidInputError('EXTRACT.UNKNOWN_CHECKPOINT', `The provider signed no checkpoint of tree size ${treeSize}`, { field: 'knownCheckpointSize' });
    return known;
  }

  private async streamTypes(streamIds: readonly string[]): Promise<Map<string, string | null>> {
    const { rows } = await this.db.query<{ stream_id: string; stream_type: string | null }>('SELECT stream_id, stream_type FROM streams WHERE stream_id = ANY($1::text[])', [[...streamIds]]);
    return new Map(rows.map((r) => [r.stream_id, r.stream_type]));
  }

  /** The decrypted events, for a summary whose legal basis allows personal data; destroyed keys read as erased. */
  private async revealed(streamIds: readonly string[]): Promise<RevealedData> {
    const revealed = new Map<string, { data: unknown; erased: readonly string[] }>();
    for (const streamId of streamIds) for (const e of await this.store.readStream(streamId)) revealed.set(e.eventId, { data: e.data, erased: e.erasedFields });
    return revealed;
  }
}

function toBundleEvent(row: StoredRow): BundleEvent {
  return {
    streamId: row.stream_id,
    streamVersion: toNumber(row.stream_version),
    eventId: row.event_id,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at.toISOString(),
    prevHash: toBuffer(row.prev_hash).toString('hex'),
    hash: toBuffer(row.hash).toString('hex'),
    globalPosition: toNumber(row.global_position),
    leafIndex: row.leaf_index === null ? null : toNumber(row.leaf_index),
  };
}
