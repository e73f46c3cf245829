import { eventually, expectRefused, ok, streamEvents } from '../support/e2e-helpers.js';
import { startTestApp, type Client } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';

const report = (overrides: Record<string, unknown> = {}) => ({
  reportedAt: '2026-03-02T01:55:00.000Z',
  channel: 'phone',
  kind: 'provider_system_failure',
  reporter: { name: 'Nagy Péter', address: '1118 Budapest, Villányi út 5. 3/12', phone: '+36 30 123 4567', customerNumber: 'U-2002' },
  placeOfUseId: 'POU-12',
  description: 'No heating in the whole staircase since midnight',
  reporterAtHome: 'all day today',
  expectedRepair: { date: '2026-03-02', timeOfDay: '12:00-16:00', method: 'crew checks the substation' },
  priority: 'urgent',
  maintenanceContract: false,
  otherInformation: 'gate code 1234',
  ...overrides,
});

const PURPOSE = { 'x-access-purpose': 'dispatching the repair crew' };

describe('fault reports over HTTP (PostgreSQL)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let dispatcher: Client;
  let nightDispatcher: Client;
  let reception: Client;
  let kiss: Client;
  let leader: Client;

  beforeAll(async () => {
    app = await startTestApp('postgres', { clock: new TestClock('2026-03-02T09:00:00.000Z'), projections: { pollIntervalMs: 200 } });
    dispatcher = await app.as('dispatcher', 'dispatch-central', 'dispatcher-szabo');
    nightDispatcher = await app.as('dispatcher', 'dispatch-central', 'dispatcher-night');
    reception = await app.as('clerk', 'cso-budapest', 'clerk-reception');
    kiss = await app.as('clerk', 'cso-budapest', 'clerk-kiss');
    leader = await app.as('supervisor', 'cso-budapest', 'group-leader');
  });
  afterAll(() => app.close());

  const details = (id: string) => dispatcher.get(`/api/v1/fault-reports/${id}`, PURPOSE);
  const detailsWhen = (id: string, until: (body: any) => boolean) => eventually(() => details(id), (r) => r.status === 200 && until(r.body));
  const logWhen = (query: string, until: (items: any[]) => boolean) => eventually(() => dispatcher.get(`/api/v1/dispatcher-log?${query}&limit=500`, PURPOSE), (r) => r.status === 200 && until(r.body.items));

  it('R-DSP-03: a fault report from the night phone call to the returned worksheet: priority, worksheet, repair, closed', async () => {
    const registered = ok(await nightDispatcher.post('/api/v1/fault-reports', report()), 201);
    const id = registered.body.faultReportId as string;
    expect(registered.body).toMatchObject({ logEntry: 'DSP/2026/1', priority: 'urgent', paidOrderNeededForRepair: false, version: 2 });
    expect(registered.headers.get('location')).toBe(`/api/v1/fault-reports/${id}`);
    const [stored] = await streamEvents(app.db, `fault-${id}`);
    expect(stored!.metadata).toMatchObject({ actor: { userId: 'dispatcher-night', role: 'dispatcher', unit: 'dispatch-central' }, channel: 'phone', businessTime: '2026-03-02T01:55:00.000Z' });
    expect(JSON.stringify(stored!.data)).not.toContain('Nagy Péter');

    ok(await dispatcher.post(`/api/v1/fault-reports/${id}/reprioritisation`, { priority: 'emergency', reason: 'water is leaking into the flat below' }));
    const issued = ok(await dispatcher.post(`/api/v1/fault-reports/${id}/worksheets`, { worksheetNumber: 'MLAP-2026-000311', crew: 'crew 3 (Kiss, Tóth)', scope: 'repair' }));
    expect(issued.body).toMatchObject({ recorded: ['WorksheetIssued', 'DutyDischarged', 'DutyOpened'], worksheet: { worksheetNumber: 'MLAP-2026-000311', returnDue: '2026-03-02' } });

    const out = await logWhen('status=worksheet_out', (items) => items.some((e) => e.faultReportId === id));
    expect(out.body.items.find((e: any) => e.faultReportId === id)).toMatchObject({ worksheetNumber: 'MLAP-2026-000311', priority: 'emergency' });
    const register = await eventually(() => dispatcher.get('/api/v1/deadlines?status=open&unit=dispatch-central&limit=500'), (r) => r.body.items.some((c: any) => c.caseId === `fault-${id}` && c.duties.some((d: any) => d.kind === 'worksheet_return')));
    expect(register.body.items.find((c: any) => c.caseId === `fault-${id}`)).toMatchObject({ caseType: 'fault_report', registerEntry: 'DSP/2026/1', unitId: 'dispatch-central', clerkId: 'dispatcher-night', nextDueDate: '2026-03-02', duties: [{ kind: 'worksheet_return', rule: 'R-DSP-03' }] });

    ok(await dispatcher.post(`/api/v1/fault-reports/${id}/worksheets/MLAP-2026-000311/return`, { returnedAt: '2026-03-02T09:01:00.000Z', outcome: 'repaired', workDone: 'replaced the circulation pump valve' }));
    const closed = ok(await dispatcher.post(`/api/v1/fault-reports/${id}/closing`, {}));
    expect(closed.body).toMatchObject({ recorded: ['FaultReportClosed'], status: 'closed' });

    const done = await detailsWhen(id, (d) => d.status === 'closed');
    expect(done.body).toMatchObject({
      priority: 'emergency',
      registration: { reporter: { name: 'Nagy Péter' }, takenBy: 'dispatcher-night', origin: 'customer_report' },
      worksheets: [{ worksheetNumber: 'MLAP-2026-000311', crew: 'crew 3 (Kiss, Tóth)', repair: { outcome: 'repaired', paid: false } }],
      closed: { outcome: 'repaired', closedOn: '2026-03-02' },
      openDuties: [],
    });
    expect(done.body.steps.map((s: any) => s.type)).toEqual(['FaultReportReprioritised', 'WorksheetIssued', 'RepairRecorded', 'FaultReportClosed']);
    const reads = await streamEvents(app.db, `access-fault-${id}`);
    expect(reads.at(-1)).toMatchObject({ type: 'PersonalDataAccessed', data: { view: 'fault_report_details', purpose: 'dispatching the repair crew' }, metadata: { actor: { userId: 'dispatcher-szabo' } } });
  });

  it('R-DSP-02: the dispatcher log has every field of the entry, and filters by date of report, kind, priority and status', async () => {
    const id = ok(await dispatcher.post('/api/v1/fault-reports', report({ kind: 'billing_meter_failure', priority: 'normal', channel: 'in_person', reportedAt: '2026-03-01T10:15:00.000Z', expectedRepair: { date: '2026-03-03', method: 'meter check' } })), 201).body.faultReportId;
    const log = await logWhen('from=2026-03-01&to=2026-03-01&kind=billing_meter_failure&priority=normal&status=awaiting_worksheet', (items) => items.some((e) => e.faultReportId === id));
    expect(log.body.items.map((e: any) => e.faultReportId)).toEqual([id]);
    expect(log.body.items[0]).toEqual({
      faultReportId: id,
      streamId: `fault-${id}`,
      unitId: 'dispatch-central',
      year: 2026,
      number: expect.any(Number),
      entry: expect.stringMatching(/^DSP\/2026\/\d+$/),
      origin: 'customer_report',
      reportedAt: '2026-03-01T10:15:00.000Z',
      reportedOn: '2026-03-01',
      channel: 'in_person',
      reporterName: 'Nagy Péter',
      reporterAddress: '1118 Budapest, Villányi út 5. 3/12',
      reporterPhone: '+36 30 123 4567',
      customerNumber: 'U-2002',
      placeOfUseId: 'POU-12',
      description: 'No heating in the whole staircase since midnight',
      reporterAtHome: 'all day today',
      takenBy: 'dispatcher-szabo',
      expectedRepair: { date: '2026-03-03', timeOfDay: null, method: 'meter check' },
      worksheetNumber: null,
      worksheets: [],
      kind: 'billing_meter_failure',
      maintenanceContract: false,
      paidOrderNeededForRepair: false,
      otherInformation: 'gate code 1234',
      priority: 'normal',
      linkedComplaint: null,
      status: 'awaiting_worksheet',
      outcome: null,
      closedOn: null,
      escalations: [],
    });
    expect((await dispatcher.get('/api/v1/dispatcher-log?from=2026-03-02&kind=billing_meter_failure&limit=500', PURPOSE)).body.items.some((e: any) => e.faultReportId === id)).toBe(false);
    expect((await dispatcher.get('/api/v1/dispatcher-log?status=closed&limit=500', PURPOSE)).body.items.some((e: any) => e.faultReportId === id)).toBe(false);
    const reads = await streamEvents(app.db, `access-fault-${id}`);
    expect(reads.map((r) => r.data.view)).toContain('dispatcher_log');
    const noPurpose = await dispatcher.get('/api/v1/dispatcher-log');
    expect(noPurpose).toMatchObject({ status: 400, body: { code: 'REQUEST.ACCESS_PURPOSE_MISSING' } });
  });

  it('R-DSP-04: a customer system without a maintenance contract is repaired only on a paid order, whose worksheet goes to accounting before closing', async () => {
    const id = ok(await dispatcher.post('/api/v1/fault-reports', report({ kind: 'customer_system_failure', maintenanceContract: false })), 201).body.faultReportId;
    await expectRefused(app.db, dispatcher.post(`/api/v1/fault-reports/${id}/worksheets`, { worksheetNumber: 'MLAP-2026-000400', crew: 'crew 1', scope: 'repair' }), 422, {
      code: 'FAULT.REPAIR_WITHOUT_PAID_ORDER',
      rule: 'R-DSP-04',
      errors: [{ field: 'paidOrderReference' }],
    });
    ok(await dispatcher.post(`/api/v1/fault-reports/${id}/worksheets`, { worksheetNumber: 'MLAP-2026-000400', crew: 'crew 1', scope: 'repair', paidOrderReference: 'RM-2026-0042' }));
    ok(await dispatcher.post(`/api/v1/fault-reports/${id}/worksheets/MLAP-2026-000400/return`, { returnedAt: '2026-03-02T09:01:00.000Z', outcome: 'repaired', workDone: 'radiator valve replaced' }));
    await expectRefused(app.db, dispatcher.post(`/api/v1/fault-reports/${id}/closing`, {}), 422, { code: 'FAULT.ACCOUNTING_OUTSTANDING', rule: 'R-DSP-03' });
    ok(await dispatcher.post(`/api/v1/fault-reports/${id}/worksheets/MLAP-2026-000400/accounting`, {}));
    ok(await dispatcher.post(`/api/v1/fault-reports/${id}/closing`, {}));
    const done = await detailsWhen(id, (d) => d.status === 'closed');
    expect(done.body.worksheets[0]).toMatchObject({ paidOrderReference: 'RM-2026-0042', repair: { paid: true }, forwardedToAccounting: { forwardedBy: 'dispatcher-szabo' } });
    expect(done.body.closed.retainUntil).toHaveProperty('accounting_document');
  });

  it('R-CPL-10: a complaint’s site inspection opens a linked dispatcher request with the agreed date, once even when the request is retried', async () => {
    const complaint = ok(
      await reception.post('/api/v1/complaints', {
        receivedAt: '2026-03-02T08:30:00.000Z', channel: 'letter', kind: 'meter_dispute', anonymous: false, description: 'The heat-cost allocator shows too much', documents: [],
        complainant: { name: 'Kovács Éva', address: '1111 Budapest, Fő utca 1.', customerNumber: 'U-1001' }, placeOfUseId: 'POU-77',
      }),
      201,
    ).body;
    ok(await leader.post(`/api/v1/complaints/${complaint.complaintId}/designation`, { clerkId: 'clerk-kiss' }));
    ok(await kiss.post(`/api/v1/complaints/${complaint.complaintId}/takeover`, {}));
    const key = { 'idempotency-key': 'site-inspection-request-1' };
    const requested = ok(await kiss.post(`/api/v1/complaints/${complaint.complaintId}/site-inspection-requests`, { agreedDate: '2026-03-05', timeOfDay: 'after 16:00', note: 'check the allocators' }, key));
    expect(requested.body).toMatchObject({ recorded: ['SiteInspectionRequested'], siteInspectionRequest: { faultReportId: expect.any(String), logEntry: expect.stringMatching(/^DSP\/2026\/\d+$/) } });
    const faultReportId = requested.body.siteInspectionRequest.faultReportId as string;

    const repeated = ok(await kiss.post(`/api/v1/complaints/${complaint.complaintId}/site-inspection-requests`, { agreedDate: '2026-03-05', timeOfDay: 'after 16:00', note: 'check the allocators' }, key));
    expect(repeated.headers.get('idempotent-replayed')).toBe('true');
    expect(repeated.body.siteInspectionRequest).toEqual(requested.body.siteInspectionRequest);
    const { rows } = await app.db.query<{ n: string }>("SELECT count(*)::text AS n FROM events WHERE event_type = 'FaultReportRegistered' AND data->'linkedComplaint'->>'caseId' = $1", [complaint.complaintId]);
    expect(rows[0]!.n).toBe('1');

    const log = await logWhen(`status=awaiting_worksheet&kind=billing_meter_failure`, (items) => items.some((e) => e.faultReportId === faultReportId));
    expect(log.body.items.find((e: any) => e.faultReportId === faultReportId)).toMatchObject({
      origin: 'site_inspection_request',
      reporterName: 'Kovács Éva',
      reporterAddress: '1111 Budapest, Fő utca 1.',
      takenBy: 'clerk-kiss',
      priority: 'scheduled',
      expectedRepair: { date: '2026-03-05', timeOfDay: 'after 16:00', method: 'site inspection' },
      linkedComplaint: { complaintId: complaint.complaintId, registerEntry: complaint.registerEntry, agreedDate: '2026-03-05' },
    });
    const register = await eventually(() => dispatcher.get('/api/v1/deadlines?status=open&unit=dispatch-central&limit=500'), (r) => r.body.items.some((c: any) => c.caseId === `fault-${faultReportId}`));
    expect(register.body.items.find((c: any) => c.caseId === `fault-${faultReportId}`)).toMatchObject({ nextDueDate: '2026-03-05', duties: [{ kind: 'worksheet_issue', rule: 'R-CPL-10' }] });
  });

  describe('bad input gets a 4xx problem naming the field or rule, and nothing is stored', () => {
    it('R-DSP-01: a report by e-mail', async () => {
      await expectRefused(app.db, dispatcher.post('/api/v1/fault-reports', report({ channel: 'email' })), 422, { code: 'FAULT.CHANNEL_NOT_ACCEPTED', rule: 'R-DSP-01', errors: [{ field: 'channel' }] });
    });

    it('R-DSP-01: a report taken by a clerk of a customer service office', async () => {
      await expectRefused(app.db, reception.post('/api/v1/fault-reports', report()), 403, { code: 'AUTH.ROLE_NOT_ALLOWED' });
    });

    it('R-DSP-02: a report without the reporter’s address, or with a blank field', async () => {
      await expectRefused(app.db, dispatcher.post('/api/v1/fault-reports', report({ reporter: { name: 'Nagy Péter' } })), 400, {
        code: 'REQUEST.VALIDATION_FAILED',
        errors: expect.arrayContaining([expect.objectContaining({ field: 'reporter.address' })]),
      });
      await expectRefused(app.db, dispatcher.post('/api/v1/fault-reports', report({ reporterAtHome: '   ' })), 422, { code: 'FAULT.FIELD_MISSING', rule: 'R-DSP-02', errors: [{ field: 'reporterAtHome' }] });
    });

    it('R-CPL-10: a site inspection for a complaint without the complainant’s address: neither the complaint step nor the dispatcher request is stored', async () => {
      const complaintId = ok(
        await reception.post('/api/v1/complaints', { receivedAt: '2026-03-02T08:30:00.000Z', channel: 'email', kind: 'quality_complaint', anonymous: false, description: 'Lukewarm water', documents: [], complainant: { name: 'Kovács Éva', email: 'eva.kovacs@example.hu' } }),
        201,
      ).body.complaintId;
      ok(await leader.post(`/api/v1/complaints/${complaintId}/designation`, { clerkId: 'clerk-kiss' }));
      ok(await kiss.post(`/api/v1/complaints/${complaintId}/takeover`, {}));
      await expectRefused(app.db, kiss.post(`/api/v1/complaints/${complaintId}/site-inspection-requests`, { agreedDate: '2026-03-05' }), 422, {
        code: 'COMPLAINT.SITE_INSPECTION_WITHOUT_ADDRESS',
        rule: 'R-CPL-10',
        errors: [{ field: 'complainant.address' }],
      });
    });

    it('R-DSP-03: a worksheet by a dispatcher of no dispatcher service', async () => {
      const id = ok(await dispatcher.post('/api/v1/fault-reports', report()), 201).body.faultReportId;
      const stranger = await app.as('dispatcher', 'cso-budapest', 'dispatcher-lost');
      await expectRefused(app.db, stranger.post(`/api/v1/fault-reports/${id}/worksheets`, { worksheetNumber: 'W-1', crew: 'crew 2', scope: 'repair' }), 403, { code: 'FAULT.NOT_A_DISPATCHER', rule: 'R-DSP-03' });
    });
  });
});
