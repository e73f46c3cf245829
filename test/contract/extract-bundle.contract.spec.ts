import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { CommandPipeline } from '../../src/application/command-pipeline/command-pipeline.js';
import { extractCommandSpec } from '../../src/application/extract/extract.command-spec.js';
import { KEY_STORE, type KeyStore } from '../../src/application/ports/key-store.port.js';
import type { LocalDate } from '../../src/domain/calendar/local-date.js';
import type { ExtractScope } from '../../src/domain/extract/extract.types.js';
import { defaultPolicyCatalog } from '../../src/domain/policy/policy-catalog.js';
import { loadConfig } from '../../src/infrastructure/config/app-config.js';
import { BUNDLE_FILES, type ExtractManifest } from '../../src/infrastructure/extracts/bundle/extract-bundle.format.js';
import { writeArchive, readArchive } from '../../src/infrastructure/extracts/bundle/tar-archive.js';
import { ExtractBundleBuilder } from '../../src/infrastructure/extracts/extract-bundle.builder.js';
import { SqlExtractBundleStore } from '../../src/infrastructure/extracts/sql-extract-bundle.store.js';
import { SqlExtractIndex } from '../../src/infrastructure/extracts/sql-extract.index.js';
import { REDACTED, ERASED } from '../../src/infrastructure/extracts/summary/case-file.summary.js';
import { renderStatisticsSummary } from '../../src/infrastructure/extracts/summary/statistics.summary.js';
import { verifyExtractBundle, type BundleVerification } from '../../src/infrastructure/extracts/verifier/extract-bundle.verifier.js';
import { PersistenceModule } from '../../src/infrastructure/persistence/persistence.module.js';
import { SealReader } from '../../src/infrastructure/sealing/seal-reader.service.js';
import type { SealKey } from '../../src/infrastructure/sealing/seal-key.js';
import { SEAL_KEY, SealerService } from '../../src/infrastructure/sealing/sealer.service.js';
import { signCheckpoint } from '../../src/infrastructure/sealing/signed-checkpoint.js';
import { SealingModule } from '../../src/infrastructure/sealing/sealing.module.js';
import { approvedExtract, BFKH, filesOf, handledComplaint, MEKH, mtimeOf, rechain, resigned, supervisor, tamper, withFlippedByte } from '../support/extract-fixtures.js';
import { TestClock } from '../support/test-clock.js';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from '../support/test-databases.js';

const failuresOf = (v: BundleVerification) => v.failures;
const expectVerified = (v: BundleVerification) => {
  if (!v.ok) throw new Error(`expected the bundle to verify, got:\n${v.failures.join('\n')}`);
};
/** The first failure names the part, and nothing verified quietly. */
const expectFirstFailure = (v: BundleVerification, pattern: RegExp) => {
  expect(v.ok).toBe(false);
  expect(v.failures[0]).toMatch(pattern);
};

