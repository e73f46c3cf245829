import { randomUUID } from 'node:crypto';
import { complaintRegistration, eventually } from '../support/e2e-helpers.js';
import { startTestApp, type Client, type Response } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';

const registration = complaintRegistration;

const REGISTER_CHECK = { 'x-access-purpose': 'register check' };

const redress = {
  consumerProtectionAuthority: { name: 'Budapest Főváros Kormányhivatala, Fogyasztóvédelmi Főosztály', address: '1051 Budapest, Sas utca 19.' },
  conciliationBoard: { name: 'Budapesti Békéltető Testület', address: '1016 Budapest, Krisztina krt. 99.' },
};

describe('complaints over HTTP (PostgreSQL)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let reception: Client;
  let leader: Client;
  let kiss: Client;
  let auditor: Client;

  beforeAll(async () => {
    app = await startTestApp('postgres', { clock: new TestClock('2026-03-02T09:00:00.000Z'), projections: { pollIntervalMs: 200 } });
    reception = await app.as('clerk', 'cso-budapest', 'clerk-reception');
    leader = await app.as('supervisor', 'cso-budapest', 'group-leader');
    kiss = await app.as('clerk', 'cso-budapest', 'clerk-kiss');
    auditor = await app.as('auditor', null, 'auditor-1');
  });
  afterAll(() => app.close());

  async function storedEvents(): Promise<number> {
    const { rows } = await app.db.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
    return Number(rows[0]!.n);
  }

  async function expectRefused(response: Promise<Response>, status: number, expected: Record<string, unknown>): Promise<Response> {
    const before = await storedEvents();
    const refused = await response;
    expect(refused.status).toBe(status);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject(expected);
    expect(await storedEvents()).toBe(before);
    return refused;
  }

  const ok = (response: Response, status = 200): Response => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response;
  };

  /** Registered by the reception clerk, designated by the group leader, taken over by clerk Kiss. */
  async function takenOver(overrides: Record<string, unknown> = {}): Promise<string> {
    const registered = ok(await reception.post('/api/v1/complaints', registration(overrides)), 201);
    const id = registered.body.complaintId as string;
    ok(await leader.post(`/api/v1/complaints/${id}/designation`, { clerkId: 'clerk-kiss' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/takeover`, {}));
    return id;
  }

  const details = (id: string) => kiss.get(`/api/v1/complaints/${id}`, { 'x-access-purpose': 'handling the complaint' });
  const detailsWhen = (id: string, until: (body: any) => boolean) => eventually(() => details(id), (r) => r.status === 200 && until(r.body));

  it('R-CPL-03: registration answers the register entry, the reply deadline and the version; the clerk is the actor', async () => {
    const registered = ok(await reception.post('/api/v1/complaints', registration()), 201);
    expect(registered.body).toMatchObject({ registerEntry: expect.stringMatching(/^BP\/2026\/\d+$/), uniqueIdentifier: null, replyDue: '2026-03-17', version: 2 });
    expect(registered.headers.get('location')).toBe(`/api/v1/complaints/${registered.body.complaintId}`);
    expect(registered.headers.get('etag')).toBe('"2"');
    const { rows } = await app.db.query<{ metadata: any; data: any }>("SELECT metadata, data FROM events WHERE stream_id = $1 AND event_type = 'ComplaintRegistered'", [`complaint-${registered.body.complaintId}`]);
    expect(rows[0]!.metadata).toMatchObject({ actor: { userId: 'clerk-reception', role: 'clerk', unit: 'cso-budapest' }, channel: 'letter', policyVersion: 'hu-2026', businessTime: '2026-03-02T08:30:00.000Z' });
    // Personal fields are ciphertext at rest.
    expect(JSON.stringify(rows[0]!.data)).not.toContain('Kovács');
  });

  it('R-BIL-03: a bill objection found justified, corrected, answered, closed, and refunded in the next billing', async () => {
    const id = await takenOver({ kind: 'bill_objection' });
    ok(await kiss.post(`/api/v1/complaints/${id}/records-checks`, { records: 'billing history 2025-2026', findings: 'January reading entered twice' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/finding`, { finding: 'justified', reasoning: 'The January reading was entered twice.' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/corrections`, { area: 'invoice', description: 'credit note for January', amount: -12500 }));
    const refund = ok(await kiss.post(`/api/v1/complaints/${id}/refunds`, { amount: 12500 }));
    expect(refund.body.recorded).toEqual(['RefundScheduled', 'DutyOpened']);
    ok(await kiss.post(`/api/v1/complaints/${id}/reply`, { channel: 'letter', sentAt: '2026-03-02T08:59:00.000Z', summary: 'Your objection is justified.', reasons: 'The January reading was entered twice; a credit note follows.' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/closing`, {}));
    const closed = await detailsWhen(id, (d) => d.status === 'closed');
    expect(closed.body).toMatchObject({ status: 'closed', finding: { finding: 'justified' }, closed: { outcome: 'justified', closure: 'handled', retainUntil: { complaint_record: '2029-03-02' } } });
    expect(closed.body.openDuties).toEqual([{ dutyId: expect.stringMatching(/^refund-/), kind: 'refund_in_next_billing', dueDate: '2026-04-30', rule: 'R-BIL-03' }]);
    const register = await eventually(() => kiss.get(`/api/v1/deadlines?status=open&unit=cso-budapest&clerk=clerk-kiss&limit=500`), (r) => r.body.items.some((c: any) => c.caseId === `complaint-${id}`));
    expect(register.body.items.find((c: any) => c.caseId === `complaint-${id}`)).toMatchObject({ nextDueDate: '2026-04-30', duties: [{ kind: 'refund_in_next_billing' }] });
    ok(await kiss.post(`/api/v1/complaints/${id}/refunds/credited`, { billingPeriod: '2026-04', invoiceNumber: 'SZ-2026-04-000123' }));
    await detailsWhen(id, (d) => d.openDuties.length === 0);
  });

  it('R-MTR-02: a meter dispute with an examination, the cost bearer, and a rejection with the bodies from the directory', async () => {
    const id = await takenOver({ kind: 'meter_dispute', channel: 'phone', recordPlace: 'call centre' });
    ok(await kiss.post(`/api/v1/complaints/${id}/meter-examination`, { meterId: 'HM-88123', meterOwner: 'provider', requestedBy: 'customer' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/meter-examination/result`, { withinLimits: true, meterFit: true, deviationPercent: 0.8, laboratory: 'Metrology laboratory, Budapest', costs: 18000, chargeRequester: true }));
    ok(await kiss.post(`/api/v1/complaints/${id}/finding`, { finding: 'unjustified', reasoning: 'The meter measures within limits.' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/reply`, { channel: 'letter', sentAt: '2026-03-02T08:59:00.000Z', summary: 'Your objection is unjustified.', reasons: 'The examination found a 0.8% deviation.', residenceCounty: 'budapest', recordCopyEnclosed: true }));
    ok(await kiss.post(`/api/v1/complaints/${id}/closing`, {}));
    const closed = await detailsWhen(id, (d) => d.status === 'closed');
    const result = closed.body.steps.find((s: any) => s.type === 'MeterExaminationResultRecorded');
    expect(result.data).toMatchObject({ costBearer: 'requester', costBearerParty: 'customer', costs: 18000 });
    const reply = closed.body.steps.find((s: any) => s.type === 'ReplySent');
    expect(reply.data.redress.conciliationBoard.name).toBe('Budapesti Békéltető Testület');
    expect(closed.body.registration.uniqueIdentifier).toMatch(/^BP-2026-\d{6}$/);
  });

  it('R-QLT-03: a quality complaint investigated out of turn, found justified by the hot-water measurement, corrected and closed', async () => {
    const id = await takenOver({ kind: 'quality_complaint', channel: 'email', description: 'Lukewarm hot water for a week' });
    const open = await detailsWhen(id, (d) => d.openDuties.some((x: any) => x.kind === 'quality_investigation'));
    expect(open.body.openDuties.find((x: any) => x.kind === 'quality_investigation')).toMatchObject({ dueDate: '2026-03-02', rule: 'R-QLT-01' });
    ok(await kiss.post(`/api/v1/complaints/${id}/hot-water-measurements`, { measuredAt: '2026-03-02T08:45:00.000Z', temperatureCelsius: 37.5, afterSecondsOfUse: 60 }));
    ok(await kiss.post(`/api/v1/complaints/${id}/quality-costs`, { systemOwner: 'provider', maintenanceContract: false, complaintFounded: true, repairCost: 40000, investigationCost: 8000 }));
    ok(await kiss.post(`/api/v1/complaints/${id}/finding`, { finding: 'justified', reasoning: '37.5 °C after one minute' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/corrections`, { area: 'settlement', description: 'hot-water fee refunded for the affected week', amount: -3200 }));
    ok(await kiss.post(`/api/v1/complaints/${id}/reply`, { channel: 'email', sentAt: '2026-03-02T08:59:00.000Z', summary: 'Your complaint is justified.', reasons: 'The water was below 40 °C; the fee is refunded.' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/closing`, {}));
    const closed = await detailsWhen(id, (d) => d.status === 'closed');
    expect(closed.body.steps.find((s: any) => s.type === 'HotWaterMeasured').data).toMatchObject({ breachByProvider: true, feeRefundDue: true });
    expect(closed.body.openDuties).toEqual([]);
  });

  it('R-LAW-07: an unjustified complaint: a rejection without the bodies is refused and stores nothing, with them it is sent and the case closes', async () => {
    const id = await takenOver({ kind: 'handling_conduct' });
    ok(await kiss.post(`/api/v1/complaints/${id}/records-checks`, { records: 'call recordings', findings: 'the clerk was polite' }));
    ok(await kiss.post(`/api/v1/complaints/${id}/finding`, { finding: 'unjustified', reasoning: 'The recordings show proper conduct.' }));
    const reply = { channel: 'letter', sentAt: '2026-03-02T08:59:00.000Z', summary: 'Your complaint is unjustified.', reasons: 'The recordings show proper conduct.' };
    await expectRefused(kiss.post(`/api/v1/complaints/${id}/reply`, reply), 422, { code: 'COMPLAINT.REJECTION_WITHOUT_REDRESS', rule: 'R-LAW-07', errors: [{ field: 'redress' }] });
    ok(await kiss.post(`/api/v1/complaints/${id}/reply`, { ...reply, redress }));
    ok(await kiss.post(`/api/v1/complaints/${id}/closing`, {}));
    const entry = await eventually(() => kiss.get('/api/v1/registers/filing-register?unit=cso-budapest&year=2026&limit=500', REGISTER_CHECK), (r) => r.body.items.some((e: any) => e.complaintId === id && e.outcome === 'unjustified'));
    expect(entry.body.items.find((e: any) => e.complaintId === id)).toMatchObject({ channel: 'letter', kind: 'handling_conduct', complainantName: 'Kovács Éva', designatedClerk: 'clerk-kiss', takenOverOn: '2026-03-02', repliedOn: '2026-03-02', closedOn: '2026-03-02' });
  });

  it('R-LAW-06: a repeated complaint is closed with the reason and a link to the earlier one', async () => {
    const earlier = ok(await reception.post('/api/v1/complaints', registration()), 201);
    const repeated = ok(await reception.post('/api/v1/complaints', registration({ receivedAt: '2026-03-02T08:45:00.000Z' })), 201);
    const missing = randomUUID();
    await expectRefused(leader.post(`/api/v1/complaints/${repeated.body.complaintId}/closing-as-repeated`, { earlierComplaintId: missing, reason: 'same content' }), 422, { code: 'COMPLAINT.EARLIER_NOT_FOUND', errors: [{ field: 'earlierComplaintId' }] });
    ok(await leader.post(`/api/v1/complaints/${repeated.body.complaintId}/closing-as-repeated`, { earlierComplaintId: earlier.body.complaintId, reason: `same objection as ${earlier.body.registerEntry}, no new information` }));
    const closed = await detailsWhen(repeated.body.complaintId, (d) => d.status === 'closed');
    expect(closed.body.closed).toMatchObject({ outcome: 'not_investigated', closure: 'repeated', linkedComplaintId: earlier.body.complaintId });
    expect(closed.body.openDuties).toEqual([]);
  });

  it('R-LAW-02: the reply deadline is extended once; a second extension is refused with the rule and stores nothing', async () => {
    const id = await takenOver({ kind: 'other' });
    const current = await detailsWhen(id, (d) => d.handlingClerk === 'clerk-kiss');
    const extension = { reason: 'site_inspection', extendByDays: 15, customerNotifiedAt: '2026-03-02T08:55:00.000Z', noticeChannel: 'letter' };
    const extended = ok(await kiss.post(`/api/v1/complaints/${id}/reply-deadline-extension`, extension, { 'if-match': current.headers.get('etag')! }));
    expect(extended.headers.get('etag')).toBe(`"${extended.body.version}"`);
    await expectRefused(kiss.post(`/api/v1/complaints/${id}/reply-deadline-extension`, extension), 422, { code: 'COMPLAINT.EXTENSION_ALREADY_USED', rule: 'R-LAW-02' });
    const after = await detailsWhen(id, (d) => d.extension !== null);
    expect(after.body).toMatchObject({ replyDue: '2026-04-01', extension: { previousDue: '2026-03-17', newDue: '2026-04-01' } });
    const trail = await eventually(() => auditor.get(`/api/v1/complaints/${id}/audit-trail`), (r) => r.status === 200 && r.body.entries.length >= 6);
    expect(trail.body.entries.map((e: any) => e.type)).toEqual(expect.arrayContaining(['ComplaintRegistered', 'ClerkDesignated', 'ComplaintTakenOver', 'ReplyDeadlineExtended', 'DutyRescheduled']));
    expect(trail.body.entries.find((e: any) => e.type === 'ReplyDeadlineExtended')).toMatchObject({ actor: { userId: 'clerk-kiss', role: 'clerk' }, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('R-CPL-03: 50 concurrent registrations in one register get the numbers 1 to 50, no gap, no duplicate', async () => {
    const clerks = await Promise.all(Array.from({ length: 5 }, (_, i) => app.as('clerk', 'cso-debrecen', `clerk-de-${i}`)));
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => clerks[i % 5]!.post('/api/v1/complaints', registration({ description: `complaint ${i}` }))));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const numbers = responses.map((r) => Number(String(r.body.registerEntry).split('/')[2])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await eventually(() => reception.get('/api/v1/registers/filing-register?unit=cso-debrecen&year=2026&limit=100', REGISTER_CHECK), (r) => r.body.items.length === 50);
    const register = await reception.get('/api/v1/registers/filing-register?unit=cso-debrecen&year=2026&limit=30', REGISTER_CHECK);
    const rest = await reception.get(`/api/v1/registers/filing-register?unit=cso-debrecen&year=2026&limit=30&cursor=${encodeURIComponent(register.body.nextCursor)}`, REGISTER_CHECK);
    expect([...register.body.items, ...rest.body.items].map((e: any) => e.number)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(rest.body.nextCursor).toBeNull();
  }, 60_000);

  describe('bad input gets a 4xx problem naming the field or rule, and nothing is stored', () => {
    it('a missing field', async () => {
      const { receivedAt: _r, ...withoutTime } = registration();
      await expectRefused(reception.post('/api/v1/complaints', withoutTime), 400, { code: 'REQUEST.VALIDATION_FAILED', errors: [{ field: 'receivedAt' }] });
    });

    it('a missing nested object', async () => {
      const { complainant: _c, ...withoutComplainant } = registration();
      await expectRefused(reception.post('/api/v1/complaints', withoutComplainant), 400, { code: 'REQUEST.VALIDATION_FAILED', errors: [{ field: 'complainant' }] });
    });

    it('R-CHN-01: an in-person-only matter asked for on another channel', async () => {
      await expectRefused(reception.post('/api/v1/complaints', registration({ channel: 'phone', recordPlace: 'call centre', requestedMatters: ['instalment_agreement'] })), 422, { code: 'CHANNEL.IN_PERSON_ONLY', rule: 'R-CHN-01', errors: [{ field: 'requestedMatters' }] });
    });

    it('R-LAW-08: a web-form complaint without an e-mail address', async () => {
      await expectRefused(reception.post('/api/v1/complaints', registration({ channel: 'web_form', complainant: { name: 'Kovács Éva' } })), 422, { rule: 'R-LAW-08', errors: [{ field: 'complainant.email' }] });
    });

    it('R-CPL-01: closing without an outcome', async () => {
      const id = await takenOver();
      ok(await kiss.post(`/api/v1/complaints/${id}/records-checks`, { records: 'x', findings: 'y' }));
      await expectRefused(kiss.post(`/api/v1/complaints/${id}/closing`, {}), 422, { code: 'COMPLAINT.CLOSE_WITHOUT_OUTCOME', rule: 'R-CPL-01', errors: [{ field: 'finding' }] });
    });

    it('R-CHN-05: the amount of arrears asked over the phone', async () => {
      const id = await takenOver({ kind: 'arrears_handling', channel: 'phone', recordPlace: 'call centre' });
      await expectRefused(kiss.post(`/api/v1/complaints/${id}/disclosures`, { channel: 'phone', information: 'arrears_amount', recipient: 'debtor', summary: 'asked for the arrears' }), 422, { code: 'DISCLOSURE.ARREARS_ONLY_IN_PERSON', rule: 'R-CHN-05' });
    });

    it('R-CPL-04: a step by a clerk who did not take the case over, and a designation by a clerk', async () => {
      const id = await takenOver();
      await expectRefused(reception.post(`/api/v1/complaints/${id}/records-checks`, { records: 'x', findings: 'y' }), 403, { code: 'COMPLAINT.NOT_HANDLING_CLERK', rule: 'R-CPL-04' });
      await expectRefused(kiss.post(`/api/v1/complaints/${id}/designation`, { clerkId: 'clerk-x' }), 403, { code: 'AUTH.ROLE_NOT_ALLOWED' });
    });
  });

  it('R-RET-04: reading a complaint’s personal data needs a purpose, and the read is recorded', async () => {
    const id = await takenOver();
    await eventually(() => details(id), (r) => r.status === 200);
    const noPurpose = await kiss.get(`/api/v1/complaints/${id}`);
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.body.code).toBe('REQUEST.ACCESS_PURPOSE_MISSING');
    ok(await auditor.get(`/api/v1/complaints/${id}`, { 'x-access-purpose': 'quarterly audit sample' }));
    const { rows } = await app.db.query<{ data: any; metadata: any }>('SELECT data, metadata FROM events WHERE stream_id = $1 ORDER BY stream_version', [`access-complaint-${id}`]);
    expect(rows.at(-1)).toMatchObject({ data: { view: 'complaint_details', purpose: 'quarterly audit sample' }, metadata: { actor: { userId: 'auditor-1', role: 'auditor' } } });
  });

  it('R-RET-04: reading the filing register’s names needs a purpose, and each listed complaint records the read', async () => {
    const id = await takenOver({ description: 'filing register read' });
    expect(await auditor.get('/api/v1/registers/filing-register?unit=cso-budapest&year=2026')).toMatchObject({ status: 400, body: { code: 'REQUEST.ACCESS_PURPOSE_MISSING', errors: [{ field: 'X-Access-Purpose' }] } });
    await eventually(
      () => auditor.get('/api/v1/registers/filing-register?unit=cso-budapest&year=2026&limit=500', { 'x-access-purpose': 'annual register audit' }),
      (r) => r.status === 200 && r.body.items.some((e: any) => e.complaintId === id),
    );
    const { rows } = await app.db.query<{ data: any; metadata: any }>('SELECT data, metadata FROM events WHERE stream_id = $1 ORDER BY stream_version', [`access-complaint-${id}`]);
    expect(rows.at(-1)).toMatchObject({ data: { view: 'filing_register', purpose: 'annual register audit' }, metadata: { actor: { userId: 'auditor-1', role: 'auditor' } } });
  });

  it('R-DL-02: the deadline register lists open reply duties due soon and overdue, by unit and clerk', async () => {
    const id = await takenOver({ kind: 'other', description: 'deadline register check' });
    const soon = await eventually(
      () => kiss.get('/api/v1/deadlines?status=due_soon&withinDays=15&unit=cso-budapest&clerk=clerk-kiss&limit=500'),
      (r) => r.body.items.some((c: any) => c.caseId === `complaint-${id}`),
    );
    expect(soon.body.items.find((c: any) => c.caseId === `complaint-${id}`)).toMatchObject({ nextDueDate: '2026-03-17', duties: [{ kind: 'written_reply', rule: 'R-LAW-01' }] });
    expect((await kiss.get('/api/v1/deadlines?status=overdue&unit=cso-budapest&limit=500')).body.items.some((c: any) => c.caseId === `complaint-${id}`)).toBe(false);
    app.clock.set('2026-03-20T09:00:00.000Z');
    try {
      const overdue = await kiss.get('/api/v1/deadlines?status=overdue&unit=cso-budapest&clerk=clerk-kiss&limit=500');
      expect(overdue.body.items.some((c: any) => c.caseId === `complaint-${id}`)).toBe(true);
    } finally {
      app.clock.set('2026-03-02T09:00:00.000Z');
    }
  });
});
