import { offerEventSchemas } from '../../../../src/domain/contract/offer/offer.events.js';
import { clerk, contractRequest, generalTerms, offerScenario, otherUserParty, scheduler, type OfferScenario } from '../../../support/contract-scenario.js';

const duties = (s: OfferScenario) => s.of('DutyOpened').map((e) => [e.data.dutyId, e.data.kind, e.data.owner, e.data.dueDate, e.data.rule]);
const handOver = (at: string) => ({ type: 'HandOverOffer' as const, data: { handedOverAt: at, channel: 'letter' as const, terms: generalTerms() } });
const signed = (receivedAt: string, channel: 'in_person' | 'letter' | 'email' | 'phone' = 'in_person', differences: { clause: string; customerPosition: string }[] = [], bookAppointment = false) => ({
  type: 'ReceiveSignedDraft' as const,
  data: { receivedAt, channel, bookAppointment, differences },
});

/** A request received on 2 March 2026, its offer handed over on 10 March. */
function handedOver(): OfferScenario {
  const s = offerScenario();
  s.run(contractRequest());
  s.at('2026-03-10T10:00:00.000Z').run(handOver('2026-03-10T09:00:00.000Z'));
  return s;
}

describe('contract request and offer decider', () => {
  describe('request', () => {
    it('R-CON-04: a written request owes the offer within 30 days, and a check for missing items within 15 (R-CON-05)', () => {
      const s = offerScenario();
      s.run(contractRequest());
      expect(s.last('ContractRequested')).toMatchObject({ offerId: 'offer-1', receivedOn: '2026-03-02', offerDue: '2026-04-01', deficiencyNoticeDue: '2026-03-17', basis: 'information_conditions_met' });
      expect(duties(s)).toEqual([
        ['offer-handover', 'offer_handover', 'provider', '2026-04-01', 'R-CON-04'],
        ['deficiency-check', 'deficiency_notice', 'provider', '2026-03-17', 'R-CON-05'],
      ]);
    });

    it('R-CHN-01: a contract request over the phone is refused naming the rule, and nothing is stored', () => {
      const s = offerScenario();
      const error = s.refuse(contractRequest({ channel: 'phone' }));
      expect(error).toMatchObject({ code: 'CHANNEL.IN_PERSON_ONLY', rule: 'R-CHN-01', kind: 'rule', details: { matter: 'contract_conclusion', channel: 'phone', field: 'channel' } });
      expect(s.events).toEqual([]);
    });

    it('R-CHN-01: a contract request over the phone may be booked for a personal appointment within 5 working days (R-LAW-11), then made in person', () => {
      const s = offerScenario();
      s.run(contractRequest({ channel: 'phone', bookAppointment: true }));
      expect(s.events.map((e) => e.type)).toEqual(['ContractRequestBooked', 'PersonalAppointmentRequested', 'DutyOpened']);
      expect(s.last('PersonalAppointmentRequested')).toMatchObject({ matter: 'contract_conclusion', channel: 'phone', offerBy: '2026-03-09', rule: 'R-LAW-11' });
      expect(s.state().status).toBe('appointment_booked');
      const appointmentId = s.last('PersonalAppointmentRequested').appointmentId;
      s.run({ type: 'OfferAppointment', data: { appointmentId, appointmentAt: '2026-03-05T09:00:00.000Z' } });
      expect(s.last('PersonalAppointmentOffered')).toMatchObject({ appointmentId, offeredOn: '2026-03-02', late: false });
      s.at('2026-03-05T09:30:00.000Z').run(contractRequest({ channel: 'in_person', receivedAt: '2026-03-05T09:10:00.000Z' }));
      expect(s.state()).toMatchObject({ status: 'requested', receivedOn: '2026-03-05' });
    });

    it('R-CHN-01: under the 2013 regulation the appointment has no statutory period: it is offered at once', () => {
      const s = offerScenario().at('2026-03-02T09:00:00.000Z', 'alfa-nova-2013');
      s.run(contractRequest({ channel: 'phone', bookAppointment: true }));
      expect(s.last('PersonalAppointmentRequested')).toMatchObject({ offerBy: '2026-03-02', rule: 'R-CHN-01' });
    });

    it('R-CON-04: the requester’s identification is personal data', () => {
      const schema = offerEventSchemas.find((x) => x.type === 'ContractRequested')!;
      expect(schema.personal![0]).toMatchObject({ subjectPath: 'requester.subjectId', fields: expect.arrayContaining(['requester.name', 'requester.birthDate', 'requester.mothersName', 'placeOfUse.address']) });
    });
  });

  describe('deficiency notice', () => {
    it('R-CON-05: missing items are asked for within 15 days; the offer deadline stops and the customer is waited for', () => {
      const s = offerScenario();
      s.run(contractRequest());
      s.at('2026-03-10T09:00:00.000Z').run({ type: 'IssueDeficiencyNotice', data: { sentAt: '2026-03-10T08:00:00.000Z', channel: 'letter', missing: ['energy certificate'], respondBy: '2026-03-31' } });
      expect(s.last('DeficiencyNoticeIssued')).toMatchObject({ noticeNumber: 1, late: false, offerDeadlineStopped: { dutyId: 'offer-handover', wasDue: '2026-04-01' } });
      expect(s.of('DutyDischarged').map((e) => e.data.dutyId)).toEqual(['deficiency-check']);
      expect(s.last('DutyCancelled')).toMatchObject({ dutyId: 'offer-handover', rule: 'R-CON-05' });
      expect(duties(s)).toContainEqual(['missing-items-1', 'customer_documents', 'customer', '2026-03-31', 'R-CON-05']);
      expect(s.state().status).toBe('awaiting_items');
      expect(s.refuse(handOver('2026-03-11T09:00:00.000Z'))).toMatchObject({ code: 'OFFER.WRONG_STATE' });
    });

    it('R-CON-05: a notice after the 15 days is recorded as late', () => {
      const s = offerScenario();
      s.run(contractRequest());
      s.at('2026-03-20T09:00:00.000Z').run({ type: 'IssueDeficiencyNotice', data: { sentAt: '2026-03-20T08:00:00.000Z', channel: 'letter', missing: ['deed'], respondBy: '2026-04-10' } });
      expect(s.last('DeficiencyNoticeIssued').late).toBe(true);
      expect(s.last('DutyDischarged')).toMatchObject({ dutyId: 'deficiency-check', late: true });
    });

    it('R-DL-03: the offer deadline restarts when the missing items arrive, keeping the original, every restart and why', () => {
      const s = offerScenario();
      s.run(contractRequest());
      s.at('2026-03-10T09:00:00.000Z').run({ type: 'IssueDeficiencyNotice', data: { sentAt: '2026-03-10T08:00:00.000Z', channel: 'letter', missing: ['energy certificate'], respondBy: '2026-03-31' } });
      s.at('2026-03-18T09:00:00.000Z').run({ type: 'ReceiveMissingItems', data: { receivedAt: '2026-03-18T08:00:00.000Z', items: ['energy certificate (first page)'], complete: false } });
      expect(s.state().status).toBe('awaiting_items');
      expect(s.of('OfferDeadlineRestarted')).toEqual([]);
      s.at('2026-03-25T09:00:00.000Z').run({ type: 'ReceiveMissingItems', data: { receivedAt: '2026-03-25T08:00:00.000Z', items: ['energy certificate'], complete: true } });
      expect(s.last('OfferDeadlineRestarted')).toEqual({
        restart: 1,
        originalDue: '2026-04-01',
        previousDue: '2026-04-01',
        newDue: '2026-04-24',
        restartedOn: '2026-03-25',
        dutyId: 'offer-handover-restart-1',
        reason: 'the missing items asked for in deficiency notice 1 arrived on 2026-03-25',
        deficiencyNoticeDue: '2026-04-09',
        rule: 'R-CON-05',
      });
      expect(duties(s)).toContainEqual(['offer-handover-restart-1', 'offer_handover', 'provider', '2026-04-24', 'R-CON-05']);
      // A second notice and restart extend the history.
      s.at('2026-04-01T09:00:00.000Z').run({ type: 'IssueDeficiencyNotice', data: { sentAt: '2026-04-01T08:00:00.000Z', channel: 'email', missing: ['owner’s consent'], respondBy: '2026-04-15' } });
      expect(s.last('DeficiencyNoticeIssued')).toMatchObject({ noticeNumber: 2, late: false, offerDeadlineStopped: { dutyId: 'offer-handover-restart-1', wasDue: '2026-04-24' } });
      s.at('2026-04-14T09:00:00.000Z').run({ type: 'ReceiveMissingItems', data: { receivedAt: '2026-04-14T08:00:00.000Z', items: ['owner’s consent'], complete: true } });
      expect(s.last('OfferDeadlineRestarted')).toMatchObject({ restart: 2, originalDue: '2026-04-01', previousDue: '2026-04-24', newDue: '2026-05-14', dutyId: 'offer-handover-restart-2' });
      const state = s.state();
      expect(state.status === 'requested' && state.offerDeadlines).toEqual([
        { dutyId: 'offer-handover', due: '2026-04-01', from: '2026-03-02', reason: 'written request received (R-CON-04)' },
        { dutyId: 'offer-handover-restart-1', due: '2026-04-24', from: '2026-03-25', reason: 'the missing items asked for in deficiency notice 1 arrived on 2026-03-25' },
        { dutyId: 'offer-handover-restart-2', due: '2026-05-14', from: '2026-04-14', reason: 'the missing items asked for in deficiency notice 2 arrived on 2026-04-14' },
      ]);
    });

    it('R-CON-05: a request found complete discharges the check', () => {
      const s = offerScenario();
      s.run(contractRequest());
      s.run({ type: 'ConfirmRequestComplete', data: {} });
      expect(s.last('RequestFoundComplete')).toEqual({ checkedOn: '2026-03-02', late: false });
      expect(s.refuse({ type: 'ConfirmRequestComplete', data: {} })).toMatchObject({ code: 'OFFER.ALREADY_CHECKED' });
    });
  });

  describe('offer and signed return', () => {
    it('R-CON-04: the offer handed over within 30 days discharges the duty and the check, and waits 30 days for the signed copy', () => {
      const s = handedOver();
      expect(s.last('OfferHandedOver')).toMatchObject({ handedOverOn: '2026-03-10', late: false, signedReturnDue: '2026-04-09', lapsesOn: '2026-04-10' });
      expect(s.of('DutyDischarged').map((e) => [e.data.dutyId, e.data.late])).toEqual([
        ['offer-handover', false],
        ['deficiency-check', false],
      ]);
      expect(duties(s)).toContainEqual(['signed-return', 'signed_return', 'customer', '2026-04-09', 'R-CON-06']);
    });

    it('R-CON-04: an offer after the 30 days is recorded as late', () => {
      const s = offerScenario();
      s.run(contractRequest());
      s.at('2026-04-03T10:00:00.000Z').run(handOver('2026-04-03T09:00:00.000Z'));
      expect(s.last('OfferHandedOver').late).toBe(true);
    });

    it('R-CON-06: the signed copy received within 30 days forms the contract at the moment of receipt', () => {
      const s = handedOver();
      s.at('2026-04-02T12:00:00.000Z').run(signed('2026-04-02T11:15:00.000Z'));
      expect(s.last('ContractFormed')).toEqual({
        contractId: 'of-2',
        contractStreamId: 'contract-of-2',
        formedAt: '2026-04-02T11:15:00.000Z',
        formedOn: '2026-04-02',
        effectiveFrom: '2026-04-02',
        rule: 'R-CON-06',
        channel: 'in_person',
        source: { streamId: 'offer-offer-1', streamType: 'contract_offer', caseId: 'offer-1' },
        unitId: 'cso-budapest',
        customer: contractRequest().data.requester,
        terms: generalTerms(),
        policyVersion: 'hu-2026',
      });
      expect(s.last('DutyDischarged')).toMatchObject({ dutyId: 'signed-return', dischargedOn: '2026-04-02', late: false });
      expect(s.last('ConsequenceCancelled')).toMatchObject({ consequenceId: 'of-1', rule: 'R-CON-06' });
      expect(s.state().status).toBe('contract_formed');
    });

    it('R-CON-06: a signed copy arriving after the 30 days forms no contract', () => {
      const s = handedOver();
      s.at('2026-04-10T12:00:00.000Z');
      expect(s.refuse(signed('2026-04-10T08:00:00.000Z'))).toMatchObject({ code: 'OFFER.SIGNED_RETURN_LATE', rule: 'R-CON-06', details: { signedReturnDue: '2026-04-09' } });
    });

    it('R-CHN-01: the signed copy is returned in person or by letter; by e-mail it is refused or booked for an appointment', () => {
      const s = handedOver();
      s.at('2026-03-20T12:00:00.000Z');
      expect(s.refuse(signed('2026-03-20T11:00:00.000Z', 'email'))).toMatchObject({ code: 'CHANNEL.IN_PERSON_ONLY', rule: 'R-CHN-01' });
      s.run(signed('2026-03-20T11:00:00.000Z', 'phone', [], true));
      expect(s.last('PersonalAppointmentRequested')).toMatchObject({ matter: 'contract_conclusion', requested: 'ReceiveSignedDraft', offerBy: '2026-03-27' });
      expect(s.state().status).toBe('offer_handed_over');
      s.run(signed('2026-03-20T11:30:00.000Z', 'letter'));
      expect(s.last('ContractFormed')).toMatchObject({ channel: 'letter', formedOn: '2026-03-20' });
    });

    it('R-CON-07: a draft signed with differences forms no contract: it is a counter-offer in its own stream, linked from here', () => {
      const s = handedOver();
      s.at('2026-03-25T12:00:00.000Z').run(signed('2026-03-25T10:00:00.000Z', 'letter', [{ clause: '5.2 billing', customerPosition: 'Quarterly bills instead of monthly' }]));
      expect(s.of('ContractFormed')).toEqual([]);
      expect(s.last('CounterOfferReceived')).toEqual({
        counterOfferId: 'of-2',
        counterOfferStreamId: 'counter-offer-of-2',
        receivedAt: '2026-03-25T10:00:00.000Z',
        receivedOn: '2026-03-25',
        channel: 'letter',
        customerSubjectId: 'subject-1',
        differences: [{ clause: '5.2 billing', customerPosition: 'Quarterly bills instead of monthly' }],
      });
      expect(s.last('ConsequenceCancelled')).toMatchObject({ rule: 'R-CON-07' });
      expect(s.state().status).toBe('countered');
    });

    it('R-DL-01: a signed-return deadline ending on a Sunday moves to Monday, and the lapse to the day after', () => {
      const s = offerScenario();
      s.run(contractRequest());
      s.at('2026-03-20T10:00:00.000Z').run(handOver('2026-03-20T09:00:00.000Z'));
      expect(s.last('OfferHandedOver')).toMatchObject({ signedReturnDue: '2026-04-20', lapsesOn: '2026-04-21' });
    });

    it('R-CON-10: an other user’s offer is an individual contract, fixed-term unless agreed otherwise', () => {
      const s = offerScenario();
      s.run(contractRequest({ requester: otherUserParty() }));
      const individual = { kind: 'individual' as const, placeOfUseId: 'POU-900', tariff: 'B2', paymentMethod: 'bank_transfer' as const, contractedHeatKw: 250, supplyStartsOn: '2026-10-01', customerNoticeDays: 60 };
      const offer = (term: { kind: 'indefinite'; agreedOtherwise: boolean } | { kind: 'fixed'; endsOn: string }) => ({ type: 'HandOverOffer' as const, data: { handedOverAt: '2026-03-02T08:45:00.000Z', channel: 'letter' as const, terms: { ...individual, term } } });
      expect(s.refuse(offer({ kind: 'indefinite', agreedOtherwise: false }))).toMatchObject({ code: 'CONTRACT.INDIVIDUAL_CONTRACT_FIXED_TERM', rule: 'R-CON-10' });
      s.run(offer({ kind: 'indefinite', agreedOtherwise: true }));
      expect(s.state().status).toBe('offer_handed_over');
    });
  });

  describe('lapse', () => {
    it('R-CON-08: with no signed copy and no statement for 30 days the offer lapses by the scheduled consequence', () => {
      const s = handedOver();
      const [scheduled] = s.pendingConsequences();
      expect(scheduled).toMatchObject({ kind: 'offer_lapse', streamId: 'offer-offer-1', streamType: 'contract_offer', dueDate: '2026-04-10', dueAt: '2026-04-09T22:00:00.000Z', command: { type: 'LapseOffer', data: { consequenceId: 'of-1' } }, rule: 'R-CON-08' });
      s.at('2026-04-09T21:59:59.000Z');
      expect(s.fireDueConsequences()).toEqual([]);
      expect(s.refuse({ type: 'LapseOffer', data: { consequenceId: 'of-1' } }, scheduler)).toMatchObject({ code: 'SCHEDULING.NOT_YET_DUE' });
      s.at('2026-04-10T00:00:05.000Z');
      expect(s.fireDueConsequences().map((e) => e.type)).toEqual(['OfferLapsed', 'ConsequenceExecuted', 'DutyCancelled']);
      expect(s.last('OfferLapsed')).toEqual({ consequenceId: 'of-1', lapsedOn: '2026-04-10', signedReturnDue: '2026-04-09', rule: 'R-CON-08' });
      expect(s.last('DutyCancelled')).toMatchObject({ dutyId: 'signed-return', rule: 'R-CON-08' });
      expect(s.state().status).toBe('offer_lapsed');
    });

    it('R-CON-08: a lapse sent twice, or late, changes nothing more', () => {
      const s = handedOver();
      s.at('2026-04-15T09:00:00.000Z').fireDueConsequences();
      const count = s.events.length;
      expect(s.run({ type: 'LapseOffer', data: { consequenceId: 'of-1' } }, scheduler)).toEqual([]);
      expect(s.events).toHaveLength(count);
      expect(s.refuse({ type: 'LapseOffer', data: { consequenceId: 'never-scheduled' } }, scheduler)).toMatchObject({ code: 'SCHEDULING.UNKNOWN_CONSEQUENCE' });
    });

    it('R-CON-08: when the case moved on first the consequence is cancelled, and a late firing is ignored', () => {
      const s = handedOver();
      s.at('2026-03-30T09:00:00.000Z').run(signed('2026-03-30T08:00:00.000Z'));
      expect(s.pendingConsequences()).toEqual([]);
      s.at('2026-04-10T09:00:00.000Z');
      expect(s.run({ type: 'LapseOffer', data: { consequenceId: 'of-1' } }, scheduler)).toEqual([]);
      expect(s.state().status).toBe('contract_formed');
    });

    it('R-CON-08: a statement withdrawing the request stops the lapse', () => {
      const s = handedOver();
      s.at('2026-03-20T09:00:00.000Z').run({ type: 'WithdrawContractRequest', data: { receivedAt: '2026-03-20T08:00:00.000Z', channel: 'letter', reason: 'moving abroad' } });
      expect(s.last('ConsequenceCancelled')).toMatchObject({ consequenceId: 'of-1', rule: 'R-CON-08' });
      expect(s.state().status).toBe('withdrawn');
    });

    it('R-CON-06: a signed copy that reached the provider in time but was recorded after the lapse sets the lapse aside and forms the contract', () => {
      const s = handedOver();
      s.at('2026-04-10T06:00:00.000Z').fireDueConsequences();
      expect(s.state().status).toBe('offer_lapsed');
      s.at('2026-04-10T09:00:00.000Z').run(signed('2026-04-09T15:00:00.000Z', 'letter'));
      expect(s.events.slice(-2).map((e) => e.type)).toEqual(['OfferLapseSetAside', 'ContractFormed']);
      expect(s.last('OfferLapseSetAside')).toMatchObject({ consequenceId: 'of-1', rule: 'R-CON-06' });
      expect(s.state().status).toBe('contract_formed');
      expect(offerScenario().refuse({ type: 'LapseOffer', data: { consequenceId: 'x' } })).toMatchObject({ code: 'OFFER.NOT_FOUND' });
    });
  });

  describe('refusal', () => {
    it('R-CON-09: before the offer, the provider may refuse a requester who did not meet the conditions of its information', () => {
      const s = offerScenario();
      s.run(contractRequest());
      s.run({ type: 'RefuseContract', data: { unmetConditions: ['heat meter not installed'], explanation: 'See the information of 10 January.', sentAt: '2026-03-02T08:50:00.000Z', channel: 'letter' } });
      expect(s.last('ContractRefused')).toMatchObject({ rule: 'R-CON-09', unmetConditions: ['heat meter not installed'] });
      expect(s.of('DutyCancelled').map((e) => e.data.dutyId)).toEqual(['offer-handover', 'deficiency-check']);
      expect(s.state().status).toBe('refused');
    });

    it('R-CON-09: once the offer is handed over it binds the provider: no refusal', () => {
      const s = handedOver();
      expect(s.refuse({ type: 'RefuseContract', data: { unmetConditions: ['x'], explanation: 'y', sentAt: '2026-03-10T09:30:00.000Z', channel: 'letter' } }, clerk)).toMatchObject({ code: 'OFFER.WRONG_STATE' });
    });
  });
});
