import { complaintCaseFacts, escalationCaseFacts, faultReportCaseFacts } from '../../../../src/domain/escalation/case-facts-readers.js';
import { initialComplaintState } from '../../../../src/domain/complaint/complaint.state.js';
import { DEFAULT_ORGANISATION_UNITS } from '../../../../src/domain/organisation/default-organisation.data.js';
import { Organisation } from '../../../../src/domain/organisation/organisation.js';
import { ComplaintScenario, receptionist, registration } from '../../../support/complaint-scenario.js';
import { faultReport, faultReportScenario } from '../../../support/dispatch-scenario.js';
import { CENTRAL, escalation, escalationScenario, ktReception, rikReception } from '../../../support/escalation-scenario.js';
import { consent, consentScenario } from '../../../support/referral-scenario.js';

const organisation = new Organisation(DEFAULT_ORGANISATION_UNITS);

describe('case facts read from the other case’s state', () => {
  it('R-ESC-01: a complaint read from its own stream is escalated to its office’s regional secretariat', () => {
    const complaint = new ComplaintScenario().registeredAndTakenOver();
    const facts = complaintCaseFacts('complaint-c-1', complaint.state(), organisation);
    expect(facts).toEqual({ exists: true, streamId: 'complaint-c-1', caseType: 'complaint', caseId: 'c-1', registerEntry: 'BP/2026/7', unit: organisation.get('cso-budapest'), status: 'open', receivedAt: '2026-03-02T08:30:00.000Z', customerSubjectId: 'subject-1' });
    const s = escalationScenario();
    s.run(escalation({ about: facts }), rikReception);
    expect(s.of('EscalationRegistered')[0]!.data.about).toEqual({ streamId: 'complaint-c-1', caseType: 'complaint', caseId: 'c-1', registerEntry: 'BP/2026/7', unitId: 'cso-budapest', statusAtLink: 'open' });
    expect(complaintCaseFacts('complaint-x', initialComplaintState, organisation)).toEqual({ exists: false, streamId: 'complaint-x' });
  });

  it('R-ESC-01: a fault report and a regional escalation are read the same way; the regional one goes on to the central secretariat', () => {
    const fault = faultReportScenario();
    fault.run(faultReport());
    expect(faultReportCaseFacts('fault-f-1', fault.state(), organisation)).toMatchObject({ exists: true, caseType: 'fault_report', registerEntry: 'DSP/2026/1', unit: { id: 'dispatch-central', escalatesTo: 'rd-central' }, customerSubjectId: 'subject-7' });

    const regional = escalationScenario();
    regional.run(escalation(), rikReception);
    const facts = escalationCaseFacts('escalation-e-1', regional.state(), organisation);
    expect(facts).toMatchObject({ exists: true, caseType: 'escalation', registerEntry: 'RIK/2026/1', unit: { id: 'rd-central' }, status: 'open', customerSubjectId: 'subject-1' });
    const central = escalationScenario();
    central.run(escalation({ escalationId: 'e-2', about: facts, targetUnit: CENTRAL }), ktReception);
    expect(central.of('EscalationRegistered')[0]!.data.registerEntry.entry).toBe('KT/2026/1');
  });

  it('R-ESC-03: an anonymous complaint names no customer, so no one can consent to opening it', () => {
    const complaint = new ComplaintScenario();
    complaint.run(registration({ kind: 'other', anonymous: true, complainant: { subjectId: 'subject-anon', name: null, address: null, email: null, phone: null, customerNumber: null, representative: null } }), receptionist);
    const facts = complaintCaseFacts('complaint-c-1', complaint.state(), organisation);
    expect(facts).toMatchObject({ exists: true, customerSubjectId: null });
    expect(consentScenario().refuse(consent({ case: facts }))).toMatchObject({ code: 'CONSENT.NOT_THE_CUSTOMER', rule: 'R-ESC-03' });
  });
});
