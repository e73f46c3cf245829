import { escalationNoticeFor, noteEscalation } from '../../../../src/domain/escalation/case-escalated.js';
import { escalationRegisterNumbers } from '../../../../src/domain/escalation/escalation.decider.js';
import { escalationEventSchemas } from '../../../../src/domain/escalation/escalation.events.js';
import { registerStreamId } from '../../../../src/domain/organisation/organisation.js';
import {
  actor,
  CENTRAL,
  complaintFacts,
  CSO_DEBRECEN,
  csoSupervisor,
  eastDirector,
  escalation,
  escalationScenario,
  faultFacts,
  ktClerk,
  ktReception,
  managingDirector,
  RD_EAST,
  redress,
  regionalDirector,
  regionalEscalationFacts,
  rikClerk,
  rikReception,
  type EscalationScenario,
} from '../../../support/escalation-scenario.js';

const dutiesOpened = (s: EscalationScenario) => s.of('DutyOpened').map((e) => [e.data.kind, e.data.dueDate, e.data.rule]);

/** Registered at the regional secretariat, designated by the regional director and taken over. */
function takenOver(s = escalationScenario()): EscalationScenario {
  s.run(escalation(), rikReception);
  s.run({ type: 'DesignateEscalationClerk', data: { clerkId: rikClerk.userId } }, regionalDirector);
  s.run({ type: 'TakeOverEscalation', data: {} }, rikClerk);
  return s;
}

const centralEscalation = () => escalation({ escalationId: 'e-2', about: regionalEscalationFacts(), targetUnit: CENTRAL });

