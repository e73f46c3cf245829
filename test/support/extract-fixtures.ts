import { randomUUID, type KeyObject } from 'node:crypto';
import type { CommandPipeline } from '../../src/application/command-pipeline/command-pipeline.js';
import { complaintCommandSpec } from '../../src/application/complaint/complaint.command-spec.js';
import { hungarianWorkingDayCalendar } from '../../src/domain/calendar/working-day-calendar.js';
import type { ComplaintCommand, RegisterComplaintData } from '../../src/domain/complaint/complaint.commands.js';
import { DEFAULT_EXTERNAL_BODIES } from '../../src/domain/external-bodies/default-external-bodies.data.js';
import type { ExtractCase } from '../../src/domain/extract/extract.state.js';
import type { ExtractScope, LegalBasis } from '../../src/domain/extract/extract.types.js';
import { defaultPolicyCatalog } from '../../src/domain/policy/policy-catalog.js';
import type { Actor } from '../../src/domain/shared/actor.js';
import type { Database } from '../../src/infrastructure/persistence/database.js';
import { BUNDLE_FILES, type ExtractManifest } from '../../src/infrastructure/extracts/bundle/extract-bundle.format.js';
import { signManifest } from '../../src/infrastructure/extracts/bundle/manifest-signature.js';
import { readArchive, writeArchive, type ArchiveEntry } from '../../src/infrastructure/extracts/bundle/tar-archive.js';
import { canonicalEventJson, chainHash, GENESIS_HASH } from '../../src/infrastructure/crypto/canonical-event.js';
import { createHash } from 'node:crypto';
import { registration, supervisor, receptionist, handler, redress } from './complaint-scenario.js';

export { handler, receptionist, supervisor };

/** The body a consumer-protection case file goes to, and the regulator. */
export const BFKH = DEFAULT_EXTERNAL_BODIES.find((b) => b.id === 'bfkh-fogyasztovedelem')!;
export const MEKH = DEFAULT_EXTERNAL_BODIES.find((b) => b.id === 'mekh')!;

const envelope = <C extends ComplaintCommand>(command: C, actor: Actor) => ({ command, commandId: randomUUID(), actor, channel: 'letter', correlationId: randomUUID() });

/**
 * A complaint run through the real pipeline: registered, designated, taken over, checked, found
 * unjustified, answered with the redress bodies (R-LAW-07) and closed. Returns its stream id.
 */
export async function handledComplaint(pipeline: CommandPipeline, overrides: Partial<RegisterComplaintData> = {}, options: { close?: boolean; finding?: 'justified' | 'unjustified' } = {}): Promise<string> {
  const complaintId = randomUUID();
  const spec = complaintCommandSpec(complaintId, defaultPolicyCatalog, hungarianWorkingDayCalendar);
  const base = registration({ complaintId, ...overrides });
  const register = { ...base, data: { ...base.data, complainant: { ...base.data.complainant, subjectId: `${complaintId}/complainant` } } };
  await pipeline.execute(spec, envelope(register, receptionist));
  await pipeline.execute(spec, envelope({ type: 'DesignateClerk', data: { clerkId: handler.userId } }, supervisor));
  await pipeline.execute(spec, envelope({ type: 'TakeOverComplaint', data: {} }, handler));
  await pipeline.execute(spec, envelope({ type: 'RecordRecordsChecked', data: { records: 'billing history 2025-2026', findings: 'the reading was right' } }, handler));
  if (options.finding === 'justified') {
    await pipeline.execute(spec, envelope({ type: 'RecordFinding', data: { finding: 'justified', reasoning: 'The January reading was entered twice.' } }, handler));
    await pipeline.execute(spec, envelope({ type: 'RecordCorrection', data: { area: 'invoice', description: 'credit note for January', amount: -12500 } }, handler));
    await pipeline.execute(spec, envelope({ type: 'SendReply', data: { channel: 'letter', sentAt: '2026-03-02T08:59:00.000Z', summary: 'Your objection is justified.', reasons: 'The reading was entered twice.', redress: null, recordCopyEnclosed: false } }, handler));
  } else {
    await pipeline.execute(spec, envelope({ type: 'RecordFinding', data: { finding: 'unjustified', reasoning: 'The meter reading was right.' } }, handler));
    await pipeline.execute(spec, envelope({ type: 'SendReply', data: { channel: 'letter', sentAt: '2026-03-02T08:59:00.000Z', summary: 'Your objection is unjustified.', reasons: 'The reading matches the meter.', redress, recordCopyEnclosed: false } }, handler));
  }
  if (options.close !== false) await pipeline.execute(spec, envelope({ type: 'CloseComplaint', data: {} }, handler));
  return spec.streamId;
}

