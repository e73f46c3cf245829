import { connectionEventSchemas } from '../../../../src/domain/contract/connection/connection.events.js';
import {
  application,
  clerk,
  connectionScenario,
  generalTerms,
  information,
  otherOfficeClerk,
  otherUserParty,
  residentialParty,
  type ConnectionScenario,
} from '../../../support/contract-scenario.js';

const duties = (s: ConnectionScenario) => s.of('DutyOpened').map((e) => [e.data.dutyId, e.data.kind, e.data.owner, e.data.dueDate, e.data.rule]);

function informed(validUntil = '2026-04-30'): ConnectionScenario {
  const s = connectionScenario();
  s.run(application());
  s.at('2026-03-10T09:00:00.000Z').run({ type: 'ProvideConnectionInformation', data: { sentAt: '2026-03-10T08:00:00.000Z', channel: 'letter', information: information({ validUntil }) } });
  return s;
}

function accepted(): ConnectionScenario {
  const s = informed();
  s.at('2026-03-16T09:00:00.000Z').run({ type: 'AcceptConnectionInformation', data: { receivedAt: '2026-03-16T08:00:00.000Z', channel: 'letter', bookAppointment: false, ordersInstallationWork: false } });
  return s;
}

describe('connection application decider', () => {
  describe('application', () => {
    it('R-CON-01: a written application of a residential user with every identification item is submitted, and the information is owed within 30 days (R-CON-02)', () => {
      const s = connectionScenario();
      const [submitted] = s.run(application());
      expect(submitted).toMatchObject({
        type: 'ConnectionApplicationSubmitted',
        data: { applicationId: 'app-1', receivedOn: '2026-03-02', unitId: 'cso-budapest', purpose: 'new_connection', demand: { totalPeakKw: 18 }, requestedStartDate: '2026-10-01', informationDue: '2026-04-01', policyVersion: 'hu-2026' },
      });
      expect(duties(s)).toEqual([['information-1', 'application_information', 'provider', '2026-04-01', 'R-CON-02']]);
      expect(s.state()).toMatchObject({ status: 'submitted' });
    });

    it('R-CON-01: residential users give birth place, birth date and mother’s name; all missing items are named at once', () => {
      const s = connectionScenario();
      const error = s.refuse(application({ applicant: residentialParty({ birthPlace: '', mothersName: ' ', birthDate: '17/05/1980' }) }));
      expect(error).toMatchObject({ code: 'CONNECTION.APPLICATION_INCOMPLETE', rule: 'R-CON-01', details: { missing: ['applicant.birthPlace', 'applicant.birthDate', 'applicant.mothersName'] } });
    });

    it('R-CON-01: other users give statistical, company-registration and tax numbers, a representative and bank details', () => {
      const s = connectionScenario();
      const firm = otherUserParty({ taxNumber: '', representative: { name: '', address: 'x' }, bankDetails: null });
      expect(s.refuse(application({ applicant: firm }))).toMatchObject({ rule: 'R-CON-01', details: { missing: ['applicant.taxNumber', 'applicant.representative.name', 'applicant.bankDetails'] } });
      s.run(application({ applicant: otherUserParty(), securityOfSupplyNeeds: 'N+1 redundancy' }));
      expect(s.last('ConnectionApplicationSubmitted').applicant).toMatchObject({ category: 'other', statisticalNumber: '12345678-3530-113-17' });
    });

    it('R-CON-01: bank details are needed where paying by transfer', () => {
      const s = connectionScenario();
      expect(s.refuse(application({ paymentMethod: 'bank_transfer' }))).toMatchObject({ rule: 'R-CON-01', details: { missing: ['applicant.bankDetails'] } });
      s.run(application({ paymentMethod: 'bank_transfer', applicant: residentialParty({ bankDetails: { bankName: 'OTP', accountNumber: '11773016-00000000' } }) }));
    });

    it('R-CON-01: the application states the heat, hot-water and total peak demand, the total summing the two', () => {
      const s = connectionScenario();
      expect(s.refuse(application({ demand: { peakHeatKw: 12, hotWaterKw: 6, totalPeakKw: 20 } }))).toMatchObject({ code: 'CONNECTION.TOTAL_PEAK_MISMATCH', rule: 'R-CON-01' });
      expect(s.refuse(application({ demand: { peakHeatKw: 0, hotWaterKw: 0, totalPeakKw: 0 } }))).toMatchObject({ code: 'CONNECTION.HEAT_DEMAND_MISSING' });
    });

    it('R-CON-01: extra capacity is asked for an existing place of use', () => {
      const s = connectionScenario();
      expect(s.refuse(application({ purpose: 'extra_capacity' }))).toMatchObject({ details: { missing: ['placeOfUse.placeOfUseId'] } });
      s.run(application({ purpose: 'extra_capacity', placeOfUse: { placeOfUseId: 'POU-77', address: '1111 Budapest, Fő utca 1.', purpose: 'flat' } }));
    });

    it('R-CON-01: the application is written: a phone call is refused, e-mail and a form handed in are taken', () => {
      expect(connectionScenario().refuse(application({ channel: 'phone' }))).toMatchObject({ code: 'CONNECTION.APPLICATION_NOT_WRITTEN', rule: 'R-CON-01' });
      connectionScenario().run(application({ channel: 'email' }));
      connectionScenario().run(application({ channel: 'in_person' }));
    });

    it('R-CON-01: the applicant’s identification and the place of use are personal data, encrypted under the applicant’s key', () => {
      const schema = connectionEventSchemas.find((x) => x.type === 'ConnectionApplicationSubmitted')!;
      expect(schema.personal).toEqual([
        {
          subjectPath: 'applicant.subjectId',
          fields: expect.arrayContaining(['applicant.name', 'applicant.address', 'applicant.birthPlace', 'applicant.birthDate', 'applicant.mothersName', 'applicant.bankDetails', 'applicant.representative', 'placeOfUse.address']),
        },
      ]);
      expect(schema.personal![0]!.fields).not.toContain('applicant.taxNumber');
    });

    it('only a clerk of a customer service office registers it, in its own office', () => {
      expect(connectionScenario().refuse(application(), otherOfficeClerk)).toMatchObject({ code: 'CONNECTION.NOT_RESPONSIBLE_UNIT', kind: 'forbidden' });
    });
  });

  describe('information', () => {
    it('R-CON-02: the information gives every item; missing ones are named', () => {
      const s = connectionScenario();
      s.run(application());
      const incomplete = { ...information(), connectionPoint: '', selectableTariffs: [], possibleStartDate: 'soon' };
      expect(s.refuse({ type: 'ProvideConnectionInformation', data: { sentAt: '2026-03-02T08:45:00.000Z', channel: 'letter', information: incomplete } })).toMatchObject({
        code: 'CONNECTION.INFORMATION_INCOMPLETE',
        rule: 'R-CON-02',
        details: { missing: ['connectionPoint', 'selectableTariffs', 'possibleStartDate'] },
      });
    });

    it('R-CON-02: given in time, it discharges the duty, waits for the applicant until the validity ends, and schedules the lapse', () => {
      const s = informed();
      expect(s.last('ConnectionInformationProvided')).toMatchObject({ revision: 1, late: false, acceptanceDue: '2026-04-30', information: { connectionFeeHuf: 450_000 } });
      expect(s.of('DutyDischarged').map((e) => e.data)).toEqual([{ dutyId: 'information-1', dischargedOn: '2026-03-10', late: false }]);
      expect(duties(s)).toContainEqual(['acceptance-1', 'offer_acceptance', 'customer', '2026-04-30', 'R-CON-03']);
      expect(s.pendingConsequences()).toEqual([
        expect.objectContaining({ kind: 'information_lapse', streamId: 'connection-app-1', streamType: 'connection_application', dueDate: '2026-05-01', dueAt: '2026-04-30T22:00:00.000Z', command: { type: 'LapseInformation', data: { consequenceId: 'cn-1' } }, rule: 'R-CON-03' }),
      ]);
    });

    it('R-CON-02: information given after the 30 days is recorded as late', () => {
      const s = connectionScenario();
      s.run(application());
      s.at('2026-04-02T09:00:00.000Z').run({ type: 'ProvideConnectionInformation', data: { sentAt: '2026-04-02T08:00:00.000Z', channel: 'letter', information: information() } });
      expect(s.last('ConnectionInformationProvided').late).toBe(true);
      expect(s.last('DutyDischarged')).toMatchObject({ dutyId: 'information-1', late: true });
    });

    it('R-DL-01: a validity ending on the Easter weekend leaves the applicant until the next working day', () => {
      const s = informed('2026-04-04');
      expect(s.last('ConnectionInformationProvided').acceptanceDue).toBe('2026-04-07');
      expect(s.pendingConsequences()[0]).toMatchObject({ dueDate: '2026-04-08' });
    });
  });

  describe('acceptance and the contract', () => {
    it('R-CON-03: acceptance within the validity asks for the contract within 15 days and cancels the lapse', () => {
      const s = accepted();
      expect(s.last('ConnectionInformationAccepted')).toMatchObject({ revision: 1, receivedOn: '2026-03-16', contractDue: '2026-03-31' });
      expect(s.last('ConsequenceCancelled')).toMatchObject({ consequenceId: 'cn-1', rule: 'R-CON-03' });
      expect(s.pendingConsequences()).toEqual([]);
      expect(duties(s)).toContainEqual(['contract-dispatch', 'contract_dispatch', 'provider', '2026-03-31', 'R-CON-03']);
      expect(s.state().status).toBe('accepted');
    });

    it('R-CON-03: a statement after the validity is refused; one by phone is not written', () => {
      const s = informed();
      s.at('2026-05-04T09:00:00.000Z');
      expect(s.refuse({ type: 'AcceptConnectionInformation', data: { receivedAt: '2026-05-04T08:00:00.000Z', channel: 'letter', bookAppointment: false, ordersInstallationWork: false } })).toMatchObject({ code: 'CONNECTION.INFORMATION_EXPIRED', rule: 'R-CON-03' });
      s.at('2026-03-16T09:00:00.000Z');
      expect(s.refuse({ type: 'AcceptConnectionInformation', data: { receivedAt: '2026-03-16T08:00:00.000Z', channel: 'phone', bookAppointment: false, ordersInstallationWork: false } })).toMatchObject({ code: 'CONNECTION.STATEMENT_NOT_WRITTEN', rule: 'R-CON-03' });
    });

    it('R-CON-03: requested changes bring revised information, due within 30 days, with a fresh validity', () => {
      const s = informed();
      s.at('2026-03-12T09:00:00.000Z').run({ type: 'RequestInformationChanges', data: { receivedAt: '2026-03-12T08:00:00.000Z', channel: 'email', changes: ['lower connection fee', 'meter in the flat'] } });
      expect(s.last('InformationChangesRequested')).toMatchObject({ revision: 1, revisedInformationDue: '2026-04-13', applicantSubjectId: 'subject-1' });
      expect(duties(s)).toContainEqual(['information-2', 'application_information', 'provider', '2026-04-13', 'R-CON-03']);
      expect(s.pendingConsequences()).toEqual([]);
      s.at('2026-03-20T09:00:00.000Z').run({ type: 'ProvideConnectionInformation', data: { sentAt: '2026-03-20T08:00:00.000Z', channel: 'letter', information: information({ connectionFeeHuf: 400_000, validUntil: '2026-05-29' }) } });
      expect(s.last('ConnectionInformationProvided')).toMatchObject({ revision: 2, acceptanceDue: '2026-05-29' });
      expect(s.last('DutyDischarged')).toMatchObject({ dutyId: 'information-2' });
      expect(s.pendingConsequences()).toHaveLength(1);
    });

    it('R-CON-03: the contract sent within 15 days of acceptance discharges the duty and waits for the signed copy (R-CON-06)', () => {
      const s = accepted();
      s.at('2026-03-20T10:00:00.000Z').run({ type: 'SendContractForSignature', data: { sentAt: '2026-03-20T09:00:00.000Z', channel: 'letter', terms: generalTerms() } });
      expect(s.last('ContractSentForSignature')).toMatchObject({ handedOverOn: '2026-03-20', late: false, signedReturnDue: '2026-04-20', lapsesOn: '2026-04-21' });
      expect(s.last('DutyDischarged')).toMatchObject({ dutyId: 'contract-dispatch', late: false });
      expect(duties(s)).toContainEqual(['signed-return', 'signed_return', 'customer', '2026-04-20', 'R-CON-06']);
      expect(s.pendingConsequences()).toEqual([expect.objectContaining({ kind: 'offer_lapse', streamId: 'connection-app-1', dueDate: '2026-04-21', command: { type: 'LapseOffer', data: { consequenceId: s.last('ContractSentForSignature').lapseConsequenceId } } })]);
    });

    it('R-CON-03: a contract sent after the 15 days is recorded as late', () => {
      const s = accepted();
      s.at('2026-04-02T10:00:00.000Z').run({ type: 'SendContractForSignature', data: { sentAt: '2026-04-02T09:00:00.000Z', channel: 'letter', terms: generalTerms() } });
      expect(s.last('ContractSentForSignature').late).toBe(true);
    });

    it('R-CON-10: a residential applicant gets a general contract for an indefinite period', () => {
      const s = accepted();
      const send = (terms: ReturnType<typeof generalTerms>) => ({ type: 'SendContractForSignature' as const, data: { sentAt: '2026-03-16T08:30:00.000Z', channel: 'letter' as const, terms } });
      expect(s.refuse(send(generalTerms({ term: { kind: 'fixed', endsOn: '2027-12-31' } })))).toMatchObject({ code: 'CONTRACT.GENERAL_CONTRACT_INDEFINITE', rule: 'R-CON-10' });
      expect(s.refuse(send(generalTerms({ kind: 'individual', term: { kind: 'fixed', endsOn: '2027-12-31' } })))).toMatchObject({ code: 'CONTRACT.KIND_MISMATCH', rule: 'R-CON-10' });
    });

    it('R-CHN-01: accepting with an order for installation work is settled in person; by letter it is refused or booked for an appointment (R-LAW-11)', () => {
      const s = informed();
      s.at('2026-03-16T09:00:00.000Z');
      const accept = (channel: 'letter' | 'in_person', bookAppointment: boolean) => ({ type: 'AcceptConnectionInformation' as const, data: { receivedAt: '2026-03-16T08:00:00.000Z', channel, bookAppointment, ordersInstallationWork: true } });
      expect(s.refuse(accept('letter', false))).toMatchObject({ code: 'CHANNEL.IN_PERSON_ONLY', rule: 'R-CHN-01', details: { matter: 'installation_order', channel: 'letter' } });
      const booked = s.run(accept('letter', true));
      expect(booked.map((e) => e.type)).toEqual(['PersonalAppointmentRequested', 'DutyOpened']);
      expect(s.last('PersonalAppointmentRequested')).toMatchObject({ matter: 'installation_order', requested: 'AcceptConnectionInformation', offerBy: '2026-03-23', rule: 'R-LAW-11' });
      expect(s.state().status).toBe('informed');
      s.run(accept('in_person', false));
      expect(s.last('ConnectionInformationAccepted').ordersInstallationWork).toBe(true);
    });
  });

  describe('lapse and refusal', () => {
    it('R-CON-03: information left unanswered past its validity lapses by the scheduled consequence, once', () => {
      const s = informed();
      s.at('2026-04-30T21:59:00.000Z');
      expect(s.fireDueConsequences()).toEqual([]);
      const consequenceId = s.pendingConsequences()[0]!.consequenceId;
      expect(s.refuse({ type: 'LapseInformation', data: { consequenceId } }, { userId: 'scheduler', role: 'admin', unit: null })).toMatchObject({ code: 'SCHEDULING.NOT_YET_DUE' });
      s.at('2026-05-01T03:00:00.000Z');
      const fired = s.fireDueConsequences();
      expect(fired.map((e) => e.type)).toEqual(['ConnectionInformationLapsed', 'ConsequenceExecuted', 'DutyCancelled']);
      expect(s.last('ConnectionInformationLapsed')).toEqual({ consequenceId, revision: 1, validUntil: '2026-04-30', lapsedOn: '2026-05-01', rule: 'R-CON-03' });
      expect(s.state().status).toBe('information_lapsed');
      expect(s.run({ type: 'LapseInformation', data: { consequenceId } })).toEqual([]);
    });

    it('R-CON-09: the provider may refuse to contract when the applicant did not meet the conditions of its information', () => {
      const s = accepted();
      s.run({ type: 'RefuseContract', data: { unmetConditions: ['connection fee not paid'], explanation: 'The fee was due before the contract.', sentAt: '2026-03-16T08:30:00.000Z', channel: 'letter' } });
      expect(s.last('ContractRefused')).toMatchObject({ unmetConditions: ['connection fee not paid'], rule: 'R-CON-09' });
      expect(s.last('DutyCancelled')).toMatchObject({ dutyId: 'contract-dispatch', rule: 'R-CON-09' });
      expect(s.state().status).toBe('refused');
      expect(s.refuse({ type: 'SendContractForSignature', data: { sentAt: '2026-03-16T08:40:00.000Z', channel: 'letter', terms: generalTerms() } })).toMatchObject({ code: 'CONNECTION.WRONG_STATE' });
    });

    it('R-CON-09: a refusal names the unmet conditions, and comes before the contract is sent', () => {
      const s = accepted();
      expect(s.refuse({ type: 'RefuseContract', data: { unmetConditions: [], explanation: 'x', sentAt: '2026-03-16T08:30:00.000Z', channel: 'letter' } })).toMatchObject({ code: 'CONNECTION.NO_UNMET_CONDITIONS' });
      s.at('2026-03-20T10:00:00.000Z').run({ type: 'SendContractForSignature', data: { sentAt: '2026-03-20T09:00:00.000Z', channel: 'letter', terms: generalTerms() } });
      expect(s.refuse({ type: 'RefuseContract', data: { unmetConditions: ['fee'], explanation: 'x', sentAt: '2026-03-20T09:30:00.000Z', channel: 'letter' } })).toMatchObject({ code: 'CONNECTION.WRONG_STATE' });
    });

    it('a withdrawn application cancels every open duty and consequence', () => {
      const s = informed();
      s.run({ type: 'WithdrawConnectionApplication', data: { receivedAt: '2026-03-10T08:30:00.000Z', channel: 'letter', reason: 'building sold' } }, clerk);
      expect(s.state().status).toBe('withdrawn');
      expect(s.pendingConsequences()).toEqual([]);
      expect(s.last('DutyCancelled')).toMatchObject({ dutyId: 'acceptance-1' });
    });
  });
});
