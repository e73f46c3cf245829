import { counterOfferSourceOfOffer } from '../../../src/domain/contract/offer/offer.decider.js';
import { consequenceScheduleProjection, type ScheduledConsequence } from '../../../src/projections/consequence-schedule/consequence-schedule.projection.js';
import { contractCasesProjection, type ContractCaseDetails } from '../../../src/projections/contract-cases/contract-cases.projection.js';
import { registerLineOf } from '../../../src/projections/contract-cases/contract-cases.queries.js';
import { deadlineRegisterProjection, type DeadlineRegisterCase } from '../../../src/projections/deadline-register/deadline-register.projection.js';
import { clerk, contractRequest, counterOfferScenario, CSO_BUDAPEST, contractScenario, generalTerms, offerScenario, scheduler } from '../../support/contract-scenario.js';
import { ProjectedLog } from '../../support/projection-events.js';

const OFFER = 'offer-offer-1';

/** A request with a deficiency notice, completed, and the offer handed over in time. */
function restartedOffer() {
  const offer = offerScenario();
  offer.run(contractRequest());
  offer.at('2026-03-10T09:00:00.000Z').run({ type: 'IssueDeficiencyNotice', data: { sentAt: '2026-03-10T08:00:00.000Z', channel: 'letter', missing: ['energy certificate'], respondBy: '2026-03-31' } });
  offer.at('2026-03-25T09:00:00.000Z').run({ type: 'ReceiveMissingItems', data: { receivedAt: '2026-03-25T08:00:00.000Z', items: ['energy certificate'], complete: true } });
  return offer;
}