/** An approved extract as the bundler receives it. */
export function approvedExtract(scope: ExtractScope, options: { legalBasis?: Partial<LegalBasis>; knownCheckpointSize?: number | null; addressee?: typeof BFKH } = {}): ExtractCase {
  return {
    extractId: randomUUID(),
    scope,
    addressee: options.addressee ?? (scope.kind === 'statistics' ? MEKH : BFKH),
    legalBasis: { kind: 'authority_request', reference: 'BP/FVF/01234-2/2026', allowsPersonalData: false, ...options.legalBasis },
    knownCheckpointSize: options.knownCheckpointSize ?? null,
    purpose: 'The authority asked for it in its proceeding',
    requestedBy: { userId: 'clerk-kiss', role: 'clerk' },
    requestedAt: '2026-03-02T09:00:00.000Z',
    approval: { approvedBy: { userId: 'group-leader', role: 'supervisor' }, approvedAt: '2026-03-02T09:00:00.000Z', note: null },
    refusal: null,
    bundle: null,
    deliveries: [],
    bundlePurge: null,
  };
}

/** The archive's files by name. */
export function filesOf(archive: Buffer): Map<string, Buffer> {
  return new Map(readArchive(archive).map((e) => [e.name, e.content]));
}

/** The archive with one byte of one file flipped, everything else (headers, order, mtime) as it was. */
export function withFlippedByte(archive: Buffer, name: string, at: 'middle' | number = 'middle'): Buffer {
  const entries = readArchive(archive).map((e): ArchiveEntry => {
    if (e.name !== name) return e;
    const content = Buffer.from(e.content);
    const offset = at === 'middle' ? Math.floor(content.length / 2) : at;
    content[offset] = content[offset]! ^ 0x01;
    return { name: e.name, content };
  });
  return writeArchive(entries, mtimeOf(archive));
}

/** The modification time the bundle's headers carry (bytes 136..147, octal seconds). */
export function mtimeOf(archive: Buffer): Date {
  return new Date(parseInt(archive.subarray(136, 147).toString('latin1'), 8) * 1000);
}

/**
 * What someone holding the provider's key could do (or a bug): change files, list their new
 * digests in the manifest and sign it again. The verifier's recomputations must still catch it.
 */
export function resigned(archive: Buffer, key: { privateKey: KeyObject; keyId: string }, change: (manifest: ExtractManifest, files: Map<string, Buffer>) => void): Buffer {
  const files = filesOf(archive);
  const manifest = JSON.parse(files.get(BUNDLE_FILES.manifest)!.toString('utf8')) as ExtractManifest;
  change(manifest, files);
  const listed = manifest.files.map((f) => {
    const content = files.get(f.name)!;
    return { name: f.name, sha256: createHash('sha256').update(content).digest('hex'), size: content.length };
  });
  const bytes = Buffer.from(`${JSON.stringify({ ...manifest, files: listed }, null, 2)}\n`, 'utf8');
  files.set(BUNDLE_FILES.manifest, bytes);
  files.set(BUNDLE_FILES.signature, Buffer.from(`${JSON.stringify(signManifest(bytes, key.privateKey, key.keyId), null, 2)}\n`, 'utf8'));
  return writeArchive([...files].map(([name, content]) => ({ name, content })), mtimeOf(archive));
}

/** Changes the store as someone with database rights could: triggers off for the statement. */
export async function tamper(db: Database, sql: string, params: unknown[] = []): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    await tx.query(sql, params);
  });
}

/** Rewrites a stream's hash chain so every link holds again, without the signing key. */
export async function rechain(db: Database, streamId: string): Promise<void> {
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