describe('escalation decider', () => {
  describe('registration on the ladder', () => {
    it('R-ESC-01: a complaint of a customer service office goes to the regional directorate secretariat as its own case, numbered in the register of complaint letters and linked to the complaint', () => {
      const s = escalationScenario();
      const decided = s.run(escalation(), rikReception);
      expect(decided[0]).toMatchObject({
        type: 'EscalationRegistered',
        data: {
          escalationId: 'e-1',
          level: 'regional_secretariat',
          targetUnit: { id: 'rd-central', kind: 'regional_secretariat', code: 'RIK' },
          registerEntry: { register: 'complaint_letters_register', unitId: 'rd-central', year: 2026, number: 1, entry: 'RIK/2026/1' },
          uniqueIdentifier: null,
          receivedOn: '2026-03-02',
          channel: 'letter',
          about: { streamId: 'complaint-c-1', caseType: 'complaint', caseId: 'c-1', registerEntry: 'BP/2026/7', unitId: 'cso-budapest', statusAtLink: 'closed' },
          policyVersion: 'hu-2026',
        },
      });
      expect(s.registers.get(registerStreamId('complaint_letters_register', 'rd-central', 2026))).toBe(1);
    });

    it('R-ESC-01: a fault report of the dispatcher service also goes to the regional directorate secretariat', () => {
      const s = escalationScenario();
      s.run(escalation({ about: faultFacts(), channel: 'email' }), rikReception);
      expect(s.of('EscalationRegistered')[0]!.data).toMatchObject({ about: { caseType: 'fault_report', unitId: 'dispatch-central' }, uniqueIdentifier: 'RIK-2026-000001' });
    });

    it('R-ESC-01: an escalation about the regional directorate goes to the central secretariat, numbered in the incoming letters register', () => {
      const s = escalationScenario();
      s.run(centralEscalation(), ktReception);
      expect(s.of('EscalationRegistered')[0]!.data).toMatchObject({
        level: 'central_secretariat',
        registerEntry: { register: 'incoming_letters_register', unitId: 'central-secretariat', number: 1, entry: 'KT/2026/1' },
        about: { streamId: 'escalation-e-1', caseType: 'escalation', unitId: 'rd-central' },
      });
    });

    it('R-ESC-01: an escalation of a case that does not exist is refused, and nothing is stored', () => {
      const s = escalationScenario();
      expect(s.refuse(escalation({ about: { exists: false, streamId: 'complaint-nope' } }), rikReception)).toMatchObject({ code: 'ESCALATION.CASE_NOT_FOUND', kind: 'not_found', details: { streamId: 'complaint-nope' } });
    });

    it('R-ESC-01: a complaint taken straight to the central secretariat skips a level and is refused', () => {
      const s = escalationScenario();
      expect(s.refuse(escalation({ targetUnit: CENTRAL }), ktReception)).toMatchObject({ code: 'ESCALATION.LEVEL_SKIPPED', rule: 'R-ESC-01', kind: 'rule' });
      expect(s.refuse(escalation({ targetUnit: CENTRAL, about: faultFacts() }), ktReception)).toMatchObject({ code: 'ESCALATION.LEVEL_SKIPPED' });
    });

    it('R-ESC-01: only a case of the level below is accepted', () => {
      const s = escalationScenario();
      // A regional escalation brought to a regional secretariat again.
      expect(s.refuse(escalation({ about: regionalEscalationFacts({ unit: RD_EAST }), targetUnit: RD_EAST }), actor('x', 'clerk', 'rd-east'))).toMatchObject({ code: 'ESCALATION.WRONG_LEVEL', rule: 'R-ESC-01' });
      // A central-secretariat case has no level above it: external bodies follow (R-ESC-02).
      expect(s.refuse(escalation({ about: regionalEscalationFacts({ unit: CENTRAL }), targetUnit: CENTRAL }), ktReception)).toMatchObject({ code: 'ESCALATION.NO_HIGHER_LEVEL', rule: 'R-ESC-01' });
      // A complaint handled by a customer service office cannot be an "escalation" case.
      expect(s.refuse(escalation({ about: complaintFacts({ caseType: 'escalation' }) }), rikReception)).toMatchObject({ code: 'ESCALATION.WRONG_LEVEL' });
      expect(s.refuse(escalation({ targetUnit: { ...CSO_DEBRECEN } }), actor('x', 'clerk', 'cso-debrecen'))).toMatchObject({ code: 'ESCALATION.NOT_A_SECRETARIAT', rule: 'R-ESC-01' });
    });

    it('R-ESC-01: the target must be the unit the case’s unit escalates to', () => {
      const s = escalationScenario();
      // Budapest's office escalates to rd-central, not rd-east.
      expect(s.refuse(escalation({ targetUnit: RD_EAST }), actor('x', 'clerk', 'rd-east'))).toMatchObject({ code: 'ESCALATION.WRONG_TARGET_UNIT', rule: 'R-ESC-01', details: { expected: 'rd-central' } });
      expect(s.refuse(escalation({ about: complaintFacts({ unit: CSO_DEBRECEN }) }), rikReception)).toMatchObject({ code: 'ESCALATION.WRONG_TARGET_UNIT', details: { expected: 'rd-east' } });
    });

    it('R-ESC-01: only the receiving secretariat registers, on the channels it accepts', () => {
      const s = escalationScenario();
      expect(s.refuse(escalation(), actor('x', 'clerk', 'rd-east'))).toMatchObject({ code: 'ESCALATION.NOT_RECEIVING_UNIT', kind: 'forbidden' });
      expect(s.refuse(escalation(), actor('x', 'dispatcher', 'rd-central'))).toMatchObject({ code: 'ESCALATION.NOT_RECEIVING_UNIT' });
      expect(s.refuse(escalation({ channel: 'web_form' }), rikReception)).toMatchObject({ code: 'ESCALATION.CHANNEL_NOT_ACCEPTED', rule: 'R-ESC-01' });
      // 4.5.8: the central secretariat takes letters and phone calls only.
      expect(s.refuse({ ...centralEscalation(), data: { ...centralEscalation().data, channel: 'email' } }, ktReception)).toMatchObject({ code: 'ESCALATION.CHANNEL_NOT_ACCEPTED' });
      expect(s.refuse(escalation({ receivedAt: '2026-03-02T12:00:00.000Z' }), rikReception)).toMatchObject({ code: 'ESCALATION.TIME_IN_FUTURE' });
    });

    it('R-LAW-04: an escalation made in person or by phone goes on record with the content of an oral complaint’s record', () => {
      const s = escalationScenario();
      const record = { recordPlace: 'Regional secretariat, room 12', positionIfExamined: 'The office will be asked for its statement', customerSignedRecord: true, recordCopyHandedOver: false };
      const [registered, drawnUp] = s.run(escalation({ channel: 'in_person', record }), rikReception);
      expect(registered).toMatchObject({ type: 'EscalationRegistered', data: { channel: 'in_person', complainant: { name: 'Kovács Éva', address: '1111 Budapest, Fő utca 1.' }, description: expect.any(String), documents: ['copy of the objection'], receivedAt: '2026-03-02T08:30:00.000Z' } });
      expect(drawnUp).toEqual({
        type: 'EscalationRecordDrawnUp',
        data: { recordId: expect.any(String), drawnUpAt: '2026-03-02T09:00:00.000Z', place: 'Regional secretariat, room 12', recordedBy: 'clerk-rik-reception', positionIfExamined: 'The office will be asked for its statement', customerSignature: 'signed', copy: 'with_reply', uniqueIdentifier: null },
      });
      // By phone the customer does not sign; the phone escalation gets its unique identifier (R-LAW-03) on the record.
      const phone = escalationScenario();
      const [phoned, phoneRecord] = phone.run(escalation({ channel: 'phone', record: { ...record, customerSignedRecord: null, recordCopyHandedOver: true } }), rikReception);
      expect(phoneRecord).toMatchObject({ type: 'EscalationRecordDrawnUp', data: { customerSignature: 'not_applicable', copy: 'handed_over', uniqueIdentifier: (phoned as any).data.uniqueIdentifier } });
      expect((phoned as any).data.uniqueIdentifier).toMatch(/^RIK-2026-/);
      // A written escalation has no record.
      expect(escalationScenario().run(escalation(), rikReception).map((e) => e.type)).not.toContain('EscalationRecordDrawnUp');
    });

    it('R-LAW-04: the record of an oral escalation names its place, and in person whether the customer signed; its copy goes with the reply at the latest', () => {
      const s = escalationScenario();
      expect(s.refuse(escalation({ channel: 'phone' }), rikReception)).toMatchObject({ code: 'ESCALATION.RECORD_PLACE_MISSING', rule: 'R-LAW-04', details: { field: 'recordPlace' } });
      expect(s.refuse(escalation({ channel: 'in_person', record: { recordPlace: 'desk', positionIfExamined: null, customerSignedRecord: null, recordCopyHandedOver: false } }), rikReception)).toMatchObject({ code: 'ESCALATION.RECORD_SIGNATURE_MISSING', rule: 'R-LAW-04' });
      s.run(escalation({ channel: 'phone', record: { recordPlace: 'call centre', positionIfExamined: null, customerSignedRecord: null, recordCopyHandedOver: false } }), rikReception);
      s.run({ type: 'DesignateEscalationClerk', data: { clerkId: rikClerk.userId } }, regionalDirector);
      s.run({ type: 'TakeOverEscalation', data: {} }, rikClerk);
      s.run({ type: 'RecordEscalationStep', data: { step: 'records_checked', description: 'checked' } }, rikClerk);
      s.run({ type: 'RecordEscalationFinding', data: { finding: 'justified', reasoning: 'late' } }, rikClerk);
      const reply = (recordCopyEnclosed: boolean) => ({ type: 'SendEscalationReply' as const, data: { channel: 'letter' as const, sentAt: '2026-03-02T08:59:00.000Z', summary: 'Justified.', reasons: 'The office was late.', redress: null, recordCopyEnclosed } });
      expect(s.refuse(reply(false), rikClerk)).toMatchObject({ code: 'ESCALATION.RECORD_COPY_MISSING', rule: 'R-LAW-04', details: { field: 'recordCopyEnclosed' } });
      expect(s.run(reply(true), rikClerk)[0]).toMatchObject({ type: 'EscalationReplySent', data: { recordCopyEnclosed: true } });
    });

    it('R-CHN-04: fax is a written channel: both secretariats take a written complaint by fax as by letter', () => {
      const regional = escalationScenario();
      expect(regional.run(escalation({ channel: 'fax' }), rikReception)[0]).toMatchObject({ type: 'EscalationRegistered', data: { channel: 'fax', level: 'regional_secretariat' } });
      const central = escalationScenario();
      expect(central.run({ ...centralEscalation(), data: { ...centralEscalation().data, channel: 'fax' } }, ktReception)[0]).toMatchObject({ type: 'EscalationRegistered', data: { channel: 'fax', level: 'central_secretariat' } });
    });

    it('R-ESC-01: the application reserves the incoming register number for the year of receipt, and the takeover number for the current year', () => {
      const s = escalationScenario();
      expect(escalationRegisterNumbers(escalation(), s.state(), s.now)).toEqual([{ streamId: 'register-complaint_letters_register-rd-central-2026', register: 'complaint_letters_register', unitId: 'rd-central', year: 2026 }]);
      expect(escalationRegisterNumbers(centralEscalation(), s.state(), s.now)).toEqual([expect.objectContaining({ register: 'incoming_letters_register', unitId: 'central-secretariat' })]);
      s.run(escalation(), rikReception);
      expect(escalationRegisterNumbers({ type: 'TakeOverEscalation', data: {} }, s.state(), s.now)).toEqual([expect.objectContaining({ register: 'serial_register', unitId: 'rd-central', year: 2026 })]);
      expect(escalationRegisterNumbers({ type: 'DesignateEscalationClerk', data: { clerkId: 'x' } }, s.state(), s.now)).toEqual([]);
    });

    it('R-ESC-01: the complainant’s data are personal, encrypted under the complainant’s key', () => {
      const schema = escalationEventSchemas.find((e) => e.type === 'EscalationRegistered')!;
      expect(schema.personal).toEqual([{ subjectPath: 'complainant.subjectId', fields: expect.arrayContaining(['complainant.name', 'complainant.address', 'description', 'documents']) }]);
      expect(escalationEventSchemas.map((e) => e.type)).toContain('CaseEscalated');
    });
  });

  describe('deadlines', () => {
    it('R-LAW-01: the escalation is answered in writing within 15 days of receipt under today’s law', () => {
      const s = escalationScenario();
      s.run(escalation(), rikReception);
      expect(s.of('EscalationRegistered')[0]!.data.deadlines).toEqual({ replyDue: '2026-03-17', handlingTargetDue: null, replyBasis: '15 calendar days from 2026-03-02 (R-LAW-01)' });
      expect(dutiesOpened(s)).toEqual([['escalation_reply', '2026-03-17', 'R-LAW-01']]);
    });

    it('R-CPL-06: under the 2013 regulation within 30 days, with the 15-day handling target (R-CPL-05)', () => {
      const s = escalationScenario().at('2026-03-02T09:00:00.000Z', 'alfa-nova-2013');
      s.run(escalation(), rikReception);
      expect(dutiesOpened(s)).toEqual([['escalation_reply', '2026-04-01', 'R-CPL-06'], ['handling_target', '2026-03-17', 'R-CPL-05']]);
    });
  });

  describe('designation and takeover', () => {
    it('R-ESC-01: at the regional directorate the regional director designates the clerk; no one else', () => {
      const s = escalationScenario();
      s.run(escalation(), rikReception);
      const designate = { type: 'DesignateEscalationClerk', data: { clerkId: rikClerk.userId } } as const;
      expect(s.refuse(designate, rikReception)).toMatchObject({ code: 'ESCALATION.NOT_DESIGNATING_SUPERVISOR', rule: 'R-CPL-04', kind: 'forbidden' });
      expect(s.refuse(designate, eastDirector)).toMatchObject({ code: 'ESCALATION.NOT_DESIGNATING_SUPERVISOR' });
      expect(s.refuse(designate, csoSupervisor)).toMatchObject({ code: 'ESCALATION.NOT_DESIGNATING_SUPERVISOR' });
      expect(s.refuse(designate, managingDirector)).toMatchObject({ code: 'ESCALATION.NOT_DESIGNATING_SUPERVISOR' });
      expect(s.run(designate, regionalDirector)).toEqual([{ type: 'EscalationClerkDesignated', data: { clerkId: 'clerk-rik-toth', designatedBy: 'regional-director', unit: 'rd-central' } }]);
      expect(s.refuse(designate, regionalDirector)).toMatchObject({ code: 'ESCALATION.CLERK_ALREADY_DESIGNATED' });
    });

    it('R-ESC-01: the clerk takes over in the serial register, under a second gapless number', () => {
      const s = escalationScenario();
      s.run(escalation(), rikReception);
      expect(s.refuse({ type: 'TakeOverEscalation', data: {} }, rikClerk)).toMatchObject({ code: 'ESCALATION.NO_CLERK_DESIGNATED' });
      s.run({ type: 'DesignateEscalationClerk', data: { clerkId: rikClerk.userId } }, regionalDirector);
      expect(s.refuse({ type: 'TakeOverEscalation', data: {} }, rikReception)).toMatchObject({ code: 'ESCALATION.NOT_DESIGNATED_CLERK', rule: 'R-CPL-04' });
      s.registers.set(registerStreamId('serial_register', 'rd-central', 2026), 41);
      expect(s.run({ type: 'TakeOverEscalation', data: {} }, rikClerk)).toEqual([
        { type: 'EscalationTakenOver', data: { clerkId: 'clerk-rik-toth', takenOverOn: '2026-03-02', takeoverEntry: { register: 'serial_register', unitId: 'rd-central', year: 2026, number: 42, entry: 'RIK/SOR/2026/42' } } },
      ]);
      // A repeat would waste a reserved number, so it is refused rather than ignored.
      expect(s.refuse({ type: 'TakeOverEscalation', data: {} }, rikClerk)).toMatchObject({ code: 'ESCALATION.ALREADY_TAKEN_OVER' });
    });

    it('R-ESC-01: at the central secretariat the managing director designates and the clerk takes over in the clerk’s workbook', () => {
      const s = escalationScenario();
      s.run(centralEscalation(), ktReception);
      expect(s.refuse({ type: 'DesignateEscalationClerk', data: { clerkId: ktClerk.userId } }, regionalDirector)).toMatchObject({ code: 'ESCALATION.NOT_DESIGNATING_SUPERVISOR' });
      s.run({ type: 'DesignateEscalationClerk', data: { clerkId: ktClerk.userId } }, managingDirector);
      expect(s.run({ type: 'TakeOverEscalation', data: {} }, ktClerk)[0]).toMatchObject({ data: { takeoverEntry: { register: 'clerks_workbook', unitId: 'central-secretariat', entry: 'KT/EMF/2026/1' } } });
    });

    it('R-CPL-04: reassignment is recorded, and the new clerk takes over under a new number', () => {
      const s = takenOver();
      const nagy = actor('clerk-rik-nagy', 'clerk', 'rd-central');
      expect(s.refuse({ type: 'ReassignEscalationClerk', data: { clerkId: nagy.userId, reason: ' ' } }, regionalDirector)).toMatchObject({ code: 'ESCALATION.REASSIGNMENT_REASON_MISSING' });
      s.run({ type: 'ReassignEscalationClerk', data: { clerkId: nagy.userId, reason: 'on leave' } }, regionalDirector);
      expect(s.refuse({ type: 'RecordEscalationStep', data: { step: 'records_checked', description: 'x' } }, rikClerk)).toMatchObject({ code: 'ESCALATION.NOT_TAKEN_OVER' });
      s.run({ type: 'TakeOverEscalation', data: {} }, nagy);
      expect(s.state()).toMatchObject({ handlingClerk: 'clerk-rik-nagy', takeoverEntries: [{ entry: 'RIK/SOR/2026/1' }, { entry: 'RIK/SOR/2026/2' }] });
    });
  });

  describe('handling, reply and closing', () => {
    it('R-CPL-01: the finding needs a recorded step, and the escalation closes only with a finding and the reply', () => {
      const s = takenOver();
      expect(s.refuse({ type: 'RecordEscalationFinding', data: { finding: 'justified', reasoning: 'x' } }, rikClerk)).toMatchObject({ code: 'ESCALATION.NOT_INVESTIGATED', rule: 'R-CPL-01' });
      expect(s.refuse({ type: 'CloseEscalation', data: {} }, rikClerk)).toMatchObject({ code: 'ESCALATION.CLOSE_WITHOUT_ACTION', rule: 'R-CPL-01' });
      expect(s.refuse({ type: 'RecordEscalationStep', data: { step: 'records_checked', description: 'x' } }, rikReception)).toMatchObject({ code: 'ESCALATION.NOT_HANDLING_CLERK' });
      s.run({ type: 'RecordEscalationStep', data: { step: 'statement_requested_from_unit', description: 'asked cso-budapest why the objection went unanswered' } }, rikClerk);
      expect(s.refuse({ type: 'CloseEscalation', data: {} }, rikClerk)).toMatchObject({ code: 'ESCALATION.CLOSE_WITHOUT_OUTCOME' });
      s.run({ type: 'RecordEscalationFinding', data: { finding: 'justified', reasoning: 'the office missed the deadline' } }, rikClerk);
      expect(s.refuse({ type: 'CloseEscalation', data: {} }, rikClerk)).toMatchObject({ code: 'ESCALATION.REPLY_OUTSTANDING', rule: 'R-CPL-07' });
      s.advanceDays(3);
      const reply = s.run({ type: 'SendEscalationReply', data: { channel: 'letter', sentAt: '2026-03-05T08:00:00.000Z', summary: 'Your escalation is justified.', reasons: 'The office missed the deadline; the reply is enclosed.', redress: null, recordCopyEnclosed: false } }, rikClerk);
      expect(reply).toEqual([
        { type: 'EscalationReplySent', data: { replyId: 'id-2', channel: 'letter', sentAt: '2026-03-05T08:00:00.000Z', finding: 'justified', summary: 'Your escalation is justified.', reasons: 'The office missed the deadline; the reply is enclosed.', redress: null, late: false, recordCopyEnclosed: false } },
        { type: 'DutyDischarged', data: { dutyId: 'escalation-reply', dischargedOn: '2026-03-05', late: false } },
      ]);
      expect(s.run({ type: 'CloseEscalation', data: {} }, regionalDirector)).toEqual([
        { type: 'EscalationClosed', data: { outcome: 'justified', closedOn: '2026-03-05', reason: null, retainUntil: { complaint_record: '2029-03-05', complaint_reply: '2029-03-05', case_document: '2029-03-05' } } },
      ]);
      expect(s.refuse({ type: 'RecordEscalationStep', data: { step: 'records_checked', description: 'x' } }, rikClerk)).toMatchObject({ code: 'ESCALATION.ALREADY_CLOSED' });
    });

    it('R-LAW-07: a rejection names the authority and the conciliation board; a late reply is marked late', () => {
      const s = takenOver();
      s.run({ type: 'RecordEscalationStep', data: { step: 'records_checked', description: 'the office’s file' } }, rikClerk);
      s.run({ type: 'RecordEscalationFinding', data: { finding: 'unjustified', reasoning: 'the office acted lawfully' } }, rikClerk);
      s.advanceDays(20);
      const reply = { type: 'SendEscalationReply' as const, data: { channel: 'letter' as const, sentAt: '2026-03-22T08:00:00.000Z', summary: 'Not justified.', reasons: 'The reply was sent in time.', redress: null, recordCopyEnclosed: false } };
      expect(s.refuse(reply, rikClerk)).toMatchObject({ code: 'ESCALATION.REJECTION_WITHOUT_REDRESS', rule: 'R-LAW-07' });
      expect(s.refuse({ ...reply, data: { ...reply.data, channel: 'phone' as never, redress } }, rikClerk)).toMatchObject({ code: 'ESCALATION.REPLY_NOT_WRITTEN' });
      s.run({ ...reply, data: { ...reply.data, redress } }, rikClerk);
      expect(s.of('EscalationReplySent')[0]!.data.late).toBe(true);
      expect(s.of('DutyDischarged')[0]!.data).toEqual({ dutyId: 'escalation-reply', dischargedOn: '2026-03-22', late: true });
    });

    it('R-CPL-01: a withdrawn escalation closes as withdrawn and its duties are cancelled', () => {
      const s = escalationScenario().at('2026-03-02T09:00:00.000Z', 'alfa-nova-2013');
      s.run(escalation(), rikReception);
      const decided = s.run({ type: 'WithdrawEscalation', data: { reason: 'the customer was answered meanwhile' } }, rikReception);
      expect(decided.map((e) => e.type)).toEqual(['EscalationWithdrawn', 'EscalationClosed', 'DutyCancelled', 'DutyCancelled']);
      expect(s.state()).toMatchObject({ status: 'closed', closed: { outcome: 'withdrawn' }, duties: {} });
    });
  });

  describe('the link both ways', () => {
    it('R-ESC-01: the escalated case gets a notice naming the escalation, once', () => {
      const s = escalationScenario();
      const [registered] = s.run(escalation(), rikReception);
      if (registered?.type !== 'EscalationRegistered') throw new Error('expected the registration');
      const notice = escalationNoticeFor(registered.data);
      expect(notice).toEqual({ escalationId: 'e-1', escalationStreamId: 'escalation-e-1', level: 'regional_secretariat', targetUnit: 'rd-central', registerEntry: 'RIK/2026/1', receivedOn: '2026-03-02' });
      // On the complaint's side: the escalation ids it already names, or null if it does not exist.
      expect(noteEscalation([], notice)).toEqual([{ type: 'CaseEscalated', data: notice }]);
      expect(noteEscalation(['e-1'], notice)).toEqual([]);
      expect(() => noteEscalation(null, notice)).toThrow(expect.objectContaining({ code: 'ESCALATION.CASE_NOT_FOUND' }));
      expect(() => noteEscalation([], { ...notice, escalationStreamId: 'escalation-other' })).toThrow(expect.objectContaining({ code: 'ESCALATION.INVALID_NOTICE' }));
    });

    it('R-ESC-01: a regional escalation records its escalation to the central secretariat', () => {
      const regional = takenOver();
      const central = escalationScenario();
      const [registered] = central.run(centralEscalation(), ktReception);
      if (registered?.type !== 'EscalationRegistered') throw new Error('expected the registration');
      const record = { type: 'RecordCaseEscalated' as const, data: escalationNoticeFor(registered.data) };
      expect(regional.run(record, ktReception)).toEqual([{ type: 'CaseEscalated', data: expect.objectContaining({ escalationId: 'e-2', level: 'central_secretariat', registerEntry: 'KT/2026/1' }) }]);
      expect(regional.run(record, ktReception)).toEqual([]);
      expect(regional.state()).toMatchObject({ escalatedTo: ['e-2'] });
      expect(escalationScenario().refuse(record, ktReception)).toMatchObject({ code: 'ESCALATION.CASE_NOT_FOUND' });
    });
  });

  it('registers a unit’s own escalation only once', () => {
    const s = escalationScenario();
    s.run(escalation(), rikReception);
    expect(s.refuse(escalation(), rikReception)).toMatchObject({ code: 'ESCALATION.ALREADY_REGISTERED' });
  });
});
