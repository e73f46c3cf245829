import { allEventSchemas } from '../../../../src/application/event-schemas.js';
import { counterOfferSourceOfConnection } from '../../../../src/domain/contract/connection/connection.decider.js';
import { allContractEventSchemas } from '../../../../src/domain/contract/contract.event-schemas.js';
import type { ContractFormedData } from '../../../../src/domain/contract/contract-shared.events.js';
import { counterOfferSourceOfOffer } from '../../../../src/domain/contract/offer/offer.decider.js';
import { dutyEventSchemas } from '../../../../src/domain/duty/duty.events.js';
import { EventSchemaRegistry } from '../../../../src/domain/shared/event-schema.js';
import {
  application,
  connectionScenario,
  contractRequest,
  contractScenario,
  counterOfferScenario,
  CSO_BUDAPEST,
  generalTerms,
  information,
  offerScenario,
  residentialParty,
  type ContractInForceScenario,
} from '../../../support/contract-scenario.js';

/** What the application does on `ContractFormed`: open the contract stream with its register number. */
function establish(formed: ContractFormedData, now: string, s: ContractInForceScenario = contractScenario(now)): ContractInForceScenario {
  s.at(now).run({ type: 'EstablishContract', data: { formation: formed, unit: CSO_BUDAPEST } });
  return s;
}

