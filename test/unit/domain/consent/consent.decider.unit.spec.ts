import { consentStreamId } from '../../../../src/domain/consent/consent.decider.js';
import { consentEventSchemas } from '../../../../src/domain/consent/consent.events.js';
import { complaintFacts, dispatcher, regionalDirector } from '../../../support/escalation-scenario.js';
import { association, consent, consentScenario, representativeAccess } from '../../../support/referral-scenario.js';

describe('consent decider', () => {
  it('R-ESC-03: a representative’s access without any recorded consent is refused, and nothing is recorded', () => {
    const s = consentScenario();
    expect(s.refuse(representativeAccess())).toMatchObject({ code: 'CONSENT.NO_CONSENT', rule: 'R-ESC-03', kind: 'rule' });
    expect(s.events).toEqual([]);
  });

  it('R-ESC-03: the customer’s consent is recorded: who, which organisation, what scope, until when, on which document', () => {
    const s = consentScenario();
    expect(s.run(consent())).toEqual([
      {
        type: 'RepresentativeConsentRecorded',
        data: {
          consentId: 'consent-1',
          caseStreamId: 'complaint-c-1',
          caseRegisterEntry: 'BP/2026/7',
          customer: { subjectId: 'subject-1', name: 'Kovács Éva' },
          organisation: association,
          scope: ['case_record', 'correspondence'],
          givenOn: '2026-03-02',
          validUntil: '2026-03-31',
          document: { kind: 'signed_statement', reference: 'BP/2026/7-12' },
          recordedBy: 'clerk-kiss',
        },
      },
    ]);
    expect(consentStreamId('complaint-c-1')).toBe('consent-complaint-c-1');
  });

  it('R-ESC-03: with a valid consent the access is recorded with who, when, which organisation, and the business-secret undertaking', () => {
    const s = consentScenario();
    s.run(consent());
    s.advanceDays(3);
    expect(s.run(representativeAccess())).toEqual([
      {
        type: 'RepresentativeAccessRecorded',
        data: {
          accessId: 'id-1',
          consentId: 'consent-1',
          caseStreamId: 'complaint-c-1',
          customerSubjectId: 'subject-1',
          organisation: association,
          representativePerson: 'Dr. Fehér Anna',
          parts: ['case_record'],
          purpose: 'advising the customer on the bill objection',
          accessedAt: '2026-03-05T09:00:00.000Z',
          grantedBy: 'clerk-kiss',
          businessSecretAcknowledged: true,
        },
      },
    ]);
    expect(s.state()).toMatchObject({ status: 'recorded', accesses: 1 });
  });

  it('R-ESC-03: the representative must undertake to treat the file as a business secret', () => {
    const s = consentScenario();
    s.run(consent());
    expect(s.refuse(representativeAccess({ businessSecretAcknowledged: false }))).toMatchObject({ code: 'CONSENT.BUSINESS_SECRET_NOT_ACKNOWLEDGED', rule: 'R-ESC-03' });
  });

  it('R-ESC-03: access after the consent is withdrawn is refused', () => {
    const s = consentScenario();
    s.run(consent());
    s.run(representativeAccess());
    s.run({ type: 'WithdrawRepresentativeConsent', data: { consentId: 'consent-1', withdrawnOn: '2026-03-02', reason: 'settled with the provider' } });
    expect(s.refuse(representativeAccess())).toMatchObject({ code: 'CONSENT.WITHDRAWN', rule: 'R-ESC-03', details: { reason: 'withdrawn' } });
    expect(s.refuse({ type: 'WithdrawRepresentativeConsent', data: { consentId: 'consent-1', withdrawnOn: '2026-03-02', reason: null } })).toMatchObject({ code: 'CONSENT.ALREADY_WITHDRAWN' });
    expect(s.refuse({ type: 'WithdrawRepresentativeConsent', data: { consentId: 'consent-9', withdrawnOn: '2026-03-02', reason: null } })).toMatchObject({ code: 'CONSENT.NOT_FOUND' });
  });

  it('R-ESC-03: access after the consent expired is refused; the last valid day still opens the file', () => {
    const s = consentScenario();
    s.run(consent({ validUntil: '2026-03-31' }));
    s.at('2026-03-31T20:00:00.000Z');
    expect(s.run(representativeAccess())).toHaveLength(1);
    s.at('2026-04-01T07:00:00.000Z');
    expect(s.refuse(representativeAccess())).toMatchObject({ code: 'CONSENT.EXPIRED', rule: 'R-ESC-03' });
  });

  it('R-ESC-03: access beyond the consented scope, or by another organisation, is refused', () => {
    const s = consentScenario();
    s.run(consent({ scope: ['case_record'] }));
    expect(s.refuse(representativeAccess({ parts: ['case_record', 'billing_data'] }))).toMatchObject({ code: 'CONSENT.OUT_OF_SCOPE', rule: 'R-ESC-03' });
    expect(s.refuse(representativeAccess({ organisationId: 'other-association' }))).toMatchObject({ code: 'CONSENT.NO_CONSENT', rule: 'R-ESC-03' });
    // A second, wider consent of the same customer opens the rest.
    s.run(consent({ consentId: 'consent-2', scope: ['case_record', 'billing_data'], validUntil: null }));
    expect(s.run(representativeAccess({ parts: ['case_record', 'billing_data'] }))[0]).toMatchObject({ data: { consentId: 'consent-2' } });
  });

  it('R-ESC-03: only the customer the case is about can consent, for a case that exists, on a recorded document', () => {
    const s = consentScenario();
    expect(s.refuse(consent({ customer: { subjectId: 'subject-2', name: 'Szomszéd Béla' } }))).toMatchObject({ code: 'CONSENT.NOT_THE_CUSTOMER', rule: 'R-ESC-03' });
    expect(s.refuse(consent({ case: complaintFacts({ customerSubjectId: null }) }))).toMatchObject({ code: 'CONSENT.NOT_THE_CUSTOMER' });
    expect(s.refuse(consent({ case: { exists: false, streamId: 'complaint-nope' } }))).toMatchObject({ code: 'CONSENT.CASE_NOT_FOUND', kind: 'not_found' });
    expect(s.refuse(consent({ document: { kind: 'signed_statement', reference: ' ' } }))).toMatchObject({ code: 'CONSENT.DOCUMENT_MISSING' });
    expect(s.refuse(consent({ validUntil: '2026-03-01' }))).toMatchObject({ code: 'CONSENT.ALREADY_EXPIRED' });
    expect(s.refuse(consent({ scope: [] }))).toMatchObject({ code: 'CONSENT.NO_PARTS' });
    expect(s.refuse(consent(), dispatcher)).toMatchObject({ code: 'CONSENT.NOT_CASE_STAFF', kind: 'forbidden' });
    s.run(consent(), regionalDirector);
    expect(s.refuse(consent({ consentId: 'consent-3', case: complaintFacts({ streamId: 'complaint-c-2' }) }))).toMatchObject({ code: 'CONSENT.OTHER_CASE' });
    expect(s.refuse(consent())).toMatchObject({ code: 'CONSENT.ALREADY_RECORDED' });
  });

  it('R-ESC-03: the customer’s and the representative’s names are personal data under the customer’s key', () => {
    expect(consentEventSchemas.find((e) => e.type === 'RepresentativeConsentRecorded')!.personal).toEqual([{ subjectPath: 'customer.subjectId', fields: ['customer.name'] }]);
    expect(consentEventSchemas.find((e) => e.type === 'RepresentativeAccessRecorded')!.personal).toEqual([{ subjectPath: 'customerSubjectId', fields: ['representativePerson'] }]);
  });
});
