import { EVENT_STORE, type EventStore } from '../../src/application/ports/event-store.port.js';
import { complaintDecider } from '../../src/domain/complaint/complaint.decider.js';
import type { ComplaintEvent } from '../../src/domain/complaint/complaint.events.js';
import { verifyConsistency, verifyInclusion } from '../../src/infrastructure/crypto/merkle/merkle-proof.verifier.js';
import { checkpointSignatureProblem, publicKeyFromPem } from '../../src/infrastructure/sealing/signed-checkpoint.js';
import { startTestApp, type Client, type Response } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';

async function eventually<T>(read: () => Promise<T>, until: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (until(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`not reached in time: ${JSON.stringify(value).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ok = (response: Response, status = 200): Response => {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response;
};

describe('auditors: replay, time travel, verification and the seal (PostgreSQL)', () => {
  const clock = new TestClock('2026-03-02T09:00:00.000Z');
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let reception: Client;
  let leader: Client;
  let kiss: Client;
  let auditor: Client;
  let complaintId: string;
  const streamId = () => `complaint-${complaintId}`;
  const purpose = { 'x-access-purpose': 'annual audit of complaint handling' };

  beforeAll(async () => {
    app = await startTestApp('postgres', { clock, env: { SEAL_CHECKPOINT_EVERY_EVENTS: '4' } });
    reception = await app.as('clerk', 'cso-budapest', 'clerk-reception');
    leader = await app.as('supervisor', 'cso-budapest', 'group-leader');
    kiss = await app.as('clerk', 'cso-budapest', 'clerk-kiss');
    auditor = await app.as('auditor', null, 'auditor-1');
    const registered = ok(
      await reception.post('/api/v1/complaints', {
        receivedAt: '2026-03-02T08:30:00.000Z', channel: 'letter', kind: 'bill_objection', anonymous: false,
        complainant: { name: 'Kovács Éva', address: '1111 Budapest, Fő utca 1.' }, description: 'Too high', documents: ['invoice'],
      }),
      201,
    );
    complaintId = registered.body.complaintId;
    clock.set('2026-03-03T09:00:00.000Z');
    ok(await leader.post(`/api/v1/complaints/${complaintId}/designation`, { clerkId: 'clerk-kiss' }));
    ok(await kiss.post(`/api/v1/complaints/${complaintId}/takeover`, {}));
    clock.set('2026-03-05T09:00:00.000Z');
    ok(await kiss.post(`/api/v1/complaints/${complaintId}/records-checks`, { records: 'billing 2026', findings: 'reading doubled' }));
    ok(await kiss.post(`/api/v1/complaints/${complaintId}/finding`, { finding: 'justified', reasoning: 'reading doubled' }));
  });
  afterAll(() => app.close());

  it('the state as of a time equals the state built by hand from the events recorded until then', async () => {
    const asOf = '2026-03-04T00:00:00.000Z';
    const replayed = ok(await auditor.get(`/api/v1/audit/streams/${streamId()}/state?asOf=${asOf}`, purpose)).body;
    const store = app.app.get<EventStore>(EVENT_STORE);
    const byHand = (await store.readStream(streamId()))
      .filter((e) => e.recordedAt <= new Date(asOf))
      .reduce((state, e) => complaintDecider.evolve(state, { type: e.type, data: e.data } as unknown as ComplaintEvent), complaintDecider.initialState);
    expect(replayed.state).toEqual(JSON.parse(JSON.stringify(byHand)));
    expect(replayed).toMatchObject({ streamType: 'complaint', version: 4, state: { status: 'open', handlingClerk: 'clerk-kiss', finding: null } });
    const now = ok(await auditor.get(`/api/v1/audit/streams/${streamId()}/state`, purpose)).body;
    expect(now.state).toMatchObject({ finding: 'justified' });
    const atPosition = ok(await auditor.get(`/api/v1/audit/streams/${streamId()}/state?position=0`, purpose)).body;
    expect(atPosition).toMatchObject({ version: 0 });
  });

  it('the difference between two moments lists what changed and the events in between', async () => {
    const diff = ok(await auditor.get(`/api/v1/audit/streams/${streamId()}/diff?from=2026-03-02T12:00:00.000Z&to=2026-03-06T00:00:00.000Z`, purpose)).body;
    expect(diff.events.map((e: { type: string }) => e.type)).toEqual(['ClerkDesignated', 'ComplaintTakenOver', 'RecordsChecked', 'FindingRecorded']);
    expect(diff.changes).toEqual(expect.arrayContaining([{ path: 'designatedClerk', before: null, after: 'clerk-kiss' }, { path: 'finding', before: null, after: 'justified' }]));
  });

  it('the history shows every event with metadata, hash, chain check and the checkpoint sealing it; the read is recorded', async () => {
    const history = await eventually(() => auditor.get(`/api/v1/audit/streams/${streamId()}/history`, purpose), (r) => r.status === 200 && r.body.events.every((e: any) => e.sealedUnder !== null));
    expect(history.body.verification).toMatchObject({ ok: true, eventsChecked: 6 });
    const [first] = history.body.events;
    expect(first).toMatchObject({ version: 1, type: 'ComplaintRegistered', chainVerified: true, metadata: { actor: { userId: 'clerk-reception' } }, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(first.data.complainant.name).toBe('Kovács Éva');
    const { rows } = await app.db.query<{ data: any; metadata: any }>("SELECT data, metadata FROM events WHERE stream_id = $1 AND data->>'view' = 'audit_history'", [`access-${streamId()}`]);
    expect(rows[0]).toMatchObject({ data: { purpose: 'annual audit of complaint handling' }, metadata: { actor: { userId: 'auditor-1', role: 'auditor' } } });
    expect((await auditor.get(`/api/v1/audit/streams/${streamId()}/history`)).status).toBe(400);
  });

  it('inclusion and consistency proofs from the API verify against the signed checkpoints and the published key', async () => {
    const key = publicKeyFromPem(ok(await auditor.get('/api/v1/seal/public-key')).body.publicKeyPem);
    const checkpoints = (await eventually(() => auditor.get('/api/v1/seal/checkpoints'), (r) => r.body.length >= 2)).body;
    for (const c of checkpoints) expect(checkpointSignatureProblem(c, key)).toBeNull();
    const events = ok(await auditor.get(`/api/v1/audit/streams/${streamId()}/history`, purpose)).body.events;
    const latest = checkpoints.at(-1);
    const proof = ok(await auditor.get(`/api/v1/seal/proofs/inclusion/${events[0].eventId}?treeSize=${latest.treeSize}`)).body;
    expect(verifyInclusion({ leafIndex: proof.leafIndex, treeSize: proof.treeSize, leafHash: Buffer.from(proof.leafHash, 'hex'), proof: proof.proof.map((p: string) => Buffer.from(p, 'hex')), root: Buffer.from(latest.rootHash, 'hex') })).toEqual({ ok: true });
    const consistency = ok(await auditor.get(`/api/v1/seal/proofs/consistency?from=${checkpoints[0].treeSize}&to=${latest.treeSize}`)).body;
    expect(verifyConsistency({ size1: checkpoints[0].treeSize, size2: latest.treeSize, root1: Buffer.from(checkpoints[0].rootHash, 'hex'), root2: Buffer.from(latest.rootHash, 'hex'), proof: consistency.proof.map((p: string) => Buffer.from(p, 'hex')) })).toEqual({ ok: true });
  });

  it('a whole-store verification run shows progress, records its result as an event, and reports a tampered store', async () => {
    await eventually(() => auditor.get('/api/v1/seal/checkpoints'), (r) => r.body.length >= 2);
    const started = ok(await auditor.post('/api/v1/audit/verifications', {}), 202).body;
    const done = await eventually(() => auditor.get(`/api/v1/audit/verifications/${started.runId}`), (r) => r.body.status !== 'running');
    expect(done.body).toMatchObject({ status: 'completed', startedBy: 'auditor-1', report: { ok: true, chains: { ok: true }, seal: { ok: true } } });
    const { rows } = await app.db.query<{ event_type: string; data: any }>("SELECT event_type, data FROM events WHERE stream_id = 'audit-verifications' ORDER BY stream_version");
    expect(rows.filter((r) => r.data.runId === started.runId).map((r) => r.event_type)).toEqual(['StoreVerificationStarted', 'StoreVerificationCompleted']);
    await app.db.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query(`UPDATE events SET metadata = jsonb_set(metadata, '{actor,userId}', '"someone-else"') WHERE stream_id = $1 AND stream_version = 2`, [streamId()]);
    });
    const second = ok(await auditor.post('/api/v1/audit/verifications', {}), 202).body;
    const broken = await eventually(() => auditor.get(`/api/v1/audit/verifications/${second.runId}`), (r) => r.body.status !== 'running');
    expect(broken.body.report).toMatchObject({ ok: false, chains: { firstBroken: { streamId: streamId(), streamVersion: 2, reason: 'hash_mismatch' } } });
  });

  it('auditors read but change nothing; regulators and clerks cannot use the audit routes', async () => {
    expect((await auditor.post('/api/v1/complaints', { receivedAt: '2026-03-05T08:00:00.000Z' })).status).toBe(403);
    expect((await auditor.post(`/api/v1/complaints/${complaintId}/closing`, {})).status).toBe(403);
    const regulator = await app.token({ roles: ['regulator'], unit: null, body: 'mekh', sub: 'reg-1' });
    const asRegulator = await fetch(`${app.baseUrl}/api/v1/audit/streams/${streamId()}/history`, { headers: { authorization: `Bearer ${regulator}`, ...purpose } });
    expect(asRegulator.status).toBe(403);
    expect((await kiss.get(`/api/v1/audit/streams/${streamId()}/state`, purpose)).status).toBe(403);
  });
});
