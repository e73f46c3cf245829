import { hungarianWorkingDayCalendar } from '../../src/domain/calendar/working-day-calendar.js';
import type { ConnectionCommand, ConnectionInformation, SubmitConnectionApplicationData } from '../../src/domain/contract/connection/connection.commands.js';
import { connectionDecider } from '../../src/domain/contract/connection/connection.decider.js';
import type { ConnectionEvent } from '../../src/domain/contract/connection/connection.events.js';
import type { ConnectionState } from '../../src/domain/contract/connection/connection.state.js';
import type { ContractCommand } from '../../src/domain/contract/contract-in-force/contract.commands.js';
import { contractDecider, contractRegisterNumbers } from '../../src/domain/contract/contract-in-force/contract.decider.js';
import type { ContractEvent } from '../../src/domain/contract/contract-in-force/contract.events.js';
import type { ContractState } from '../../src/domain/contract/contract-in-force/contract.state.js';
import type { ContractPolicy } from '../../src/domain/contract/contract-support.js';
import type { ContractFormedData } from '../../src/domain/contract/contract-shared.events.js';
import type { ContractTerms, OtherUserParty, ResidentialParty } from '../../src/domain/contract/contract.types.js';
import type { CounterOfferCommand } from '../../src/domain/contract/counter-offer/counter-offer.commands.js';
import { counterOfferDecider } from '../../src/domain/contract/counter-offer/counter-offer.decider.js';
import type { CounterOfferEvent } from '../../src/domain/contract/counter-offer/counter-offer.events.js';
import type { CounterOfferState } from '../../src/domain/contract/counter-offer/counter-offer.state.js';
import type { OfferCommand, RequestContractData } from '../../src/domain/contract/offer/offer.commands.js';
import { offerDecider } from '../../src/domain/contract/offer/offer.decider.js';
import type { OfferEvent } from '../../src/domain/contract/offer/offer.events.js';
import type { OfferState } from '../../src/domain/contract/offer/offer.state.js';
import type { RegisterNumberRequest } from '../../src/domain/shared/case-support.js';
import { DEFAULT_ORGANISATION_UNITS } from '../../src/domain/organisation/default-organisation.data.js';
import type { OrganisationUnit } from '../../src/domain/organisation/organisation.js';
import { defaultPolicyCatalog } from '../../src/domain/policy/policy-catalog.js';
import type { ConsequenceScheduledData } from '../../src/domain/scheduling/consequence.events.js';
import type { Actor } from '../../src/domain/shared/actor.js';
import type { DomainError } from '../../src/domain/shared/domain-error.js';
import type { PipelineDecider } from '../../src/domain/shared/pipeline-decider.js';

const unit = (id: string): OrganisationUnit => DEFAULT_ORGANISATION_UNITS.find((u) => u.id === id)!;
export const CSO_BUDAPEST = unit('cso-budapest');
export const RD_CENTRAL = unit('rd-central');

export const clerk: Actor = { userId: 'clerk-kiss', role: 'clerk', unit: 'cso-budapest' };
export const supervisor: Actor = { userId: 'group-leader', role: 'supervisor', unit: 'cso-budapest' };
export const otherOfficeClerk: Actor = { userId: 'clerk-debrecen', role: 'clerk', unit: 'cso-debrecen' };
/** The scheduler runs its commands as a system user. */
export const scheduler: Actor = { userId: 'scheduler', role: 'admin', unit: null };

type Message = { readonly type: string; readonly data: unknown };

/**
 * Runs commands through a contract decider the way the command pipeline does: register numbers
 * are reserved before deciding and kept only when the decision is appended; the history is kept.
 * `fireDueConsequences` plays the scheduler.
 */
export class ContractScenario<C extends Message, E extends Message, S> {
  readonly events: E[] = [];
  now: Date;
  policyId = 'hu-2026';
  readonly registers = new Map<string, number>();
  private ids = 0;

  constructor(
    private readonly decider: PipelineDecider<C, E, S, ContractPolicy>,
    private readonly registerNumbers: (command: C, state: S, now: Date) => readonly RegisterNumberRequest[],
    private readonly defaultActor: Actor,
    now: string,
    private readonly idPrefix: string,
  ) {
    this.now = new Date(now);
  }

