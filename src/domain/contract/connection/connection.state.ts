import { evolveDuties, isDutyEvent, type OpenDuty } from '../../duty/duty.events.js';
import { emptyConsequenceBook, evolveConsequences, isConsequenceEvent, type ConsequenceBook } from '../../scheduling/consequence.events.js';
import { assertNever } from '../../shared/decider.js';
import type { CounterOfferReceivedData } from '../contract-shared.events.js';
import { draftOf, type Draft } from '../draft.js';
import type { ContractParty } from '../contract.types.js';
import type { ConnectionEvent } from './connection.events.js';

/** Where a connection application stands (seed 4.1.2, 4.1.3). */
export type ConnectionStatus =
  | 'submitted'
  | 'informed'
  | 'changes_requested'
  | 'accepted'
  | 'contract_sent'
  | 'contract_formed'
  | 'countered'
  | 'information_lapsed'
  | 'offer_lapsed'
  | 'refused'
  | 'withdrawn';

/** Statuses after which nothing more happens on the application (a lapsed offer may still be set aside, R-CON-06). */
export const CONNECTION_CLOSED: readonly ConnectionStatus[] = ['contract_formed', 'countered', 'information_lapsed', 'offer_lapsed', 'refused', 'withdrawn'];

export interface ConnectionCase {
  readonly applicationId: string;
  readonly unitId: string;
  readonly receivedOn: string;
  readonly applicant: ContractParty;
  readonly policyVersion: string;
  /** How many times the provider gave its information (changes requested give a new revision). */
  readonly revision: number;
  /** The day the applicant's acceptance or change request is due (validity, moved off rest days). */
  readonly acceptanceDue: string | null;
  readonly validUntil: string | null;
  readonly contractDue: string | null;
  readonly draft: Draft | null;
  readonly contractId: string | null;
  /** R-CON-07: the counter-offer this draft was answered with; its own stream links back. */
  readonly counterOffer: CounterOfferReceivedData | null;
  readonly duties: Readonly<Record<string, OpenDuty>>;
  readonly consequences: ConsequenceBook;
}

export type ConnectionState = { readonly status: 'none' } | ({ readonly status: ConnectionStatus } & ConnectionCase);

export const initialConnectionState: ConnectionState = { status: 'none' };

export function evolveConnection(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  if (event.type === 'ConnectionApplicationSubmitted') {
    const d = event.data;
    return {
      status: 'submitted',
      applicationId: d.applicationId,
      unitId: d.unitId,
      receivedOn: d.receivedOn,
      applicant: d.applicant,
      policyVersion: d.policyVersion,
      revision: 0,
      acceptanceDue: null,
      validUntil: null,
      contractDue: null,
      draft: null,
      contractId: null,
      counterOffer: null,
      duties: {},
      consequences: emptyConsequenceBook,
    };
  }
  if (state.status === 'none') return state;
  if (isDutyEvent(event)) return { ...state, duties: evolveDuties(state.duties, event) };
  if (isConsequenceEvent(event)) return { ...state, consequences: evolveConsequences(state.consequences, event) };
  switch (event.type) {
    case 'ConnectionInformationProvided':
      return { ...state, status: 'informed', revision: event.data.revision, acceptanceDue: event.data.acceptanceDue, validUntil: event.data.information.validUntil };
    case 'ConnectionInformationAccepted':
      return { ...state, status: 'accepted', contractDue: event.data.contractDue };
    case 'InformationChangesRequested':
      return { ...state, status: 'changes_requested', acceptanceDue: null };
    case 'ContractSentForSignature':
      return { ...state, status: 'contract_sent', draft: draftOf(event.data) };
    case 'ContractFormed':
      return { ...state, status: 'contract_formed', contractId: event.data.contractId };
    case 'CounterOfferReceived':
      return { ...state, status: 'countered', counterOffer: event.data };
    case 'OfferLapsed':
      return { ...state, status: 'offer_lapsed' };
    case 'OfferLapseSetAside':
      return { ...state, status: 'contract_sent' };
    case 'ConnectionInformationLapsed':
      return { ...state, status: 'information_lapsed' };
    case 'ContractRefused':
      return { ...state, status: 'refused' };
    case 'ConnectionApplicationWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'PersonalAppointmentRequested':
    case 'PersonalAppointmentOffered':
      return state;
    case 'RetentionExpired':
      // R-RET-03: the personal data is shredded; the facts the rules read stay as they were.
      return state;
    default:
      return assertNever(event, 'connection event');
  }
}
