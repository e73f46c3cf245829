import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SealKey } from '../../src/infrastructure/sealing/seal-key.js';
import { SEAL_KEY } from '../../src/infrastructure/sealing/sealer.service.js';
import { readArchive } from '../../src/infrastructure/extracts/bundle/tar-archive.js';
import { verifyExtractBundle } from '../../src/infrastructure/extracts/verifier/extract-bundle.verifier.js';
import { complaintRegistration } from '../support/e2e-helpers.js';
import { request, startTestApp, type Client, type Response } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';

/** The built verifier, as a regulator runs it: its own process, no database, no configuration. */
const ROOT = process.cwd();

function build(): void {
  const tsc = spawnSync('node', ['node_modules/@typescript/native/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`build failed: ${tsc.stdout}${tsc.stderr}`);
  execFileSync('node', ['scripts/copy-assets.mjs'], { cwd: ROOT });
}

function run(script: string, args: string[], dataDir: string): { status: number; stdout: string; stderr: string } {
  const env: Record<string, string | undefined> = { ...process.env, NODE_OPTIONS: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const result = spawnSync('node', [script, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Where a file's content starts in the archive (after its 512-byte header). */
function contentOffset(archive: Buffer, name: string): number {
  for (let offset = 0; offset < archive.length; ) {
    const entry = archive.subarray(offset, offset + 100).toString('latin1').replace(/\0.*$/s, '');
    const size = parseInt(archive.subarray(offset + 124, offset + 135).toString('latin1'), 8);
    if (entry === name) return offset + 512;
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${name} is not in the archive`);
}

function flipped(archive: Buffer, at: number): Buffer {
  const copy = Buffer.from(archive);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

const registration = complaintRegistration();
const redress = {
  consumerProtectionAuthority: { name: 'Budapest Főváros Kormányhivatala, Fogyasztóvédelmi Főosztály', address: '1051 Budapest, Sas utca 19.' },
  conciliationBoard: { name: 'Budapesti Békéltető Testület', address: '1016 Budapest, Krisztina krt. 99.' },
};
const PURPOSE = { 'x-access-purpose': 'BP/FVF/01234/2026 proceeding' };

describe('extracts over HTTP, verified offline in a separate process (PostgreSQL)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let reception: Client;
  let leader: Client;
  let manager: Client;
  let kiss: Client;
  let auditor: Client;
  let workDir: string;
  let keyFile: string;
  const ok = (response: Response, status = 200): Response => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response;
  };
  const regulatorOf = async (body: string | null, sub: string) => {
    const token = await app.token({ roles: ['regulator'], unit: null, body, sub });
    return {
      get: (path: string, headers: Record<string, string> = {}) => request(app.baseUrl, 'GET', path, { token, headers }),
      raw: (path: string) => fetch(`${app.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, ...PURPOSE } }),
    };
  };
  const storedEvents = async () => Number((await app.db.query<{ n: string }>('SELECT count(*)::text AS n FROM events')).rows[0]!.n);
  async function expectRefused(response: Promise<Response>, status: number, expected: Record<string, unknown>): Promise<void> {
    const before = await storedEvents();
    const refused = await response;
    expect(refused.status).toBe(status);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject(expected);
    expect(await storedEvents()).toBe(before);
  }

  beforeAll(async () => {
    build();
    app = await startTestApp('postgres', { clock: new TestClock('2026-03-02T09:00:00.000Z') });
    reception = await app.as('clerk', 'cso-budapest', 'clerk-reception');
    leader = await app.as('supervisor', 'cso-budapest', 'group-leader');
    manager = await app.as('supervisor', 'cso-budapest', 'technical-manager');
    kiss = await app.as('clerk', 'cso-budapest', 'clerk-kiss');
    auditor = await app.as('auditor', null, 'auditor-1');
    workDir = mkdtempSync(join(tmpdir(), 'extract-e2e-'));
    keyFile = join(workDir, 'provider-key.pem');
    // The regulator pins the provider's public key, obtained out of band.
    writeFileSync(keyFile, app.app.get<SealKey>(SEAL_KEY).publicKeyPem);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  /** A bill objection registered, designated, taken over, checked, rejected with the bodies (R-LAW-07), closed. */
  async function handledComplaint(): Promise<string> {
    const id = ok(await reception.post('/api/v1/complaints', registration), 201).body.complaintId as string;
    ok(await leader.post(`/api/v1/complaints/${id}/designation`, { clerkId: 'clerk-kiss' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/takeover`, {}));
    ok(await kiss.post(`/api/v1/complaints/${id}/records-checks`, { records: 'billing history', findings: 'the reading was right' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/finding`, { finding: 'unjustified', reasoning: 'The meter reading was right.' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/reply`, { channel: 'letter', sentAt: '2026-03-02T08:59:00.000Z', summary: 'Your objection is unjustified.', reasons: 'The reading matches the meter.', redress }));
    ok(await kiss.post(`/api/v1/complaints/${id}/closing`, {}));
    return id;
  }

  const caseFileRequest = (complaintId: string, overrides: Record<string, unknown> = {}) => ({
    scope: { kind: 'case_file', caseStreamId: `complaint-${complaintId}` },
    addresseeBodyId: 'bfkh-fogyasztovedelem',
    legalBasis: { kind: 'authority_request', reference: 'BP/FVF/01234-2/2026', allowsPersonalData: true },
    purpose: 'The consumer-protection authority asked for the complaint file',
    ...overrides,
  });

  describe('a case file for the consumer-protection authority', () => {
    let complaintId: string;
    let extractId: string;
    let bundleFile: string;
    let archive: Buffer;

    beforeAll(async () => {
      complaintId = await handledComplaint();
      const requested = ok(await kiss.post('/api/v1/extracts', caseFileRequest(complaintId)), 201);
      extractId = requested.body.extractId;
      expect(requested.body).toMatchObject({ status: 'requested', version: 1 });
      expect(requested.headers.get('location')).toBe(`/api/v1/extracts/${extractId}`);
      ok(await leader.post(`/api/v1/extracts/${extractId}/approval`, { note: 'covered by the authority’s letter' }));
      const generated = ok(await kiss.post(`/api/v1/extracts/${extractId}/generation`, {}));
      expect(generated.body).toMatchObject({ status: 'generated', bundle: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), personalData: 'included', checkpoint: { treeSize: expect.any(Number) } } });
      ok(await kiss.post(`/api/v1/extracts/${extractId}/delivery`, { channel: 'hivatali_kapu', deliveredAt: '2026-03-02T09:01:00.000Z', recipient: { office: 'Fogyasztóvédelmi Főosztály', reference: 'BP/FVF/01234-3/2026' } }));
      const regulator = await regulatorOf('bfkh-fogyasztovedelem', 'reg-bfkh');
      const download = await regulator.raw(`/api/v1/extracts/${extractId}/bundle`);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('application/x-tar');
      expect(download.headers.get('content-disposition')).toBe(`attachment; filename="extract-${extractId}.tar"`);
      archive = Buffer.from(await download.arrayBuffer());
      expect(createHash('sha256').update(archive).digest('hex')).toBe(generated.body.bundle.sha256);
      bundleFile = join(workDir, `extract-${extractId}.tar`);
      writeFileSync(bundleFile, archive);
    }, 60_000);

    it('the extract’s own stream records who asked, who approved, what was generated and where it went', async () => {
      const details = ok(await kiss.get(`/api/v1/extracts/${extractId}`, PURPOSE));
      expect(details.body).toMatchObject({
        extractId,
        status: 'delivered',
        kind: 'case_file',
        addressee: { id: 'bfkh-fogyasztovedelem' },
        requestedBy: { userId: 'clerk-kiss', role: 'clerk' },
        approval: { approvedBy: { userId: 'group-leader', role: 'supervisor' } },
        generatedBy: { userId: 'clerk-kiss' },
        bundle: { files: expect.arrayContaining([expect.objectContaining({ name: 'events.jsonl', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]) },
        deliveries: [{ channel: 'hivatali_kapu', deliveredAt: '2026-03-02T09:01:00.000Z', recipient: { office: 'Fogyasztóvédelmi Főosztály' } }],
        version: 4,
      });
      const { rows } = await app.db.query<{ event_type: string }>('SELECT event_type FROM events WHERE stream_id = $1 ORDER BY stream_version', [`extract-${extractId}`]);
      expect(rows.map((r) => r.event_type)).toEqual(['ExtractRequested', 'ExtractApproved', 'ExtractGenerated', 'ExtractDelivered']);
    });

    it('the downloaded bundle verifies with the offline verifier in a separate process, and with the CLI’s extract verify', () => {
      const verified = run('dist/src/extract-verifier.js', [bundleFile, '--public-key', keyFile, '--save-checkpoint', join(workDir, 'kept.json')], workDir);
      expect(verified.stderr).toBe('');
      expect(verified.status).toBe(0);
      for (const part of ['archive', 'public-key.pem', 'manifest.json', 'files', 'checkpoint', 'events.jsonl', 'proofs.json', 'summary']) expect(verified.stdout).toMatch(new RegExp(`^  ok   ${part.replace('.', '\\.')}: `, 'm'));
      expect(verified.stdout).toContain('VERIFIED: the bundle is intact');
      expect(JSON.parse(readFileSync(join(workDir, 'kept.json'), 'utf8'))).toMatchObject({ log: 'heating-cases/event-log/v1', treeSize: expect.any(Number) });
      const cli = run('dist/src/cli.js', ['extract', 'verify', bundleFile, '--public-key', keyFile], join(workDir, 'no-data'));
      expect(cli.status).toBe(0);
      expect(cli.stdout).toContain('VERIFIED');
    }, 60_000);

    it('the regulator keeps the checkpoint; its next extract proves the log only grew since', async () => {
      const kept = join(workDir, 'kept-by-bfkh.json');
      expect(run('dist/src/extract-verifier.js', [bundleFile, '--public-key', keyFile, '--save-checkpoint', kept], workDir).status).toBe(0);
      const treeSize = (JSON.parse(readFileSync(kept, 'utf8')) as { treeSize: number }).treeSize;
      const next = await handledComplaint();
      const requested = ok(await kiss.post('/api/v1/extracts', caseFileRequest(next, { knownCheckpointSize: treeSize })), 201);
      ok(await leader.post(`/api/v1/extracts/${requested.body.extractId}/approval`, {}));
      ok(await kiss.post(`/api/v1/extracts/${requested.body.extractId}/generation`, {}));
      const regulator = await regulatorOf('bfkh-fogyasztovedelem', 'reg-bfkh');
      const second = join(workDir, 'second.tar');
      writeFileSync(second, Buffer.from(await (await regulator.raw(`/api/v1/extracts/${requested.body.extractId}/bundle`)).arrayBuffer()));
      const verified = run('dist/src/extract-verifier.js', [second, '--public-key', keyFile, '--known-checkpoint', kept], workDir);
      expect(verified.status).toBe(0);
      expect(verified.stdout).toMatch(new RegExp(`^  ok   consistency: the checkpoint you kept \\(size ${treeSize}, `, 'm'));
      // The first bundle carries no proof from a checkpoint newer than itself.
      const newer = join(workDir, 'newer.json');
      expect(run('dist/src/extract-verifier.js', [second, '--save-checkpoint', newer], workDir).status).toBe(0);
      const stale = run('dist/src/extract-verifier.js', [bundleFile, '--known-checkpoint', newer], workDir);
      expect(stale.status).toBe(2);
      expect(stale.stdout).toMatch(/^  FAIL consistency\.json: the kept checkpoint \(size \d+\) is newer than the bundle's/m);
    }, 60_000);

    it('one byte flipped in the written bundle: the verifier fails and names the part', () => {
      const cases: [string, number, RegExp][] = [
        ['archive', 100, /^NOT VERIFIED: 1 check failed; the first: archive: the header at offset 0 fails its checksum/m],
        ['events.jsonl', contentOffset(archive, 'events.jsonl') + 200, /^NOT VERIFIED: .* the first: events\.jsonl: SHA-256 does not match the manifest/m],
        ['manifest.json', contentOffset(archive, 'manifest.json') + 300, /^NOT VERIFIED: .* the first: manifest\.json: /m],
        ['proofs.json', contentOffset(archive, 'proofs.json') + 40, /^NOT VERIFIED: .* the first: proofs\.json: SHA-256 does not match the manifest/m],
        ['summary.html', contentOffset(archive, 'summary.html') + 500, /^NOT VERIFIED: .* the first: summary\.html: SHA-256 does not match the manifest/m],
      ];
      for (const [part, at, verdict] of cases) {
        const file = join(workDir, `flipped-${part}.tar`);
        writeFileSync(file, flipped(readFileSync(bundleFile), at));
        const result = run('dist/src/extract-verifier.js', [file, '--public-key', keyFile], workDir);
        expect({ part, status: result.status }).toEqual({ part, status: 2 });
        expect(result.stdout).toMatch(new RegExp(`^  FAIL ${part.replace('.', '\\.')}: `, 'm'));
        expect(result.stdout).toMatch(verdict);
      }
    }, 120_000);

    it('personal data is in the summary because the legal basis allows it; the events carry only ciphertext', () => {
      const verification = verifyExtractBundle(archive);
      expect(verification.ok).toBe(true);
      expect(verification.manifest).toMatchObject({ personalData: 'included', legalBasis: { allowsPersonalData: true } });
      const files = new Map(readArchive(archive).map((e) => [e.name, e.content.toString('utf8')]));
      expect(files.get('summary.html')).toContain('Kovács Éva');
      expect(files.get('summary.csv')).toContain('Kovács Éva');
      expect(files.get('events.jsonl')).not.toContain('Kovács');
    });

    it('R-RET-04: the regulator’s download and the auditor’s reads are recorded, on the extract and on the case', async () => {
      ok(await auditor.get(`/api/v1/extracts/${extractId}`, { 'x-access-purpose': 'yearly audit of extracts' }));
      const audited = await fetch(`${app.baseUrl}/api/v1/extracts/${extractId}/bundle`, { headers: { authorization: `Bearer ${auditor.token}`, 'x-access-purpose': 'yearly audit of extracts' } });
      expect(audited.status).toBe(200);
      const reads = async (streamId: string) =>
        (await app.db.query<{ data: { view: string; purpose: string }; metadata: { actor: { userId: string; role: string } } }>("SELECT data, metadata FROM events WHERE stream_id = $1 AND event_type = 'PersonalDataAccessed' ORDER BY stream_version", [streamId])).rows.map((r) => [r.metadata.actor.role, r.metadata.actor.userId, r.data.view, r.data.purpose]);
      expect(await reads(`access-extract-${extractId}`)).toEqual(
        expect.arrayContaining([
          ['regulator', 'reg-bfkh', 'extract_bundle', 'BP/FVF/01234/2026 proceeding'],
          ['auditor', 'auditor-1', 'extract_details', 'yearly audit of extracts'],
          ['auditor', 'auditor-1', 'extract_bundle', 'yearly audit of extracts'],
        ]),
      );
      expect(await reads(`access-complaint-${complaintId}`)).toEqual(
        expect.arrayContaining([
          ['regulator', 'reg-bfkh', `case_file_extract:${extractId}`, 'BP/FVF/01234/2026 proceeding'],
          ['auditor', 'auditor-1', `case_file_extract:${extractId}`, 'yearly audit of extracts'],
        ]),
      );
    });

    it('a regulator lists and downloads only extracts addressed to its own body', async () => {
      const own = await regulatorOf('bfkh-fogyasztovedelem', 'reg-bfkh');
      const listed = ok(await own.get('/api/v1/extracts'));
      expect(listed.body.items.map((i: { extractId: string }) => i.extractId)).toContain(extractId);
      expect(listed.body.items.every((i: { addressee: { id: string } }) => i.addressee.id === 'bfkh-fogyasztovedelem')).toBe(true);
      // The provider's internal review is not shown to the body.
      expect(listed.body.items[0]).not.toHaveProperty('requestedBy');
      const other = await regulatorOf('mekh', 'reg-mekh');
      expect(ok(await other.get('/api/v1/extracts')).body.items.map((i: { extractId: string }) => i.extractId)).not.toContain(extractId);
      await expectRefused(other.get(`/api/v1/extracts/${extractId}`, PURPOSE), 403, { code: 'EXTRACT.NOT_ADDRESSED_TO_YOUR_BODY' });
      await expectRefused(other.get(`/api/v1/extracts/${extractId}/bundle`, PURPOSE), 403, { code: 'EXTRACT.NOT_ADDRESSED_TO_YOUR_BODY' });
      await expectRefused(other.get('/api/v1/extracts?addressee=bfkh-fogyasztovedelem'), 403, { code: 'EXTRACT.NOT_ADDRESSED_TO_YOUR_BODY' });
      const bodiless = await regulatorOf(null, 'reg-none');
      await expectRefused(bodiless.get('/api/v1/extracts'), 403, { code: 'EXTRACT.NO_BODY_CLAIM' });
      await expectRefused(own.get(`/api/v1/extracts/${extractId}/bundle`), 400, { code: 'REQUEST.ACCESS_PURPOSE_MISSING', errors: [{ field: 'X-Access-Purpose' }] });
    });

    it('a regulator cannot read any case directly (403)', async () => {
      const regulator = await regulatorOf('bfkh-fogyasztovedelem', 'reg-bfkh');
      await expectRefused(regulator.get(`/api/v1/complaints/${complaintId}`, PURPOSE), 403, { code: 'AUTH.ROLE_NOT_ALLOWED' });
      await expectRefused(regulator.get(`/api/v1/complaints/${complaintId}/audit-trail`), 403, { code: 'AUTH.ROLE_NOT_ALLOWED' });
      await expectRefused(regulator.get('/api/v1/registers/filing-register?unit=cso-budapest&year=2026'), 403, { code: 'AUTH.ROLE_NOT_ALLOWED' });
    });

    it('an auditor reads everything and can change nothing: every command is refused (403)', async () => {
      ok(await auditor.get('/api/v1/extracts'));
      const commands: [string, unknown][] = [
        ['/api/v1/extracts', caseFileRequest(complaintId)],
        [`/api/v1/extracts/${extractId}/approval`, {}],
        [`/api/v1/extracts/${extractId}/refusal`, { reason: 'no' }],
        [`/api/v1/extracts/${extractId}/generation`, {}],
        [`/api/v1/extracts/${extractId}/delivery`, { channel: 'email', deliveredAt: '2026-03-02T09:01:00.000Z', recipient: { office: 'x' } }],
        ['/api/v1/complaints', registration],
        [`/api/v1/complaints/${complaintId}/closing`, {}],
      ];
      for (const [path, body] of commands) await expectRefused(auditor.post(path, body), 403, { code: 'AUTH.ROLE_NOT_ALLOWED' });
      const regulator = await app.token({ roles: ['regulator'], unit: null, body: 'bfkh-fogyasztovedelem', sub: 'reg-bfkh' });
      await expectRefused(request(app.baseUrl, 'POST', '/api/v1/extracts', { token: regulator, body: caseFileRequest(complaintId), headers: { 'idempotency-key': randomUUID() } }), 403, { code: 'AUTH.ROLE_NOT_ALLOWED' });
    });
  });

  describe('the request and its review', () => {
    it('four eyes: the requester cannot approve its own request; another supervisor can', async () => {
      const complaintId = await handledComplaint();
      const requested = ok(await leader.post('/api/v1/extracts', caseFileRequest(complaintId)), 201);
      await expectRefused(leader.post(`/api/v1/extracts/${requested.body.extractId}/approval`, {}), 403, { code: 'EXTRACT.FOUR_EYES' });
      await expectRefused(kiss.post(`/api/v1/extracts/${requested.body.extractId}/approval`, {}), 403, { code: 'AUTH.ROLE_NOT_ALLOWED' });
      await expectRefused(kiss.post(`/api/v1/extracts/${requested.body.extractId}/generation`, {}), 409, { code: 'EXTRACT.NOT_APPROVED' });
      expect(ok(await manager.post(`/api/v1/extracts/${requested.body.extractId}/approval`, {})).body).toMatchObject({ status: 'approved', version: 2 });
    });

    it('a retried generation answers the recorded bundle without building another', async () => {
      const complaintId = await handledComplaint();
      const requested = ok(await kiss.post('/api/v1/extracts', caseFileRequest(complaintId, { legalBasis: { kind: 'authority_request', reference: 'BP/FVF/9/2026', allowsPersonalData: false } })), 201);
      ok(await leader.post(`/api/v1/extracts/${requested.body.extractId}/approval`, {}));
      const key = randomUUID();
      const first = ok(await kiss.post(`/api/v1/extracts/${requested.body.extractId}/generation`, {}, { 'idempotency-key': key }));
      const again = ok(await kiss.post(`/api/v1/extracts/${requested.body.extractId}/generation`, {}, { 'idempotency-key': key }));
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body.bundle.sha256).toBe(first.body.bundle.sha256);
      expect(first.body.bundle.personalData).toBe('redacted');
      const { rows } = await app.db.query<{ n: string }>('SELECT count(*)::text AS n FROM extract_bundles WHERE extract_id = $1', [requested.body.extractId]);
      expect(rows[0]!.n).toBe('1');
    });

    it('bad input gets a 4xx problem naming the field or rule, and nothing is stored', async () => {
      const complaintId = await handledComplaint();
      await expectRefused(kiss.post('/api/v1/extracts', { ...caseFileRequest(complaintId), legalBasis: undefined }), 400, { code: 'REQUEST.VALIDATION_FAILED', errors: [{ field: 'legalBasis' }] });
      await expectRefused(kiss.post('/api/v1/extracts', caseFileRequest(complaintId, { addresseeBodyId: 'nobody' })), 422, { code: 'EXTRACT.UNKNOWN_ADDRESSEE', rule: 'R-LAW-12', errors: [{ field: 'addresseeBodyId' }] });
      await expectRefused(kiss.post('/api/v1/extracts', caseFileRequest(randomUUID())), 422, { code: 'EXTRACT.CASE_NOT_FOUND', errors: [{ field: 'scope.caseStreamId' }] });
      await expectRefused(kiss.post('/api/v1/extracts', caseFileRequest(complaintId, { knownCheckpointSize: 999_999 })), 422, { code: 'EXTRACT.UNKNOWN_CHECKPOINT', errors: [{ field: 'knownCheckpointSize' }] });
      await expectRefused(kiss.post('/api/v1/extracts', { ...caseFileRequest(complaintId), scope: { kind: 'case_file', caseStreamId: `complaint-${complaintId}`, from: '2026-01-01' } }), 400, { code: 'REQUEST.VALIDATION_FAILED', errors: [{ field: 'scope.from' }] });
      const stats = { scope: { kind: 'statistics', from: '2026-03-01', to: '2026-03-31' }, addresseeBodyId: 'mekh', legalBasis: { kind: 'statutory_reporting', reference: 'Tszt. 57/D', allowsPersonalData: false }, purpose: 'quarterly report' };
      await expectRefused(kiss.post('/api/v1/extracts', stats), 422, { code: 'EXTRACT.PERIOD_NOT_OVER', errors: [{ field: 'scope.to' }] });
      await expectRefused(kiss.post('/api/v1/extracts', { ...stats, scope: { kind: 'statistics', from: '2026-03-01', to: '2026-03-02' }, legalBasis: { ...stats.legalBasis, allowsPersonalData: true } }), 422, { code: 'EXTRACT.STATISTICS_WITHOUT_PERSONAL_DATA', errors: [{ field: 'legalBasis.allowsPersonalData' }] });
    });
  });

  it('statistics for the regulator: generated, downloaded by MEKH and verified, figures recomputed', async () => {
    await handledComplaint();
    const requested = ok(
      await kiss.post('/api/v1/extracts', { scope: { kind: 'statistics', from: '2026-03-01', to: '2026-03-02' }, addresseeBodyId: 'mekh', legalBasis: { kind: 'statutory_reporting', reference: 'Tszt. 57/D', allowsPersonalData: false }, purpose: 'quarterly report' }),
      201,
    );
    ok(await leader.post(`/api/v1/extracts/${requested.body.extractId}/approval`, {}));
    ok(await kiss.post(`/api/v1/extracts/${requested.body.extractId}/generation`, {}));
    const mekh = await regulatorOf('mekh', 'reg-mekh');
    const download = await mekh.raw(`/api/v1/extracts/${requested.body.extractId}/bundle`);
    expect(download.status).toBe(200);
    const verification = verifyExtractBundle(Buffer.from(await download.arrayBuffer()), { publicKeyPem: readFileSync(keyFile, 'utf8') });
    expect(verification.failures).toEqual([]);
    expect(verification.manifest!.statistics!.figures.complaints).toBeGreaterThanOrEqual(1);
    expect(verification.checks.find((c) => c.part === 'statistics')).toMatchObject({ ok: true });
  }, 60_000);
});