  at(now: string, policyId = this.policyId): this {
    this.now = new Date(now);
    this.policyId = policyId;
    return this;
  }

  advanceDays(days: number): this {
    this.now = new Date(this.now.getTime() + days * 86_400_000);
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
      newId: () => `${this.idPrefix}-${++this.ids}`,
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

  of<T extends E['type']>(type: T): Extract<E, { type: T }>[] {
    return this.events.filter((e): e is Extract<E, { type: T }> => e.type === type);
  }

  last<T extends E['type']>(type: T): Extract<E, { type: T }>['data'] {
    const found = this.of(type);
    if (found.length === 0) throw new Error(`No ${type} in the history`);
    return found[found.length - 1]!.data;
  }

  /** The consequences scheduled and neither cancelled nor executed, as a scheduler table would hold them. */
  pendingConsequences(): ConsequenceScheduledData[] {
    const settled = new Set(this.events.filter((e) => e.type === 'ConsequenceCancelled' || e.type === 'ConsequenceExecuted').map((e) => (e.data as { consequenceId: string }).consequenceId));
    return this.events.filter((e) => e.type === 'ConsequenceScheduled').map((e) => e.data as ConsequenceScheduledData).filter((c) => !settled.has(c.consequenceId));
  }

  /** Plays the scheduler: sends the command of every pending consequence due by now; returns what was appended. */
  fireDueConsequences(): E[] {
    const due = this.pendingConsequences().filter((c) => new Date(c.dueAt).getTime() <= this.now.getTime());
    return due.flatMap((c) => this.run(c.command as unknown as C, scheduler));
  }
}

export const residentialParty = (overrides: Partial<ResidentialParty> = {}): ResidentialParty => ({
  category: 'residential',
  subjectId: 'subject-1',
  name: 'Kovács Éva',
  address: '1111 Budapest, Fő utca 1.',
  legalTitle: 'owner',
  email: 'eva@example.hu',
  phone: '+36 30 123 4567',
  bankDetails: null,
  birthPlace: 'Szekszárd',
  birthDate: '1980-05-17',
  mothersName: 'Nagy Mária',
  ...overrides,
});

export const otherUserParty = (overrides: Partial<OtherUserParty> = {}): OtherUserParty => ({
  category: 'other',
  subjectId: 'subject-firm',
  name: 'Példa Kft.',
  address: '7100 Szekszárd, Ipari út 3.',
  legalTitle: 'owner',
  email: 'info@pelda.hu',
  phone: null,
  bankDetails: { bankName: 'OTP Bank', accountNumber: '11773016-12345678-00000000' },
  statisticalNumber: '12345678-3530-113-17',
  companyRegistrationNumber: '17-09-001234',
  taxNumber: '12345678-2-17',
  representative: { name: 'Szabó Péter', address: '7100 Szekszárd, Fő tér 2.' },
  ...overrides,
});

export function application(overrides: Partial<SubmitConnectionApplicationData> = {}): Extract<ConnectionCommand, { type: 'SubmitConnectionApplication' }> {
  return {
    type: 'SubmitConnectionApplication',
    data: {
      applicationId: 'app-1',
      receivedAt: '2026-03-02T08:30:00.000Z',
      channel: 'letter',
      applicant: residentialParty(),
      placeOfUse: { placeOfUseId: null, address: '1111 Budapest, Fő utca 1.', purpose: 'flat' },
      purpose: 'new_connection',
      demand: { peakHeatKw: 12, hotWaterKw: 6, totalPeakKw: 18 },
      requestedStartDate: '2026-10-01',
      paymentMethod: 'postal_cheque',
      otherTechnicalData: null,
      securityOfSupplyNeeds: null,
      receivingUnit: CSO_BUDAPEST,
      ...overrides,
    },
  };
}

export const information = (overrides: Partial<ConnectionInformation> = {}): ConnectionInformation => ({
  supplyPoint: 'Heat centre K-12',
  connectionPoint: 'Manifold 3, basement',
  connectionFeeHuf: 450_000,
  technicalConditions: 'Secondary circuit with heat exchanger; pressure class PN16',
  permitsNeeded: ['building permit for the substation'],
  meterPlacement: 'Heat meter on the return line in the substation, DN25',
  selectableTariffs: ['A1 residential', 'A2 residential with hot water'],
  recommendedPaymentMethod: 'postal_cheque',
  possibleStartDate: '2026-10-01',
  validUntil: '2026-04-30',
  ...overrides,
});

export const generalTerms = (overrides: Partial<ContractTerms> = {}): ContractTerms => ({
  kind: 'general',
  placeOfUseId: 'POU-77',
  tariff: 'A1 residential',
  paymentMethod: 'postal_cheque',
  contractedHeatKw: 18,
  supplyStartsOn: '2026-10-01',
  term: { kind: 'indefinite', agreedOtherwise: false },
  customerNoticeDays: null,
  ...overrides,
});

export const individualTerms = (overrides: Partial<ContractTerms> = {}): ContractTerms => ({
  kind: 'individual',
  placeOfUseId: 'POU-900',
  tariff: 'B2 business',
  paymentMethod: 'bank_transfer',
  contractedHeatKw: 250,
  supplyStartsOn: '2026-10-01',
  term: { kind: 'fixed', endsOn: '2027-09-30' },
  customerNoticeDays: 60,
  ...overrides,
});

export function contractRequest(overrides: Partial<RequestContractData> = {}): Extract<OfferCommand, { type: 'RequestContract' }> {
  return {
    type: 'RequestContract',
    data: {
      offerId: 'offer-1',
      receivedAt: '2026-03-02T08:30:00.000Z',
      channel: 'letter',
      bookAppointment: false,
      requester: residentialParty(),
      placeOfUse: { placeOfUseId: 'POU-77', address: '1111 Budapest, Fő utca 1.', purpose: 'flat' },
      basis: 'information_conditions_met',
      connectionApplicationId: null,
      documents: ['title deed'],
      receivingUnit: CSO_BUDAPEST,
      ...overrides,
    },
  };
}

/** The formation facts of a general contract, as the application reads them from a `ContractFormed` event. */
export const formation = (overrides: Partial<ContractFormedData> = {}): ContractFormedData => ({
  contractId: 'k-1',
  contractStreamId: 'contract-k-1',
  formedAt: '2026-03-20T09:00:00.000Z',
  formedOn: '2026-03-20',
  effectiveFrom: '2026-03-20',
  rule: 'R-CON-06',
  channel: 'in_person',
  source: { streamId: 'offer-offer-1', streamType: 'contract_offer', caseId: 'offer-1' },
  unitId: 'cso-budapest',
  customer: residentialParty(),
  terms: generalTerms(),
  policyVersion: 'hu-2026',
  ...overrides,
});

const none = () => [] as const;

export type ConnectionScenario = ContractScenario<ConnectionCommand, ConnectionEvent, ConnectionState>;
export type OfferScenario = ContractScenario<OfferCommand, OfferEvent, OfferState>;
export type CounterOfferScenario = ContractScenario<CounterOfferCommand, CounterOfferEvent, CounterOfferState>;
export type ContractInForceScenario = ContractScenario<ContractCommand, ContractEvent, ContractState>;

export const connectionScenario = (now = '2026-03-02T09:00:00.000Z'): ConnectionScenario => new ContractScenario(connectionDecider, none, clerk, now, 'cn');
export const offerScenario = (now = '2026-03-02T09:00:00.000Z'): OfferScenario => new ContractScenario(offerDecider, none, clerk, now, 'of');
export const counterOfferScenario = (now = '2026-03-02T09:00:00.000Z'): CounterOfferScenario => new ContractScenario(counterOfferDecider, none, clerk, now, 'co');
export const contractScenario = (now = '2026-03-20T10:00:00.000Z'): ContractInForceScenario => new ContractScenario(contractDecider, contractRegisterNumbers, clerk, now, 'ct');

/** A general contract in force, established from `formation()`. */
export function contractInForce(overrides: Partial<ContractFormedData> = {}, now?: string): ContractInForceScenario {
  const s = contractScenario(now);
  s.run({ type: 'EstablishContract', data: { formation: formation(overrides), unit: CSO_BUDAPEST } });
  return s;
}