describe('contract projections', () => {
  it('R-DL-03: the restarted offer deadline shows in the deadline register with the original due date, the new one and why', () => {
    const offer = restartedOffer();
    const register = new ProjectedLog().append(OFFER, offer.events, clerk).project<DeadlineRegisterCase>(deadlineRegisterProjection).get(OFFER)!;
    expect(register).toMatchObject({ caseType: 'contract_offer', unitId: 'cso-budapest', nextDueDate: '2026-04-24', offerLapsesOn: null });
    expect(register.duties.map((d) => d.dutyId)).toEqual(['offer-handover-restart-1']);
    expect(register.duties[0]!.history).toEqual([{ from: '2026-04-01', to: '2026-04-24', reason: 'the missing items asked for in deficiency notice 1 arrived on 2026-03-25', rule: 'R-CON-05', at: expect.any(String) }]);

    const details = new ProjectedLog().append(OFFER, offer.events, clerk).project<ContractCaseDetails>(contractCasesProjection).get(OFFER)!;
    expect(details.offerDeadlines.map((d) => [d.due, d.from, d.rule])).toEqual([
      ['2026-04-01', '2026-03-02', 'R-CON-04'],
      ['2026-04-24', '2026-03-25', 'R-CON-05'],
    ]);
    expect(registerLineOf(details)).toMatchObject({ status: 'requested', offerDue: '2026-04-24', offerDeadlineRestarts: 1, lapsesOn: null, customerName: 'Kovács Éva' });
  });

  it('R-CON-08: an open offer is in the deadline register by its lapse date until the scheduler lapses it', () => {
    const offer = offerScenario();
    offer.run(contractRequest());
    offer.at('2026-03-10T10:00:00.000Z').run({ type: 'HandOverOffer', data: { handedOverAt: '2026-03-10T09:00:00.000Z', channel: 'letter', terms: generalTerms() } });
    const log = new ProjectedLog().append(OFFER, offer.events, clerk);
    expect(log.project<DeadlineRegisterCase>(deadlineRegisterProjection).get(OFFER)).toMatchObject({ offerLapsesOn: '2026-04-10', nextDueDate: null, consequences: [{ kind: 'offer_lapse', dueDate: '2026-04-10', rule: 'R-CON-08' }] });
    expect(registerLineOf(log.project<ContractCaseDetails>(contractCasesProjection).get(OFFER)!)).toMatchObject({ status: 'offer_handed_over', lapsesOn: '2026-04-10' });

    const pending = log.project<ScheduledConsequence>(consequenceScheduleProjection);
    expect([...pending.values()]).toEqual([expect.objectContaining({ streamId: OFFER, streamType: 'contract_offer', kind: 'offer_lapse', status: 'pending', command: { type: 'LapseOffer', data: { consequenceId: expect.any(String) } } })]);

    offer.at('2026-04-10T01:00:00.000Z');
    log.append(OFFER, offer.fireDueConsequences(), scheduler);
    expect(log.project<DeadlineRegisterCase>(deadlineRegisterProjection).get(OFFER)).toMatchObject({ offerLapsesOn: null, consequences: [] });
    expect([...log.project<ScheduledConsequence>(consequenceScheduleProjection).values()].map((c) => c.status)).toEqual(['executed']);
    const details = log.project<ContractCaseDetails>(contractCasesProjection).get(OFFER)!;
    expect(details).toMatchObject({ status: 'offer_lapsed', lapsedOn: '2026-04-10', consequences: [{ kind: 'offer_lapse', status: 'executed' }] });
    expect(details.steps.find((s) => s.type === 'OfferLapsed')).toMatchObject({ by: 'scheduler' });
    expect(registerLineOf(details).lapsesOn).toBeNull();
  });

  it('R-CON-07: the counter-offer and the contract it forms are linked both ways in the contract case register', () => {
    const offer = offerScenario();
    offer.run(contractRequest());
    offer.at('2026-03-10T10:00:00.000Z').run({ type: 'HandOverOffer', data: { handedOverAt: '2026-03-10T09:00:00.000Z', channel: 'letter', terms: generalTerms() } });
    offer.at('2026-03-25T12:00:00.000Z').run({ type: 'ReceiveSignedDraft', data: { receivedAt: '2026-03-25T10:00:00.000Z', channel: 'letter', bookAppointment: false, differences: [{ clause: '5.2 billing', customerPosition: 'Quarterly bills' }] } });
    const received = offer.last('CounterOfferReceived');
    const counter = counterOfferScenario('2026-03-25T12:05:00.000Z');
    counter.run({ type: 'RegisterCounterOffer', data: { counterOfferId: received.counterOfferId, source: counterOfferSourceOfOffer(offer.state(), received.counterOfferId)! } });
    counter.at('2026-04-02T10:00:00.000Z').run({ type: 'AgreePositions', data: { agreedAt: '2026-04-02T09:00:00.000Z', channel: 'in_person', bookAppointment: false, resolutions: [{ clause: '5.2 billing', agreedText: 'Monthly bills' }], terms: generalTerms({ tariff: 'A1 monthly' }) } });
    const formed = counter.last('ContractFormed');
    const contract = contractScenario('2026-04-02T10:05:00.000Z');
    contract.run({ type: 'EstablishContract', data: { formation: formed, unit: CSO_BUDAPEST } });

    const counterStream = received.counterOfferStreamId;
    const docs = new ProjectedLog().append(OFFER, offer.events, clerk).append(counterStream, counter.events, clerk).append(formed.contractStreamId, contract.events, clerk).project<ContractCaseDetails>(contractCasesProjection);
    expect(docs.get(OFFER)).toMatchObject({ caseType: 'contract_offer', status: 'countered', links: { counterOffer: { counterOfferId: received.counterOfferId, streamId: counterStream } } });
    expect(docs.get(counterStream)).toMatchObject({
      caseType: 'counter_offer',
      status: 'contract_formed',
      terms: { tariff: 'A1 monthly' },
      links: { answers: { streamId: OFFER, streamType: 'contract_offer' }, contract: { contractId: formed.contractId } },
    });
    expect(docs.get(formed.contractStreamId)).toMatchObject({
      caseType: 'contract',
      status: 'in_force',
      registerEntry: 'BP/SZ/2026/1',
      year: 2026,
      receivedOn: '2026-04-02',
      payer: { subjectId: 'subject-1', name: 'Kovács Éva' },
      links: { source: { streamId: counterStream, streamType: 'counter_offer' } },
    });
    // Streams of other case types are not contract cases.
    expect([...docs.keys()].sort()).toEqual([counterStream, formed.contractStreamId, OFFER].sort());
  });
});
