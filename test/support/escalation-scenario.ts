import { hungarianWorkingDayCalendar } from '../../src/domain/calendar/working-day-calendar.js';
import type { Complainant } from '../../src/domain/complaint/complaint.types.js';
import type { CaseFacts } from '../../src/domain/escalation/case-facts.js';
import type { CasePolicy, RegisterNumberRequest } from '../../src/domain/shared/case-support.js';
import type { EscalationCommand, RegisterEscalationData } from '../../src/domain/escalation/escalation.commands.js';
import { escalationDecider, escalationRegisterNumbers } from '../../src/domain/escalation/escalation.decider.js';
import type { EscalationEvent } from '../../src/domain/escalation/escalation.events.js';
import type { EscalationState } from '../../src/domain/escalation/escalation.state.js';
import { DEFAULT_ORGANISATION_UNITS } from '../../src/domain/organisation/default-organisation.data.js';
import type { OrganisationUnit } from '../../src/domain/organisation/organisation.js';
import { defaultPolicyCatalog } from '../../src/domain/policy/policy-catalog.js';
import type { Actor } from '../../src/domain/shared/actor.js';
import type { DomainError } from '../../src/domain/shared/domain-error.js';
import type { PipelineDecider } from '../../src/domain/shared/pipeline-decider.js';

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

type Message = { readonly type: string; readonly data: unknown };

/**
 * Runs commands through a pipeline decider the way the command pipeline does: the register
 * numbers the decider's helper asks for are reserved before deciding and kept only when the
 * decision is appended; the history is kept.
 */
export class DeciderScenario<C extends Message, E extends Message, S> {
  readonly events: E[] = [];
  now: Date;
  policyId = 'hu-2026';
  /** Register stream id -> the last number handed out. */
  readonly registers = new Map<string, number>();
  private ids = 0;

  constructor(
    private readonly decider: PipelineDecider<C, E, S, CasePolicy>,
    private readonly registerNumbers: (command: C, state: S, now: Date) => readonly RegisterNumberRequest[],
    private readonly defaultActor: Actor,
    now = '2026-03-02T09:00:00.000Z',
  ) {
    this.now = new Date(now);
  }

  at(now: string, policyId = this.policyId): this {
    this.now = new Date(now);
    this.policyId = policyId;
    return this;
  }

  state(): S {
    return this.events.reduce((s, e) => this.decider.evolve(s, e), this.decider.initialState);
  }

  private decide(command: C, actor: Actor): { decided: readonly E[]; reserved: Map<string, number> } {
    const state = this.state();
    const reserved = new Map(this.registerNumbers(command, state, this.now).map((r) => [r.streamId, (this.registers.get(r.streamId) ?? 0) + 1]));
    const decided = this.decider.decide(command, state, {
      now: this.now,
      newId: () => `id-${++this.ids}`,
      policy: { version: defaultPolicyCatalog.byId(this.policyId), calendar: hungarianWorkingDayCalendar },
      actor,
      sequences: reserved,
    });
    return { decided, reserved };
  }

  /** `when`: decides, appends what was decided (and the reserved numbers), and returns it. */
  run(command: C, actor: Actor = this.defaultActor): E[] {
    const { decided, reserved } = this.decide(command, actor);
    this.events.push(...decided);
    for (const [streamId, number] of reserved) this.registers.set(streamId, number);
    return [...decided];
  }

  /** Expects a refusal: nothing is added to the history, no register number is used. */
  refuse(command: C, actor: Actor = this.defaultActor): DomainError {
    const before = this.events.length;
    const numbers = new Map(this.registers);
    try {
      this.decide(command, actor);
    } catch (error) {
      expect(this.events.length).toBe(before);
      expect(this.registers).toEqual(numbers);
      return error as DomainError;
    }
    throw new Error(`Expected ${command.type} to be refused`);
  }

  advanceDays(days: number): this {
    this.now = new Date(this.now.getTime() + days * 86_400_000);
    return this;
  }

  of<T extends E['type']>(type: T): Extract<E, { type: T }>[] {
    return this.events.filter((e): e is Extract<E, { type: T }> => e.type === type);
  }
}

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
  return { exists: true, streamId: 'complaint-c-1', caseType: 'complaint', caseId: 'c-1', registerEntry: 'BP/2026/7', unit: CSO_BUDAPEST, status: 'closed', customerSubjectId: 'subject-1', ...overrides };
}

export function faultFacts(overrides: Partial<Extract<CaseFacts, { exists: true }>> = {}): CaseFacts {
  return { exists: true, streamId: 'fault-f-1', caseType: 'fault_report', caseId: 'f-1', registerEntry: 'DSP/2026/4', unit: DISPATCH, status: 'open', customerSubjectId: 'subject-1', ...overrides };
}

export function regionalEscalationFacts(overrides: Partial<Extract<CaseFacts, { exists: true }>> = {}): CaseFacts {
  return { exists: true, streamId: 'escalation-e-1', caseType: 'escalation', caseId: 'e-1', registerEntry: 'RIK/2026/1', unit: RD_CENTRAL, status: 'closed', customerSubjectId: 'subject-1', ...overrides };
}

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
