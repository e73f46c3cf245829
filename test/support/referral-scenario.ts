import type { ConsentCommand, RecordRepresentativeConsentData } from '../../src/domain/consent/consent.commands.js';
import { consentDecider } from '../../src/domain/consent/consent.decider.js';
import type { ConsentEvent } from '../../src/domain/consent/consent.events.js';
import type { ConsentState } from '../../src/domain/consent/consent.state.js';
import { DEFAULT_EXTERNAL_BODIES } from '../../src/domain/external-bodies/default-external-bodies.data.js';
import type { ExternalBody } from '../../src/domain/external-bodies/external-bodies.js';
import type { RecordReferralData, ReferralCommand } from '../../src/domain/referral/referral.commands.js';
import { referralDecider, referralRegisterNumbers } from '../../src/domain/referral/referral.decider.js';
import type { ReferralEvent } from '../../src/domain/referral/referral.events.js';
import type { ReferralState } from '../../src/domain/referral/referral.state.js';
import { complaintFacts, CSO_BUDAPEST, csoClerk, DeciderScenario } from './escalation-scenario.js';

export const body = (id: string): ExternalBody => DEFAULT_EXTERNAL_BODIES.find((b) => b.id === id)!;

export function referral(overrides: Partial<RecordReferralData> = {}): Extract<ReferralCommand, { type: 'RecordReferral' }> {
  return {
    type: 'RecordReferral',
    data: {
      referralId: 'r-1',
      about: complaintFacts(),
      body: body('bfkh-fogyasztovedelem'),
      initiatedBy: 'customer',
      referredOn: '2026-03-02',
      customer: { subjectId: 'subject-1', name: 'Kovács Éva' },
      bodyCaseReference: 'BP/FVF/1234-2/2026',
      subject: 'The provider rejected my bill objection without examining the reading',
      recordingUnit: CSO_BUDAPEST,
      ...overrides,
    },
  };
}

export type ReferralScenario = DeciderScenario<ReferralCommand, ReferralEvent, ReferralState>;

export function referralScenario(now?: string): ReferralScenario {
  return new DeciderScenario(referralDecider, referralRegisterNumbers, csoClerk, now);
}

export const association = { id: 'ofe', name: 'Országos Fogyasztóvédelmi Egyesület' };

export function consent(overrides: Partial<RecordRepresentativeConsentData> = {}): Extract<ConsentCommand, { type: 'RecordRepresentativeConsent' }> {
  return {
    type: 'RecordRepresentativeConsent',
    data: {
      consentId: 'consent-1',
      case: complaintFacts(),
      customer: { subjectId: 'subject-1', name: 'Kovács Éva' },
      organisation: association,
      scope: ['case_record', 'correspondence'],
      givenOn: '2026-03-02',
      validUntil: '2026-03-31',
      document: { kind: 'signed_statement', reference: 'BP/2026/7-12' },
      ...overrides,
    },
  };
}

export function representativeAccess(overrides: Partial<Extract<ConsentCommand, { type: 'RecordRepresentativeAccess' }>['data']> = {}): Extract<ConsentCommand, { type: 'RecordRepresentativeAccess' }> {
  return {
    type: 'RecordRepresentativeAccess',
    data: { organisationId: 'ofe', representativePerson: 'Dr. Fehér Anna', parts: ['case_record'], purpose: 'advising the customer on the bill objection', businessSecretAcknowledged: true, ...overrides },
  };
}

export type ConsentScenario = DeciderScenario<ConsentCommand, ConsentEvent, ConsentState>;

export function consentScenario(now?: string): ConsentScenario {
  return new DeciderScenario(consentDecider, () => [], csoClerk, now);
}
