import type { ConnectionCommand, ConnectionInformation, SubmitConnectionApplicationData } from '../../src/domain/contract/connection/connection.commands.js';
import { connectionDecider } from '../../src/domain/contract/connection/connection.decider.js';
import type { ConnectionEvent } from '../../src/domain/contract/connection/connection.events.js';
import type { ConnectionState } from '../../src/domain/contract/connection/connection.state.js';
import type { ContractCommand } from '../../src/domain/contract/contract-in-force/contract.commands.js';
import { contractDecider, contractRegisterNumbers } from '../../src/domain/contract/contract-in-force/contract.decider.js';
import type { ContractEvent } from '../../src/domain/contract/contract-in-force/contract.events.js';
import type { ContractState } from '../../src/domain/contract/contract-in-force/contract.state.js';
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
import { DEFAULT_ORGANISATION_UNITS } from '../../src/domain/organisation/default-organisation.data.js';
import type { OrganisationUnit } from '../../src/domain/organisation/organisation.js';
import type { ConsequenceScheduledData } from '../../src/domain/scheduling/consequence.events.js';
import type { Actor } from '../../src/domain/shared/actor.js';
import { DeciderScenario, type Message } from './decider-scenario.js';

const unit = (id: string): OrganisationUnit => DEFAULT_ORGANISATION_UNITS.find((u) => u.id === id)!;
export const CSO_BUDAPEST = unit('cso-budapest');
export const RD_CENTRAL = unit('rd-central');

export const clerk: Actor = { userId: 'clerk-kiss', role: 'clerk', unit: 'cso-budapest' };
export const supervisor: Actor = { userId: 'group-leader', role: 'supervisor', unit: 'cso-budapest' };
export const otherOfficeClerk: Actor = { userId: 'clerk-debrecen', role: 'clerk', unit: 'cso-debrecen' };
/** The scheduler runs its commands as a system user. */
export const scheduler: Actor = { userId: 'scheduler', role: 'admin', unit: null };

/**
 * A decider scenario for the contract deciders, where `fireDueConsequences` plays the scheduler.
 */
export class ContractScenario<C extends Message, E extends Message, S> extends DeciderScenario<C, E, S> {
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
