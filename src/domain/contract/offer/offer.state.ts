import { evolveDuties, isDutyEvent, type OpenDuty } from '../../duty/duty.events.js';
import { emptyConsequenceBook, evolveConsequences, isConsequenceEvent, type ConsequenceBook } from '../../scheduling/consequence.events.js';
import { assertNever } from '../../shared/decider.js';
import type { CounterOfferReceivedData } from '../contract-shared.events.js';
import type { ContractParty } from '../contract.types.js';
import { draftOf, type Draft } from '../draft.js';
import type { OfferEvent } from './offer.events.js';

/** Where a contract request and its offer stand (seed 4.2.1). */
export type OfferStatus = 'requested' | 'awaiting_items' | 'offer_handed_over' | 'contract_formed' | 'countered' | 'offer_lapsed' | 'refused' | 'withdrawn';

/** R-DL-03: one entry per offer deadline: the original, then every restart and why. */
export interface OfferDeadline {
  readonly dutyId: string;
  readonly due: string;
  readonly from: string;
  readonly reason: string;
}

export interface OfferCase {
  readonly offerId: string;
  readonly unitId: string;
  readonly receivedOn: string;
  readonly requester: ContractParty;
  readonly policyVersion: string;
  readonly offerDeadlines: readonly OfferDeadline[];
  /** The open offer-handover duty; null while the clock is stopped for missing items (R-CON-05). */
  readonly offerDutyId: string | null;
  /** R-CON-05: the last day for a deficiency notice (15 days from receipt, or from the last completion). */
  readonly deficiencyWindowEnds: string;
  readonly notices: number;
  readonly draft: Draft | null;
  readonly contractId: string | null;
  readonly counterOffer: CounterOfferReceivedData | null;
  readonly duties: Readonly<Record<string, OpenDuty>>;
  readonly consequences: ConsequenceBook;
}

/** A request by phone booked for an appointment: the stream exists, the request does not yet (R-CHN-01). */
export interface BookedRequest {
  readonly status: 'appointment_booked';
  readonly offerId: string;
  readonly unitId: string;
  readonly duties: Readonly<Record<string, OpenDuty>>;
}

export type OfferState = { readonly status: 'none' } | BookedRequest | ({ readonly status: OfferStatus } & OfferCase);

export const initialOfferState: OfferState = { status: 'none' };

export function evolveOffer(state: OfferState, event: OfferEvent): OfferState {
  if (event.type === 'ContractRequested') {
    const d = event.data;
    return {
      status: 'requested',
      offerId: d.offerId,
      unitId: d.unitId,
      receivedOn: d.receivedOn,
      requester: d.requester,
      policyVersion: d.policyVersion,
      offerDeadlines: [{ dutyId: 'offer-handover', due: d.offerDue, from: d.receivedOn, reason: 'written request received (R-CON-04)' }],
      offerDutyId: 'offer-handover',
      deficiencyWindowEnds: d.deficiencyNoticeDue,
      notices: 0,
      draft: null,
      contractId: null,
      counterOffer: null,
      duties: state.status === 'appointment_booked' ? state.duties : {},
      consequences: emptyConsequenceBook,
    };
  }
  if (event.type === 'ContractRequestBooked') return { status: 'appointment_booked', offerId: event.data.offerId, unitId: event.data.unitId, duties: {} };
  if (state.status === 'none') return state;
  if (isDutyEvent(event)) return { ...state, duties: evolveDuties(state.duties, event) };
  if (state.status === 'appointment_booked') return state;
  if (isConsequenceEvent(event)) return { ...state, consequences: evolveConsequences(state.consequences, event) };
  switch (event.type) {
    case 'RequestFoundComplete':
    case 'PersonalAppointmentRequested':
    case 'PersonalAppointmentOffered':
      return state;
    case 'DeficiencyNoticeIssued':
      return { ...state, status: 'awaiting_items', notices: event.data.noticeNumber, offerDutyId: null };
    case 'MissingItemsReceived':
      return state;
    case 'OfferDeadlineRestarted': {
      const d = event.data;
      return {
        ...state,
        status: 'requested',
        offerDutyId: d.dutyId,
        deficiencyWindowEnds: d.deficiencyNoticeDue,
        offerDeadlines: [...state.offerDeadlines, { dutyId: d.dutyId, due: d.newDue, from: d.restartedOn, reason: d.reason }],
      };
    }
    case 'OfferHandedOver':
      return { ...state, status: 'offer_handed_over', draft: draftOf(event.data), offerDutyId: null };
    case 'ContractFormed':
      return { ...state, status: 'contract_formed', contractId: event.data.contractId };
    case 'CounterOfferReceived':
      return { ...state, status: 'countered', counterOffer: event.data };
    case 'OfferLapsed':
      return { ...state, status: 'offer_lapsed' };
    case 'OfferLapseSetAside':
      return { ...state, status: 'offer_handed_over' };
    case 'ContractRefused':
      return { ...state, status: 'refused' };
    case 'ContractRequestWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'RetentionExpired':
      // R-RET-03: the personal data is shredded; the facts the rules read stay as they were.
      return state;
    default:
      return assertNever(event, 'offer event');
  }
}
