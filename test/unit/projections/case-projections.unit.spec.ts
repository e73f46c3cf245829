import { registerSequence } from '../../../src/application/cases/case-policy.js';
import type { FaultReportCommand } from '../../../src/domain/dispatch/fault-report.commands.js';
import { faultReportRegisterNumbers } from '../../../src/domain/dispatch/fault-report.decider.js';
import { escalationNoticeFor } from '../../../src/domain/escalation/case-escalated.js';
import { complaintCaseFacts, escalationCaseFacts } from '../../../src/domain/escalation/case-facts-readers.js';
import type { EscalationCommand } from '../../../src/domain/escalation/escalation.commands.js';
import { escalationRegisterNumbers } from '../../../src/domain/escalation/escalation.decider.js';
import type { EscalationRegisteredData } from '../../../src/domain/escalation/escalation.events.js';
import { DEFAULT_ORGANISATION_UNITS } from '../../../src/domain/organisation/default-organisation.data.js';
import { Organisation } from '../../../src/domain/organisation/organisation.js';
import type { RegisterNumberRequest } from '../../../src/domain/shared/case-support.js';
import type { ReferralCommand } from '../../../src/domain/referral/referral.commands.js';
import { referralRegisterNumbers } from '../../../src/domain/referral/referral.decider.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { auditTrailProjection } from '../../../src/projections/audit-trail/audit-trail.projection.js';
import { complaintDetailsProjection } from '../../../src/projections/complaint-details/complaint-details.projection.js';
import { deadlineRegisterProjection } from '../../../src/projections/deadline-register/deadline-register.projection.js';
import { dispatcherLogProjection } from '../../../src/projections/dispatcher-log/dispatcher-log.projection.js';
import { escalationDetailsProjection } from '../../../src/projections/escalation-details/escalation-details.projection.js';
import { faultReportDetailsProjection } from '../../../src/projections/fault-report-details/fault-report-details.projection.js';
import { referralDetailsProjection } from '../../../src/projections/referral-details/referral-details.projection.js';
import { registerEntriesProjection } from '../../../src/projections/registers/register-entries.projection.js';
import { ComplaintScenario, handler } from '../../support/complaint-scenario.js';
import { faultReport, faultReportScenario, siteInspectionRequest } from '../../support/dispatch-scenario.js';
import { complaintFacts, CENTRAL, csoClerk, DeciderScenario, dispatcher, escalation, escalationScenario, ktClerk, ktReception, managingDirector, redress, regionalDirector, rikClerk, rikReception } from '../../support/escalation-scenario.js';
import { ProjectedLog } from '../../support/projection-events.js';
import { referral, referralScenario } from '../../support/referral-scenario.js';

const organisation = new Organisation(DEFAULT_ORGANISATION_UNITS);
/** Runs a command as the pipeline does and writes the case's events and its register numbers to the log. */
function through<C extends { type: string; data: unknown }, E extends { type: string; data: unknown }, S>(
  log: ProjectedLog,
  s: DeciderScenario<C, E, S>,
  numbers: (command: C, state: S, now: Date) => readonly RegisterNumberRequest[],
  caseType: string,
  streamId: string,
  command: C,
  actor: Actor,
): void {
  const sequences = numbers(command, s.state(), s.now).map((r) => registerSequence(r, caseType));
  log.append(streamId, s.run(command, actor), actor).allocate(sequences, s.registers, streamId, actor);
}

const issue = (worksheetNumber: string, overrides: Partial<Extract<FaultReportCommand, { type: 'IssueWorksheet' }>['data']> = {}): FaultReportCommand => ({
  type: 'IssueWorksheet',
  data: { worksheetNumber, crew: 'crew 3', scope: 'repair', paidOrderReference: null, ...overrides },
});