describe.each(DATABASE_KINDS)('extract bundles and the offline verifier on %s', (kind) => {
  let testDb: TestDatabase;
  let module: TestingModule;
  let builder: ExtractBundleBuilder;
  let pipeline: CommandPipeline;
  let sealer: SealerService;
  let reader: SealReader;
  let key: SealKey;
  let keys: KeyStore;
  let clock: TestClock;

  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
    const config = loadConfig({ PII_MASTER_KEY: randomBytes(32).toString('base64'), DATA_DIR: mkdtempSync(join(tmpdir(), 'extract-')), LOG_LEVEL: 'silent' });
    clock = new TestClock('2026-03-02T09:00:00.000Z');
    module = await Test.createTestingModule({
      imports: [PersistenceModule.forRoot({ config, database: testDb.db, clock, migrate: false }), SealingModule.forRoot(config, { enabled: false, checkpointEveryEvents: 10 })],
      providers: [ExtractBundleBuilder],
    }).compile();
    await module.init();
    builder = module.get(ExtractBundleBuilder);
    pipeline = module.get(CommandPipeline);
    sealer = module.get(SealerService);
    reader = module.get(SealReader);
    key = module.get(SEAL_KEY);
    keys = module.get(KEY_STORE);
  });
  afterEach(async () => {
    await module.close();
    await testDb.drop();
  });

  const caseFile = (caseStreamId: string, options: Parameters<typeof approvedExtract>[1] = {}) => approvedExtract({ kind: 'case_file', caseStreamId }, options);
  const statistics = (from: string, to: string) => approvedExtract({ kind: 'statistics', from: from as LocalDate, to: to as LocalDate });

  describe('a case file', () => {
    let caseStreamId: string;
    let archive: Buffer;
    beforeEach(async () => {
      await handledComplaint(pipeline);
      caseStreamId = await handledComplaint(pipeline);
      ({ archive } = await builder.build(caseFile(caseStreamId, { knownCheckpointSize: null })));
    });

    it('verifies: archive, signature, digests, checkpoint, hashes, chain, inclusion proofs, summary', () => {
      const verification = verifyExtractBundle(archive, { publicKeyPem: key.publicKeyPem });
      expectVerified(verification);
      expect(verification.checks.map((c) => c.part)).toEqual(['archive', 'public-key.pem', 'manifest.json', 'files', 'checkpoint', 'events.jsonl', 'events.jsonl', 'proofs.json', 'consistency', 'summary']);
      const manifest = verification.manifest!;
      expect(manifest).toMatchObject({ kind: 'case_file', scope: { caseStreamId }, addressee: { id: 'bfkh-fogyasztovedelem' }, personalData: 'redacted', signingKeyId: key.keyId, knownCheckpoint: null });
      expect(manifest.streams).toEqual([expect.objectContaining({ streamId: caseStreamId, streamType: 'complaint', lastVersion: manifest.eventCount })]);
      expect(manifest.files.map((f) => f.name)).toEqual(['public-key.pem', 'events.jsonl', 'proofs.json', 'summary.html', 'summary.csv']);
      // The events stay in stored form: ciphertext, never the complainant's name.
      expect(filesOf(archive).get(BUNDLE_FILES.events)!.toString('utf8')).not.toContain('Kovács');
    });

    it('the events are every field that goes into each hash, in stored form, with position and leaf', () => {
      const lines = filesOf(archive).get(BUNDLE_FILES.events)!.toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
      expect(lines[0]).toEqual({
        data: expect.objectContaining({ complainant: expect.objectContaining({ name: expect.objectContaining({ $enc: 'A256GCM' }) }) }),
        eventId: expect.any(String),
        globalPosition: expect.any(Number),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        leafIndex: expect.any(Number),
        metadata: expect.objectContaining({ actor: { userId: 'clerk-reception', role: 'clerk', unit: 'cso-budapest' } }),
        prevHash: '0'.repeat(64),
        recordedAt: '2026-03-02T09:00:00.000Z',
        schemaVersion: 1,
        streamId: caseStreamId,
        streamVersion: 1,
        type: 'ComplaintRegistered',
      });
    });

    it('a key other than the pinned one is named', () => {
      const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
      expectFirstFailure(verifyExtractBundle(archive, { publicKeyPem: other }), /^public-key\.pem: holds key [0-9a-f]+, not the pinned key/);
    });

    it.each([BUNDLE_FILES.manifest, BUNDLE_FILES.signature, BUNDLE_FILES.publicKey, BUNDLE_FILES.events, BUNDLE_FILES.proofs, BUNDLE_FILES.summaryHtml, BUNDLE_FILES.summaryCsv])('one byte flipped in %s: the verifier fails and names it', (name) => {
      const flipped = withFlippedByte(archive, name);
      expectFirstFailure(verifyExtractBundle(flipped), new RegExp(`^${name.replace('.', '\\.')}: `));
      // Pinning the key does not change who is blamed.
      expectFirstFailure(verifyExtractBundle(flipped, { publicKeyPem: key.publicKeyPem }), new RegExp(`^${name.replace('.', '\\.')}: `));
    });

    it('flipping the signature byte itself, not its JSON, reads "manifest.sig: signature does not verify"', () => {
      const sig = JSON.parse(filesOf(archive).get(BUNDLE_FILES.signature)!.toString('utf8')) as { signature: string };
      const raw = Buffer.from(sig.signature, 'base64');
      raw[10] = raw[10]! ^ 0x01;
      const changed = readArchive(archive).map((e) => (e.name === BUNDLE_FILES.signature ? { name: e.name, content: Buffer.from(JSON.stringify({ ...JSON.parse(e.content.toString('utf8')), signature: raw.toString('base64') }), 'utf8') } : e));
      expectFirstFailure(verifyExtractBundle(writeArchive(changed, mtimeOf(archive))), /^manifest\.sig: signature does not verify over manifest\.json$/);
    });

    it('a changed manifest byte that keeps it valid JSON reads "manifest.json: signature does not verify"', () => {
      const text = filesOf(archive).get(BUNDLE_FILES.manifest)!.toString('utf8').replace('"redacted"', '"included"');
      const changed = readArchive(archive).map((e) => (e.name === BUNDLE_FILES.manifest ? { name: e.name, content: Buffer.from(text, 'utf8') } : e));
      expectFirstFailure(verifyExtractBundle(writeArchive(changed, mtimeOf(archive))), /^manifest\.json: signature does not verify/);
    });

    it.each([
      ['a header byte', (a: Buffer) => flip(a, 100)],
      ['the checksum field', (a: Buffer) => flip(a, 150)],
      ['the padding after a file', (a: Buffer) => flip(a, paddingOffset(a))],
      ['the end-of-archive marker', (a: Buffer) => flip(a, a.length - 10)],
      ['a cut archive', (a: Buffer) => a.subarray(0, a.length - 512)],
      ['bytes appended', (a: Buffer) => Buffer.concat([a, Buffer.alloc(512, 1)])],
    ])('the archive itself, %s: the verifier names the archive', (_what, damage) => {
      expectFirstFailure(verifyExtractBundle(damage(archive)), /^archive: /);
    });

    it('without a legal basis for personal data the summary shows none, while every proof verifies', () => {
      const files = filesOf(archive);
      const summary = `${files.get(BUNDLE_FILES.summaryHtml)!.toString('utf8')}${files.get(BUNDLE_FILES.summaryCsv)!.toString('utf8')}`;
      for (const personal of ['Kovács', 'Fő utca', 'eva@example.hu', 'U-1001', 'POU-77', 'twice the usual heating', 'January invoice', 'Correct the bill']) expect(summary).not.toContain(personal);
      expect(summary).toContain(REDACTED);
      expect(summary).toContain('Személyes adatok');
      // The non-personal facts stay: register entry, kind, the reply and the redress bodies (R-LAW-07).
      expect(summary).toMatch(/BP\/2026\/\d+/);
      expect(summary).toContain('számlakifogás');
      expect(summary).toContain('Budapesti Békéltető Testület');
      expect(summary).toContain('Ügytörténet');
      expect(files.get(BUNDLE_FILES.summaryCsv)!.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const verification = verifyExtractBundle(archive);
      expectVerified(verification);
      expect(verification.checks.find((c) => c.part === 'summary')!.message).toContain('exactly what the events give');
    });

    it('with a legal basis that allows personal data the summary shows them, decrypted; the proofs still verify', async () => {
      const { archive: included } = await builder.build(caseFile(caseStreamId, { legalBasis: { allowsPersonalData: true } }));
      const html = filesOf(included).get(BUNDLE_FILES.summaryHtml)!.toString('utf8');
      expect(html).toContain('Kovács Éva');
      expect(html).toContain('1111 Budapest, Fő utca 1.');
      expect(html).not.toContain(REDACTED);
      expect(filesOf(included).get(BUNDLE_FILES.events)!.toString('utf8')).not.toContain('Kovács');
      const verification = verifyExtractBundle(included, { publicKeyPem: key.publicKeyPem });
      expectVerified(verification);
      expect(verification.manifest!.personalData).toBe('included');
    });

    it('R-RET-03: once the subject key is destroyed the fields read as erased, and every proof still verifies', async () => {
      await keys.destroy(`${caseStreamId.slice('complaint-'.length)}/complainant`, 'retention ended');
      const { archive: erased } = await builder.build(caseFile(caseStreamId, { legalBasis: { allowsPersonalData: true } }));
      const html = filesOf(erased).get(BUNDLE_FILES.summaryHtml)!.toString('utf8');
      expect(html).not.toContain('Kovács');
      expect(html).toContain(ERASED);
      expectVerified(verifyExtractBundle(erased, { publicKeyPem: key.publicKeyPem }));
    });
  });

  describe('consistency with a checkpoint the body holds', () => {
    it('the bundle proves the log grew from the known checkpoint; the kept copy is checked against it', async () => {
      const first = await handledComplaint(pipeline);
      await sealer.sealAll();
      const [held] = await reader.checkpoints();
      expect(held).toBeDefined();
      await handledComplaint(pipeline);
      const later = await handledComplaint(pipeline);
      const { archive } = await builder.build(caseFile(later, { knownCheckpointSize: held!.treeSize }));
      const verification = verifyExtractBundle(archive, { publicKeyPem: key.publicKeyPem, knownCheckpoint: held });
      expectVerified(verification);
      expect(verification.manifest!.checkpoint.treeSize).toBeGreaterThan(held!.treeSize);
      expect(verification.checks.filter((c) => c.part.startsWith('consistency')).map((c) => c.message)).toEqual([
        expect.stringContaining(`the checkpoint of size ${held!.treeSize}`),
        expect.stringContaining(`the checkpoint you kept (size ${held!.treeSize}`),
      ]);
      expectFirstFailure(verifyExtractBundle(withFlippedByte(archive, BUNDLE_FILES.consistency)), /^consistency\.json: /);
      // A kept checkpoint of another history (same size, other root), signed by the provider's key: the log was rewritten.
      const forged = signCheckpoint(key.privateKey, { treeSize: held!.treeSize, rootHash: 'ab'.repeat(32), signedAt: held!.signedAt });
      expectFirstFailure(verifyExtractBundle(archive, { knownCheckpoint: forged }), /^consistency\.json: the bundle's checkpoint of size \d+ has root .* the kept one .*: the log was rewritten$/);
      // A kept checkpoint the bundle carries no proof from.
      const { archive: without } = await builder.build(caseFile(first));
      expectFirstFailure(verifyExtractBundle(without, { knownCheckpoint: held }), /^consistency\.json: carries no proof from the kept checkpoint of size \d+/);
      // A kept checkpoint that is not the provider's.
      const stranger = signCheckpoint(generateKeyPairSync('ed25519').privateKey, { treeSize: held!.treeSize, rootHash: held!.rootHash, signedAt: held!.signedAt });
      expectFirstFailure(verifyExtractBundle(archive, { knownCheckpoint: stranger }), /^--known-checkpoint: the checkpoint was signed with key/);
    });
  });

  describe('a tampered store is caught by the offline verifier of an extract that covers it', () => {
    let target: string;
    beforeEach(async () => {
      await handledComplaint(pipeline);
      target = await handledComplaint(pipeline);
      await sealer.sealAll();
      expectVerified(verifyExtractBundle((await builder.build(caseFile(target))).archive));
    });
    const verifyNow = async () => verifyExtractBundle((await builder.build(caseFile(target))).archive, { publicKeyPem: key.publicKeyPem });

    it('a changed event', async () => {
      await tamper(testDb.db, `UPDATE events SET data = jsonb_set(data, '{reasoning}', '"changed afterwards"') WHERE stream_id = $1 AND event_type = 'FindingRecorded'`, [target]);
      const verification = await verifyNow();
      expectFirstFailure(verification, new RegExp(`^events\\.jsonl: event \\d+ of stream ${target}: hash does not match its content$`));
    });

    it('a deleted event', async () => {
      await tamper(testDb.db, 'DELETE FROM events WHERE stream_id = $1 AND stream_version = 3', [target]);
      expectFirstFailure(await verifyNow(), new RegExp(`^events\\.jsonl: stream ${target}: event 3 is missing \\(version 2 is followed by version 4\\)$`));
    });

    it('a swapped pair', async () => {
      await tamper(testDb.db, 'UPDATE events SET stream_version = 1000 WHERE stream_id = $1 AND stream_version = 3', [target]);
      await tamper(testDb.db, 'UPDATE events SET stream_version = 3 WHERE stream_id = $1 AND stream_version = 4', [target]);
      await tamper(testDb.db, 'UPDATE events SET stream_version = 4 WHERE stream_id = $1 AND stream_version = 1000', [target]);
      const verification = await verifyNow();
      expectFirstFailure(verification, new RegExp(`^events\\.jsonl: event 3 of stream ${target}: hash does not match its content$`));
      expect(failuresOf(verification).some((f) => f.startsWith(`events.jsonl: event 3 of stream ${target} was sealed as event 4 of stream ${target} (leaf `))).toBe(true);
    });

    it('a changed event re-chained without the signing key', async () => {
      await tamper(testDb.db, `UPDATE events SET data = jsonb_set(data, '{reasoning}', '"rewritten"') WHERE stream_id = $1 AND event_type = 'FindingRecorded'`, [target]);
      await rechain(testDb.db, target);
      const { rows } = await testDb.db.query<{ v: string }>(`SELECT stream_version::text AS v FROM events WHERE stream_id = $1 AND event_type = 'FindingRecorded'`, [target]);
      const changed = Number(rows[0]!.v);
      const verification = await verifyNow();
      // Every hash and link holds again; only the seal shows that the changed event, and every one chained after it, is not what was sealed.
      expect(verification.failures.length).toBeGreaterThan(0);
      for (const failure of verification.failures) expect(failure).toMatch(new RegExp(`^proofs\\.json: event \\d+ of stream ${target} \\(leaf \\d+\\): inclusion proof does not lead to the checkpoint root`));
      expect(verification.failures[0]).toMatch(new RegExp(`^proofs\\.json: event ${changed} of stream`));
    });

    it('a truncated store, with the stream head rewritten to match', async () => {
      const { rows } = await testDb.db.query<{ n: string }>('SELECT count(*)::text AS n FROM events WHERE stream_id = $1', [target]);
      const total = Number(rows[0]!.n);
      await tamper(testDb.db, 'DELETE FROM events WHERE stream_id = $1 AND stream_version > 4', [target]);
      await rechain(testDb.db, target);
      const verification = await verifyNow();
      // The chain of what is left holds; the seal still lists the cut events.
      expect(verification.failures).toEqual([expect.stringMatching(new RegExp(`^events\\.jsonl: stream ${target}: events 5 to ${total} \\(leaves \\d+ to \\d+\\), sealed under the checkpoint, are missing from the bundle`))]);
    });
  });

  describe('R-RET-03: the kept bundles of a case’s extracts', () => {
    it('R-RET-03: are found from the extract’s request, every kept digest of the case’s case files and none of statistics; purging deletes them all, once', async () => {
      const index = new SqlExtractIndex(testDb.db);
      const bundles = new SqlExtractBundleStore(testDb.db);
      const requested = async (scope: ExtractScope, extractId: string = randomUUID()) => {
        const legalBasis = { kind: 'authority_request' as const, reference: 'BP/FVF/1/2026', allowsPersonalData: scope.kind === 'case_file' };
        await pipeline.execute(extractCommandSpec(extractId, defaultPolicyCatalog), {
          command: { type: 'RequestExtract', data: { extractId, scope, addressee: scope.kind === 'case_file' ? BFKH : MEKH, legalBasis, knownCheckpointSize: null, purpose: 'proceeding' } },
          commandId: randomUUID(),
          actor: supervisor,
          channel: 'internal_api',
          correlationId: randomUUID(),
        });
        return extractId;
      };
      const keep = async (extractId: string) => {
        const sha = randomBytes(32).toString('hex');
        await bundles.save(extractId.toLowerCase(), sha, randomBytes(64), '2026-03-02T09:00:00.000Z');
        return sha;
      };
      const [x, y] = ['complaint-x', 'complaint-y'];
      const onX = await requested({ kind: 'case_file', caseStreamId: x });
      const xShas = [await keep(onX), await keep(onX)].sort();
      // A client-chosen id in upper case keeps its case in the stream id; the uuid column reads back in lower case.
      const upper = await requested({ kind: 'case_file', caseStreamId: y }, randomUUID().toUpperCase());
      const ySha = await keep(upper);
      const stats = await requested({ kind: 'statistics', from: '2026-03-01' as LocalDate, to: '2026-03-01' as LocalDate });
      await keep(stats);

      const onlyX = await index.keptCaseFileBundles([x]);
      expect(onlyX.map((k) => k.sha256).sort()).toEqual(xShas);
      expect(onlyX.every((k) => k.caseStreamId === x && k.extractId === onX)).toBe(true);
      expect(await index.keptCaseFileBundles([y])).toEqual([{ caseStreamId: y, extractId: upper, sha256: ySha }]);
      expect(await index.keptCaseFileBundles([])).toEqual([]);
      expect((await index.keptCaseFileBundles([x, y, 'complaint-z'])).map((k) => k.extractId).sort()).toEqual([onX, onX, upper].sort());

      expect(await bundles.purge(onX)).toEqual(xShas);
      expect(await bundles.purge(onX)).toEqual([]);
      expect(await index.keptCaseFileBundles([x])).toEqual([]);
      expect(await bundles.load(stats, (await testDb.db.query<{ sha256: string }>('SELECT sha256 FROM extract_bundles WHERE extract_id = $1', [stats])).rows[0]!.sha256)).toBeDefined();
    });
  });

  describe('statistics for a period', () => {
    let archive: Buffer;
    beforeEach(async () => {
      await handledComplaint(pipeline, { kind: 'bill_objection', channel: 'letter' });
      await handledComplaint(pipeline, { kind: 'meter_dispute', channel: 'email' }, { finding: 'justified' });
      await handledComplaint(pipeline, { kind: 'bill_objection', channel: 'letter' }, { close: false });
      // Received the day before the period: not counted.
      await handledComplaint(pipeline, { receivedAt: '2026-02-27T08:30:00.000Z' });
      ({ archive } = await builder.build(statistics('2026-03-01', '2026-03-02')));
    });

    it('verifies, and the figures are recomputed from the included events', () => {
      const verification = verifyExtractBundle(archive, { publicKeyPem: key.publicKeyPem });
      expectVerified(verification);
      const stats = verification.manifest!.statistics!;
      expect(stats).toMatchObject({ from: '2026-03-01', to: '2026-03-02', asOf: '2026-03-02' });
      expect(stats.figures).toMatchObject({
        complaints: 3,
        byChannel: { letter: 2, email: 1, phone: 0 },
        byKind: { bill_objection: 2, meter_dispute: 1 },
        byOutcome: { unjustified: 1, justified: 1, open: 1 },
        byFinding: { unjustified: 2, justified: 1, none: 0 },
        byReplyTimeliness: { on_time: 3, late: 0 },
      });
      expect(verification.manifest!.streams).toHaveLength(3);
      expect(verification.checks.find((c) => c.part === 'statistics')!.message).toMatch(/figures of 3 complaints recomputed from \d+ events match manifest\.json, summary\.csv and summary\.html/);
      const csv = filesOf(archive).get(BUNDLE_FILES.summaryCsv)!.toString('utf8');
      expect(csv.startsWith('\uFEFFSzempont;Kategória;Darab\r\n')).toBe(true);
      expect(csv).toContain('A panasz módja (csatorna) szerint;levélben;2');
    });

    it('figures altered in the manifest (and signed again) fail the recomputation', () => {
      const altered = resigned(archive, key, (manifest) => {
        (manifest.statistics!.figures.byChannel as Record<string, number>).letter = 3;
      });
      expectFirstFailure(verifyExtractBundle(altered, { publicKeyPem: key.publicKeyPem }), /^statistics: the figures in manifest\.json differ from those recomputed from events\.jsonl: byChannel\.letter: 3 stated, 2 recomputed$/);
    });

    it('a summary whose figures were altered (digests and signature redone) fails the recomputation', () => {
      const altered = resigned(archive, key, (manifest, files) => {
        const figures = { ...manifest.statistics!.figures, byKind: { ...manifest.statistics!.figures.byKind, bill_objection: 5 } };
        const forged = renderStatisticsSummary(manifest, { ...manifest.statistics!, figures });
        files.set(BUNDLE_FILES.summaryCsv, Buffer.from(forged.csv, 'utf8'));
      });
      expectFirstFailure(verifyExtractBundle(altered, { publicKeyPem: key.publicKeyPem }), /^summary\.csv: differs from the summary rendered from the figures recomputed from the events$/);
    });

    it('an event left out of the statistics (the rest signed again) is named', () => {
      const altered = resigned(archive, key, (_manifest: ExtractManifest, files) => {
        const lines = files.get(BUNDLE_FILES.events)!.toString('utf8').trimEnd().split('\n');
        const dropped = lines.findIndex((l) => JSON.parse(l).type === 'ComplaintClosed');
        files.set(BUNDLE_FILES.events, Buffer.from(`${lines.filter((_, i) => i !== dropped).join('\n')}\n`, 'utf8'));
      });
      const verification = verifyExtractBundle(altered, { publicKeyPem: key.publicKeyPem });
      expect(verification.ok).toBe(false);
      expect(verification.failures.some((f) => /^events\.jsonl: stream complaint-.*: /.test(f))).toBe(true);
    });
  });
});

function flip(archive: Buffer, offset: number): Buffer {
  const copy = Buffer.from(archive);
  copy[offset] = copy[offset]! ^ 0x01;
  return copy;
}

/** An offset inside the zero padding after the first file whose size is not a multiple of 512. */
function paddingOffset(archive: Buffer): number {
  let offset = 0;
  for (;;) {
    const size = parseInt(archive.subarray(offset + 124, offset + 135).toString('latin1'), 8);
    const end = offset + 512 + size;
    if (size % 512 !== 0) return end + 1;
    offset = end;
  }
}
