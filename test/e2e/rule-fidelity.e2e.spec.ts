import { complaintRegistration, eventually, expectRefused, ok, streamEvents } from '../support/e2e-helpers.js';
import { startTestApp, type Client } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';

/** The rules an outside reading over HTTP found not holding (issue 11), each proved on PostgreSQL. */

const PURPOSE = { 'x-access-purpose': 'rule fidelity check' };

const escalation = (about: { caseType: string; caseId: string }, overrides: Record<string, unknown> = {}) => ({
  receivedAt: '2026-03-02T08:30:00.000Z',
  channel: 'letter',
  complainant: { name: 'Kovács Éva', address: '1111 Budapest, Fő utca 1.', customerNumber: 'U-1001' },
  description: 'The customer service office did not examine my bill objection properly.',
  documents: ['copy of the objection'],
  about,
  ...overrides,
});

describe('rule fidelity over HTTP (PostgreSQL)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let reception: Client;
  let rikReception: Client;
  let ktReception: Client;

  beforeAll(async () => {
    app = await startTestApp('postgres', { clock: new TestClock('2026-03-02T09:00:00.000Z') });
    reception = await app.as('clerk', 'cso-budapest', 'clerk-reception');
    rikReception = await app.as('clerk', 'rd-central', 'clerk-rik-reception');
    ktReception = await app.as('clerk', 'central-secretariat', 'clerk-kt-reception');
  });
  afterAll(() => app.close());

  const registerComplaint = async (overrides: Record<string, unknown> = {}) => ok(await reception.post('/api/v1/complaints', complaintRegistration(overrides)), 201).body as { complaintId: string; registerEntry: string };

  it('R-CHN-04: both secretariats take a written complaint by fax as by letter', async () => {
    const { complaintId } = await registerComplaint();
    const regional = ok(await rikReception.post('/api/v1/escalations', escalation({ caseType: 'complaint', caseId: complaintId }, { channel: 'fax' })), 201);
    expect(regional.body).toMatchObject({ level: 'regional_secretariat' });
    const central = ok(await ktReception.post('/api/v1/escalations', escalation({ caseType: 'escalation', caseId: regional.body.escalationId }, { channel: 'fax' })), 201);
    expect(central.body).toMatchObject({ level: 'central_secretariat' });
    const view = await eventually(() => ktReception.get(`/api/v1/escalations/${central.body.escalationId}`, PURPOSE), (r) => r.status === 200);
    expect(view.body.registration).toMatchObject({ channel: 'fax' });
    // A web form is no written channel of a secretariat.
    await expectRefused(app.db, rikReception.post('/api/v1/escalations', escalation({ caseType: 'complaint', caseId: complaintId }, { channel: 'web_form' })), 422, { code: 'ESCALATION.CHANNEL_NOT_ACCEPTED', rule: 'R-ESC-01' });
  });

  it('R-DL-02: the deadline register lists every open duty by default, overdue first, then by due day; withinDays narrows it', async () => {
    const debrecen = await app.as('clerk', 'cso-debrecen', 'clerk-debrecen');
    const register = async (receivedAt: string) => ok(await debrecen.post('/api/v1/complaints', complaintRegistration({ receivedAt })), 201).body.complaintId as string;
    const later = await register('2026-03-02T08:00:00.000Z');
    const overdue = await register('2026-02-02T08:00:00.000Z');
    const all = await eventually(() => debrecen.get('/api/v1/deadlines?unit=cso-debrecen'), (r) => r.status === 200 && r.body.items.length === 2);
    expect(all.body.items.map((c: any) => [c.caseId, c.nextDueDate, c.overdue])).toEqual([
      [`complaint-${overdue}`, '2026-02-17', true],
      [`complaint-${later}`, '2026-03-17', false],
    ]);
    const soon = ok(await debrecen.get('/api/v1/deadlines?unit=cso-debrecen&withinDays=5'));
    expect(soon.body.items.map((c: any) => c.caseId)).toEqual([`complaint-${overdue}`]);
    const dueSoon = ok(await debrecen.get('/api/v1/deadlines?unit=cso-debrecen&status=due_soon&withinDays=20'));
    expect(dueSoon.body.items.map((c: any) => c.caseId)).toEqual([`complaint-${later}`]);
  });

  it('R-LAW-06: a repeat links only to an earlier-received complaint of the same customer, never the other way round', async () => {
    const leader = await app.as('supervisor', 'cso-budapest', 'group-leader');
    const original = await registerComplaint({ receivedAt: '2026-03-01T10:00:00.000Z' });
    const repeat = await registerComplaint({ receivedAt: '2026-03-02T08:30:00.000Z' });
    const stranger = await registerComplaint({ receivedAt: '2026-02-27T10:00:00.000Z', complainant: { name: 'Nagy Péter', address: '1111 Budapest, Fő utca 9.', customerNumber: 'U-7007' } });
    await expectRefused(app.db, leader.post(`/api/v1/complaints/${original.complaintId}/closing-as-repeated`, { earlierComplaintId: repeat.complaintId, reason: 'same objection' }), 422, {
      code: 'COMPLAINT.EARLIER_NOT_EARLIER',
      rule: 'R-LAW-06',
      errors: [{ field: 'earlierComplaintId' }],
    });
    await expectRefused(app.db, leader.post(`/api/v1/complaints/${repeat.complaintId}/closing-as-repeated`, { earlierComplaintId: stranger.complaintId, reason: 'same objection' }), 422, { code: 'COMPLAINT.REPEAT_OF_ANOTHER_CUSTOMER', rule: 'R-LAW-06' });
    ok(await leader.post(`/api/v1/complaints/${repeat.complaintId}/closing-as-repeated`, { earlierComplaintId: original.complaintId, reason: `same objection as ${original.registerEntry}` }));
    // The original keeps its reply duty: it cannot now be closed as a repeat of its own repeat.
    await expectRefused(app.db, leader.post(`/api/v1/complaints/${original.complaintId}/closing-as-repeated`, { earlierComplaintId: repeat.complaintId, reason: 'same' }), 422, { rule: 'R-LAW-06' });
    const view = await eventually(() => reception.get(`/api/v1/complaints/${original.complaintId}`, PURPOSE), (r) => r.status === 200);
    expect(view.body).toMatchObject({ status: 'open', openDuties: expect.arrayContaining([expect.objectContaining({ kind: 'written_reply' })]) });
  });

  it('R-LAW-11: the appointment deadline runs from the day the customer asked; a booking typed in late shows the breach', async () => {
    // A letter of Monday 16 February asking for an instalment agreement, booked on 2 March.
    const { complaintId } = await registerComplaint({ receivedAt: '2026-02-16T09:00:00.000Z', requestedMatters: ['instalment_agreement'], bookAppointment: true });
    const booked = await eventually(() => reception.get(`/api/v1/complaints/${complaintId}`, PURPOSE), (r) => r.status === 200);
    expect(booked.body.openDuties).toContainEqual({ dutyId: 'personal-appointment', kind: 'personal_appointment', dueDate: '2026-02-23', rule: 'R-LAW-11' });
    const register = await eventually(() => reception.get('/api/v1/deadlines?unit=cso-budapest&status=overdue&limit=500'), (r) => r.status === 200 && r.body.items.some((c: any) => c.caseId === `complaint-${complaintId}`));
    expect(register.body.items.find((c: any) => c.caseId === `complaint-${complaintId}`).duties).toContainEqual(expect.objectContaining({ kind: 'personal_appointment', dueDate: '2026-02-23' }));
    const offered = ok(await reception.post(`/api/v1/complaints/${complaintId}/appointments`, { appointmentAt: '2026-03-04T10:00:00.000Z' }));
    expect(offered.body.recorded).toEqual(['AppointmentOffered', 'DutyDischarged']);
    const view = await eventually(() => reception.get(`/api/v1/complaints/${complaintId}`, PURPOSE), (r) => r.status === 200 && r.body.steps.some((s: any) => s.type === 'AppointmentOffered'));
    expect(view.body.steps.find((s: any) => s.type === 'AppointmentOffered').data).toEqual({ appointmentAt: '2026-03-04T10:00:00.000Z', offeredOn: '2026-03-02', late: true });
    // Asked for before the complaint arrived: refused, naming the field and the earlier fact.
    await expectRefused(app.db, reception.post('/api/v1/complaints', complaintRegistration({ requestedMatters: ['instalment_agreement'], bookAppointment: true, appointmentRequestedAt: '2026-03-01T09:00:00.000Z' })), 422, {
      code: 'COMPLAINT.BEFORE_EARLIER_FACT',
      errors: [{ field: 'appointmentRequestedAt' }],
      earlierFact: 'ComplaintRegistered.receivedAt',
    });
  });

  it('R-LAW-04: an escalation made in person goes on record as an oral complaint does, and its copy goes with the reply', async () => {
    const { complaintId } = await registerComplaint();
    await expectRefused(app.db, rikReception.post('/api/v1/escalations', escalation({ caseType: 'complaint', caseId: complaintId }, { channel: 'in_person' })), 422, { code: 'ESCALATION.RECORD_PLACE_MISSING', rule: 'R-LAW-04', errors: [{ field: 'recordPlace' }] });
    const registered = ok(
      await rikReception.post('/api/v1/escalations', escalation({ caseType: 'complaint', caseId: complaintId }, { channel: 'in_person', recordPlace: 'Regional secretariat, room 12', customerSignedRecord: true, positionIfExamined: null })),
      201,
    );
    const id = registered.body.escalationId as string;
    const view = await eventually(() => rikReception.get(`/api/v1/escalations/${id}`, PURPOSE), (r) => r.status === 200);
    expect(view.body.record).toMatchObject({ place: 'Regional secretariat, room 12', recordedBy: 'clerk-rik-reception', customerSignature: 'signed', copy: 'with_reply', drawnUpAt: '2026-03-02T09:00:00.000Z' });
    expect(view.body.registration).toMatchObject({ channel: 'in_person', receivedAt: '2026-03-02T08:30:00.000Z', complainant: { name: 'Kovács Éva', address: '1111 Budapest, Fő utca 1.' }, documents: ['copy of the objection'] });
    const director = await app.as('supervisor', 'rd-central', 'regional-director');
    const clerk = await app.as('clerk', 'rd-central', 'clerk-rik-toth');
    ok(await director.post(`/api/v1/escalations/${id}/designation`, { clerkId: 'clerk-rik-toth' }));
    ok(await clerk.post(`/api/v1/escalations/${id}/takeover`, {}));
    ok(await clerk.post(`/api/v1/escalations/${id}/steps`, { step: 'records_checked', description: 'read the office file' }));
    ok(await clerk.post(`/api/v1/escalations/${id}/finding`, { finding: 'justified', reasoning: 'The office was late.' }));
    const reply = { channel: 'letter', sentAt: '2026-03-02T08:59:00.000Z', summary: 'Justified.', reasons: 'The office was late.' };
    await expectRefused(app.db, clerk.post(`/api/v1/escalations/${id}/reply`, reply), 422, { code: 'ESCALATION.RECORD_COPY_MISSING', rule: 'R-LAW-04', errors: [{ field: 'recordCopyEnclosed' }] });
    ok(await clerk.post(`/api/v1/escalations/${id}/reply`, { ...reply, recordCopyEnclosed: true }));
  });

  it('R-LAW-09: GET /policies states each version’s effective date and source, and each period’s value, effective date, legal source and rule', async () => {
    const auditor = await app.as('auditor', null, 'auditor-1');
    const policies = ok(await auditor.get('/api/v1/policies'));
    expect(policies.body.inForceToday).toBe('hu-2026');
    expect(policies.body.versions.map((v: any) => [v.id, v.effectiveFrom, v.appliesToCasesReceivedUntil])).toEqual([
      ['alfa-nova-2013', '2013-01-01', '2025-12-31'],
      ['hu-2026', '2026-01-01', null],
    ]);
    const today = policies.body.versions[1];
    expect(today.source).toMatchObject({ citation: expect.stringContaining('Fgytv. 17/A-17/B') });
    const period = (path: string) => today.periods.find((p: any) => p.path === path);
    expect(period('complaint.replyLimit')).toEqual({ path: 'complaint.replyLimit', duration: { amount: 15, unit: 'calendar_days' }, description: '15 calendar days', effectiveFrom: '2026-01-01', source: { citation: 'Fgytv. 17/B(5)', title: expect.any(String) }, rule: 'R-LAW-01' });
    expect(period('retention.accounting_document')).toMatchObject({ duration: { amount: 8, unit: 'years' }, effectiveFrom: '2013-01-01', source: { citation: 'Szt. 169(2)' }, rule: 'R-LAW-09' });
    expect(period('complaint.personalAppointment')).toMatchObject({ duration: { amount: 5, unit: 'working_days' }, source: { citation: 'Fgytv. 17/B(2)' }, rule: 'R-LAW-11' });
    for (const version of policies.body.versions) for (const p of version.periods) expect(p).toMatchObject({ effectiveFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), source: { citation: expect.any(String), title: expect.any(String) }, rule: expect.stringMatching(/^R-/) });
  });

  it('R-ESC-02: the complaint taken to a body shows its open and closed referrals, the legal hold and the outcome, linked both ways', async () => {
    const { complaintId, registerEntry } = await registerComplaint();
    const referral = (bodyId: string) => ({ about: { caseType: 'complaint', caseId: complaintId }, bodyId, initiatedBy: 'customer', referredOn: '2026-03-02', customerName: 'Kovács Éva', subject: 'The bill objection was rejected' });
    const authority = ok(await reception.post('/api/v1/referrals', referral('bfkh-fogyasztovedelem')), 201).body.referralId as string;
    const regulator = ok(await reception.post('/api/v1/referrals', referral('mekh')), 201).body.referralId as string;
    ok(await reception.post(`/api/v1/referrals/${authority}/outcome`, { decidedOn: '2026-03-02', outcome: 'rejected', summary: 'The billing was lawful', appealPending: false }));
    const view = await eventually(
      () => reception.get(`/api/v1/complaints/${complaintId}`, PURPOSE),
      (r) => r.status === 200 && r.body.referrals.length === 2 && r.body.referrals.some((x: any) => x.status === 'closed'),
    );
    expect(view.body.referrals).toEqual([
      {
        referral: expect.objectContaining({ referralId: authority, referralStreamId: `referral-${authority}`, body: { id: 'bfkh-fogyasztovedelem', kind: 'consumer_protection_authority', name: expect.any(String) }, referredOn: '2026-03-02', holdId: `hold-referral-${authority}` }),
        status: 'closed',
        outcome: { referralId: authority, outcome: 'rejected', decidedOn: '2026-03-02', appealPending: false },
        closedOn: '2026-03-02',
        holdId: null,
      },
      { referral: expect.objectContaining({ referralId: regulator, body: expect.objectContaining({ kind: 'energy_regulator' }) }), status: 'open', outcome: null, closedOn: null, holdId: `hold-referral-${regulator}` },
    ]);
    // The other way: the referral names the complaint.
    const referralView = await eventually(() => reception.get(`/api/v1/referrals/${regulator}`, PURPOSE), (r) => r.status === 200);
    expect(referralView.body.registration.about).toMatchObject({ caseType: 'complaint', caseId: complaintId, registerEntry });
    // On the complaint's own stream, as facts of the case.
    const stream = await streamEvents(app.db, `complaint-${complaintId}`);
    expect(stream.map((e) => e.type).filter((t) => t.startsWith('CaseReferr'))).toEqual(['CaseReferred', 'CaseReferred', 'CaseReferralOutcomeNoted', 'CaseReferralClosed']);
  });

  it('R-LAW-10: a phone complaint references its call recording; a copy request is a free 30-day duty, discharged when handed over', async () => {
    const { complaintId } = await registerComplaint({ channel: 'phone', recordPlace: 'call centre', callRecordingId: 'TEL-2026-000777' });
    const requested = ok(await reception.post(`/api/v1/complaints/${complaintId}/recording-copies`, { callRecordingId: 'TEL-2026-000777', requestedAt: '2026-03-02T08:45:00.000Z', channel: 'letter' }));
    expect(requested.body.recorded).toEqual(['CallRecordingCopyRequested', 'DutyOpened']);
    const view = await eventually(() => reception.get(`/api/v1/complaints/${complaintId}`, PURPOSE), (r) => r.status === 200 && r.body.steps.some((s: any) => s.type === 'CallRecordingCopyRequested'));
    const request = view.body.steps.find((s: any) => s.type === 'CallRecordingCopyRequested').data;
    expect(request).toMatchObject({ callRecordingId: 'TEL-2026-000777', dueDate: '2026-04-01', free: true });
    expect(view.body.steps.find((s: any) => s.type === 'CallRecordingReferenced').data).toMatchObject({ callRecordingId: 'TEL-2026-000777', calledAt: '2026-03-02T08:30:00.000Z', call: 'complaint' });
    expect(view.body.openDuties).toContainEqual({ dutyId: `recording-copy-${request.requestId}`, kind: 'recording_copy', dueDate: '2026-04-01', rule: 'R-LAW-10' });
    await expectRefused(app.db, reception.post(`/api/v1/complaints/${complaintId}/recording-copies/${request.requestId}/handover`, { handedOverAt: '2026-03-02T08:55:00.000Z', channel: 'email', feeHuf: 3000 }), 422, { code: 'COMPLAINT.RECORDING_COPY_NOT_FREE', rule: 'R-LAW-10' });
    const handed = ok(await reception.post(`/api/v1/complaints/${complaintId}/recording-copies/${request.requestId}/handover`, { handedOverAt: '2026-03-02T08:55:00.000Z', channel: 'email' }));
    expect(handed.body.recorded).toEqual(['CallRecordingCopyHandedOver', 'DutyDischarged']);
    await eventually(() => reception.get(`/api/v1/complaints/${complaintId}`, PURPOSE), (r) => r.status === 200 && !r.body.openDuties.some((d: any) => d.kind === 'recording_copy'));
  });

  it('R-LAW-01: business time keeps its order: a reply dated before the receipt, or a worksheet back before it went out, is refused naming the field and the earlier fact, and nothing is stored', async () => {
    const { complaintId } = await registerComplaint({ receivedAt: '2026-03-02T08:00:00.000Z' });
    const leader = await app.as('supervisor', 'cso-budapest', 'group-leader');
    const kiss = await app.as('clerk', 'cso-budapest', 'clerk-kiss');
    ok(await leader.post(`/api/v1/complaints/${complaintId}/designation`, { clerkId: 'clerk-kiss' }));
    ok(await kiss.post(`/api/v1/complaints/${complaintId}/takeover`, {}));
    ok(await kiss.post(`/api/v1/complaints/${complaintId}/records-checks`, { records: 'billing history', findings: 'readings right' }));
    ok(await kiss.post(`/api/v1/complaints/${complaintId}/finding`, { finding: 'unjustified', reasoning: 'The bill matches the readings.' }));
    await expectRefused(app.db, kiss.post(`/api/v1/complaints/${complaintId}/reply`, { channel: 'letter', sentAt: '2026-02-09T08:00:00.000Z', summary: 'Unjustified.', reasons: 'Readings right.', residenceCounty: 'budapest' }), 422, {
      code: 'COMPLAINT.BEFORE_EARLIER_FACT',
      errors: [{ field: 'sentAt' }],
      earlierFact: 'ComplaintRegistered.receivedAt',
      earlierAt: '2026-03-02T08:00:00.000Z',
    });

    const dispatcher = await app.as('dispatcher', 'dispatch-central', 'dispatcher-1');
    const report = {
      reportedAt: '2026-03-02T08:10:00.000Z',
      channel: 'phone',
      kind: 'provider_system_failure',
      reporter: { name: 'Nagy Péter', address: '1118 Budapest, Villányi út 5.', phone: '+36 30 123 4567' },
      description: 'No heating',
      reporterAtHome: 'all day',
      expectedRepair: { date: '2026-03-02', method: 'crew' },
      priority: 'urgent',
      maintenanceContract: false,
    };
    const faultId = ok(await dispatcher.post('/api/v1/fault-reports', report), 201).body.faultReportId as string;
    ok(await dispatcher.post(`/api/v1/fault-reports/${faultId}/worksheets`, { worksheetNumber: 'W-1', crew: 'crew 1', scope: 'repair' }));
    await expectRefused(app.db, dispatcher.post(`/api/v1/fault-reports/${faultId}/worksheets/W-1/return`, { returnedAt: '2026-03-02T08:30:00.000Z', outcome: 'repaired', workDone: 'fixed' }), 422, {
      code: 'FAULT.BEFORE_EARLIER_FACT',
      errors: [{ field: 'returnedAt' }],
      earlierFact: 'WorksheetIssued.issuedAt',
    });
  });
});
