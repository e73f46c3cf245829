import { faultReportEventSchemas } from '../../../../src/domain/dispatch/fault-report.events.js';
import { registerStreamId } from '../../../../src/domain/organisation/organisation.js';
import { ComplaintScenario } from '../../../support/complaint-scenario.js';
import { faultReport, faultReportScenario, reporter, siteInspectionRequest } from '../../../support/dispatch-scenario.js';
import { complaintFacts, csoClerk, CSO_BUDAPEST, dispatcher, actor } from '../../../support/escalation-scenario.js';

const dutiesOpened = (events: readonly { type: string; data: unknown }[]) =>
  events.filter((e) => e.type === 'DutyOpened').map((e) => {
    const d = e.data as { kind: string; dueDate: string; rule: string; owner: string };
    return [d.kind, d.dueDate, d.rule, d.owner];
  });

const issue = (worksheetNumber = 'MW-0412', scope: 'repair' | 'damage_prevention' | 'site_inspection' = 'repair', paidOrderReference: string | null = null) =>
  ({ type: 'IssueWorksheet', data: { worksheetNumber, crew: 'crew 2 (Horváth)', scope, paidOrderReference } }) as const;
const repair = (outcome: 'repaired' | 'damage_prevented' | 'inspected' | 'no_fault_found' | 'no_access', worksheetNumber = 'MW-0412', paidOrderReference: string | null = null) =>
  ({ type: 'RecordRepair', data: { worksheetNumber, returnedAt: '2026-03-02T09:02:00.000Z', outcome, workDone: 'replaced the circulation pump seal', paidOrderReference } }) as const;

