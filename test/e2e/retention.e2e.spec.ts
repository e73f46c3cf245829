import { randomUUID } from 'node:crypto';
import { CommandPipeline } from '../../src/application/command-pipeline/command-pipeline.js';
import { extractCommandSpec } from '../../src/application/extract/extract.command-spec.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../../src/application/ports/directories.port.js';
import { complaintRegistration, eventually, expectRefused, ok, streamEvents } from '../support/e2e-helpers.js';
import { startTestApp, type Client } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';

const START = '2026-03-02T09:00:00.000Z';
const AFTER_RETENTION = '2029-03-03T09:00:00.000Z';
const PURPOSE = { 'x-access-purpose': 'retention check' };

const complaint = complaintRegistration;

const redress = {
  consumerProtectionAuthority: { name: 'Budapest Főváros Kormányhivatala, Fogyasztóvédelmi Főosztály', address: '1051 Budapest, Sas utca 19.' },
  conciliationBoard: { name: 'Budapesti Békéltető Testület', address: '1016 Budapest, Krisztina krt. 99.' },
};

describe('retention over HTTP (PostgreSQL)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let reception: Client;
  let leader: Client;
  let kiss: Client;
  let auditor: Client;
  let admin: Client;

  beforeAll(async () => {
    app = await startTestApp('postgres', { clock: new TestClock(START), projections: { pollIntervalMs: 200 } });
    reception = await app.as('clerk', 'cso-budapest', 'clerk-reception');
    leader = await app.as('supervisor', 'cso-budapest', 'group-leader');
    kiss = await app.as('clerk', 'cso-budapest', 'clerk-kiss');
    auditor = await app.as('auditor', null, 'auditor-1');
    admin = await app.as('admin', null, 'admin-1');
  });
  afterEach(() => app.clock.set(START));
  afterAll(() => app.close());

  /** Registered, taken over, found unjustified, answered with the bodies and closed, all on 2026-03-02. */
  async function closedComplaint(overrides: Record<string, unknown> = {}): Promise<{ id: string; registerEntry: string }> {
    const registered = ok(await reception.post('/api/v1/complaints', complaint(overrides)), 201).body as { complaintId: string; registerEntry: string };
    const id = registered.complaintId;
    ok(await leader.post(`/api/v1/complaints/${id}/designation`, { clerkId: 'clerk-kiss' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/takeover`, {}));
    ok(await kiss.post(`/api/v1/complaints/${id}/records-checks`, { records: 'billing history 2025-2026', findings: 'the readings are right' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/finding`, { finding: 'unjustified', reasoning: 'The bill matches the meter readings.' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/reply`, { channel: 'letter', sentAt: '2026-03-02T08:59:00.000Z', summary: 'Your complaint is unjustified.', reasons: 'The bill matches the meter readings.', redress }));
    ok(await kiss.post(`/api/v1/complaints/${id}/closing`, {}));
    await eventually(() => kiss.get(`/api/v1/complaints/${id}`, PURPOSE), (r) => r.status === 200 && r.body.status === 'closed');
    return { id, registerEntry: registered.registerEntry };
  }

  const run = async (client: Client, body: Record<string, unknown> = {}, headers?: Record<string, string>) => ok(await client.post('/api/v1/retention/runs', body, headers)).body;
  const due = async (asOf?: string) => ok(await admin.get(`/api/v1/retention/due${asOf ? `?asOf=${asOf}` : ''}`)).body;
  const streamIds = (list: { streamId: string }[]) => list.map((c) => c.streamId);

  it('R-RET-03: past its retention a closed complaint’s personal data is shredded by the admin’s run; the facts stay, the store still verifies, a second run expires nothing', async () => {
    const { id, registerEntry } = await closedComplaint();
    const streamId = `complaint-${id}`;

    // R-RET-01: kept 3 years from closing (hu-2026): nothing is due the day before.
    expect(streamIds((await due('2029-03-01')).expired)).not.toContain(streamId);
    app.clock.set(AFTER_RETENTION);
    expect(await due()).toMatchObject({ asOf: '2029-03-03', dryRun: true, runId: null });
    expect(streamIds((await due()).expired)).toContain(streamId);
    await expectRefused(app.db, kiss.post('/api/v1/retention/runs', {}), 403, { code: 'AUTH.ROLE_NOT_ALLOWED' });
    await expectRefused(app.db, admin.post('/api/v1/retention/runs', { asOf: '2029-03-04' }), 422, { code: 'RETENTION.AS_OF_IN_FUTURE', errors: [{ field: 'asOf' }] });
    const missingKey = await admin.post('/api/v1/retention/runs', {}, { 'idempotency-key': '' });
    expect(missingKey).toMatchObject({ status: 400, body: { code: 'REQUEST.IDEMPOTENCY_KEY_MISSING' } });

    const key = randomUUID();
    const first = await run(admin, {}, { 'idempotency-key': key });
    expect(first).toMatchObject({ asOf: '2029-03-03', dryRun: false, counts: { expired: 1, keysDestroyed: 1 } });
    expect(first.expired).toEqual([
      {
        streamId,
        caseType: 'complaint',
        closedOn: '2026-03-02',
        retainUntil: { complaint_record: '2029-03-02', complaint_reply: '2029-03-02', case_document: '2029-03-02' },
        recordTypes: ['case_document', 'complaint_record', 'complaint_reply'],
        remaining: {},
        subjectIds: [`${id}/complainant`],
        callRecordings: [],
        purgedBundles: [],
      },
    ]);
    const replayed = await admin.post('/api/v1/retention/runs', {}, { 'idempotency-key': key });
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(first);

    // On record: the event on the case's own stream, by the admin, at the end of its hash chain; the key is gone.
    const events = await streamEvents(app.db, streamId);
    expect(events.at(-1)).toMatchObject({ type: 'RetentionExpired', data: { runId: first.runId, asOf: '2029-03-03', subjectIds: [`${id}/complainant`], policyVersion: 'hu-2026', rule: 'R-RET-03' }, metadata: { actor: { userId: 'admin-1', role: 'admin' }, policyVersion: 'hu-2026' } });
    const { rows: keys } = await app.db.query<{ destroyed: boolean }>('SELECT destroyed_at IS NOT NULL AND wrapped_key IS NULL AS destroyed FROM subject_keys WHERE subject_id = $1', [`${id}/complainant`]);
    expect(keys).toEqual([{ destroyed: true }]);

    const details = await eventually(() => kiss.get(`/api/v1/complaints/${id}`, PURPOSE), (r) => r.status === 200 && r.body.erasedFields.length > 0);
    expect(details.body.registration).toMatchObject({
      complainant: { subjectId: `${id}/complainant`, name: null, address: null, email: null, customerNumber: null },
      placeOfUseId: null,
      description: null,
      remedySought: null,
      documents: null,
      kind: 'bill_objection',
      channel: 'letter',
      receivedOn: '2026-03-02',
      registerEntry: { entry: registerEntry },
    });
    expect(details.body).toMatchObject({ status: 'closed', finding: { finding: 'unjustified' }, reply: { channel: 'letter' }, closed: { outcome: 'unjustified', closedOn: '2026-03-02' } });
    expect(details.body.erasedFields).toEqual(expect.arrayContaining(['complainant.name', 'complainant.address', 'complainant.email', 'description']));
    expect(JSON.stringify(details.body)).not.toContain('Kovács');
    const line = await eventually(
      () => kiss.get('/api/v1/registers/filing-register?unit=cso-budapest&year=2026&limit=500', PURPOSE),
      (r) => r.status === 200 && r.body.items.some((e: any) => e.complaintId === id && e.complainantName === null),
    );
    expect(line.body.items.find((e: any) => e.complaintId === id)).toMatchObject({ entry: registerEntry, kind: 'bill_objection', outcome: 'unjustified', closedOn: '2026-03-02' });

    // R-RET-03: the integrity proofs stay verifiable.
    const started = ok(await auditor.post('/api/v1/audit/verifications', {}), 202).body;
    const verified = await eventually(() => auditor.get(`/api/v1/audit/verifications/${started.runId}`), (r) => r.body.status !== 'running', 30_000);
    expect(verified.body).toMatchObject({ status: 'completed', report: { ok: true, chains: { ok: true } } });

    const second = await run(admin);
    expect(second).toMatchObject({ counts: { expired: 0, keysDestroyed: 0 }, expired: [] });
    expect((await streamEvents(app.db, streamId)).filter((e) => e.type === 'RetentionExpired')).toHaveLength(1);
  });

  it('R-LAW-09: a justified bill objection expires by record type: the complaint and reply after 3 years, the call recording after 5, the credit note and corrected invoice after 8; each run reports every record type’s date', async () => {
    const registered = ok(await reception.post('/api/v1/complaints', complaint({ channel: 'phone', recordPlace: 'call centre', callRecordingId: 'TEL-2026-4242' })), 201).body as { complaintId: string };
    const id = registered.complaintId;
    const streamId = `complaint-${id}`;
    ok(await leader.post(`/api/v1/complaints/${id}/designation`, { clerkId: 'clerk-kiss' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/takeover`, {}));
    ok(await kiss.post(`/api/v1/complaints/${id}/records-checks`, { records: 'billing history', findings: 'January reading entered twice' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/finding`, { finding: 'justified', reasoning: 'The January reading was entered twice.' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/corrections`, { area: 'invoice', description: 'January invoice corrected', amount: -12000 }));
    ok(await kiss.post(`/api/v1/complaints/${id}/refunds`, { amount: 12000 }));
    ok(await kiss.post(`/api/v1/complaints/${id}/refunds/credited`, { billingPeriod: '2026-03', invoiceNumber: 'SZ-2026-0311' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/reply`, { channel: 'letter', sentAt: '2026-03-02T08:59:00.000Z', summary: 'Justified.', reasons: 'Corrected and credited.', recordCopyEnclosed: true }));
    ok(await kiss.post(`/api/v1/complaints/${id}/closing`, {}));
    await eventually(() => kiss.get(`/api/v1/complaints/${id}`, PURPOSE), (r) => r.status === 200 && r.body.status === 'closed');
    const dates = { complaint_record: '2029-03-02', complaint_reply: '2029-03-02', case_document: '2029-03-02', call_recording: '2031-03-02', accounting_document: '2034-03-02' };
    const stageOf = (result: any) => result.expired.find((e: any) => e.streamId === streamId);
    const keyDestroyed = async (subjectId: string) => (await app.db.query<{ gone: boolean }>('SELECT wrapped_key IS NULL AS gone FROM subject_keys WHERE subject_id = $1', [subjectId])).rows[0]?.gone;

    app.clock.set(AFTER_RETENTION);
    const first = stageOf(await run(admin));
    expect(first).toEqual({
      streamId,
      caseType: 'complaint',
      closedOn: '2026-03-02',
      retainUntil: dates,
      recordTypes: ['case_document', 'complaint_record', 'complaint_reply'],
      remaining: { accounting_document: '2034-03-02', call_recording: '2031-03-02' },
      subjectIds: [`${id}/complainant`],
      callRecordings: [],
      purgedBundles: [],
    });
    expect([await keyDestroyed(`${id}/complainant`), await keyDestroyed(`${id}/complainant#accounting_document`), await keyDestroyed(`${id}/complainant#call_recording`)]).toEqual([true, false, false]);
    // The complaint's own data reads erased; the credit note still names whom it credited.
    const details = await eventually(() => kiss.get(`/api/v1/complaints/${id}`, PURPOSE), (r) => r.status === 200 && r.body.erasedFields.length > 0);
    expect(details.body.registration.complainant).toMatchObject({ name: null, address: null });
    expect(details.body.steps.find((step: any) => step.type === 'RefundCredited').data.billedCustomer).toMatchObject({ name: 'Kovács Éva', customerNumber: 'U-1001' });
    expect(stageOf(await run(admin))).toBeUndefined();

    app.clock.set('2031-03-03T09:00:00.000Z');
    expect(stageOf(await run(admin))).toMatchObject({ recordTypes: ['call_recording'], remaining: { accounting_document: '2034-03-02' }, subjectIds: [`${id}/complainant#call_recording`], callRecordings: ['TEL-2026-4242'] });

    app.clock.set('2034-03-03T09:00:00.000Z');
    expect(stageOf(await run(admin))).toMatchObject({ retainUntil: dates, recordTypes: ['accounting_document'], remaining: {}, subjectIds: [`${id}/complainant#accounting_document`] });
    expect(await keyDestroyed(`${id}/complainant#accounting_document`)).toBe(true);
    const rebuilt = (await streamEvents(app.db, streamId)).filter((e) => e.type === 'RetentionExpired').map((e) => e.data.recordTypes);
    expect(rebuilt).toEqual([['case_document', 'complaint_record', 'complaint_reply'], ['call_recording'], ['accounting_document']]);
  });

  it('R-RET-02: a closed complaint under an open referral’s legal hold is skipped with the hold; once the outcome lifts it, it expires with the referral that keeps the same customer’s data', async () => {
    const { id } = await closedComplaint({ description: 'held by a referral' });
    const streamId = `complaint-${id}`;
    const referral = ok(
      await kiss.post('/api/v1/referrals', {
        about: { caseType: 'complaint', caseId: id },
        bodyId: 'bfkh-fogyasztovedelem',
        initiatedBy: 'customer',
        referredOn: '2026-03-02',
        customerName: 'Kovács Éva',
        bodyCaseReference: 'BP/FVF/1234-2/2026',
        subject: 'The provider rejected my bill objection',
      }),
      201,
    ).body as { referralId: string };

    app.clock.set(AFTER_RETENTION);
    const held = await run(admin);
    expect(streamIds(held.expired)).not.toContain(streamId);
    expect(held.skipped).toContainEqual({
      streamId,
      caseType: 'complaint',
      retainUntil: '2029-03-02',
      reason: 'legal_hold',
      rule: 'R-RET-02',
      holds: [expect.objectContaining({ holdId: `hold-referral-${referral.referralId}`, caseStreamId: streamId, placedOn: '2026-03-02' })],
    });
    expect((await streamEvents(app.db, streamId)).some((e) => e.type === 'RetentionExpired')).toBe(false);
    expect(ok(await kiss.get(`/api/v1/complaints/${id}`, PURPOSE)).body.registration.complainant.name).toBe('Kovács Éva');

    // The body decided: the hold is lifted and the referral closes, keeping the customer's data 3 more years.
    ok(await kiss.post(`/api/v1/referrals/${referral.referralId}/outcome`, { decidedOn: '2029-03-01', outcome: 'rejected', summary: 'The billing was lawful', appealPending: false }));
    await eventually(() => due(), (d) => d.skipped.some((s: any) => s.streamId === streamId && s.reason === 'subject_retained'));
    const waiting = await run(admin);
    expect(waiting.skipped).toContainEqual(expect.objectContaining({ streamId, reason: 'subject_retained', rule: 'R-RET-01', retainedBy: [{ streamId: `referral-${referral.referralId}`, status: 'closed', retainUntil: '2032-03-03' }] }));

    app.clock.set('2032-03-04T09:00:00.000Z');
    const both = await run(admin);
    expect(streamIds(both.expired).sort()).toEqual([streamId, `referral-${referral.referralId}`].sort());
    expect(both.counts.keysDestroyed).toBe(1);
    const details = await eventually(() => kiss.get(`/api/v1/referrals/${referral.referralId}`, PURPOSE), (r) => r.status === 200 && r.body.erasedFields.length > 0);
    expect(details.body.registration).toMatchObject({ customer: { name: null }, subject: null, body: { id: 'bfkh-fogyasztovedelem' } });
  });

  it('R-RET-03: the kept bundle of a case-file extract with personal data is deleted by the run and recorded on the extract; downloading it answers 410, redacted and statistics bundles stay, the store verifies, a second run purges nothing', async () => {
    const { id } = await closedComplaint({ description: 'sent to the authority' });
    const streamId = `complaint-${id}`;
    // Requested by a clerk, approved by a supervisor (four eyes), generated: one with personal data, one redacted, and statistics.
    const extract = async (requester: Client, reviewer: Client, body: Record<string, unknown>) => {
      const extractId = ok(await requester.post('/api/v1/extracts', body), 201).body.extractId as string;
      ok(await reviewer.post(`/api/v1/extracts/${extractId}/approval`, {}));
      const generated = ok(await requester.post(`/api/v1/extracts/${extractId}/generation`, {})).body;
      return { extractId, sha256: generated.bundle.sha256 as string, personalData: generated.bundle.personalData as string };
    };
    const caseFile = (allowsPersonalData: boolean) => ({
      scope: { kind: 'case_file', caseStreamId: streamId },
      addresseeBodyId: 'bfkh-fogyasztovedelem',
      legalBasis: { kind: 'authority_request', reference: 'BP/FVF/01234-2/2026', allowsPersonalData },
      purpose: 'The consumer-protection authority asked for the complaint file',
    });
    const personal = await extract(kiss, leader, caseFile(true));
    const redacted = await extract(kiss, leader, caseFile(false));
    const statistics = await extract(leader, admin, {
      scope: { kind: 'statistics', from: '2026-03-02', to: '2026-03-02' },
      addresseeBodyId: 'mekh',
      legalBasis: { kind: 'statutory_reporting', reference: 'Tszt. 57/D', allowsPersonalData: false },
      purpose: 'Complaint figures of the day',
    });
    expect([personal.personalData, redacted.personalData, statistics.personalData]).toEqual(['included', 'redacted', 'redacted']);
    const download = (extractId: string) => kiss.get(`/api/v1/extracts/${extractId}/bundle`, PURPOSE);
    expect((await download(personal.extractId)).body).toContain('Kovács Éva');
    const kept = async () => (await app.db.query<{ extract_id: string }>('SELECT extract_id::text FROM extract_bundles WHERE extract_id = ANY($1::uuid[]) ORDER BY extract_id', [[personal.extractId, redacted.extractId, statistics.extractId]])).rows.map((r) => r.extract_id);

    app.clock.set(AFTER_RETENTION);
    const purgedBundles = [{ extractId: personal.extractId, bundleSha256: personal.sha256, onRecord: true }];
    // The preview and a dry run name what would go, and delete nothing.
    expect((await due()).expired.find((c: any) => c.streamId === streamId)).toMatchObject({ purgedBundles });
    const dry = await run(admin, { dryRun: true });
    expect(dry.expired.find((c: any) => c.streamId === streamId)).toMatchObject({ purgedBundles });
    expect(dry.counts.bundlesPurged).toBeGreaterThanOrEqual(1);
    expect(await kept()).toHaveLength(3);

    const first = await run(admin);
    expect(first.expired.find((c: any) => c.streamId === streamId)).toMatchObject({ streamId, caseType: 'complaint', purgedBundles });
    expect(first.counts.bundlesPurged).toBe(first.expired.flatMap((c: any) => c.purgedBundles).length);
    expect(await kept()).toEqual([redacted.extractId, statistics.extractId].sort());

    // On record on the extract's own stream, by the run's administrator; the digest of what was sent stays.
    const events = await streamEvents(app.db, `extract-${personal.extractId}`);
    expect(events.map((e) => e.type)).toEqual(['ExtractRequested', 'ExtractApproved', 'ExtractGenerated', 'ExtractBundlePurged']);
    expect(events.at(-1)).toMatchObject({
      data: { runId: first.runId, caseStreamId: streamId, bundleSha256: personal.sha256, purgedBy: { userId: 'admin-1', role: 'admin' }, purgedAt: AFTER_RETENTION, rule: 'R-RET-03' },
      metadata: { actor: { userId: 'admin-1', role: 'admin' } },
    });
    expect((await streamEvents(app.db, `extract-${redacted.extractId}`)).map((e) => e.type)).not.toContain('ExtractBundlePurged');

    const gone = await download(personal.extractId);
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-type')).toContain('application/problem+json');
    expect(gone.body).toMatchObject({ status: 410, title: 'Gone', code: 'EXTRACT.BUNDLE_PURGED', rule: 'R-RET-03', bundleSha256: personal.sha256, caseStreamId: streamId, runId: first.runId });
    expect((await download(redacted.extractId)).status).toBe(200);
    expect((await download(statistics.extractId)).status).toBe(200);
    const details = ok(await kiss.get(`/api/v1/extracts/${personal.extractId}`, PURPOSE)).body;
    expect(details).toMatchObject({ status: 'generated', bundle: { sha256: personal.sha256, personalData: 'included' }, bundlePurge: { runId: first.runId, caseStreamId: streamId, bundleSha256: personal.sha256, purgedAt: AFTER_RETENTION, rule: 'R-RET-03' } });
    const history = ok(await auditor.get(`/api/v1/audit/streams/extract-${personal.extractId}/history`, PURPOSE)).body;
    expect(history).toMatchObject({ verification: { ok: true } });
    expect(history.events.at(-1)).toMatchObject({ type: 'ExtractBundlePurged', data: { bundleSha256: personal.sha256, rule: 'R-RET-03' } });

    const started = ok(await auditor.post('/api/v1/audit/verifications', {}), 202).body;
    const verified = await eventually(() => auditor.get(`/api/v1/audit/verifications/${started.runId}`), (r) => r.body.status !== 'running', 30_000);
    expect(verified.body).toMatchObject({ status: 'completed', report: { ok: true, chains: { ok: true } } });

    const second = await run(admin);
    expect(second).toMatchObject({ counts: { bundlesPurged: 0 } });
    expect(second.expired.find((c: any) => c.streamId === streamId)).toBeUndefined();
    expect((await streamEvents(app.db, `extract-${personal.extractId}`)).filter((e) => e.type === 'ExtractBundlePurged')).toHaveLength(1);
  });

  it('R-RET-03: a run that stopped after recording a purge, before deleting the bundle, is finished by the next run without a second record', async () => {
    const { id } = await closedComplaint({ description: 'a run stopped halfway' });
    const streamId = `complaint-${id}`;
    const extractId = ok(
      await kiss.post('/api/v1/extracts', {
        scope: { kind: 'case_file', caseStreamId: streamId },
        addresseeBodyId: 'bfkh-fogyasztovedelem',
        legalBasis: { kind: 'authority_request', reference: 'BP/FVF/01234-9/2026', allowsPersonalData: true },
        purpose: 'The consumer-protection authority asked for the complaint file',
      }),
      201,
    ).body.extractId as string;
    ok(await leader.post(`/api/v1/extracts/${extractId}/approval`, {}));
    const sha256 = ok(await kiss.post(`/api/v1/extracts/${extractId}/generation`, {})).body.bundle.sha256 as string;

    app.clock.set(AFTER_RETENTION);
    // What a run leaves when it stops between recording the purge and deleting the bundle (the case is still due).
    await app.app.get(CommandPipeline).execute(extractCommandSpec(extractId, app.app.get<PolicyCatalogPort>(POLICY_CATALOG)), {
      command: { type: 'PurgeExtractBundle', data: { runId: 'stopped-run', caseStreamId: streamId, bundleSha256: sha256 } },
      commandId: randomUUID(),
      actor: { userId: 'admin-1', role: 'admin', unit: null },
      channel: 'internal_api',
      correlationId: randomUUID(),
    });
    expect(await kiss.get(`/api/v1/extracts/${extractId}/bundle`, PURPOSE)).toMatchObject({ status: 410, body: { code: 'EXTRACT.BUNDLE_PURGED', runId: 'stopped-run' } });

    const next = await run(admin);
    expect(next.expired.find((c: any) => c.streamId === streamId)).toMatchObject({ purgedBundles: [{ extractId, bundleSha256: sha256, onRecord: true }] });
    const { rows } = await app.db.query('SELECT 1 FROM extract_bundles WHERE extract_id = $1', [extractId]);
    expect(rows).toHaveLength(0);
    const purges = (await streamEvents(app.db, `extract-${extractId}`)).filter((e) => e.type === 'ExtractBundlePurged');
    expect(purges.map((e) => e.data.runId)).toEqual(['stopped-run']);
  });
});
