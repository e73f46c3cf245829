import { randomUUID } from 'node:crypto';
import { eventually, expectRefused, ok, streamEvents } from '../support/e2e-helpers.js';
import { startTestApp, type Client } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';

const complaint = {
  receivedAt: '2026-03-02T08:00:00.000Z',
  channel: 'letter',
  kind: 'bill_objection',
  complainant: { name: 'Kovács Éva', address: '1111 Budapest, Fő utca 1.', email: 'eva.kovacs@example.hu', customerNumber: 'U-1001' },
  anonymous: false,
  description: 'The January bill charges twice the usual heating.',
  documents: ['January invoice'],
};

const referral = (caseId: string, overrides: Record<string, unknown> = {}) => ({
  about: { caseType: 'complaint', caseId },
  bodyId: 'bfkh-fogyasztovedelem',
  initiatedBy: 'customer',
  referredOn: '2026-03-02',
  customerName: 'Kovács Éva',
  bodyCaseReference: 'BP/FVF/1234-2/2026',
  subject: 'The provider rejected my bill objection without examining the reading',
  ...overrides,
});

const START = '2026-03-02T09:00:00.000Z';

describe('external referrals and representatives’ access over HTTP (PostgreSQL)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let reception: Client;
  let kiss: Client;
  let auditor: Client;

  beforeAll(async () => {
    app = await startTestApp('postgres', { clock: new TestClock(START), projections: { pollIntervalMs: 200 } });
    reception = await app.as('clerk', 'cso-budapest', 'clerk-reception');
    kiss = await app.as('clerk', 'cso-budapest', 'clerk-kiss');
    auditor = await app.as('auditor', null, 'auditor-1');
  });
  afterEach(() => app.clock.set(START));
  afterAll(() => app.close());

  const registerComplaint = async () => ok(await reception.post('/api/v1/complaints', complaint), 201).body as { complaintId: string; registerEntry: string };
  const details = (id: string) => kiss.get(`/api/v1/referrals/${id}`, { 'x-access-purpose': 'answering the authority' });
  const detailsWhen = (id: string, until: (body: any) => boolean) => eventually(() => details(id), (r) => r.status === 200 && until(r.body));

  it('R-ESC-02: a referral to the consumer-protection authority, with the provider’s reply to the body’s request within its 30 days (R-CPL-06)', async () => {
    const { complaintId, registerEntry } = await registerComplaint();
    const recorded = ok(await kiss.post('/api/v1/referrals', referral(complaintId)), 201);
    const id = recorded.body.referralId as string;
    // 60 days from 2 March end on 1 May, a public holiday: the body's handling time runs to Monday 4 May.
    expect(recorded.body).toMatchObject({ registerEntry: 'BP/KSZ/2026/1', expectedDecisionBy: '2026-05-04', legalHold: `hold-referral-${id}` });

    const request = ok(await kiss.post(`/api/v1/referrals/${id}/body-requests`, { receivedAt: '2026-03-02T08:30:00.000Z', bodyReference: 'BP/FVF/1234-3/2026', request: 'Send the meter reading records and your statement' }));
    expect(request.body).toMatchObject({ recorded: ['BodyRequestReceived', 'DutyOpened'], requestId: expect.any(String), replyDue: '2026-04-01' });
    const due = await eventually(() => kiss.get('/api/v1/deadlines?status=open&unit=cso-budapest&clerk=clerk-kiss&limit=500'), (r) => r.body.items.some((c: any) => c.caseId === `referral-${id}` && c.nextDueDate === '2026-04-01'));
    expect(due.body.items.find((c: any) => c.caseId === `referral-${id}`)).toMatchObject({
      caseType: 'referral',
      registerEntry: 'BP/KSZ/2026/1',
      unitId: 'cso-budapest',
      duties: expect.arrayContaining([
        expect.objectContaining({ kind: 'external_body_decision', owner: 'external_body', dueDate: '2026-05-04', rule: 'R-ESC-02' }),
        expect.objectContaining({ kind: 'body_request_reply', owner: 'provider', dueDate: '2026-04-01', rule: 'R-CPL-06' }),
      ]),
    });

    app.clock.set('2026-03-20T09:00:00.000Z');
    const answered = ok(await kiss.post(`/api/v1/referrals/${id}/body-requests/${request.body.requestId}/answer`, { sentAt: '2026-03-20T08:00:00.000Z', channel: 'letter', summary: 'Reading records and our statement enclosed' }));
    expect(answered.body.recorded).toEqual(['BodyRequestAnswered', 'DutyDischarged']);
    const open = await detailsWhen(id, (d) => d.requests[0]?.answer !== null && d.requests.length === 1);
    expect(open.body).toMatchObject({
      status: 'open',
      registration: { about: { caseType: 'complaint', caseId: complaintId, registerEntry }, body: { id: 'bfkh-fogyasztovedelem', kind: 'consumer_protection_authority' }, customer: { name: 'Kovács Éva' }, handling: { expectedDecisionBy: '2026-05-04' } },
      requests: [{ replyDue: '2026-04-01', request: 'Send the meter reading records and your statement', answer: { channel: 'letter', late: false } }],
      legalHold: { caseStreamId: `complaint-${complaintId}`, placedOn: '2026-03-02', liftedOn: null },
    });
    const line = await eventually(() => kiss.get('/api/v1/registers/referral-register?unit=cso-budapest&year=2026&limit=500', { 'x-access-purpose': 'register check' }), (r) => r.body.items.some((l: any) => l.case?.referralId === id));
    expect(line.body.items.find((l: any) => l.case?.referralId === id)).toMatchObject({
      register: 'referral_register', number: 1, entry: 'BP/KSZ/2026/1',
      case: { customerName: 'Kovács Éva', body: { name: 'Budapest Főváros Kormányhivatala, Fogyasztóvédelmi Főosztály' }, about: { caseType: 'complaint', registerEntry }, requests: 1, unansweredRequests: 0, legalHoldInForce: true, outcome: null },
    });

    app.clock.set('2026-04-20T09:00:00.000Z');
    const decided = ok(await kiss.post(`/api/v1/referrals/${id}/outcome`, { decidedOn: '2026-04-20', outcome: 'rejected', decisionReference: 'BP/FVF/1234-9/2026', summary: 'The billing was lawful', appealPending: false }));
    expect(decided.body.recorded).toEqual(['ReferralOutcomeRecorded', 'DutyDischarged', 'LegalHoldLifted', 'ReferralClosed']);
    const closed = await detailsWhen(id, (d) => d.status === 'closed');
    expect(closed.body).toMatchObject({ outcome: { outcome: 'rejected', decidedAfterHandlingTime: false }, legalHold: { liftedOn: '2026-04-20' }, closed: { closedOn: '2026-04-20' }, openDuties: [] });
    const trail = await eventually(() => auditor.get(`/api/v1/referrals/${id}/audit-trail`), (r) => r.status === 200 && r.body.entries.some((e: any) => e.type === 'ReferralClosed'));
    expect(trail.body.entries.map((e: any) => e.type)).toEqual(['ReferralRecorded', 'LegalHoldPlaced', 'DutyOpened', 'BodyRequestReceived', 'DutyOpened', 'BodyRequestAnswered', 'DutyDischarged', 'ReferralOutcomeRecorded', 'DutyDischarged', 'LegalHoldLifted', 'ReferralClosed']);
  });

  it('R-RET-02: with an appeal pending the legal hold stays until it is lifted', async () => {
    const { complaintId } = await registerComplaint();
    const id = ok(await kiss.post('/api/v1/referrals', referral(complaintId, { bodyId: 'mekh' })), 201).body.referralId;
    await expectRefused(app.db, kiss.post(`/api/v1/referrals/${id}/legal-hold-lifting`, { reason: 'no longer needed' }), 422, { code: 'REFERRAL.PROCEEDING_OPEN', rule: 'R-RET-02' });
    ok(await kiss.post(`/api/v1/referrals/${id}/outcome`, { decidedOn: '2026-03-02', outcome: 'upheld', summary: 'The regulator upheld the complaint', appealPending: true }));
    ok(await kiss.post(`/api/v1/referrals/${id}/legal-hold-lifting`, { reason: 'the appeal was withdrawn' }));
    const closed = await detailsWhen(id, (d) => d.status === 'closed');
    expect(closed.body.legalHold).toMatchObject({ caseStreamId: `complaint-${complaintId}`, liftedOn: '2026-03-02', liftReason: 'the appeal was withdrawn' });
  });

  describe('refused with a 4xx problem, and nothing stored', () => {
    it('R-LAW-12: a body that is not in the directory', async () => {
      const { complaintId } = await registerComplaint();
      await expectRefused(app.db, kiss.post('/api/v1/referrals', referral(complaintId, { bodyId: 'no-such-body' })), 422, { code: 'REFERRAL.UNKNOWN_BODY', rule: 'R-LAW-12', errors: [{ field: 'bodyId' }] });
    });

    it('R-ESC-02: a referral about a case that does not exist', async () => {
      await expectRefused(app.db, kiss.post('/api/v1/referrals', referral(randomUUID())), 404, { code: 'REFERRAL.CASE_NOT_FOUND' });
    });
  });

  describe('R-ESC-03: a consumer representative sees a case file only with the customer’s consent', () => {
    const access = (overrides: Record<string, unknown> = {}) => ({ organisationId: 'ofe', representativePerson: 'Dr. Fehér Anna', parts: ['case_record'], purpose: 'advising the customer on the bill objection', businessSecretAcknowledged: true, ...overrides });
    const consent = { customerName: 'Kovács Éva', organisation: { id: 'ofe', name: 'Országos Fogyasztóvédelmi Egyesület' }, scope: ['case_record', 'correspondence'], givenOn: '2026-03-02', validUntil: '2026-03-31', document: { kind: 'signed_statement', reference: 'BP/2026/7-12' } };

    it('R-ESC-03: a representative’s access without consent is refused, and nothing is stored', async () => {
      const { complaintId } = await registerComplaint();
      await eventually(() => kiss.get(`/api/v1/complaints/${complaintId}`, { 'x-access-purpose': 'preparing the case file' }), (r) => r.status === 200);
      await expectRefused(app.db, kiss.post(`/api/v1/case-files/complaints/${complaintId}/representative-access`, access()), 422, { code: 'CONSENT.NO_CONSENT', rule: 'R-ESC-03' });
      expect(await streamEvents(app.db, `consent-complaint-${complaintId}`)).toEqual([]);
    });

    it('R-ESC-03: with the consent the representative gets the parts it covers, and the access is recorded', async () => {
      const { complaintId, registerEntry } = await registerComplaint();
      const recorded = ok(await kiss.post(`/api/v1/case-files/complaints/${complaintId}/consents`, consent), 201);
      expect(recorded.body).toMatchObject({ consentId: expect.any(String), caseStreamId: `complaint-${complaintId}`, scope: ['case_record', 'correspondence'], validUntil: '2026-03-31' });

      await eventually(() => kiss.get(`/api/v1/complaints/${complaintId}`, { 'x-access-purpose': 'preparing the case file' }), (r) => r.status === 200);
      const key = { 'idempotency-key': `access-${complaintId}` };
      const file = ok(await kiss.post(`/api/v1/case-files/complaints/${complaintId}/representative-access`, access(), key));
      expect(file.body).toMatchObject({ accessId: expect.any(String), consentId: recorded.body.consentId, caseFile: { caseType: 'complaint', caseId: complaintId, registerEntry, status: 'open' } });
      expect(Object.keys(file.body.caseFile.parts)).toEqual(['case_record']);
      expect(file.body.caseFile.parts.case_record).toMatchObject({ kind: 'bill_objection', complainant: { name: 'Kovács Éva' }, description: complaint.description });

      const [accessed] = (await streamEvents(app.db, `consent-complaint-${complaintId}`)).filter((e) => e.type === 'RepresentativeAccessRecorded');
      expect(accessed).toMatchObject({ data: { consentId: recorded.body.consentId, organisation: { id: 'ofe' }, parts: ['case_record'], businessSecretAcknowledged: true, grantedBy: 'clerk-kiss' } });
      expect(JSON.stringify(accessed!.data)).not.toContain('Fehér Anna');
      const reads = await streamEvents(app.db, `access-complaint-${complaintId}`);
      expect(reads.at(-1)).toMatchObject({ data: { view: 'case_file', purpose: 'representative ofe: advising the customer on the bill objection' }, metadata: { actor: { userId: 'clerk-kiss' } } });

      const replayed = ok(await kiss.post(`/api/v1/case-files/complaints/${complaintId}/representative-access`, access(), key));
      expect(replayed.headers.get('idempotent-replayed')).toBe('true');
      expect(replayed.body).toEqual(file.body);
      expect((await streamEvents(app.db, `consent-complaint-${complaintId}`)).filter((e) => e.type === 'RepresentativeAccessRecorded')).toHaveLength(1);

      await expectRefused(app.db, kiss.post(`/api/v1/case-files/complaints/${complaintId}/representative-access`, access({ parts: ['billing_data'] })), 422, { code: 'CONSENT.OUT_OF_SCOPE', rule: 'R-ESC-03' });
      await expectRefused(app.db, kiss.post(`/api/v1/case-files/complaints/${complaintId}/representative-access`, access({ businessSecretAcknowledged: false })), 422, { code: 'CONSENT.BUSINESS_SECRET_NOT_ACKNOWLEDGED', rule: 'R-ESC-03' });
      ok(await kiss.post(`/api/v1/case-files/complaints/${complaintId}/consents/${recorded.body.consentId}/withdrawal`, { withdrawnOn: '2026-03-02', reason: 'withdrawn by letter' }));
      await expectRefused(app.db, kiss.post(`/api/v1/case-files/complaints/${complaintId}/representative-access`, access()), 422, { code: 'CONSENT.WITHDRAWN', rule: 'R-ESC-03' });
      // A retry of the first access shows nothing once the consent is withdrawn.
      await expectRefused(app.db, kiss.post(`/api/v1/case-files/complaints/${complaintId}/representative-access`, access(), key), 422, { code: 'CONSENT.WITHDRAWN', rule: 'R-ESC-03' });
    });

    it('R-ESC-03: only the customer of an existing case can consent', async () => {
      await expectRefused(app.db, kiss.post(`/api/v1/case-files/complaints/${randomUUID()}/consents`, consent), 404, { code: 'CONSENT.CASE_NOT_FOUND', rule: 'R-ESC-03' });
      await expectRefused(app.db, kiss.post(`/api/v1/case-files/contracts/${randomUUID()}/consents`, consent), 400, { code: 'REQUEST.VALIDATION_FAILED', errors: [{ field: 'caseType' }] });
    });
  });
});