describe('fault report decider', () => {
  describe('taking the report', () => {
    it('R-DSP-01: a dispatcher takes reports 24 hours a day, in person or by phone', () => {
      // 03:30 on a Sunday in Budapest: no business hours apply.
      for (const channel of ['phone', 'in_person'] as const) {
        const s = faultReportScenario('2026-03-01T02:40:00.000Z');
        const [registered] = s.run(faultReport({ channel, reportedAt: '2026-03-01T02:30:00.000Z', expectedRepair: { date: '2026-03-01', timeOfDay: null, method: 'emergency crew' } }));
        expect(registered).toMatchObject({ type: 'FaultReportRegistered', data: { channel, reportedOn: '2026-03-01', takenBy: 'dispatcher-szabo' } });
      }
    });

    it('R-DSP-01: a report by e-mail, letter, fax or web form is refused, and nothing is stored', () => {
      const s = faultReportScenario();
      for (const channel of ['email', 'letter', 'fax', 'web_form'] as const) {
        expect(s.refuse(faultReport({ channel }))).toMatchObject({ code: 'FAULT.CHANNEL_NOT_ACCEPTED', rule: 'R-DSP-01', kind: 'rule', details: { field: 'channel', accepted: ['in_person', 'phone'] } });
      }
      expect(s.events).toEqual([]);
    });

    it('R-DSP-01: the four kinds are taken, only by a dispatcher of the dispatcher service', () => {
      for (const kind of ['provider_system_failure', 'customer_system_failure', 'service_quality_complaint', 'billing_meter_failure'] as const) {
        const s = faultReportScenario();
        expect(s.run(faultReport({ kind }))[0]).toMatchObject({ data: { kind } });
      }
      const s = faultReportScenario();
      expect(s.refuse(faultReport({ kind: 'heating_bill' as never }))).toMatchObject({ code: 'FAULT.KIND_NOT_ACCEPTED', rule: 'R-DSP-01' });
      expect(s.refuse(faultReport(), csoClerk)).toMatchObject({ code: 'FAULT.NOT_A_DISPATCHER', rule: 'R-DSP-01', kind: 'forbidden' });
      expect(s.refuse(faultReport(), actor('dispatcher-x', 'dispatcher', 'cso-budapest'))).toMatchObject({ code: 'FAULT.NOT_A_DISPATCHER' });
      expect(s.refuse(faultReport({ dispatcherUnit: CSO_BUDAPEST }))).toMatchObject({ code: 'FAULT.NOT_A_DISPATCHER_SERVICE', rule: 'R-DSP-01' });
    });

    it('R-DSP-02: the log entry holds every field: sequence number, time, reporter, description, at home, dispatcher, expected repair, worksheet number, kind, maintenance contract, other information', () => {
      const s = faultReportScenario();
      s.registers.set(registerStreamId('dispatcher_log', 'dispatch-central', 2026), 11);
      const decided = s.run(faultReport({ otherInformation: 'gate code 1234' }));
      expect(decided[0]).toEqual({
        type: 'FaultReportRegistered',
        data: {
          faultReportId: 'f-1',
          origin: 'customer_report',
          logEntry: { register: 'dispatcher_log', unitId: 'dispatch-central', year: 2026, number: 12, entry: 'DSP/2026/12' },
          reportedAt: '2026-03-02T08:55:00.000Z',
          reportedOn: '2026-03-02',
          channel: 'phone',
          reporter,
          placeOfUseId: 'POU-12',
          description: 'No heating in the whole staircase since this morning',
          reporterAtHome: 'all day today',
          takenBy: 'dispatcher-szabo',
          dispatcherUnit: 'dispatch-central',
          expectedRepair: { date: '2026-03-02', timeOfDay: '12:00-16:00', method: 'crew checks the substation' },
          worksheetNumber: null,
          kind: 'provider_system_failure',
          maintenanceContract: false,
          otherInformation: 'gate code 1234',
          priority: 'urgent',
          paidOrderNeededForRepair: false,
          linkedComplaint: null,
          policyVersion: 'hu-2026',
        },
      });
      expect(dutiesOpened(decided)).toEqual([['worksheet_issue', '2026-03-02', 'R-DSP-03', 'provider']]);
    });

    it('R-DSP-02: a log entry with a field missing is refused, naming the field', () => {
      const s = faultReportScenario();
      const cases = [
        [{ reporter: { ...reporter, name: ' ' } }, 'reporter.name'],
        [{ reporter: { ...reporter, address: '' } }, 'reporter.address'],
        [{ description: '' }, 'description'],
        [{ reporterAtHome: '  ' }, 'reporterAtHome'],
        [{ expectedRepair: { date: '2026-03-02', timeOfDay: null, method: '' } }, 'expectedRepair.method'],
        [{ maintenanceContract: undefined as never }, 'maintenanceContract'],
      ] as const;
      for (const [overrides, field] of cases) {
        expect(s.refuse(faultReport(overrides))).toMatchObject({ code: 'FAULT.FIELD_MISSING', rule: 'R-DSP-02', details: { field } });
      }
      expect(s.refuse(faultReport({ expectedRepair: { date: '2026-03-01', timeOfDay: null, method: 'x' } }))).toMatchObject({ code: 'FAULT.REPAIR_BEFORE_REPORT' });
      expect(s.refuse(faultReport({ reportedAt: '2026-03-02T10:00:00.000Z' }))).toMatchObject({ code: 'FAULT.TIME_IN_FUTURE' });
    });

    it('R-DSP-02: the reporter’s name, address and when they are at home are personal data, encrypted under the reporter’s key', () => {
      const schema = faultReportEventSchemas.find((e) => e.type === 'FaultReportRegistered')!;
      expect(schema.personal).toEqual([
        { subjectPath: 'reporter.subjectId', fields: expect.arrayContaining(['reporter.name', 'reporter.address', 'reporter.phone', 'reporter.customerNumber', 'description', 'reporterAtHome', 'otherInformation']) },
      ]);
    });

    it('R-DSP-02: sequence numbers run gaplessly per dispatcher log and year; a refused report uses none', () => {
      const s = faultReportScenario();
      s.run(faultReport({ faultReportId: 'f-1' }));
      const second = faultReportScenario();
      second.registers.set(registerStreamId('dispatcher_log', 'dispatch-central', 2026), 1);
      second.refuse(faultReport({ channel: 'email' }));
      expect(second.run(faultReport({ faultReportId: 'f-2' }))[0]).toMatchObject({ data: { logEntry: { number: 2, entry: 'DSP/2026/2' } } });
      expect(s.refuse(faultReport())).toMatchObject({ code: 'FAULT.ALREADY_REGISTERED' });
    });
  });

  describe('priority, worksheets and repairs', () => {
    it('R-DSP-03: the dispatcher sets the priority, and a change is recorded with its reason; open worksheet duties follow a new expected date', () => {
      const s = faultReportScenario();
      s.run(faultReport({ priority: 'normal', expectedRepair: { date: '2026-03-04', timeOfDay: null, method: 'crew visit' } }));
      expect(s.refuse({ type: 'ReprioritiseFaultReport', data: { priority: 'emergency', reason: '', expectedRepair: null } })).toMatchObject({ code: 'FAULT.REASON_MISSING' });
      expect(s.refuse({ type: 'ReprioritiseFaultReport', data: { priority: 'emergency', reason: 'x', expectedRepair: null } }, csoClerk)).toMatchObject({ code: 'FAULT.NOT_A_DISPATCHER', rule: 'R-DSP-03' });
      const decided = s.run({ type: 'ReprioritiseFaultReport', data: { priority: 'emergency', reason: 'water leaking into the flat below', expectedRepair: { date: '2026-03-02', timeOfDay: 'within 2 hours', method: 'emergency crew' } } });
      expect(decided).toEqual([
        { type: 'FaultReportReprioritised', data: { previousPriority: 'normal', priority: 'emergency', reason: 'water leaking into the flat below', expectedRepair: { date: '2026-03-02', timeOfDay: 'within 2 hours', method: 'emergency crew' }, by: 'dispatcher-szabo' } },
        { type: 'DutyRescheduled', data: { dutyId: 'worksheet-issue', previousDueDate: '2026-03-04', dueDate: '2026-03-02', reason: 'water leaking into the flat below', rule: 'R-DSP-03' } },
      ]);
      expect(s.state()).toMatchObject({ priority: 'emergency' });
    });

    it('R-DSP-03: a worksheet is issued to a repair crew with its number, and its return becomes a duty', () => {
      const s = faultReportScenario();
      s.run(faultReport());
      const decided = s.run(issue());
      expect(decided).toEqual([
        { type: 'WorksheetIssued', data: { worksheetNumber: 'MW-0412', crew: 'crew 2 (Horváth)', scope: 'repair', paidOrderReference: null, issuedAt: '2026-03-02T09:00:00.000Z', issuedBy: 'dispatcher-szabo', returnDue: '2026-03-02' } },
        { type: 'DutyDischarged', data: { dutyId: 'worksheet-issue', dischargedOn: '2026-03-02', late: false } },
        { type: 'DutyOpened', data: { dutyId: 'worksheet-return-MW-0412', kind: 'worksheet_return', owner: 'provider', dueDate: '2026-03-02', rule: 'R-DSP-03', description: expect.stringContaining('MW-0412') } },
      ]);
      expect(s.refuse(issue('MW-0413'))).toMatchObject({ code: 'FAULT.WORKSHEET_OUT', rule: 'R-DSP-03' });
      expect(s.refuse(issue(''))).toMatchObject({ code: 'FAULT.WORKSHEET_NUMBER_MISSING' });
    });

    it('R-DSP-03: the repair is recorded when the worksheet returns, late if after its due date, and the report then closes', () => {
      const s = faultReportScenario();
      s.run(faultReport());
      expect(s.refuse({ type: 'CloseFaultReport', data: {} })).toMatchObject({ code: 'FAULT.NO_REPAIR_RECORDED', rule: 'R-DSP-03' });
      s.run(issue());
      expect(s.refuse({ type: 'CloseFaultReport', data: {} })).toMatchObject({ code: 'FAULT.WORKSHEET_OUT' });
      expect(s.refuse(repair('repaired', 'MW-9999'))).toMatchObject({ code: 'FAULT.NO_SUCH_WORKSHEET', kind: 'not_found' });
      s.advanceDays(1);
      const decided = s.run({ ...repair('repaired'), data: { ...repair('repaired').data, returnedAt: '2026-03-03T07:00:00.000Z' } });
      expect(decided).toEqual([
        { type: 'RepairRecorded', data: { worksheetNumber: 'MW-0412', returnedAt: '2026-03-03T07:00:00.000Z', outcome: 'repaired', workDone: 'replaced the circulation pump seal', paidOrderReference: null, paid: false, recordedBy: 'dispatcher-szabo' } },
        { type: 'DutyDischarged', data: { dutyId: 'worksheet-return-MW-0412', dischargedOn: '2026-03-03', late: true } },
      ]);
      expect(s.refuse(repair('repaired'))).toMatchObject({ code: 'FAULT.WORKSHEET_ALREADY_RETURNED' });
      expect(s.refuse(issue('MW-0412'))).toMatchObject({ code: 'FAULT.WORKSHEET_NUMBER_USED' });
      const [closed] = s.run({ type: 'CloseFaultReport', data: {} });
      expect(closed).toEqual({ type: 'FaultReportClosed', data: { outcome: 'repaired', closedOn: '2026-03-03', reason: null, retainUntil: { complaint_record: '2029-03-03', case_document: '2029-03-03' } } });
      expect(s.refuse(issue('MW-0500'))).toMatchObject({ code: 'FAULT.ALREADY_CLOSED' });
    });

    it('R-DSP-03: a paid repair’s worksheet is forwarded to accounting before the report closes', () => {
      const s = faultReportScenario();
      s.run(faultReport({ kind: 'customer_system_failure', maintenanceContract: false }));
      s.run(issue('MW-0412', 'repair', 'ORD-2026-0077'));
      expect(s.refuse({ type: 'ForwardWorksheetToAccounting', data: { worksheetNumber: 'MW-0412' } })).toMatchObject({ code: 'FAULT.WORKSHEET_NOT_RETURNED', rule: 'R-DSP-03' });
      s.run(repair('repaired'));
      expect(s.of('RepairRecorded')[0]!.data).toMatchObject({ paid: true, paidOrderReference: 'ORD-2026-0077' });
      expect(s.refuse({ type: 'CloseFaultReport', data: {} })).toMatchObject({ code: 'FAULT.ACCOUNTING_OUTSTANDING', rule: 'R-DSP-03', details: { worksheets: ['MW-0412'] } });
      expect(s.refuse({ type: 'WithdrawFaultReport', data: { reason: 'customer cancelled' } })).toMatchObject({ code: 'FAULT.ACCOUNTING_OUTSTANDING' });
      expect(s.run({ type: 'ForwardWorksheetToAccounting', data: { worksheetNumber: 'MW-0412' } })).toEqual([
        {
          type: 'WorksheetForwardedToAccounting',
          data: {
            worksheetNumber: 'MW-0412',
            paidOrderReference: 'ORD-2026-0077',
            forwardedAt: '2026-03-02T09:00:00.000Z',
            forwardedBy: 'dispatcher-szabo',
            // R-LAW-09: the accounting document names the billed customer under a key of its own.
            billedCustomer: { subjectId: 'subject-7#accounting_document', name: 'Nagy Péter', address: '1118 Budapest, Villányi út 5. 3/12', customerNumber: 'U-2002' },
          },
        },
      ]);
      expect(s.refuse({ type: 'ForwardWorksheetToAccounting', data: { worksheetNumber: 'MW-0412' } })).toMatchObject({ code: 'FAULT.ALREADY_FORWARDED' });
      const [closed] = s.run({ type: 'CloseFaultReport', data: {} });
      expect(closed).toMatchObject({ data: { outcome: 'repaired', retainUntil: { accounting_document: '2034-03-02' } } });
    });

    it('R-DSP-03: an unpaid repair’s worksheet does not go to accounting', () => {
      const s = faultReportScenario();
      s.run(faultReport());
      s.run(issue());
      s.run(repair('repaired'));
      expect(s.refuse({ type: 'ForwardWorksheetToAccounting', data: { worksheetNumber: 'MW-0412' } })).toMatchObject({ code: 'FAULT.NOT_A_PAID_REPAIR', rule: 'R-DSP-03' });
    });
  });

  describe('maintenance contracts', () => {
    it('R-DSP-04: a customer system failure without a flat-fee maintenance contract gets damage prevention only; a full repair without a paid order is refused', () => {
      const s = faultReportScenario();
      const [registered] = s.run(faultReport({ kind: 'customer_system_failure', maintenanceContract: false }));
      expect(registered).toMatchObject({ data: { paidOrderNeededForRepair: true } });
      expect(s.refuse(issue('MW-0412', 'repair'))).toMatchObject({ code: 'FAULT.REPAIR_WITHOUT_PAID_ORDER', rule: 'R-DSP-04', details: { field: 'paidOrderReference' } });
      s.run(issue('MW-0412', 'damage_prevention'));
      expect(s.refuse(repair('repaired'))).toMatchObject({ code: 'FAULT.REPAIR_WITHOUT_PAID_ORDER', rule: 'R-DSP-04' });
      s.run(repair('damage_prevented'));
      expect(s.of('RepairRecorded')[0]!.data).toMatchObject({ outcome: 'damage_prevented', paid: false });
      // The customer then orders the repair separately and pays for it.
      s.run(issue('MW-0413', 'repair', 'ORD-2026-0081'));
      s.run(repair('repaired', 'MW-0413'));
      expect(s.of('RepairRecorded')[1]!.data).toMatchObject({ outcome: 'repaired', paid: true, paidOrderReference: 'ORD-2026-0081' });
    });

    it('R-DSP-04: the paid order may also be given when the worksheet comes back', () => {
      const s = faultReportScenario();
      s.run(faultReport({ kind: 'customer_system_failure', maintenanceContract: false }));
      s.run(issue('MW-0412', 'damage_prevention'));
      s.run(repair('repaired', 'MW-0412', 'ORD-2026-0090'));
      expect(s.of('RepairRecorded')[0]!.data).toMatchObject({ outcome: 'repaired', paid: true, paidOrderReference: 'ORD-2026-0090' });
    });

    it('R-DSP-04: with a maintenance contract, or on the provider’s system, a full repair needs no paid order', () => {
      for (const overrides of [{ kind: 'customer_system_failure', maintenanceContract: true }, { kind: 'provider_system_failure', maintenanceContract: false }] as const) {
        const s = faultReportScenario();
        expect(s.run(faultReport(overrides))[0]).toMatchObject({ data: { paidOrderNeededForRepair: false } });
        s.run(issue());
        s.run(repair('repaired'));
        expect(s.of('RepairRecorded')[0]!.data).toMatchObject({ outcome: 'repaired', paid: false });
      }
    });
  });

  describe('site inspections for complaints', () => {
    it('R-CPL-10: a complaint’s site inspection creates a linked dispatcher request with the agreed date', () => {
      const complaint = new ComplaintScenario().registeredAndTakenOver({ kind: 'meter_dispute' });
      complaint.run({ type: 'RequestSiteInspection', data: { agreedDate: '2026-03-05', note: 'customer home after 16:00' } });
      const requested = complaint.of('SiteInspectionRequested')[0]!.data;

      const s = faultReportScenario();
      const decided = s.run(siteInspectionRequest({ agreedDate: requested.agreedDate }), csoClerk);
      expect(decided[0]).toMatchObject({
        type: 'FaultReportRegistered',
        data: {
          origin: 'site_inspection_request',
          logEntry: { register: 'dispatcher_log', unitId: 'dispatch-central', entry: 'DSP/2026/1' },
          channel: null,
          takenBy: 'clerk-kiss',
          expectedRepair: { date: '2026-03-05', timeOfDay: 'after 16:00', method: 'site inspection' },
          priority: 'scheduled',
          worksheetNumber: null,
          linkedComplaint: { streamId: 'complaint-c-1', caseType: 'complaint', caseId: 'c-1', registerEntry: 'BP/2026/7', unitId: 'cso-budapest', statusAtLink: 'open', agreedDate: '2026-03-05' },
        },
      });
      expect(dutiesOpened(decided)).toEqual([['worksheet_issue', '2026-03-05', 'R-CPL-10', 'provider']]);
      expect(s.state()).toMatchObject({ status: 'open', linkedComplaintId: 'c-1' });
      // The dispatcher then works it like any report.
      s.run(issue('MW-0420', 'site_inspection'));
      s.run(repair('inspected', 'MW-0420'));
      expect(s.run({ type: 'CloseFaultReport', data: {} })[0]).toMatchObject({ data: { outcome: 'inspected' } });
    });

    it('R-CPL-10: a dispatcher may also enter the clerk’s request', () => {
      const s = faultReportScenario();
      expect(s.run(siteInspectionRequest(), dispatcher)[0]).toMatchObject({ data: { takenBy: 'dispatcher-szabo', origin: 'site_inspection_request' } });
    });

    it('R-CPL-10: the request needs an open complaint of the clerk’s office and a date not yet past', () => {
      const s = faultReportScenario();
      expect(s.refuse(siteInspectionRequest({ linkedComplaint: { exists: false, streamId: 'complaint-nope' } }), csoClerk)).toMatchObject({ code: 'FAULT.LINKED_COMPLAINT_NOT_FOUND', kind: 'not_found' });
      expect(s.refuse(siteInspectionRequest({ linkedComplaint: complaintFacts({ status: 'closed' }) }), csoClerk)).toMatchObject({ code: 'FAULT.LINKED_COMPLAINT_CLOSED', rule: 'R-CPL-10' });
      expect(s.refuse(siteInspectionRequest(), actor('clerk-debrecen', 'clerk', 'cso-debrecen'))).toMatchObject({ code: 'FAULT.NOT_COMPLAINT_UNIT', rule: 'R-CPL-10' });
      expect(s.refuse(siteInspectionRequest({ agreedDate: '2026-03-01' }), csoClerk)).toMatchObject({ code: 'FAULT.DATE_IN_PAST', rule: 'R-CPL-10' });
      expect(s.refuse(siteInspectionRequest({ linkedComplaint: complaintFacts({ caseType: 'fault_report', status: 'open' }) }), csoClerk)).toMatchObject({ code: 'FAULT.NOT_A_COMPLAINT' });
    });
  });

  describe('withdrawal and escalation', () => {
    it('withdrawal is refused while a crew is out, and otherwise closes the report and its duties', () => {
      const s = faultReportScenario();
      s.run(faultReport());
      s.run(issue());
      expect(s.refuse({ type: 'WithdrawFaultReport', data: { reason: 'heating came back' } })).toMatchObject({ code: 'FAULT.WORKSHEET_OUT' });
      s.run(repair('no_fault_found'));
      const decided = s.run({ type: 'WithdrawFaultReport', data: { reason: 'heating came back' } });
      expect(decided.map((e) => e.type)).toEqual(['FaultReportWithdrawn', 'FaultReportClosed']);
      expect(s.state()).toMatchObject({ status: 'closed', closed: { outcome: 'withdrawn' } });
    });

    it('R-ESC-01: a fault report records that it was escalated, once, even after it closed', () => {
      const s = faultReportScenario();
      const notice = { escalationId: 'e-7', escalationStreamId: 'escalation-e-7', level: 'regional_secretariat' as const, targetUnit: 'rd-central', registerEntry: 'RIK/2026/3', receivedOn: '2026-03-02' };
      expect(s.refuse({ type: 'RecordCaseEscalated', data: notice })).toMatchObject({ code: 'ESCALATION.CASE_NOT_FOUND' });
      s.run(faultReport());
      s.run(issue());
      s.run(repair('repaired'));
      s.run({ type: 'CloseFaultReport', data: {} });
      expect(s.run({ type: 'RecordCaseEscalated', data: notice })).toEqual([{ type: 'CaseEscalated', data: notice }]);
      expect(s.run({ type: 'RecordCaseEscalated', data: notice })).toEqual([]);
      expect(s.state()).toMatchObject({ escalations: ['e-7'] });
    });
  });
});