describe('dispatcher projections', () => {
  function workedReport(): ProjectedLog {
    const log = new ProjectedLog();
    const s = faultReportScenario();
    const run = (command: FaultReportCommand, actor = dispatcher) => through(log, s, faultReportRegisterNumbers, 'fault_report', 'fault-f-1', command, actor);
    run(faultReport());
    run({ type: 'ReprioritiseFaultReport', data: { priority: 'emergency', reason: 'leak', expectedRepair: null } });
    run(issue('MLAP-1'));
    return log;
  }

  it('R-DSP-02: the dispatcher log line holds every field: number, time, reporter, description, at home, dispatcher, expected repair, worksheet, kind, maintenance contract, other information', () => {
    const entry = workedReport().project(dispatcherLogProjection).get('f-1');
    expect(entry).toEqual({
      faultReportId: 'f-1',
      streamId: 'fault-f-1',
      unitId: 'dispatch-central',
      year: 2026,
      number: 1,
      entry: 'DSP/2026/1',
      origin: 'customer_report',
      reportedAt: '2026-03-02T08:55:00.000Z',
      reportedOn: '2026-03-02',
      channel: 'phone',
      reporterName: 'Nagy Péter',
      reporterAddress: '1118 Budapest, Villányi út 5. 3/12',
      reporterPhone: '+36 30 123 4567',
      customerNumber: 'U-2002',
      placeOfUseId: 'POU-12',
      description: 'No heating in the whole staircase since this morning',
      reporterAtHome: 'all day today',
      takenBy: 'dispatcher-szabo',
      expectedRepair: { date: '2026-03-02', timeOfDay: '12:00-16:00', method: 'crew checks the substation' },
      worksheetNumber: 'MLAP-1',
      worksheets: [expect.objectContaining({ worksheetNumber: 'MLAP-1', crew: 'crew 3', scope: 'repair', returnedAt: null, paid: false })],
      kind: 'provider_system_failure',
      maintenanceContract: false,
      paidOrderNeededForRepair: false,
      otherInformation: null,
      priority: 'emergency',
      linkedComplaint: null,
      status: 'worksheet_out',
      outcome: null,
      closedOn: null,
      escalations: [],
    });
  });

  it('R-DSP-02: an erased reporter reads as null in the log, the rest stays', () => {
    const log = new ProjectedLog();
    const s = faultReportScenario();
    const [registered, ...rest] = s.run(faultReport());
    if (registered?.type !== 'FaultReportRegistered') throw new Error('not registered');
    const erased = { ...registered.data, reporter: { ...registered.data.reporter, name: null, address: null } };
    log.append('fault-f-1', [{ type: registered.type, data: erased }], dispatcher, { erasedFields: ['reporter.name', 'reporter.address'] });
    log.append('fault-f-1', rest, dispatcher);
    expect(log.project(dispatcherLogProjection).get('f-1')).toMatchObject({ reporterName: null, reporterAddress: null, entry: 'DSP/2026/1', kind: 'provider_system_failure' });
    expect(log.project(faultReportDetailsProjection).get('f-1')!.erasedFields).toEqual(['FaultReportRegistered.reporter.name', 'FaultReportRegistered.reporter.address']);
  });

  it('R-DSP-03: the log follows the worksheet out, the repair recorded, the paid worksheet with accounting and the close', () => {
    const log = new ProjectedLog();
    const s = faultReportScenario();
    const run = (command: FaultReportCommand) => through(log, s, faultReportRegisterNumbers, 'fault_report', 'fault-f-1', command, dispatcher);
    run(faultReport({ kind: 'customer_system_failure', maintenanceContract: false }));
    expect(log.project(dispatcherLogProjection).get('f-1')).toMatchObject({ status: 'awaiting_worksheet', paidOrderNeededForRepair: true });
    run(issue('MLAP-2', { paidOrderReference: 'RM-42' }));
    run({ type: 'RecordRepair', data: { worksheetNumber: 'MLAP-2', returnedAt: '2026-03-02T09:02:00.000Z', outcome: 'repaired', workDone: 'valve replaced', paidOrderReference: null } });
    expect(log.project(dispatcherLogProjection).get('f-1')).toMatchObject({ status: 'repair_recorded', outcome: 'repaired', worksheets: [{ returnedAt: '2026-03-02T09:02:00.000Z', paid: true, forwardedToAccountingAt: null }] });
    run({ type: 'ForwardWorksheetToAccounting', data: { worksheetNumber: 'MLAP-2' } });
    run({ type: 'CloseFaultReport', data: {} });
    const entry = log.project(dispatcherLogProjection).get('f-1')!;
    expect(entry).toMatchObject({ status: 'closed', outcome: 'repaired', closedOn: '2026-03-02', worksheets: [{ forwardedToAccountingAt: '2026-03-02T09:00:00.000Z' }] });
    const details = log.project(faultReportDetailsProjection).get('f-1')!;
    expect(details.steps.map((step) => step.type)).toEqual(['WorksheetIssued', 'RepairRecorded', 'WorksheetForwardedToAccounting', 'FaultReportClosed']);
    expect(details.worksheets[0]).toMatchObject({ paidOrderReference: 'RM-42', repair: { outcome: 'repaired', paid: true, recordedBy: 'dispatcher-szabo' }, forwardedToAccounting: { forwardedBy: 'dispatcher-szabo' } });
    expect(details).toMatchObject({ status: 'closed', openDuties: [], closed: { outcome: 'repaired', retainUntil: { accounting_document: expect.any(String) } } });
  });

  it('R-CPL-10: a complaint’s site-inspection request shows in the log with the linked complaint and the agreed date', () => {
    const log = new ProjectedLog();
    through(log, faultReportScenario(), faultReportRegisterNumbers, 'fault_report', 'fault-f-9', siteInspectionRequest(), csoClerk);
    expect(log.project(dispatcherLogProjection).get('f-9')).toMatchObject({
      origin: 'site_inspection_request',
      takenBy: 'clerk-kiss',
      priority: 'scheduled',
      linkedComplaint: { complaintId: 'c-1', registerEntry: 'BP/2026/7', agreedDate: '2026-03-05' },
      expectedRepair: { date: '2026-03-05', method: 'site inspection' },
    });
    expect(log.project(deadlineRegisterProjection).get('fault-f-9')).toMatchObject({ caseType: 'fault_report', registerEntry: 'DSP/2026/1', unitId: 'dispatch-central', clerkId: 'clerk-kiss', nextDueDate: '2026-03-05' });
  });

  it('R-DL-02: the deadline register holds a fault report’s worksheet duties with its unit, log entry and dispatcher', () => {
    const register = workedReport().project(deadlineRegisterProjection).get('fault-f-1')!;
    expect(register).toMatchObject({ caseType: 'fault_report', registerEntry: 'DSP/2026/1', unitId: 'dispatch-central', clerkId: 'dispatcher-szabo', nextDueDate: '2026-03-02' });
    expect(register.duties.map((d) => [d.kind, d.rule])).toEqual([['worksheet_return', 'R-DSP-03']]);
  });
});

