import { evolveDuties, isDutyEvent, type OpenDuty } from '../../duty/duty.events.js';
import { assertNever } from '../../shared/decider.js';
import type { ContractCaseLink, ContractDifference, ContractParty, ContractTerms } from '../contract.types.js';
import type { CounterOfferEvent } from './counter-offer.events.js';

/** Where a counter-offer stands (R-CON-07). */
export type CounterOfferStatus = 'awaiting_reconciliation' | 'reconciling' | 'contract_formed' | 'failed';

export interface CounterOfferCase {
  readonly counterOfferId: string;
  readonly answers: ContractCaseLink;
  readonly unitId: string;
  readonly customer: ContractParty;
  readonly draftTerms: ContractTerms;
  readonly differences: readonly ContractDifference[];
  readonly receivedOn: string;
  readonly policyVersion: string;
  readonly reconciliationDue: string;
  readonly contractId: string | null;
  readonly duties: Readonly<Record<string, OpenDuty>>;
}

export type CounterOfferState = { readonly status: 'none' } | ({ readonly status: CounterOfferStatus } & CounterOfferCase);

export const initialCounterOfferState: CounterOfferState = { status: 'none' };

export function evolveCounterOffer(state: CounterOfferState, event: CounterOfferEvent): CounterOfferState {
  if (event.type === 'CounterOfferRegistered') {
    const d = event.data;
    return {
      status: 'awaiting_reconciliation',
      counterOfferId: d.counterOfferId,
      answers: d.answers,
      unitId: d.unitId,
      customer: d.customer,
      draftTerms: d.draftTerms,
      differences: d.differences,
      receivedOn: d.receivedOn,
      policyVersion: d.policyVersion,
      reconciliationDue: d.reconciliationDue,
      contractId: null,
      duties: {},
    };
  }
  if (state.status === 'none') return state;
  if (isDutyEvent(event)) return { ...state, duties: evolveDuties(state.duties, event) };
  switch (event.type) {
    case 'ReconciliationStarted':
      return { ...state, status: 'reconciling' };
    case 'PositionsAgreed':
      return state;
    case 'ContractFormed':
      return { ...state, status: 'contract_formed', contractId: event.data.contractId };
    case 'ReconciliationFailed':
      return { ...state, status: 'failed' };
    case 'PersonalAppointmentRequested':
    case 'PersonalAppointmentOffered':
      return state;
    case 'RetentionExpired':
      // R-RET-03: the personal data is shredded; the facts the rules read stay as they were.
      return state;
    default:
      return assertNever(event, 'counter-offer event');
  }
}
