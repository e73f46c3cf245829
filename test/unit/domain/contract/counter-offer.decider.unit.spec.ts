import type { CounterOfferSource } from '../../../../src/domain/contract/counter-offer/counter-offer.commands.js';
import { counterOfferEventSchemas } from '../../../../src/domain/contract/counter-offer/counter-offer.events.js';
import { counterOfferSourceOfOffer } from '../../../../src/domain/contract/offer/offer.decider.js';
import { contractRequest, counterOfferScenario, generalTerms, offerScenario, otherOfficeClerk, type CounterOfferScenario } from '../../../support/contract-scenario.js';

const differences = [
  { clause: '5.2 billing', customerPosition: 'Quarterly bills instead of monthly' },
  { clause: '7.1 meter reading', customerPosition: 'Reading by the customer' },
];

/** An offer countered on 25 March 2026, as the application reads it from the offer stream. */
function countered(): { source: CounterOfferSource; counterOfferId: string } {
  const s = offerScenario();
  s.run(contractRequest());
  s.at('2026-03-10T10:00:00.000Z').run({ type: 'HandOverOffer', data: { handedOverAt: '2026-03-10T09:00:00.000Z', channel: 'letter', terms: generalTerms() } });
  s.at('2026-03-25T12:00:00.000Z').run({ type: 'ReceiveSignedDraft', data: { receivedAt: '2026-03-25T10:00:00.000Z', channel: 'letter', bookAppointment: false, differences } });
  const counterOfferId = s.last('CounterOfferReceived').counterOfferId;
  return { source: counterOfferSourceOfOffer(s.state(), counterOfferId)!, counterOfferId };
}

function registered(): CounterOfferScenario {
  const { source, counterOfferId } = countered();
  const s = counterOfferScenario('2026-03-25T13:00:00.000Z');
  s.run({ type: 'RegisterCounterOffer', data: { counterOfferId, source } });
  return s;
}

const agree = (agreedAt: string, channel: 'in_person' | 'letter' | 'phone' = 'in_person', resolutions = differences.map((d) => ({ clause: d.clause, agreedText: `${d.clause}: as the provider proposed` })), bookAppointment = false) => ({
  type: 'AgreePositions' as const,
  data: { agreedAt, channel, bookAppointment, resolutions, terms: generalTerms({ tariff: 'A1 residential, quarterly billing' }) },
});

describe('counter-offer decider', () => {
  it('R-CON-07: the counter-offer opens its own stream linked to the offer, and reconciliation must start within 15 days', () => {
    const s = registered();
    expect(s.last('CounterOfferRegistered')).toMatchObject({
      counterOfferId: 'of-2',
      answers: { streamId: 'offer-offer-1', streamType: 'contract_offer', caseId: 'offer-1' },
      unitId: 'cso-budapest',
      differences,
      receivedOn: '2026-03-25',
      reconciliationDue: '2026-04-09',
    });
    expect(s.of('DutyOpened').map((e) => [e.data.dutyId, e.data.kind, e.data.dueDate, e.data.rule])).toEqual([['reconciliation-start', 'reconciliation_start', '2026-04-09', 'R-CON-07']]);
  });

  it('R-CON-07: a counter-offer the offer does not name is refused; so is one from a missing offer', () => {
    const { source } = countered();
    const s = counterOfferScenario('2026-03-25T13:00:00.000Z');
    expect(s.refuse({ type: 'RegisterCounterOffer', data: { counterOfferId: 'other', source } })).toMatchObject({ code: 'COUNTER_OFFER.NOT_LINKED', details: { field: 'source.counterOffer' } });
    expect(s.refuse({ type: 'RegisterCounterOffer', data: { counterOfferId: 'of-2', source: { exists: false, streamId: 'offer-x' } } })).toMatchObject({ code: 'COUNTER_OFFER.SOURCE_NOT_FOUND' });
    expect(s.refuse({ type: 'RegisterCounterOffer', data: { counterOfferId: 'of-2', source } }, otherOfficeClerk)).toMatchObject({ code: 'COUNTER_OFFER.NOT_RESPONSIBLE_UNIT' });
  });

  it('R-CON-07: starting the reconciliation discharges the duty; after 15 days it is late', () => {
    const s = registered();
    s.at('2026-04-13T09:00:00.000Z').run({ type: 'StartReconciliation', data: { startedAt: '2026-04-13T08:00:00.000Z', method: 'letter', note: 'Invited the customer to a meeting' } });
    expect(s.last('ReconciliationStarted')).toMatchObject({ startedOn: '2026-04-13', late: true });
    expect(s.last('DutyDischarged')).toMatchObject({ dutyId: 'reconciliation-start', late: true });
  });

  it('R-CON-07: the contract is formed, and takes effect, when the positions agree on every difference', () => {
    const s = registered();
    s.at('2026-03-30T09:00:00.000Z').run({ type: 'StartReconciliation', data: { startedAt: '2026-03-30T08:00:00.000Z', method: 'meeting', note: 'Meeting at the office' } });
    s.at('2026-04-02T10:00:00.000Z');
    expect(s.refuse(agree('2026-04-02T09:00:00.000Z', 'in_person', [{ clause: '5.2 billing', agreedText: 'quarterly' }]))).toMatchObject({ code: 'COUNTER_OFFER.POSITIONS_DIFFER', rule: 'R-CON-07', details: { clauses: ['7.1 meter reading'] } });
    s.run(agree('2026-04-02T09:00:00.000Z'));
    expect(s.last('ContractFormed')).toMatchObject({
      contractStreamId: 'contract-co-1',
      formedAt: '2026-04-02T09:00:00.000Z',
      formedOn: '2026-04-02',
      effectiveFrom: '2026-04-02',
      rule: 'R-CON-07',
      source: { streamId: 'counter-offer-of-2', streamType: 'counter_offer', caseId: 'of-2' },
      terms: { tariff: 'A1 residential, quarterly billing' },
    });
    expect(s.state().status).toBe('contract_formed');
  });

  it('R-CHN-01: agreeing the positions concludes the contract: by phone it is refused or booked for an appointment', () => {
    const s = registered();
    s.at('2026-04-02T10:00:00.000Z');
    expect(s.refuse(agree('2026-04-02T09:00:00.000Z', 'phone'))).toMatchObject({ code: 'CHANNEL.IN_PERSON_ONLY', rule: 'R-CHN-01' });
    s.run(agree('2026-04-02T09:00:00.000Z', 'phone', undefined, true));
    expect(s.last('PersonalAppointmentRequested')).toMatchObject({ requested: 'AgreePositions', matter: 'contract_conclusion' });
    expect(s.of('ContractFormed')).toEqual([]);
  });

  it('R-CON-07: a reconciliation that ends without agreement forms no contract', () => {
    const s = registered();
    s.run({ type: 'EndReconciliation', data: { endedAt: '2026-03-25T12:30:00.000Z', reason: 'The customer insists on quarterly billing' } });
    expect(s.state().status).toBe('failed');
    expect(s.last('DutyCancelled')).toMatchObject({ dutyId: 'reconciliation-start', rule: 'R-CON-07' });
    expect(s.refuse(agree('2026-03-25T12:40:00.000Z'))).toMatchObject({ code: 'COUNTER_OFFER.WRONG_STATE' });
  });

  it('R-CON-07: the customer’s own wording of the differences is personal data', () => {
    const schema = counterOfferEventSchemas.find((x) => x.type === 'CounterOfferRegistered')!;
    expect(schema.personal![0]).toMatchObject({ subjectPath: 'customer.subjectId', fields: expect.arrayContaining(['customer.name', 'differences[].customerPosition']) });
  });
});