describe('escalation projections', () => {
  /** A complaint escalated to the regional secretariat, handled there, then taken on to the central secretariat. */
  function ladder(): ProjectedLog {
    const log = new ProjectedLog();
    const regional = escalationScenario();
    const runRegional = (command: EscalationCommand, actor: Actor) => through(log, regional, escalationRegisterNumbers, 'escalation', 'escalation-e-1', command, actor);
    runRegional(escalation({ about: complaintFacts() }), rikReception);
    runRegional({ type: 'DesignateEscalationClerk', data: { clerkId: rikClerk.userId } }, regionalDirector);
    runRegional({ type: 'TakeOverEscalation', data: {} }, rikClerk);
    runRegional({ type: 'RecordEscalationStep', data: { step: 'records_checked', description: 'office file read' } }, rikClerk);
    runRegional({ type: 'RecordEscalationFinding', data: { finding: 'unjustified', reasoning: 'handled lawfully' } }, rikClerk);
    runRegional({ type: 'SendEscalationReply', data: { channel: 'letter', sentAt: '2026-03-02T08:59:00.000Z', summary: 's', reasons: 'r', redress, recordCopyEnclosed: false } }, rikClerk);
    runRegional({ type: 'CloseEscalation', data: {} }, rikClerk);

    const central = escalationScenario();
    const runCentral = (command: EscalationCommand, actor: Actor) => through(log, central, escalationRegisterNumbers, 'escalation', 'escalation-e-2', command, actor);
    runCentral(escalation({ escalationId: 'e-2', about: escalationCaseFacts('escalation-e-1', regional.state(), organisation), targetUnit: CENTRAL }), ktReception);
    const notice = escalationNoticeFor(central.of('EscalationRegistered')[0]!.data as EscalationRegisteredData);
    runRegional({ type: 'RecordCaseEscalated', data: notice }, ktReception);
    runCentral({ type: 'DesignateEscalationClerk', data: { clerkId: ktClerk.userId } }, managingDirector);
    runCentral({ type: 'TakeOverEscalation', data: {} }, ktClerk);
    return log;
  }

  it('R-ESC-01: each level numbers its own registers gaplessly per year: complaint letters and serial register, incoming letters and clerk’s workbook', () => {
    const entries = [...ladder().project(registerEntriesProjection).values()];
    expect(entries.map((e) => [e.register, e.unitId, e.year, e.number, e.caseStreamId, e.caseType, e.allocatedBy])).toEqual([
      ['complaint_letters_register', 'rd-central', 2026, 1, 'escalation-e-1', 'escalation', 'clerk-rik-reception'],
      ['serial_register', 'rd-central', 2026, 1, 'escalation-e-1', 'escalation', 'clerk-rik-toth'],
      ['incoming_letters_register', 'central-secretariat', 2026, 1, 'escalation-e-2', 'escalation', 'clerk-kt-reception'],
      ['clerks_workbook', 'central-secretariat', 2026, 1, 'escalation-e-2', 'escalation', 'clerk-kt-varga'],
    ]);
  });

  it('R-CPL-03: a register line per number, never two for one number, and the next number follows without a gap', () => {
    const log = new ProjectedLog();
    for (const id of ['e-1', 'e-2', 'e-3']) {
      const s = escalationScenario();
      // Each case's scenario starts its own count; the register stream continues it as the store does.
      s.registers.set('register-complaint_letters_register-rd-central-2026', log.events.filter((e) => e.type === 'RegisterNumberAllocated').length);
      through(log, s, escalationRegisterNumbers, 'escalation', `escalation-${id}`, escalation({ escalationId: id }), rikReception);
    }
    const numbers = [...log.project(registerEntriesProjection).values()].map((e) => [e.number, e.caseStreamId]);
    expect(numbers).toEqual([[1, 'escalation-e-1'], [2, 'escalation-e-2'], [3, 'escalation-e-3']]);
  });

  it('R-ESC-01: the escalation details keep the case it is about, every designation and takeover with its number, and the escalation to the level above', () => {
    const docs = ladder().project(escalationDetailsProjection);
    expect(docs.get('e-1')).toMatchObject({
      streamId: 'escalation-e-1',
      level: 'regional_secretariat',
      registerEntry: { register: 'complaint_letters_register', entry: 'RIK/2026/1' },
      registration: { about: { streamId: 'complaint-c-1', caseType: 'complaint', registerEntry: 'BP/2026/7' }, complainant: { name: 'Kovács Éva' } },
      assignments: [{ clerkId: 'clerk-rik-toth', by: 'regional-director', reason: null }],
      takeovers: [{ clerkId: 'clerk-rik-toth', takenOverOn: '2026-03-02', takeoverEntry: { register: 'serial_register', entry: 'RIK/SOR/2026/1' } }],
      finding: { finding: 'unjustified' },
      reply: { channel: 'letter', late: false },
      status: 'closed',
      closed: { outcome: 'unjustified' },
      escalatedTo: [{ escalationId: 'e-2', level: 'central_secretariat', targetUnit: 'central-secretariat', registerEntry: 'KT/2026/1' }],
      openDuties: [],
    });
    expect(docs.get('e-2')).toMatchObject({
      level: 'central_secretariat',
      designatedClerk: 'clerk-kt-varga',
      handlingClerk: 'clerk-kt-varga',
      takeovers: [{ takeoverEntry: { register: 'clerks_workbook', entry: 'KT/EMF/2026/1' } }],
      registration: { about: { streamId: 'escalation-e-1', caseType: 'escalation', registerEntry: 'RIK/2026/1', unitId: 'rd-central' } },
      openDuties: [{ kind: 'escalation_reply', dueDate: '2026-03-17', rule: 'R-LAW-01' }],
    });
  });

  it('R-DL-02: the deadline register holds an escalation’s reply duty with its secretariat, register entry and designated clerk', () => {
    const register = ladder().project(deadlineRegisterProjection);
    expect(register.get('escalation-e-2')).toMatchObject({ caseType: 'escalation', registerEntry: 'KT/2026/1', unitId: 'central-secretariat', clerkId: 'clerk-kt-varga', nextDueDate: '2026-03-17' });
    expect(register.get('escalation-e-1')).toMatchObject({ registerEntry: 'RIK/2026/1', unitId: 'rd-central', clerkId: 'clerk-rik-toth', nextDueDate: null, duties: [] });
  });

  it('R-ESC-01: the complaint details and the dispatcher log name the escalations of their case (the link back)', () => {
    const complaint = new ComplaintScenario().registeredAndTakenOver();
    const regional = escalationScenario();
    regional.run(escalation({ about: complaintCaseFacts('complaint-c-1', complaint.state(), organisation) }), rikReception);
    const notice = escalationNoticeFor(regional.of('EscalationRegistered')[0]!.data as EscalationRegisteredData);
    complaint.run({ type: 'RecordCaseEscalated', data: notice }, rikReception);
    const log = new ProjectedLog().append('complaint-c-1', complaint.events, handler);
    expect(log.project(complaintDetailsProjection).get('c-1')!.escalations).toEqual([{ escalationId: 'e-1', escalationStreamId: 'escalation-e-1', level: 'regional_secretariat', targetUnit: 'rd-central', registerEntry: 'RIK/2026/1', receivedOn: '2026-03-02' }]);

    const fault = faultReportScenario();
    const faultLog = new ProjectedLog();
    through(faultLog, fault, faultReportRegisterNumbers, 'fault_report', 'fault-f-1', faultReport(), dispatcher);
    through(faultLog, fault, faultReportRegisterNumbers, 'fault_report', 'fault-f-1', { type: 'RecordCaseEscalated', data: notice }, rikReception);
    expect(faultLog.project(dispatcherLogProjection).get('f-1')!.escalations).toEqual(['RIK/2026/1']);
    expect(faultLog.project(faultReportDetailsProjection).get('f-1')!.escalations).toEqual([notice]);
  });

  it('the audit trail has every event of the new case types, the register streams none', () => {
    const trails = ladder().project(auditTrailProjection);
    expect([...trails.keys()]).toEqual(['escalation-e-1', 'escalation-e-2']);
    expect(trails.get('escalation-e-1')!.entries.map((e) => e.type)).toContain('CaseEscalated');
  });
});

