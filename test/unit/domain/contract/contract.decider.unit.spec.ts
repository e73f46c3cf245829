import { contractEventSchemas } from '../../../../src/domain/contract/contract-in-force/contract.events.js';
import type { ContractCommand } from '../../../../src/domain/contract/contract-in-force/contract.commands.js';
import {
  clerk,
  contractInForce,
  contractScenario,
  CSO_BUDAPEST,
  formation,
  individualTerms,
  otherUserParty,
  RD_CENTRAL,
  residentialParty,
  scheduler,
  supervisor,
  type ContractInForceScenario,
} from '../../../support/contract-scenario.js';

type Cmd<T extends ContractCommand['type']> = Extract<ContractCommand, { type: T }>;
const duties = (s: ContractInForceScenario) => s.of('DutyOpened').map((e) => [e.data.dutyId, e.data.kind, e.data.owner, e.data.dueDate, e.data.rule]);
const newPayer = residentialParty({ subjectId: 'subject-2', name: 'Tóth Gábor', birthPlace: 'Pécs', birthDate: '1975-02-01', mothersName: 'Kiss Ilona' });

function payerChange(overrides: Partial<Cmd<'ReportPayerChange'>['data']> = {}): Cmd<'ReportPayerChange'> {
  return {
    type: 'ReportPayerChange',
    data: { reportedAt: '2026-05-04T08:00:00.000Z', channel: 'in_person', bookAppointment: false, changedOn: '2026-04-28', reason: 'sale', reportedBy: ['old_payer', 'new_payer'], newPayer, oldPayerArrearsHuf: 84_000, ...overrides },
  };
}
const statement = (by: 'old_payer' | 'new_payer', channel: 'letter' | 'phone' | 'in_person' = 'in_person'): Cmd<'RecordArrearsStatement'> => ({
  type: 'RecordArrearsStatement',
  data: { by, statedAt: '2026-05-04T08:30:00.000Z', channel, settlement: by === 'old_payer' ? 'Pays the arrears in full by 31 May' : 'Takes over nothing' },
});
const conclude = (channel: 'in_person' | 'letter' | 'phone' = 'in_person', bookAppointment = false): Cmd<'ConcludePayerAgreement'> => ({ type: 'ConcludePayerAgreement', data: { concludedAt: '2026-05-04T09:00:00.000Z', channel, bookAppointment } });

/** A general contract formed on 20 March 2026; the clock at 4 May. */
function inForceOnMay4(): ContractInForceScenario {
  return contractInForce().at('2026-05-04T10:00:00.000Z');
}

