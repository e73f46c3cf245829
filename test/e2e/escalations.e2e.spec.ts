import { randomUUID } from 'node:crypto';
import { eventually, expectRefused, ok, streamEvents } from '../support/e2e-helpers.js';
import { request, startTestApp, type Client } from '../support/test-app.js';
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

const escalation = (about: { caseType: string; caseId: string }, overrides: Record<string, unknown> = {}) => ({
  receivedAt: '2026-03-02T08:30:00.000Z',
  channel: 'letter',
  complainant: { name: 'Kovács Éva', address: '1111 Budapest, Fő utca 1.', customerNumber: 'U-1001' },
  description: 'The customer service office did not examine my bill objection properly.',
  documents: ['copy of the objection', 'reply of the office'],
  remedySought: 'A proper examination and a corrected bill',
  about,
  ...overrides,
});

const PURPOSE = { 'x-access-purpose': 'handling the escalation' };

describe('the escalation ladder over HTTP (PostgreSQL)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let reception: Client;
  let rikReception: Client;
  let regionalDirector: Client;
  let rikClerk: Client;
  let eastDirector: Client;
  let ktReception: Client;
  let managingDirector: Client;
  let ktClerk: Client;

  beforeAll(async () => {
    app = await startTestApp('postgres', { clock: new TestClock('2026-03-02T09:00:00.000Z'), projections: { pollIntervalMs: 200 } });
    reception = await app.as('clerk', 'cso-budapest', 'clerk-reception');
    rikReception = await app.as('clerk', 'rd-central', 'clerk-rik-reception');
    regionalDirector = await app.as('supervisor', 'rd-central', 'regional-director');
    rikClerk = await app.as('clerk', 'rd-central', 'clerk-rik-toth');
    eastDirector = await app.as('supervisor', 'rd-east', 'east-director');
    ktReception = await app.as('clerk', 'central-secretariat', 'clerk-kt-reception');
    managingDirector = await app.as('supervisor', 'central-secretariat', 'managing-director');
    ktClerk = await app.as('clerk', 'central-secretariat', 'clerk-kt-varga');
  });
  afterAll(() => app.close());

  const registerComplaint = async () => ok(await reception.post('/api/v1/complaints', complaint), 201).body as { complaintId: string; registerEntry: string };
  const register = (client: Client, name: string, query: string) => eventually(() => client.get(`/api/v1/registers/${name}?${query}&limit=500`, { 'x-access-purpose': 'register check' }), (r) => r.status === 200 && r.body.items.every((l: any) => l.case !== null) && r.body.items.length > 0);

  it('R-ESC-01: a complaint goes from the customer service office to the regional secretariat and on to the central secretariat, each level with its own register entry and designated clerk', async () => {
    const { complaintId, registerEntry: complaintEntry } = await registerComplaint();

    // Regional directorate secretariat: register of complaint letters, the regional director designates, the clerk takes over in the serial register.
    const regional = ok(await rikReception.post('/api/v1/escalations', escalation({ caseType: 'complaint', caseId: complaintId })), 201);
    const regionalId = regional.body.escalationId as string;
    expect(regional.body).toMatchObject({ level: 'regional_secretariat', registerEntry: 'RIK/2026/1', replyDue: '2026-03-17', version: 2 });
    ok(await regionalDirector.post(`/api/v1/escalations/${regionalId}/designation`, { clerkId: 'clerk-rik-toth' }));
    const takenOver = ok(await rikClerk.post(`/api/v1/escalations/${regionalId}/takeover`, {}));
    expect(takenOver.body).toMatchObject({ recorded: ['EscalationTakenOver'], takeoverEntry: 'RIK/SOR/2026/1' });
    ok(await rikClerk.post(`/api/v1/escalations/${regionalId}/steps`, { step: 'statement_requested_from_unit', description: 'asked the Budapest office for its statement' }));
    ok(await rikClerk.post(`/api/v1/escalations/${regionalId}/finding`, { finding: 'unjustified', reasoning: 'The office examined the readings and answered in time.' }));
    ok(await rikClerk.post(`/api/v1/escalations/${regionalId}/reply`, { channel: 'letter', sentAt: '2026-03-02T08:55:00.000Z', summary: 'Your escalation is unjustified.', reasons: 'The office handled the objection lawfully.', residenceCounty: 'budapest' }));
    ok(await rikClerk.post(`/api/v1/escalations/${regionalId}/closing`, {}));

    // The complaint names its escalation (the link back).
    const complaintView = await eventually(() => reception.get(`/api/v1/complaints/${complaintId}`, PURPOSE), (r) => r.status === 200 && r.body.escalations.length === 1);
    expect(complaintView.body.escalations).toEqual([{ escalationId: regionalId, escalationStreamId: `escalation-${regionalId}`, level: 'regional_secretariat', targetUnit: 'rd-central', registerEntry: 'RIK/2026/1', receivedOn: '2026-03-02' }]);

    // Central secretariat: incoming letters register, the managing director designates, the clerk takes over in the clerk's workbook.
    const central = ok(await ktReception.post('/api/v1/escalations', escalation({ caseType: 'escalation', caseId: regionalId }, { description: 'The regional directorate did not look at my meter readings.' })), 201);
    const centralId = central.body.escalationId as string;
    expect(central.body).toMatchObject({ level: 'central_secretariat', registerEntry: 'KT/2026/1' });
    ok(await managingDirector.post(`/api/v1/escalations/${centralId}/designation`, { clerkId: 'clerk-kt-varga' }));
    expect(ok(await ktClerk.post(`/api/v1/escalations/${centralId}/takeover`, {})).body.takeoverEntry).toBe('KT/EMF/2026/1');

    const regionalView = await eventually(() => rikClerk.get(`/api/v1/escalations/${regionalId}`, PURPOSE), (r) => r.status === 200 && r.body.escalatedTo.length === 1);
    expect(regionalView.body).toMatchObject({
      status: 'closed',
      registerEntry: { register: 'complaint_letters_register', entry: 'RIK/2026/1' },
      registration: { about: { caseType: 'complaint', caseId: complaintId, registerEntry: complaintEntry, unitId: 'cso-budapest' }, complainant: { name: 'Kovács Éva' } },
      assignments: [{ clerkId: 'clerk-rik-toth', by: 'regional-director', reason: null }],
      takeovers: [{ clerkId: 'clerk-rik-toth', takeoverEntry: { register: 'serial_register', entry: 'RIK/SOR/2026/1' } }],
      escalatedTo: [{ escalationId: centralId, level: 'central_secretariat', targetUnit: 'central-secretariat', registerEntry: 'KT/2026/1' }],
      closed: { outcome: 'unjustified' },
    });
    const centralView = await eventually(() => ktClerk.get(`/api/v1/escalations/${centralId}`, PURPOSE), (r) => r.status === 200 && r.body.handlingClerk === 'clerk-kt-varga');
    expect(centralView.body).toMatchObject({ level: 'central_secretariat', designatedClerk: 'clerk-kt-varga', registration: { about: { caseType: 'escalation', caseId: regionalId, registerEntry: 'RIK/2026/1', unitId: 'rd-central' } } });
    expect(centralView.body.openDuties).toEqual([{ dutyId: 'escalation-reply', kind: 'escalation_reply', owner: 'provider', dueDate: '2026-03-17', rule: 'R-LAW-01' }]);

    // Each register numbers its own entries, gaplessly.
    const letters = await register(rikClerk, 'complaint-letters-register', 'unit=rd-central&year=2026');
    expect(letters.body.items).toEqual([
      expect.objectContaining({ register: 'complaint_letters_register', number: 1, entry: 'RIK/2026/1', caseStreamId: `escalation-${regionalId}`, case: expect.objectContaining({ complainantName: 'Kovács Éva', designatedClerk: 'clerk-rik-toth', outcome: 'unjustified', about: { caseType: 'complaint', registerEntry: complaintEntry, unitId: 'cso-budapest' }, escalatedTo: ['KT/2026/1'] }) }),
    ]);
    const serial = await register(rikClerk, 'serial-register', 'unit=rd-central&year=2026');
    expect(serial.body.items).toEqual([expect.objectContaining({ number: 1, entry: 'RIK/SOR/2026/1', case: expect.objectContaining({ registerEntry: 'RIK/2026/1', takeover: { clerkId: 'clerk-rik-toth', takenOverOn: '2026-03-02', entry: 'RIK/SOR/2026/1' } }) })]);
    const incoming = await register(ktClerk, 'incoming-letters-register', 'unit=central-secretariat&year=2026');
    expect(incoming.body.items).toEqual([expect.objectContaining({ number: 1, entry: 'KT/2026/1', case: expect.objectContaining({ level: 'central_secretariat', designatedClerk: 'clerk-kt-varga', about: { caseType: 'escalation', registerEntry: 'RIK/2026/1', unitId: 'rd-central' } }) })]);
    const workbook = await register(ktClerk, 'clerks-workbook', 'unit=central-secretariat&year=2026');
    expect(workbook.body.items).toEqual([expect.objectContaining({ number: 1, entry: 'KT/EMF/2026/1', case: expect.objectContaining({ takeover: expect.objectContaining({ clerkId: 'clerk-kt-varga', entry: 'KT/EMF/2026/1' }) }) })]);

    // The deadline register shows the central escalation's reply duty with its unit, entry and clerk.
    const deadlines = await eventually(() => ktClerk.get('/api/v1/deadlines?status=open&unit=central-secretariat&limit=500'), (r) => r.body.items.some((c: any) => c.caseId === `escalation-${centralId}` && c.clerkId === 'clerk-kt-varga'));
    expect(deadlines.body.items.find((c: any) => c.caseId === `escalation-${centralId}`)).toMatchObject({ caseType: 'escalation', registerEntry: 'KT/2026/1', unitId: 'central-secretariat', nextDueDate: '2026-03-17' });
    const trail = await eventually(() => managingDirector.get(`/api/v1/escalations/${centralId}/audit-trail`), (r) => r.status === 200 && r.body.entries.length >= 4);
    expect(trail.body.entries.map((e: any) => e.type)).toEqual(expect.arrayContaining(['EscalationRegistered', 'EscalationClerkDesignated', 'EscalationTakenOver']));
  });

  it('R-ESC-01: a retried registration registers the escalation once and links the case once', async () => {
    const { complaintId } = await registerComplaint();
    const key = { 'idempotency-key': `escalation-${randomUUID()}` };
    const first = ok(await rikReception.post('/api/v1/escalations', escalation({ caseType: 'complaint', caseId: complaintId }), key), 201);
    const again = ok(await rikReception.post('/api/v1/escalations', escalation({ caseType: 'complaint', caseId: complaintId }), key), 201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const linked = (await streamEvents(app.db, `complaint-${complaintId}`)).filter((e) => e.type === 'CaseEscalated');
    expect(linked).toHaveLength(1);
    expect(linked[0]!.metadata).toMatchObject({ commandId: `case-escalated:${first.body.escalationId}`, actor: { userId: 'clerk-rik-reception' } });
  });

  it('R-ESC-01: a fault report of the dispatcher service goes to the regional secretariat, and the report names its escalation', async () => {
    const dispatcher = await app.as('dispatcher', 'dispatch-central', 'dispatcher-szabo');
    const faultReportId = ok(
      await dispatcher.post('/api/v1/fault-reports', {
        reportedAt: '2026-03-02T07:00:00.000Z', channel: 'phone', kind: 'service_quality_complaint', reporter: { name: 'Kovács Éva', address: '1111 Budapest, Fő utca 1.' },
        description: 'Radiators cold again', reporterAtHome: 'after 16:00', expectedRepair: { date: '2026-03-03', method: 'crew visit' }, priority: 'normal', maintenanceContract: false,
      }),
      201,
    ).body.faultReportId as string;
    const key = { 'idempotency-key': `escalation-of-${faultReportId}` };
    const registered = ok(await rikReception.post('/api/v1/escalations', escalation({ caseType: 'fault_report', caseId: faultReportId }, { description: 'The dispatcher never sent a crew.' }), key), 201);
    // The report closes meanwhile; a retry of the same request still answers what the first answered.
    ok(await dispatcher.post(`/api/v1/fault-reports/${faultReportId}/withdrawal`, { reason: 'the customer repaired it' }));
    const retried = ok(await rikReception.post('/api/v1/escalations', escalation({ caseType: 'fault_report', caseId: faultReportId }, { description: 'The dispatcher never sent a crew.' }), key), 201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body).toEqual(registered.body);
    expect(registered.body).toMatchObject({ level: 'regional_secretariat', registerEntry: expect.stringMatching(/^RIK\/2026\/\d+$/) });
    const report = await eventually(() => dispatcher.get(`/api/v1/fault-reports/${faultReportId}`, { 'x-access-purpose': 'answering the secretariat' }), (r) => r.status === 200 && r.body.escalations.length === 1);
    expect(report.body.escalations).toEqual([expect.objectContaining({ escalationId: registered.body.escalationId, targetUnit: 'rd-central', registerEntry: registered.body.registerEntry })]);
    const view = await eventually(() => rikClerk.get(`/api/v1/escalations/${registered.body.escalationId}`, PURPOSE), (r) => r.status === 200);
    expect(view.body.registration.about).toMatchObject({ caseType: 'fault_report', caseId: faultReportId, unitId: 'dispatch-central', registerEntry: expect.stringMatching(/^DSP\/2026\/\d+$/) });
  });

  it('R-RET-04: reading an escalation’s or a register’s personal data needs a purpose, and each read is recorded', async () => {
    const { complaintId } = await registerComplaint();
    const id = ok(await rikReception.post('/api/v1/escalations', escalation({ caseType: 'complaint', caseId: complaintId })), 201).body.escalationId;
    await eventually(() => rikClerk.get(`/api/v1/escalations/${id}`, PURPOSE), (r) => r.status === 200);
    expect(await rikClerk.get(`/api/v1/escalations/${id}`)).toMatchObject({ status: 400, body: { code: 'REQUEST.ACCESS_PURPOSE_MISSING', errors: [{ field: 'X-Access-Purpose' }] } });
    expect(await rikClerk.get('/api/v1/registers/complaint-letters-register?unit=rd-central&year=2026')).toMatchObject({ status: 400, body: { code: 'REQUEST.ACCESS_PURPOSE_MISSING' } });
    await eventually(
      () => rikClerk.get('/api/v1/registers/complaint-letters-register?unit=rd-central&year=2026&limit=500', { 'x-access-purpose': 'monthly register check' }),
      (r) => r.status === 200 && r.body.items.some((l: any) => l.caseStreamId === `escalation-${id}` && l.case !== null),
    );
    const reads = (await streamEvents(app.db, `access-escalation-${id}`)).map((r) => [r.data.view, r.data.purpose, r.metadata.actor.userId]);
    expect(reads[0]).toEqual(['escalation_details', 'handling the escalation', 'clerk-rik-toth']);
    expect(reads.at(-1)).toEqual(['complaint_letters_register', 'monthly register check', 'clerk-rik-toth']);
    expect(reads.filter(([view]) => view === 'escalation_details')).toHaveLength(1);
  });

  it('the OpenAPI document has every route of fault reports, escalations, referrals, case files and registers, with an example on every field', async () => {
    const doc = (await request(app.baseUrl, 'GET', '/api/docs/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/fault-reports', '/api/v1/fault-reports/{id}/reprioritisation', '/api/v1/fault-reports/{id}/worksheets', '/api/v1/fault-reports/{id}/worksheets/{worksheetNumber}/return',
        '/api/v1/fault-reports/{id}/worksheets/{worksheetNumber}/accounting', '/api/v1/fault-reports/{id}/withdrawal', '/api/v1/fault-reports/{id}/closing', '/api/v1/fault-reports/{id}', '/api/v1/dispatcher-log',
        '/api/v1/escalations', '/api/v1/escalations/{id}/designation', '/api/v1/escalations/{id}/takeover', '/api/v1/escalations/{id}/reply', '/api/v1/escalations/{id}',
        '/api/v1/referrals', '/api/v1/referrals/{id}/body-requests', '/api/v1/referrals/{id}/body-requests/{requestId}/answer', '/api/v1/referrals/{id}/outcome', '/api/v1/referrals/{id}/legal-hold-lifting',
        '/api/v1/case-files/{caseType}/{caseId}/consents', '/api/v1/case-files/{caseType}/{caseId}/representative-access', '/api/v1/registers/{register}',
      ]),
    );
    const schemas = [
      'RegisterFaultReportRequestDto', 'ReporterDto', 'ExpectedRepairDto', 'ReprioritiseRequest', 'IssueWorksheetRequest', 'RecordRepairRequest', 'FaultReasonRequest',
      'RegisterEscalationRequestDto', 'CaseReferenceDto', 'EscalationStepRequest', 'EscalationReplyRequest',
      'RecordReferralRequestDto', 'BodyRequestRequest', 'BodyRequestAnswerRequest', 'BodyOutcomeRequest', 'LiftLegalHoldRequest',
      'RecordConsentRequest', 'RepresentativeOrganisationDto', 'ConsentDocumentDto', 'WithdrawConsentRequest', 'RepresentativeAccessRequest', 'RequestSiteInspectionRequest',
    ];
    const missing = schemas.flatMap((name) => {
      const schema = doc.components.schemas[name];
      if (!schema) return [`${name} (no schema)`];
      return Object.entries(schema.properties as Record<string, any>).filter(([, p]) => p.example === undefined && !p.$ref && !p.allOf).map(([field]) => `${name}.${field}`);
    });
    expect(missing).toEqual([]);
    const log = doc.paths['/api/v1/dispatcher-log'].get.parameters.map((p: any) => [p.name, p.example ?? p.schema?.example]);
    expect(log.filter(([, example]: [string, unknown]) => example === undefined)).toEqual([]);
  });

  describe('refused with a 4xx problem, and nothing stored', () => {
    it('R-ESC-01: an escalation of a case that does not exist', async () => {
      await expectRefused(app.db, rikReception.post('/api/v1/escalations', escalation({ caseType: 'complaint', caseId: randomUUID() })), 404, { code: 'ESCALATION.CASE_NOT_FOUND', rule: 'R-ESC-01' });
    });

    it('R-ESC-01: a complaint of the customer service office taken straight to the central secretariat skips a level', async () => {
      const { complaintId } = await registerComplaint();
      await expectRefused(app.db, ktReception.post('/api/v1/escalations', escalation({ caseType: 'complaint', caseId: complaintId })), 422, { code: 'ESCALATION.LEVEL_SKIPPED', rule: 'R-ESC-01', errors: [{ field: 'about' }] });
    });

    it('R-CPL-04: a designation by a supervisor who is not the unit’s designating supervisor', async () => {
      const { complaintId } = await registerComplaint();
      const id = ok(await rikReception.post('/api/v1/escalations', escalation({ caseType: 'complaint', caseId: complaintId })), 201).body.escalationId;
      await expectRefused(app.db, eastDirector.post(`/api/v1/escalations/${id}/designation`, { clerkId: 'clerk-rik-toth' }), 403, { code: 'ESCALATION.NOT_DESIGNATING_SUPERVISOR', rule: 'R-CPL-04' });
      await expectRefused(app.db, rikClerk.post(`/api/v1/escalations/${id}/designation`, { clerkId: 'clerk-rik-toth' }), 403, { code: 'AUTH.ROLE_NOT_ALLOWED' });
    });

    it('R-ESC-01: an escalation registered by a clerk of a customer service office', async () => {
      const { complaintId } = await registerComplaint();
      await expectRefused(app.db, reception.post('/api/v1/escalations', escalation({ caseType: 'complaint', caseId: complaintId })), 422, { code: 'ESCALATION.NOT_A_SECRETARIAT', rule: 'R-ESC-01' });
    });

    it('R-ESC-01: an unknown case type', async () => {
      await expectRefused(app.db, rikReception.post('/api/v1/escalations', escalation({ caseType: 'contract', caseId: randomUUID() })), 400, { code: 'REQUEST.VALIDATION_FAILED', errors: [{ field: 'about.caseType' }] });
    });
  });
});