describe('contract flows across streams', () => {
  it('R-CON-03: application, information, acceptance, contract sent and signed: the contract is formed and registered', () => {
    const app = connectionScenario();
    app.run(application());
    app.at('2026-03-10T09:00:00.000Z').run({ type: 'ProvideConnectionInformation', data: { sentAt: '2026-03-10T08:00:00.000Z', channel: 'letter', information: information() } });
    app.at('2026-03-16T09:00:00.000Z').run({ type: 'AcceptConnectionInformation', data: { receivedAt: '2026-03-16T08:00:00.000Z', channel: 'letter', bookAppointment: false, ordersInstallationWork: false } });
    app.at('2026-03-20T10:00:00.000Z').run({ type: 'SendContractForSignature', data: { sentAt: '2026-03-20T09:00:00.000Z', channel: 'letter', terms: generalTerms() } });
    app.at('2026-04-02T10:00:00.000Z').run({ type: 'ReceiveSignedDraft', data: { receivedAt: '2026-04-02T09:30:00.000Z', channel: 'in_person', bookAppointment: false, differences: [] } });
    const formed = app.last('ContractFormed');
    expect(formed).toMatchObject({ rule: 'R-CON-06', formedAt: '2026-04-02T09:30:00.000Z', source: { streamId: 'connection-app-1', streamType: 'connection_application' } });
    expect(app.state().status).toBe('contract_formed');
    // Every duty of the application was met, none is left open, nothing is left for the scheduler.
    const state = app.state();
    expect(state.status !== 'none' && state.duties).toEqual({});
    expect(app.pendingConsequences()).toEqual([]);
    const contract = establish(formed, '2026-04-02T10:05:00.000Z');
    expect(contract.last('ContractEstablished')).toMatchObject({ contractId: formed.contractId, registerEntry: { entry: 'BP/SZ/2026/1' }, formedUnder: 'R-CON-06', customer: residentialParty() });
  });

  it('R-DL-03: a request with a deficiency notice restarts the offer deadline, and the offer signed in time forms the contract', () => {
    const offer = offerScenario();
    offer.run(contractRequest());
    offer.at('2026-03-10T09:00:00.000Z').run({ type: 'IssueDeficiencyNotice', data: { sentAt: '2026-03-10T08:00:00.000Z', channel: 'letter', missing: ['energy certificate'], respondBy: '2026-03-31' } });
    offer.at('2026-03-25T09:00:00.000Z').run({ type: 'ReceiveMissingItems', data: { receivedAt: '2026-03-25T08:00:00.000Z', items: ['energy certificate'], complete: true } });
    expect(offer.last('OfferDeadlineRestarted')).toMatchObject({ originalDue: '2026-04-01', newDue: '2026-04-24' });
    // The offer after the original deadline but before the restarted one is in time.
    offer.at('2026-04-10T10:00:00.000Z').run({ type: 'HandOverOffer', data: { handedOverAt: '2026-04-10T09:00:00.000Z', channel: 'in_person', terms: generalTerms() } });
    expect(offer.last('OfferHandedOver')).toMatchObject({ late: false, signedReturnDue: '2026-05-11' });
    expect(offer.of('DutyDischarged').map((e) => [e.data.dutyId, e.data.late])).toContainEqual(['offer-handover-restart-1', false]);
    offer.at('2026-05-05T10:00:00.000Z').run({ type: 'ReceiveSignedDraft', data: { receivedAt: '2026-05-05T09:00:00.000Z', channel: 'letter', bookAppointment: false, differences: [] } });
    const contract = establish(offer.last('ContractFormed'), '2026-05-05T10:30:00.000Z');
    expect(contract.state().status).toBe('in_force');
  });

  it('R-CON-07: a counter-offer is reconciled into a contract, linked both ways', () => {
    const offer = offerScenario();
    offer.run(contractRequest());
    offer.at('2026-03-10T10:00:00.000Z').run({ type: 'HandOverOffer', data: { handedOverAt: '2026-03-10T09:00:00.000Z', channel: 'letter', terms: generalTerms() } });
    offer.at('2026-03-25T12:00:00.000Z').run({ type: 'ReceiveSignedDraft', data: { receivedAt: '2026-03-25T10:00:00.000Z', channel: 'letter', bookAppointment: false, differences: [{ clause: '5.2 billing', customerPosition: 'Quarterly bills' }] } });
    const received = offer.last('CounterOfferReceived');

    // The application reads the offer stream and opens the counter-offer's own stream.
    const counter = counterOfferScenario('2026-03-25T12:05:00.000Z');
    counter.run({ type: 'RegisterCounterOffer', data: { counterOfferId: received.counterOfferId, source: counterOfferSourceOfOffer(offer.state(), received.counterOfferId)! } });
    expect(counter.last('CounterOfferRegistered').answers.streamId).toBe('offer-offer-1');
    expect(received.counterOfferStreamId).toBe(`counter-offer-${counter.last('CounterOfferRegistered').counterOfferId}`);
    counter.at('2026-03-30T09:00:00.000Z').run({ type: 'StartReconciliation', data: { startedAt: '2026-03-30T08:00:00.000Z', method: 'meeting', note: 'Meeting on 2 April' } });
    counter.at('2026-04-02T10:00:00.000Z').run({ type: 'AgreePositions', data: { agreedAt: '2026-04-02T09:00:00.000Z', channel: 'in_person', bookAppointment: false, resolutions: [{ clause: '5.2 billing', agreedText: 'Monthly bills, quarterly settlement' }], terms: generalTerms() } });
    const formed = counter.last('ContractFormed');
    expect(formed).toMatchObject({ rule: 'R-CON-07', effectiveFrom: '2026-04-02', source: { streamType: 'counter_offer' } });
    const contract = establish(formed, '2026-04-02T10:05:00.000Z');
    expect(contract.last('ContractEstablished')).toMatchObject({ formedUnder: 'R-CON-07', source: { streamId: `counter-offer-${received.counterOfferId}` } });
  });

  it('R-CON-07: a contract sent after a connection application can be countered too', () => {
    const app = connectionScenario();
    app.run(application());
    app.at('2026-03-10T09:00:00.000Z').run({ type: 'ProvideConnectionInformation', data: { sentAt: '2026-03-10T08:00:00.000Z', channel: 'letter', information: information() } });
    app.at('2026-03-16T09:00:00.000Z').run({ type: 'AcceptConnectionInformation', data: { receivedAt: '2026-03-16T08:00:00.000Z', channel: 'letter', bookAppointment: false, ordersInstallationWork: false } });
    app.at('2026-03-20T10:00:00.000Z').run({ type: 'SendContractForSignature', data: { sentAt: '2026-03-20T09:00:00.000Z', channel: 'letter', terms: generalTerms() } });
    app.at('2026-03-27T10:00:00.000Z').run({ type: 'ReceiveSignedDraft', data: { receivedAt: '2026-03-27T09:00:00.000Z', channel: 'letter', bookAppointment: false, differences: [{ clause: '3.1 start', customerPosition: 'Start in November' }] } });
    const id = app.last('CounterOfferReceived').counterOfferId;
    const counter = counterOfferScenario('2026-03-27T10:05:00.000Z');
    counter.run({ type: 'RegisterCounterOffer', data: { counterOfferId: id, source: counterOfferSourceOfConnection(app.state(), id)! } });
    expect(counter.last('CounterOfferRegistered')).toMatchObject({ answers: { streamId: 'connection-app-1', streamType: 'connection_application' }, reconciliationDue: '2026-04-13' });
  });

  it('R-CON-08: an offer lapses by itself when the clock passes 30 days, appended by the scheduler; a signed copy then forms no contract', () => {
    const offer = offerScenario();
    offer.run(contractRequest());
    offer.at('2026-03-10T10:00:00.000Z').run({ type: 'HandOverOffer', data: { handedOverAt: '2026-03-10T09:00:00.000Z', channel: 'letter', terms: generalTerms() } });
    for (const day of ['2026-03-20', '2026-04-01', '2026-04-09']) {
      offer.at(`${day}T20:00:00.000Z`);
      expect(offer.fireDueConsequences()).toEqual([]);
    }
    offer.at('2026-04-10T01:00:00.000Z');
    expect(offer.fireDueConsequences().map((e) => e.type)).toEqual(['OfferLapsed', 'ConsequenceExecuted', 'DutyCancelled']);
    // Fired again after a restart of the scheduler: nothing more.
    expect(offer.fireDueConsequences()).toEqual([]);
    offer.at('2026-04-12T09:00:00.000Z');
    expect(offer.refuse({ type: 'ReceiveSignedDraft', data: { receivedAt: '2026-04-12T08:00:00.000Z', channel: 'in_person', bookAppointment: false, differences: [] } })).toMatchObject({ code: 'OFFER.SIGNED_RETURN_LATE', rule: 'R-CON-06' });
  });

  it('R-CON-12: a payer change with arrears statements from both payers ends in a new payer agreement', () => {
    const app = connectionScenario();
    app.run(application());
    app.at('2026-03-10T09:00:00.000Z').run({ type: 'ProvideConnectionInformation', data: { sentAt: '2026-03-10T08:00:00.000Z', channel: 'letter', information: information() } });
    app.at('2026-03-16T09:00:00.000Z').run({ type: 'AcceptConnectionInformation', data: { receivedAt: '2026-03-16T08:00:00.000Z', channel: 'letter', bookAppointment: false, ordersInstallationWork: false } });
    app.at('2026-03-20T10:00:00.000Z').run({ type: 'SendContractForSignature', data: { sentAt: '2026-03-20T09:00:00.000Z', channel: 'letter', terms: generalTerms() } });
    app.at('2026-03-24T10:00:00.000Z').run({ type: 'ReceiveSignedDraft', data: { receivedAt: '2026-03-24T09:00:00.000Z', channel: 'in_person', bookAppointment: false, differences: [] } });
    const contract = establish(app.last('ContractFormed'), '2026-03-24T10:05:00.000Z');
    const buyer = residentialParty({ subjectId: 'subject-2', name: 'Tóth Gábor' });
    contract.at('2026-05-04T10:00:00.000Z').run({ type: 'ReportPayerChange', data: { reportedAt: '2026-05-04T08:00:00.000Z', channel: 'in_person', bookAppointment: false, changedOn: '2026-04-30', reason: 'sale', reportedBy: ['old_payer', 'new_payer'], newPayer: buyer, oldPayerArrearsHuf: 31_500 } });
    for (const by of ['old_payer', 'new_payer'] as const) {
      contract.run({ type: 'RecordArrearsStatement', data: { by, statedAt: '2026-05-04T08:15:00.000Z', channel: 'in_person', settlement: by === 'old_payer' ? 'Old payer settles before moving out' : 'New payer owes nothing of it' } });
    }
    contract.run({ type: 'ConcludePayerAgreement', data: { concludedAt: '2026-05-04T08:30:00.000Z', channel: 'in_person', bookAppointment: false } });
    expect(contract.events.map((e) => e.type).slice(-8)).toEqual(['PayerChangeReported', 'DutyOpened', 'DutyOpened', 'ArrearsStatementRecorded', 'DutyDischarged', 'ArrearsStatementRecorded', 'DutyDischarged', 'PayerAgreementConcluded']);
    const state = contract.state();
    expect(state.status !== 'none' && [state.payerSubjectId, state.duties]).toEqual(['subject-2', {}]);
  });

  it('every contract event type is registered once, next to the product’s other schemas', () => {
    const types = allContractEventSchemas.map((s) => s.type);
    expect(new Set(types).size).toBe(types.length);
    const registry = new EventSchemaRegistry(allEventSchemas.filter((s) => !types.includes(s.type)));
    expect(() => registry.registerAll(allContractEventSchemas)).not.toThrow();
    expect(dutyEventSchemas.map((s) => s.type).some((t) => types.includes(t))).toBe(false);
    expect(registry.personal('ContractFormed')[0]).toMatchObject({ subjectPath: 'customer.subjectId' });
  });
});
