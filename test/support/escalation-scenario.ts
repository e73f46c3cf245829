import type { Complainant } from '../../src/domain/complaint/complaint.types.js';
import type { CaseFacts } from '../../src/domain/escalation/case-facts.js';
import type { EscalationCommand, RegisterEscalationData } from '../../src/domain/escalation/escalation.commands.js';
import { escalationDecider, escalationRegisterNumbers } from '../../src/domain/escalation/escalation.decider.js';
import type { EscalationEvent } from '../../src/domain/escalation/escalation.events.js';
import type { EscalationState } from '../../src/domain/escalation/escalation.state.js';
import { DeciderScenario } from './decider-scenario.js';
import { DEFAULT_ORGANISATION_UNITS } from '../../src/domain/organisation/default-organisation.data.js';
import type { OrganisationUnit } from '../../src/domain/organisation/organisation.js';
import type { Actor } from '../../src/domain/shared/actor.js';

const unit = (id: string): OrganisationUnit => DEFAULT_ORGANISATION_UNITS.find((u) => u.id === id)!;
export const DISPATCH = unit('dispatch-central');
export const CSO_BUDAPEST = unit('cso-budapest');
export const CSO_DEBRECEN = unit('cso-debrecen');
export const RD_CENTRAL = unit('rd-central');
export const RD_EAST = unit('rd-east');
export const CENTRAL = unit('central-secretariat');

export const actor = (userId: string, role: Actor['role'], unitId: string | null): Actor => ({ userId, role, unit: unitId });
export const dispatcher = actor('dispatcher-szabo', 'dispatcher', 'dispatch-central');
export const csoClerk = actor('clerk-kiss', 'clerk', 'cso-budapest');
export const csoSupervisor = actor('group-leader', 'supervisor', 'cso-budapest');
export const rikReception = actor('clerk-rik-reception', 'clerk', 'rd-central');
export const regionalDirector = actor('regional-director', 'supervisor', 'rd-central');
export const rikClerk = actor('clerk-rik-toth', 'clerk', 'rd-central');
export const eastDirector = actor('east-director', 'supervisor', 'rd-east');
export const ktReception = actor('clerk-kt-reception', 'clerk', 'central-secretariat');
export const managingDirector = actor('managing-director', 'supervisor', 'central-secretariat');
export const ktClerk = actor('clerk-kt-varga', 'clerk', 'central-secretariat');

export { DeciderScenario } from './decider-scenario.js';

export const complainant: Complainant = {
  subjectId: 'subject-1',
  name: 'Kovács Éva',
  address: '1111 Budapest, Fő utca 1.',
  email: 'eva@example.hu',
  phone: null,
  customerNumber: 'U-1001',
  representative: null,
};

/** A closed complaint of the Budapest customer service office, as the application reads it. */
export function complaintFacts(overrides: Partial<Extract<CaseFacts, { exists: true }>> = {}): CaseFacts {
  return { exists: true, streamId: 'complaint-c-1', caseType: 'complaint', caseId: 'c-1', registerEntry: 'BP/2026/7', unit: CSO_BUDAPEST, status: 'closed', receivedAt: '2026-03-01T08:00:00.000Z', customerSubjectId: 'subject-1', ...overrides };
}

export function faultFacts(overrides: Partial<Extract<CaseFacts, { exists: true }>> = {}): CaseFacts {
  return { exists: true, streamId: 'fault-f-1', caseType: 'fault_report', caseId: 'f-1', registerEntry: 'DSP/2026/4', unit: DISPATCH, status: 'open', receivedAt: '2026-03-01T08:00:00.000Z', customerSubjectId: 'subject-1', ...overrides };
}

export function regionalEscalationFacts(overrides: Partial<Extract<CaseFacts, { exists: true }>> = {}): CaseFacts {
  return { exists: true, streamId: 'escalation-e-1', caseType: 'escalation', caseId: 'e-1', registerEntry: 'RIK/2026/1', unit: RD_CENTRAL, status: 'closed', receivedAt: '2026-03-01T08:00:00.000Z', customerSubjectId: 'subject-1', ...overrides };
}

/** What a written escalation says about an oral record: nothing (R-LAW-04 applies to oral ones). */
export const noRecord = { recordPlace: null, positionIfExamined: null, customerSignedRecord: null, recordCopyHandedOver: false } as const;

export function escalation(overrides: Partial<RegisterEscalationData> = {}): Extract<EscalationCommand, { type: 'RegisterEscalation' }> {
  return {
    type: 'RegisterEscalation',
    data: {
      escalationId: 'e-1',
      receivedAt: '2026-03-02T08:30:00.000Z',
      channel: 'letter',
      complainant,
      description: 'The customer service office never answered my bill objection.',
      documents: ['copy of the objection'],
      remedySought: 'An answer and a corrected bill',
      about: complaintFacts(),
      targetUnit: RD_CENTRAL,
      record: noRecord,
      ...overrides,
    },
  };
}

export type EscalationScenario = DeciderScenario<EscalationCommand, EscalationEvent, EscalationState>;

export function escalationScenario(now?: string): EscalationScenario {
  return new DeciderScenario(escalationDecider, escalationRegisterNumbers, rikReception, now);
}

export const redress = {
  consumerProtectionAuthority: { name: 'Budapest Főváros Kormányhivatala, Fogyasztóvédelmi Főosztály', address: '1051 Budapest, Sas u. 19.', phone: '+36 1 450 2598', email: 'fogyasztovedelem@bfkh.gov.hu' },
  conciliationBoard: { name: 'Budapesti Békéltető Testület', address: '1016 Budapest, Krisztina krt. 99.', phone: '+36 1 488 2131', email: 'bekelteto.testulet@bkik.hu' },
};