describe('referral projections', () => {
  function referred() {
    const log = new ProjectedLog();
    const s = referralScenario();
    const run = (command: ReferralCommand) => through(log, s, referralRegisterNumbers, 'referral', 'referral-r-1', command, csoClerk);
    run(referral());
    run({ type: 'ReceiveBodyRequest', data: { receivedAt: '2026-03-02T08:00:00.000Z', bodyReference: 'BP/FVF/1234-3/2026', request: 'Send the file' } });
    return { log, run, requestId: s.of('BodyRequestReceived')[0]!.data.requestId };
  }

  it('R-ESC-02: the referral details show the body, its handling time, the body’s request and the provider’s 30-day reply duty; the register line is the unit’s own', () => {
    const { log } = referred();
    expect(log.project(referralDetailsProjection).get('r-1')).toMatchObject({
      status: 'open',
      registration: { registerEntry: { register: 'referral_register', entry: 'BP/KSZ/2026/1' }, body: { id: 'bfkh-fogyasztovedelem' }, handling: { expectedDecisionBy: '2026-05-04' }, customer: { name: 'Kovács Éva' } },
      requests: [{ bodyReference: 'BP/FVF/1234-3/2026', request: 'Send the file', replyDue: '2026-04-01', answer: null }],
      openDuties: [
        { kind: 'external_body_decision', owner: 'external_body', dueDate: '2026-05-04', rule: 'R-ESC-02' },
        { kind: 'body_request_reply', owner: 'provider', dueDate: '2026-04-01', rule: 'R-CPL-06' },
      ],
    });
    expect([...log.project(registerEntriesProjection).values()]).toEqual([expect.objectContaining({ register: 'referral_register', unitId: 'cso-budapest', year: 2026, number: 1, caseStreamId: 'referral-r-1', caseType: 'referral' })]);
  });

  it('R-DL-02: the deadline register holds the provider’s reply to the body, not the body’s own handling time', () => {
    expect(referred().log.project(deadlineRegisterProjection).get('referral-r-1')).toMatchObject({ caseType: 'referral', registerEntry: 'BP/KSZ/2026/1', unitId: 'cso-budapest', clerkId: 'clerk-kiss', nextDueDate: '2026-04-01' });
  });

  it('R-RET-02: the legal hold on the case is shown while the proceeding is open, and lifted with the outcome', () => {
    const { log, run, requestId } = referred();
    expect(log.project(referralDetailsProjection).get('r-1')!.legalHold).toEqual({ holdId: 'hold-referral-r-1', caseStreamId: 'complaint-c-1', placedOn: '2026-03-02', reason: expect.stringContaining('Fogyasztóvédelmi'), liftedOn: null, liftReason: null });
    run({ type: 'AnswerBodyRequest', data: { requestId, sentAt: '2026-03-02T08:30:00.000Z', channel: 'letter', summary: 'file sent' } });
    run({ type: 'RecordBodyOutcome', data: { decidedOn: '2026-03-02', outcome: 'rejected', decisionReference: null, summary: 'lawful', appealPending: false } });
    expect(log.project(referralDetailsProjection).get('r-1')).toMatchObject({
      status: 'closed',
      outcome: { outcome: 'rejected', appealPending: false, decidedAfterHandlingTime: false },
      legalHold: { liftedOn: '2026-03-02' },
      requests: [{ answer: { channel: 'letter', late: false } }],
      openDuties: [],
      closed: { closedOn: '2026-03-02' },
    });
  });
});
