import type { ExternalBody } from '../../../../src/domain/external-bodies/external-bodies.js';
import { evolveLegalHolds, isLegalHoldEvent, isOnHold, type LegalHold } from '../../../../src/domain/referral/legal-hold.events.js';
import { referralRegisterNumbers } from '../../../../src/domain/referral/referral.decider.js';
import { referralEventSchemas } from '../../../../src/domain/referral/referral.events.js';
import { actor, dispatcher, regionalEscalationFacts } from '../../../support/escalation-scenario.js';
import { body, referral, referralScenario, type ReferralScenario } from '../../../support/referral-scenario.js';

const dutiesOpened = (s: ReferralScenario) => s.of('DutyOpened').map((e) => [e.data.kind, e.data.dueDate, e.data.rule, e.data.owner]);
const request = { type: 'ReceiveBodyRequest' as const, data: { receivedAt: '2026-03-10T08:00:00.000Z', bodyReference: 'BP/FVF/1234-5/2026', request: 'Send the complaint file and your position' } };

describe('referral decider', () => {
  describe('recording a referral', () => {
    it('R-ESC-02: the customer’s referral to the consumer-protection authority is recorded on its own stream with the body’s 60-day handling time, tracked as the body’s duty', () => {
      const s = referralScenario();
      const decided = s.run(referral());
      expect(decided[0]).toMatchObject({
        type: 'ReferralRecorded',
        data: {
          referralId: 'r-1',
          registerEntry: { register: 'referral_register', unitId: 'cso-budapest', year: 2026, number: 1, entry: 'BP/KSZ/2026/1' },
          about: { streamId: 'complaint-c-1', caseType: 'complaint', registerEntry: 'BP/2026/7' },
          body: { id: 'bfkh-fogyasztovedelem', kind: 'consumer_protection_authority' },
          initiatedBy: 'customer',
          referredOn: '2026-03-02',
          bodyCaseReference: 'BP/FVF/1234-2/2026',
          // 60 days end on Friday 1 May, a public holiday: the tracking date moves to Monday 4 May.
          handling: { duration: { amount: 60, unit: 'calendar_days' }, expectedDecisionBy: '2026-05-04' },
          recordingUnit: 'cso-budapest',
          recordedBy: 'clerk-kiss',
        },
      });
      expect(dutiesOpened(s)).toEqual([['external_body_decision', '2026-05-04', 'R-ESC-02', 'external_body']]);
    });

    it('R-ESC-02: the energy regulator’s 90 days and the town clerk’s 60 days are tracked too', () => {
      const cases: [string, string][] = [['mekh', '2026-06-01'], ['budapest-jegyzo', '2026-05-04']];
      for (const [id, due] of cases) {
        const s = referralScenario();
        s.run(referral({ body: body(id) }));
        expect(dutiesOpened(s)).toEqual([['external_body_decision', due, 'R-ESC-02', 'external_body']]);
      }
    });

    it('R-LAW-12: the bodies come from the directory as data: any body an installation lists is accepted, its contact details kept as they stood', () => {
      const s = referralScenario();
      const tolna: ExternalBody = { id: 'tvkh-fogyasztovedelem', kind: 'consumer_protection_authority', name: 'Tolna Vármegyei Kormányhivatal', address: '7100 Szekszárd, Augusz Imre u. 7.', phone: null, email: 'fogyved@tolna.gov.hu', county: 'tolna' };
      s.run(referral({ body: tolna }));
      expect(s.of('ReferralRecorded')[0]!.data.body).toEqual(tolna);
      expect(referralScenario().refuse(referral({ body: { ...tolna, kind: 'ombudsman' as never } }))).toMatchObject({ code: 'REFERRAL.UNKNOWN_BODY_KIND', rule: 'R-LAW-12' });
    });

    it('R-LAW-12: a conciliation board is recorded, but the policy sets no handling time to track for it', () => {
      const s = referralScenario();
      s.run(referral({ body: body('bbt') }));
      expect(s.of('ReferralRecorded')[0]!.data).toMatchObject({ body: { kind: 'conciliation_board', name: 'Budapesti Békéltető Testület' }, handling: null });
      expect(dutiesOpened(s)).toEqual([]);
    });

    it('R-ESC-02: a referral about a case that does not exist, by someone outside the recording unit, or dated ahead is refused', () => {
      const s = referralScenario();
      expect(s.refuse(referral({ about: { exists: false, streamId: 'complaint-nope' } }))).toMatchObject({ code: 'REFERRAL.CASE_NOT_FOUND', kind: 'not_found' });
      expect(s.refuse(referral(), dispatcher)).toMatchObject({ code: 'REFERRAL.NOT_RECORDING_UNIT', kind: 'forbidden' });
      expect(s.refuse(referral(), actor('clerk-de', 'clerk', 'cso-debrecen'))).toMatchObject({ code: 'REFERRAL.NOT_RECORDING_UNIT' });
      expect(s.refuse(referral({ referredOn: '2026-03-03' }))).toMatchObject({ code: 'REFERRAL.DATE_IN_FUTURE' });
      expect(s.refuse(referral({ subject: '' }))).toMatchObject({ code: 'REFERRAL.SUBJECT_MISSING' });
    });

    it('R-ESC-02: an escalation of the central secretariat can be referred as well; the register number is the recording unit’s', () => {
      const s = referralScenario();
      const command = referral({ about: regionalEscalationFacts(), recordingUnit: { id: 'rd-central', kind: 'regional_secretariat', name: 'RIK', escalatesTo: 'central-secretariat', code: 'RIK' } });
      expect(referralRegisterNumbers(command, s.state(), s.now)).toEqual([{ streamId: 'register-referral_register-rd-central-2026', register: 'referral_register', unitId: 'rd-central', year: 2026 }]);
      s.run(command, actor('clerk-rik', 'clerk', 'rd-central'));
      expect(s.of('ReferralRecorded')[0]!.data.registerEntry.entry).toBe('RIK/KSZ/2026/1');
      expect(referralRegisterNumbers(request, s.state(), s.now)).toEqual([]);
    });

    it('R-ESC-02: the customer’s name and the subject are personal data', () => {
      expect(referralEventSchemas.find((e) => e.type === 'ReferralRecorded')!.personal).toEqual([{ subjectPath: 'customer.subjectId', fields: ['customer.name', 'subject'] }]);
      expect(referralEventSchemas.map((e) => e.type)).toEqual(expect.arrayContaining(['LegalHoldPlaced', 'LegalHoldLifted']));
    });
  });

  describe('requests from the body', () => {
    it('R-CPL-06: a body’s request is answered by the provider within 30 days, a duty of the provider', () => {
      const s = referralScenario();
      s.run(referral());
      s.advanceDays(8);
      const decided = s.run(request);
      expect(decided).toEqual([
        { type: 'BodyRequestReceived', data: { requestId: 'id-1', customerSubjectId: 'subject-1', receivedAt: '2026-03-10T08:00:00.000Z', receivedOn: '2026-03-10', bodyReference: 'BP/FVF/1234-5/2026', request: 'Send the complaint file and your position', replyDue: '2026-04-09' } },
        { type: 'DutyOpened', data: { dutyId: 'body-request-reply-id-1', kind: 'body_request_reply', owner: 'provider', dueDate: '2026-04-09', rule: 'R-CPL-06', description: expect.stringContaining('30 calendar days from 2026-03-10') } },
      ]);
    });

    it('R-ESC-02: the provider’s reply to the body discharges the duty, marked late when after 30 days', () => {
      const s = referralScenario();
      s.run(referral());
      s.advanceDays(8);
      s.run(request);
      const answer = { type: 'AnswerBodyRequest' as const, data: { requestId: 'id-1', sentAt: '2026-04-14T08:00:00.000Z', channel: 'letter' as const, summary: 'File and position sent' } };
      expect(s.refuse({ ...answer, data: { ...answer.data, requestId: 'nope' } })).toMatchObject({ code: 'REFERRAL.NO_SUCH_REQUEST' });
      expect(s.refuse({ ...answer, data: { ...answer.data, channel: 'phone' as never } })).toMatchObject({ code: 'REFERRAL.REPLY_NOT_WRITTEN', rule: 'R-CPL-06' });
      s.advanceDays(35);
      expect(s.run(answer)).toEqual([
        { type: 'BodyRequestAnswered', data: { requestId: 'id-1', customerSubjectId: 'subject-1', sentAt: '2026-04-14T08:00:00.000Z', channel: 'letter', summary: 'File and position sent', late: true } },
        { type: 'DutyDischarged', data: { dutyId: 'body-request-reply-id-1', dischargedOn: '2026-04-14', late: true } },
      ]);
      expect(s.refuse(answer)).toMatchObject({ code: 'REFERRAL.REQUEST_ALREADY_ANSWERED' });
    });
  });

  describe('outcome and legal hold', () => {
    it('R-RET-02: an open referral places a legal hold on the case it is about', () => {
      const s = referralScenario();
      const decided = s.run(referral());
      expect(decided[1]).toEqual({ type: 'LegalHoldPlaced', data: { holdId: 'hold-referral-r-1', caseStreamId: 'complaint-c-1', reason: 'open proceeding before Budapest Főváros Kormányhivatala, Fogyasztóvédelmi Főosztály', rule: 'R-RET-02', placedOn: '2026-03-02', sourceStreamId: 'referral-r-1' } });
    });

    it('R-ESC-02: the body’s outcome is recorded, the tracking duty discharged, the hold lifted (R-RET-02) and the referral closed', () => {
      const s = referralScenario();
      s.run(referral());
      s.advanceDays(8);
      s.run(request);
      s.advanceDays(65);
      const outcome = { type: 'RecordBodyOutcome' as const, data: { decidedOn: '2026-05-12', outcome: 'rejected' as const, decisionReference: 'BP/FVF/1234-9/2026', summary: 'The provider acted lawfully', appealPending: false } };
      expect(s.refuse({ ...outcome, data: { ...outcome.data, decidedOn: '2026-05-20' } })).toMatchObject({ code: 'REFERRAL.DATE_IN_FUTURE' });
      expect(s.run(outcome)).toEqual([
        { type: 'ReferralOutcomeRecorded', data: { customerSubjectId: 'subject-1', decidedOn: '2026-05-12', outcome: 'rejected', decisionReference: 'BP/FVF/1234-9/2026', summary: 'The provider acted lawfully', decidedAfterHandlingTime: true, appealPending: false } },
        { type: 'DutyDischarged', data: { dutyId: 'external-body-decision', dischargedOn: '2026-05-12', late: true } },
        { type: 'DutyCancelled', data: { dutyId: 'body-request-reply-id-1', reason: 'Budapest Főváros Kormányhivatala, Fogyasztóvédelmi Főosztály decided', rule: 'R-ESC-02' } },
        { type: 'LegalHoldLifted', data: { holdId: 'hold-referral-r-1', caseStreamId: 'complaint-c-1', reason: 'proceeding before Budapest Főváros Kormányhivatala, Fogyasztóvédelmi Főosztály ended: rejected', liftedOn: '2026-05-14' } },
        { type: 'ReferralClosed', data: { closedOn: '2026-05-14', retainUntil: { case_document: '2029-05-14' } } },
      ]);
      expect(s.state()).toMatchObject({ status: 'closed', holdId: null, duties: {} });
      expect(s.refuse(request)).toMatchObject({ code: 'REFERRAL.ALREADY_CLOSED' });
    });

    it('R-RET-02: with an appeal pending the hold stays until it is lifted, and not before the body decided', () => {
      const s = referralScenario();
      s.run(referral({ body: body('mekh') }));
      expect(s.refuse({ type: 'LiftLegalHold', data: { reason: 'x' } })).toMatchObject({ code: 'REFERRAL.PROCEEDING_OPEN', rule: 'R-RET-02' });
      s.advanceDays(10);
      const decided = s.run({ type: 'RecordBodyOutcome', data: { decidedOn: '2026-03-12', outcome: 'partly_upheld', decisionReference: null, summary: 'Bill to be corrected', appealPending: true } });
      expect(decided.map((e) => e.type)).toEqual(['ReferralOutcomeRecorded', 'DutyDischarged']);
      expect(s.state()).toMatchObject({ status: 'decided', holdId: 'hold-referral-r-1' });
      expect(s.refuse(request)).toMatchObject({ code: 'REFERRAL.ALREADY_DECIDED' });
      expect(s.run({ type: 'LiftLegalHold', data: { reason: 'appeal period over, no appeal' } }).map((e) => e.type)).toEqual(['LegalHoldLifted', 'ReferralClosed']);
    });

    it('R-RET-02: the retention side folds the holds by case: a case is on hold while any hold names it', () => {
      const s = referralScenario();
      s.run(referral());
      const other = referralScenario();
      other.run(referral({ referralId: 'r-2', body: body('bbt') }));
      let holds: Readonly<Record<string, LegalHold>> = {};
      for (const event of [...s.events, ...other.events]) if (isLegalHoldEvent(event)) holds = evolveLegalHolds(holds, event);
      expect(isOnHold(holds, 'complaint-c-1')).toBe(true);
      s.advanceDays(1).run({ type: 'RecordBodyOutcome', data: { decidedOn: '2026-03-03', outcome: 'withdrawn', decisionReference: null, summary: 'customer withdrew', appealPending: false } });
      for (const event of s.of('LegalHoldLifted')) holds = evolveLegalHolds(holds, event);
      // The conciliation board's proceeding still holds the case.
      expect(isOnHold(holds, 'complaint-c-1')).toBe(true);
      expect(Object.keys(holds)).toEqual(['hold-referral-r-2']);
      expect(isOnHold(holds, 'complaint-c-2')).toBe(false);
    });
  });
});