describe('contract in force decider', () => {
  describe('establishing', () => {
    it('R-CON-06: the formed contract opens its own stream with the next number of the unit’s contract register', () => {
      const s = contractInForce();
      expect(s.last('ContractEstablished')).toMatchObject({
        contractId: 'k-1',
        registerEntry: { register: 'contract_register', unitId: 'cso-budapest', year: 2026, number: 1, entry: 'BP/SZ/2026/1' },
        formedAt: '2026-03-20T09:00:00.000Z',
        formedUnder: 'R-CON-06',
        source: { streamId: 'offer-offer-1', streamType: 'contract_offer', caseId: 'offer-1' },
        payerSubjectId: 'subject-1',
        expiryConsequenceId: null,
      });
      expect(s.registers.get('register-contract_register-cso-budapest-2026')).toBe(1);
      expect(s.state().status).toBe('in_force');
    });

    it('R-CON-06: the formation must name this stream and the unit that formed it', () => {
      const s = contractScenario();
      expect(s.refuse({ type: 'EstablishContract', data: { formation: formation({ contractStreamId: 'contract-other' }), unit: CSO_BUDAPEST } })).toMatchObject({ code: 'CONTRACT.NOT_LINKED' });
      expect(s.refuse({ type: 'EstablishContract', data: { formation: formation(), unit: RD_CENTRAL } }, { userId: 'x', role: 'clerk', unit: 'rd-central' })).toMatchObject({ code: 'CONTRACT.NOT_A_CUSTOMER_SERVICE_OFFICE' });
    });

    it('R-CON-10: a fixed-term individual contract runs out by itself the day after its last day', () => {
      const s = contractInForce({ customer: otherUserParty(), terms: individualTerms() });
      expect(s.pendingConsequences()).toEqual([expect.objectContaining({ kind: 'contract_expiry', dueDate: '2027-10-01', command: { type: 'ExpireContract', data: { consequenceId: 'ct-1' } }, rule: 'R-CON-10' })]);
      s.at('2027-10-01T06:00:00.000Z').fireDueConsequences();
      expect(s.last('ContractTerminated')).toEqual({ by: 'expiry', endedOn: '2027-09-30', paymentDutyEndsOn: '2027-09-30', consequenceId: 'ct-1', rule: 'R-CON-10' });
      expect(s.state().status).toBe('terminated');
    });

    it('R-CON-01: the customer’s identification on the contract is personal data; so are the new payer’s and the statements on arrears', () => {
      const personal = (type: string) => contractEventSchemas.find((x) => x.type === type)!.personal;
      expect(personal('ContractEstablished')![0]).toMatchObject({ subjectPath: 'customer.subjectId', fields: expect.arrayContaining(['customer.name', 'customer.birthDate', 'customer.mothersName', 'customer.bankDetails']) });
      expect(personal('PayerChangeReported')).toEqual([expect.objectContaining({ subjectPath: 'newPayer.subjectId' }), { subjectPath: 'oldPayerSubjectId', fields: ['oldPayerArrearsHuf'] }]);
      expect(personal('ArrearsStatementRecorded')).toEqual([{ subjectPath: 'payerSubjectId', fields: ['settlement'] }]);
    });
  });

  describe('amendment', () => {
    const amendment = (effectiveFrom: string | null, changes: Cmd<'AgreeAmendment'>['data']['changes'] = { tariff: 'A2 residential with hot water' }): Cmd<'AgreeAmendment'> => ({
      type: 'AgreeAmendment',
      data: { agreedAt: '2026-05-04T08:00:00.000Z', channel: 'in_person', bookAppointment: false, changes, effectiveFrom, description: 'Hot water added' },
    });

    it('R-CON-10: a general contract is amended by mutual consent with 30 days’ notice; the amendment takes effect by itself', () => {
      const s = inForceOnMay4();
      expect(s.refuse(amendment('2026-05-20'))).toMatchObject({ code: 'CONTRACT.AMENDMENT_NOTICE_TOO_SHORT', rule: 'R-CON-10', details: { earliest: '2026-06-03' } });
      s.run(amendment(null));
      expect(s.last('AmendmentAgreed')).toMatchObject({ agreedOn: '2026-05-04', effectiveFrom: '2026-06-03', earliestEffectiveFrom: '2026-06-03', rule: 'R-CON-10' });
      expect(s.pendingConsequences()).toEqual([expect.objectContaining({ kind: 'amendment_effective', dueDate: '2026-06-03', dueAt: '2026-06-02T22:00:00.000Z', command: { type: 'MakeAmendmentEffective', data: { consequenceId: s.last('AmendmentAgreed').consequenceId } } })]);
      s.at('2026-06-03T05:00:00.000Z').fireDueConsequences();
      expect(s.last('AmendmentTookEffect')).toMatchObject({ effectiveFrom: '2026-06-03', terms: { tariff: 'A2 residential with hot water', kind: 'general' } });
      const state = s.state();
      expect(state.status !== 'none' && state.terms.tariff).toBe('A2 residential with hot water');
      expect(s.run({ type: 'MakeAmendmentEffective', data: { consequenceId: s.last('AmendmentAgreed').consequenceId } }, scheduler)).toEqual([]);
    });

    it('R-CON-10: an amendment follows the contracting rules: a general contract stays indefinite, and it is concluded in person or by letter', () => {
      const s = inForceOnMay4();
      expect(s.refuse(amendment(null, { term: { kind: 'fixed', endsOn: '2028-12-31' } }))).toMatchObject({ code: 'CONTRACT.GENERAL_CONTRACT_INDEFINITE', rule: 'R-CON-10' });
      expect(s.refuse({ ...amendment(null), data: { ...amendment(null).data, channel: 'email' } })).toMatchObject({ code: 'CHANNEL.IN_PERSON_ONLY', rule: 'R-CHN-01' });
    });

    it('R-CON-10: an individual contract is amended from the date the parties agree, and a new term replaces its expiry', () => {
      const s = contractInForce({ customer: otherUserParty(), terms: individualTerms() }).at('2026-05-04T10:00:00.000Z');
      s.run(amendment('2026-05-04', { term: { kind: 'fixed', endsOn: '2028-09-30' } }));
      s.fireDueConsequences();
      expect(s.last('AmendmentTookEffect').terms.term).toEqual({ kind: 'fixed', endsOn: '2028-09-30' });
      expect(s.pendingConsequences()).toEqual([expect.objectContaining({ kind: 'contract_expiry', dueDate: '2028-10-01' })]);
    });
  });

  describe('payer change', () => {
    it('R-CON-11: a change of payer reported within 15 days leaves no surcharge', () => {
      const s = inForceOnMay4();
      s.run(payerChange());
      expect(s.last('PayerChangeReported')).toMatchObject({ changedOn: '2026-04-28', reportDue: '2026-05-13', late: false, surcharge: null, oldPayerSubjectId: 'subject-1', statementsRequired: ['old_payer', 'new_payer'], debtPassesToNewPayer: false });
    });

    it('R-CON-11: reported late, the old payer owes the surcharge from the end of the 15 days until the report', () => {
      const s = inForceOnMay4();
      s.run(payerChange({ changedOn: '2026-04-10', oldPayerArrearsHuf: 0 }));
      expect(s.last('PayerChangeReported')).toMatchObject({ reportDue: '2026-04-27', late: true, surcharge: { owedBy: 'old_payer', from: '2026-04-28', until: '2026-05-04' }, statementsRequired: [] });
    });

    it('R-CON-11: the change is reported in writing or in person; by phone it is refused naming R-CHN-01 and nothing is stored', () => {
      const s = inForceOnMay4();
      const before = s.events.length;
      expect(s.refuse(payerChange({ channel: 'phone' }))).toMatchObject({ code: 'CHANNEL.IN_PERSON_ONLY', rule: 'R-CHN-01', kind: 'rule', details: { matter: 'change_of_consumer', channel: 'phone' } });
      expect(s.events).toHaveLength(before);
      s.run(payerChange({ channel: 'letter' }));
      expect(s.last('PayerChangeReported').channel).toBe('letter');
    });

    it('R-CHN-01: a payer change by phone may be booked for a personal appointment instead', () => {
      const s = inForceOnMay4();
      s.run(payerChange({ channel: 'phone', bookAppointment: true }));
      expect(s.events.slice(-2).map((e) => e.type)).toEqual(['PersonalAppointmentRequested', 'DutyOpened']);
      expect(s.last('PersonalAppointmentRequested')).toMatchObject({ matter: 'change_of_consumer', requested: 'ReportPayerChange', offerBy: '2026-05-11', rule: 'R-LAW-11' });
      expect(s.of('PayerChangeReported')).toEqual([]);
    });

    it('R-CON-12: with arrears on the old account both payers state in writing how they are settled before the new payer agreement', () => {
      const s = inForceOnMay4();
      s.run(payerChange());
      expect(duties(s)).toEqual([
        ['arrears-statement-ct-1-old_payer', 'arrears_statement', 'customer', '2026-05-19', 'R-CON-12'],
        ['arrears-statement-ct-1-new_payer', 'arrears_statement', 'customer', '2026-05-19', 'R-CON-12'],
      ]);
      expect(s.refuse(conclude())).toMatchObject({ code: 'CONTRACT.ARREARS_STATEMENT_MISSING', rule: 'R-CON-12', details: { missing: ['old_payer', 'new_payer'] } });
      expect(s.refuse(statement('old_payer', 'phone'))).toMatchObject({ code: 'CONTRACT.STATEMENT_NOT_WRITTEN', rule: 'R-CON-12' });
      s.run(statement('old_payer'));
      expect(s.refuse(conclude())).toMatchObject({ details: { missing: ['new_payer'] } });
      expect(s.refuse(statement('old_payer'))).toMatchObject({ code: 'CONTRACT.STATEMENT_ALREADY_RECORDED' });
      s.run(statement('new_payer', 'letter'));
      expect(s.of('ArrearsStatementRecorded').map((e) => [e.data.by, e.data.payerSubjectId])).toEqual([
        ['old_payer', 'subject-1'],
        ['new_payer', 'subject-2'],
      ]);
      s.run(conclude());
      expect(s.last('PayerAgreementConcluded')).toMatchObject({ previousPayerSubjectId: 'subject-1', newPayerSubjectId: 'subject-2', concludedOn: '2026-05-04', debtPassedToNewPayer: false, newPayerInformedOfDebt: false, statements: ['old_payer', 'new_payer'] });
      const state = s.state();
      expect(state.status !== 'none' && state.payerSubjectId).toBe('subject-2');
    });

    it('R-CON-12: after an inheritance the whole debt passes to the new payer, who is told so and states how it will be paid', () => {
      const s = inForceOnMay4();
      s.run(payerChange({ reason: 'inheritance' }));
      expect(s.last('PayerChangeReported')).toMatchObject({ debtPassesToNewPayer: true, statementsRequired: ['new_payer'] });
      expect(s.refuse(statement('old_payer'))).toMatchObject({ code: 'CONTRACT.STATEMENT_NOT_REQUIRED', rule: 'R-CON-12' });
      s.run(statement('new_payer'));
      s.run(conclude());
      expect(s.last('PayerAgreementConcluded')).toMatchObject({ debtPassedToNewPayer: true, newPayerInformedOfDebt: true });
    });

    it('R-CHN-01: the new payer agreement is concluded at the office in person only', () => {
      const s = inForceOnMay4();
      s.run(payerChange({ oldPayerArrearsHuf: 0 }));
      expect(s.refuse(conclude('letter'))).toMatchObject({ code: 'CHANNEL.IN_PERSON_ONLY', rule: 'R-CHN-01' });
      s.run(conclude('letter', true));
      expect(s.last('PersonalAppointmentRequested').requested).toBe('ConcludePayerAgreement');
      s.run(conclude());
      expect(s.of('PayerAgreementConcluded')).toHaveLength(1);
    });
  });

  describe('termination by the customer', () => {
    const notice = (conditionsMetAndReported: boolean, channel: 'letter' | 'phone' = 'letter'): Cmd<'GiveTerminationNotice'> => ({ type: 'GiveTerminationNotice', data: { receivedAt: '2026-05-04T08:00:00.000Z', channel, conditionsMetAndReported } });

    it('R-CON-13: with 30 days’ notice and the conditions met and reported in writing, the contract ends when the notice ends, by itself', () => {
      const s = inForceOnMay4();
      s.run(notice(true));
      expect(s.last('CustomerTerminationNoticeReceived')).toMatchObject({ receivedOn: '2026-05-04', endsOn: '2026-06-03', conditionsReportedOn: '2026-05-04', rule: 'R-CON-13' });
      expect(s.pendingConsequences()).toEqual([expect.objectContaining({ kind: 'termination_effective', dueDate: '2026-06-04', command: { type: 'EndTerminationNotice', data: { consequenceId: 'ct-1' } } })]);
      s.at('2026-06-04T08:00:00.000Z').fireDueConsequences();
      expect(s.last('ContractTerminated')).toEqual({ by: 'customer', endedOn: '2026-06-03', paymentDutyEndsOn: '2026-06-03', consequenceId: 'ct-1', rule: 'R-CON-13' });
      expect(s.state().status).toBe('terminated');
    });

    it('R-CON-13: until every condition is met and reported in writing the duty to pay goes on past the notice', () => {
      const s = inForceOnMay4();
      s.run(notice(false));
      expect(duties(s)).toEqual([['termination-conditions', 'termination_effective', 'customer', '2026-06-03', 'R-CON-13']]);
      s.at('2026-06-04T08:00:00.000Z').fireDueConsequences();
      expect(s.last('TerminationAwaitingConditions')).toEqual({ consequenceId: 'ct-1', noticeEndedOn: '2026-06-03' });
      expect(s.state().status).toBe('awaiting_conditions');
      s.at('2026-06-15T08:00:00.000Z');
      expect(s.refuse({ type: 'ReportTerminationConditions', data: { reportedAt: '2026-06-15T07:00:00.000Z', channel: 'phone' } })).toMatchObject({ code: 'CONTRACT.CONDITIONS_NOT_WRITTEN', rule: 'R-CON-13' });
      s.run({ type: 'ReportTerminationConditions', data: { reportedAt: '2026-06-15T07:00:00.000Z', channel: 'letter' } });
      expect(s.last('ContractTerminated')).toEqual({ by: 'customer', endedOn: '2026-06-15', paymentDutyEndsOn: '2026-06-15', consequenceId: null, rule: 'R-CON-13' });
      expect(s.last('DutyDischarged')).toMatchObject({ dutyId: 'termination-conditions', late: true });
    });

    it('R-CON-13: the notice is given in writing; an individual contract runs its own notice period', () => {
      expect(inForceOnMay4().refuse(notice(true, 'phone'))).toMatchObject({ code: 'CONTRACT.TERMINATION_NOT_WRITTEN', rule: 'R-CON-13' });
      const s = contractInForce({ customer: otherUserParty(), terms: individualTerms({ customerNoticeDays: 60 }) }).at('2026-05-04T10:00:00.000Z');
      s.run(notice(true));
      expect(s.last('CustomerTerminationNoticeReceived').endsOn).toBe('2026-07-03');
    });

    it('R-CON-13: the end of the contract cancels what was still pending on it', () => {
      const s = inForceOnMay4();
      s.run({ type: 'AgreeAmendment', data: { agreedAt: '2026-05-04T08:00:00.000Z', channel: 'in_person', bookAppointment: false, changes: { tariff: 'A2' }, effectiveFrom: '2026-07-01', description: 'tariff' } });
      s.run(notice(true));
      s.at('2026-06-04T08:00:00.000Z').fireDueConsequences();
      expect(s.last('ConsequenceCancelled')).toMatchObject({ rule: 'R-CON-13' });
      expect(s.pendingConsequences()).toEqual([]);
      s.at('2026-07-01T08:00:00.000Z');
      expect(s.fireDueConsequences()).toEqual([]);
    });
  });

  describe('termination by the provider', () => {
    const terminate = (overrides: Partial<Cmd<'TerminateByProvider'>['data']> = {}): Cmd<'TerminateByProvider'> => ({
      type: 'TerminateByProvider',
      data: { ground: 'non_payment', sentAt: '2026-06-02T08:00:00.000Z', channel: 'letter', endsOn: '2026-06-30', description: 'Bills of March unpaid', nonPayment: { billDueOn: '2026-03-31', writtenDemandSentOn: '2026-04-15', amountHuf: 52_000 }, usageStoppedOn: null, ...overrides },
    });

    it('R-CON-14: for non-payment the provider terminates in writing after a written demand and 60 days past due; the contract ends by itself', () => {
      const s = contractInForce().at('2026-06-02T10:00:00.000Z');
      expect(s.refuse(terminate({ sentAt: '2026-06-01T08:00:00.000Z' }), supervisor)).toMatchObject({ code: 'CONTRACT.NON_PAYMENT_TOO_EARLY', rule: 'R-CON-14', details: { mayTerminateFrom: '2026-06-02' } });
      expect(s.refuse(terminate({ nonPayment: { billDueOn: '2026-03-31', writtenDemandSentOn: null, amountHuf: 52_000 } }), supervisor)).toMatchObject({ code: 'CONTRACT.NO_WRITTEN_DEMAND', rule: 'R-CON-14' });
      s.run(terminate(), supervisor);
      expect(s.last('ProviderTerminationNoticeSent')).toMatchObject({ ground: 'non_payment', endsOn: '2026-06-30', nonPayment: { mayTerminateFrom: '2026-06-02' }, rule: 'R-CON-14' });
      s.at('2026-07-01T08:00:00.000Z').fireDueConsequences();
      expect(s.last('ContractTerminated')).toMatchObject({ by: 'provider', endedOn: '2026-06-30', rule: 'R-CON-14' });
    });

    it('R-CON-14: the termination is in writing, on a listed ground, decided by a supervisor', () => {
      const s = contractInForce().at('2026-06-02T10:00:00.000Z');
      expect(s.refuse(terminate({ channel: 'phone' }), supervisor)).toMatchObject({ code: 'CONTRACT.TERMINATION_NOT_WRITTEN', rule: 'R-CON-14' });
      expect(s.refuse(terminate(), clerk)).toMatchObject({ code: 'CONTRACT.NOT_A_SUPERVISOR', rule: 'R-CON-14' });
      expect(s.refuse(terminate({ ground: 'bad_attitude' as never }), supervisor)).toMatchObject({ code: 'CONTRACT.NO_TERMINATION_GROUND', rule: 'R-CON-14' });
    });

    it('R-CON-14: disturbing or endangering supply, and the customer having stopped using the service, are grounds too', () => {
      const s = contractInForce().at('2026-06-02T10:00:00.000Z');
      expect(s.refuse(terminate({ ground: 'usage_stopped', nonPayment: null }), supervisor)).toMatchObject({ code: 'CONTRACT.USAGE_STOP_MISSING' });
      s.run(terminate({ ground: 'usage_stopped', nonPayment: null, usageStoppedOn: '2026-05-01', description: 'Radiators removed' }), supervisor);
      expect(s.last('ProviderTerminationNoticeSent')).toMatchObject({ ground: 'usage_stopped', usageStoppedOn: '2026-05-01', nonPayment: null });
      const t = contractInForce().at('2026-06-02T10:00:00.000Z');
      t.run(terminate({ ground: 'supply_disturbance', nonPayment: null, description: 'Tampered with the substation valves' }), supervisor);
      expect(t.last('ProviderTerminationNoticeSent').ground).toBe('supply_disturbance');
    });
  });

  describe('customer requests on the contract', () => {
    const request = (matter: Cmd<'RecordCustomerRequest'>['data']['matter'], channel: Cmd<'RecordCustomerRequest'>['data']['channel'], bookAppointment = false): Cmd<'RecordCustomerRequest'> => ({
      type: 'RecordCustomerRequest',
      data: { matter, channel, receivedAt: '2026-05-04T08:00:00.000Z', bookAppointment, note: 'asked at the desk' },
    });

    it('R-CHN-01: in-person-only kinds on another channel are refused with the reason and nothing is stored, or booked as an appointment', () => {
      for (const matter of ['contract_conclusion', 'change_of_consumer', 'arrears_payment', 'instalment_agreement', 'payment_order_closure', 'enforced_debt_settlement', 'installation_order'] as const) {
        const s = inForceOnMay4();
        const before = s.events.length;
        const error = s.refuse(request(matter, 'phone'));
        expect(error).toMatchObject({ code: 'CHANNEL.IN_PERSON_ONLY', rule: 'R-CHN-01', details: { matter, channel: 'phone' } });
        expect(error.message).toContain('in person');
        expect(s.events).toHaveLength(before);
        s.run(request(matter, 'email', true));
        expect(s.last('PersonalAppointmentRequested')).toMatchObject({ matter, channel: 'email' });
        s.run(request(matter, 'in_person'));
        expect(s.last('CustomerRequestRecorded')).toMatchObject({ matter, channel: 'in_person', rule: 'R-CHN-01' });
      }
    });

    it('R-CHN-02: remote-capable kinds are accepted by letter, e-mail and phone, but not by fax', () => {
      for (const matter of ['meter_reading_report', 'hot_water_advance_change', 'payment_method_change', 'postal_cheque_request', 'bill_information', 'account_balance_certificate'] as const) {
        const s = inForceOnMay4();
        for (const channel of ['letter', 'email', 'phone', 'in_person'] as const) {
          s.run(request(matter, channel));
          expect(s.last('CustomerRequestRecorded')).toMatchObject({ matter, channel, rule: 'R-CHN-02' });
        }
        expect(s.refuse(request(matter, 'fax'))).toMatchObject({ code: 'CHANNEL.NOT_ACCEPTED', rule: 'R-CHN-02' });
      }
    });

    it('R-LAW-11: a booked appointment is offered within 5 working days; offering it discharges the duty', () => {
      const s = inForceOnMay4();
      s.run(request('instalment_agreement', 'phone', true));
      const { appointmentId, offerBy } = s.last('PersonalAppointmentRequested');
      expect(offerBy).toBe('2026-05-11');
      s.at('2026-05-12T08:00:00.000Z').run({ type: 'OfferAppointment', data: { appointmentId, appointmentAt: '2026-05-14T08:00:00.000Z' } });
      expect(s.last('PersonalAppointmentOffered')).toMatchObject({ appointmentId, offeredOn: '2026-05-12', late: true });
      expect(s.last('DutyDischarged')).toMatchObject({ dutyId: `appointment-${appointmentId}`, late: true });
      expect(s.refuse({ type: 'OfferAppointment', data: { appointmentId, appointmentAt: '2026-05-14T08:00:00.000Z' } })).toMatchObject({ code: 'CONTRACT.NO_SUCH_APPOINTMENT' });
    });

    it('R-LAW-11: a booking typed in days after the call still counts from the day the customer asked', () => {
      const s = inForceOnMay4();
      s.at('2026-05-13T08:00:00.000Z').run(request('instalment_agreement', 'phone', true));
      expect(s.last('PersonalAppointmentRequested')).toMatchObject({ requestedAt: '2026-05-04T08:00:00.000Z', offerBy: '2026-05-11', rule: 'R-LAW-11' });
      expect(s.last('DutyOpened')).toMatchObject({ kind: 'personal_appointment', dueDate: '2026-05-11' });
    });
  });
});
