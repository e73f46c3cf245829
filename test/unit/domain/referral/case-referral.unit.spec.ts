import { referralNoticesFor } from '../../../../src/domain/referral/case-referral.js';
import { ComplaintScenario, receptionist, registration } from '../../../support/complaint-scenario.js';
import { escalation, escalationScenario, faultFacts, rikReception } from '../../../support/escalation-scenario.js';
import { referral, referralScenario } from '../../../support/referral-scenario.js';

describe('a referral recorded on the case taken to the body', () => {
  /** The referral's own history: recorded, decided, closed with the hold lifted. */
  const decidedReferral = () => {
    const r = referralScenario();
    r.run(referral());
    r.run({ type: 'RecordBodyOutcome', data: { decidedOn: '2026-03-02', outcome: 'rejected', decisionReference: null, summary: 'lawful', appealPending: false } });
    return r;
  };

  it('R-ESC-02: the referral’s events give the case its notices: referred with the hold, the outcome, the close with the hold lifted', () => {
    const notices = referralNoticesFor(decidedReferral().events);
    expect(notices).toEqual([
      { type: 'CaseReferred', data: { referralId: 'r-1', referralStreamId: 'referral-r-1', registerEntry: 'BP/KSZ/2026/1', body: { id: 'bfkh-fogyasztovedelem', kind: 'consumer_protection_authority', name: expect.any(String) }, referredOn: '2026-03-02', holdId: 'hold-referral-r-1', expectedDecisionBy: '2026-05-04' } },
      { type: 'CaseReferralOutcomeNoted', data: { referralId: 'r-1', outcome: 'rejected', decidedOn: '2026-03-02', appealPending: false } },
      { type: 'CaseReferralClosed', data: { referralId: 'r-1', closedOn: '2026-03-02', holdLifted: 'hold-referral-r-1' } },
    ]);
  });

  it('R-ESC-02: the complaint records each notice once, and shows the referral open under its hold, then decided and closed', () => {
    const s = new ComplaintScenario();
    s.run(registration(), receptionist);
    const [referred, outcome, closed] = referralNoticesFor(decidedReferral().events);
    expect(s.run({ type: 'RecordCaseReferral', data: referred! })).toEqual([referred]);
    expect(s.run({ type: 'RecordCaseReferral', data: referred! })).toEqual([]);
    expect(s.state()).toMatchObject({ referrals: { 'r-1': { status: 'open', holdId: 'hold-referral-r-1', outcome: null } } });
    s.run({ type: 'RecordCaseReferral', data: outcome! });
    s.run({ type: 'RecordCaseReferral', data: closed! });
    expect(s.run({ type: 'RecordCaseReferral', data: closed! })).toEqual([]);
    expect(s.state()).toMatchObject({ referrals: { 'r-1': { status: 'closed', holdId: null, outcome: { outcome: 'rejected' }, closedOn: '2026-03-02' } } });
  });

  it('R-ESC-02: an outcome for a referral the case does not record is refused; a notice naming another stream too', () => {
    const s = new ComplaintScenario();
    s.run(registration(), receptionist);
    const [referred, outcome] = referralNoticesFor(decidedReferral().events);
    expect(s.refuse({ type: 'RecordCaseReferral', data: outcome! })).toMatchObject({ code: 'REFERRAL.NOT_ON_CASE' });
    expect(s.refuse({ type: 'RecordCaseReferral', data: { type: 'CaseReferred', data: { ...referred!.data, referralStreamId: 'referral-other' } } as never })).toMatchObject({ code: 'REFERRAL.INVALID_NOTICE', rule: 'R-ESC-02' });
  });

  it('R-ESC-02: an escalation and a fault report taken to a body record the referral too', () => {
    const e = escalationScenario();
    e.run(escalation(), rikReception);
    const r = referralScenario();
    r.run(referral({ about: faultFacts() }));
    const [referred] = referralNoticesFor(r.events);
    expect(e.run({ type: 'RecordCaseReferral', data: referred! }, rikReception)).toEqual([referred]);
    expect(e.state()).toMatchObject({ referrals: { 'r-1': { status: 'open' } } });
  });
});
