import { cancelDuties, discharge, dutyOpened, explainDeadline } from '../../escalation/case-support.js';
import { cancelConsequences } from '../../scheduling/consequence.js';
import { assertNever } from '../../shared/decider.js';
import { InvalidInputError, InvalidStateError, NotFoundError } from '../../shared/domain-error.js';
import type { CounterOfferSource } from '../counter-offer/counter-offer.commands.js';
import {
  admitInPersonMatter,
  checkTerms,
  contractDeadline,
  dateOf,
  instantOf,
  offerAppointment,
  requireCustomerServiceOffice,
  requireStaff,
  requireText,
  requireTexts,
  requireWritten,
  today,
  type ContractContext,
  requireAfterLastFact,
  type WithLastFact,
} from '../contract-support.js';
import { handOverDraft, lapseOffer, receiveSignedDraft, type DraftCase } from '../draft.js';
import type { OfferCommand } from './offer.commands.js';
import type { OfferEvent } from './offer.events.js';
import type { OfferCase, OfferState, OfferStatus } from './offer.state.js';

export type OfferContext = ContractContext;
type Cmd<T extends OfferCommand['type']> = Extract<OfferCommand, { type: T }>;
type Open = OfferCase & { readonly status: OfferStatus };

const CODE = 'OFFER';
export const OFFER_STREAM_TYPE = 'contract_offer';
export const offerStreamId = (offerId: string) => `offer-${offerId}`;

/** Deterministic duty ids: the first offer deadline, one per restart (R-DL-03), one per deficiency notice. */
export const OFFER_DUTY_ID = {
  offerHandover: 'offer-handover',
  offerHandoverRestart: (restart: number) => `offer-handover-restart-${restart}`,
  deficiencyCheck: 'deficiency-check',
  missingItems: (notice: number) => `missing-items-${notice}`,
} as const;

function requireStatus(state: OfferState, allowed: readonly OfferStatus[], what: string): Open {
  if (state.status === 'none') throw new NotFoundError(`${CODE}.NOT_FOUND`, 'No such contract request');
  if (state.status === 'appointment_booked' || !allowed.includes(state.status)) {
    throw new InvalidStateError(`${CODE}.WRONG_STATE`, `${what} is not possible while the request is ${state.status.replace(/_/g, ' ')}`, { details: { status: state.status, allowed } });
  }
  return state;
}

function request(command: Cmd<'RequestContract'>, state: OfferState, context: OfferContext): OfferEvent[] {
  if (state.status !== 'none' && state.status !== 'appointment_booked') throw new InvalidStateError(`${CODE}.ALREADY_REQUESTED`, 'The contract is already requested');
  const data = command.data;
  requireCustomerServiceOffice(data.receivingUnit, context, CODE);
  if (state.status === 'appointment_booked' && (state.offerId !== data.offerId || state.unitId !== data.receivingUnit.id)) {
    throw new InvalidInputError(`${CODE}.BOOKING_MISMATCH`, 'The request does not match the booking on this stream', { field: 'offerId' });
  }
  // R-CON-04 wants the request in writing; R-CHN-01 keeps contract conclusion in person: a phone call is refused or booked.
  const admission = admitInPersonMatter(
    { matter: 'contract_conclusion', command: command.type, channel: data.channel, bookAppointment: data.bookAppointment, requestedAt: data.receivedAt, field: 'receivedAt', code: CODE, also: ['letter', 'email', 'fax', 'web_form'] },
    context,
  );
  if (!admission.admitted) {
    if (state.status === 'appointment_booked') throw new InvalidStateError(`${CODE}.ALREADY_BOOKED`, 'An appointment is already booked for this request');
    requireText(data.requester?.subjectId, 'requester.subjectId', `${CODE}.TEXT_REQUIRED`);
    return [
      {
        type: 'ContractRequestBooked',
        data: { offerId: data.offerId, unitId: data.receivingUnit.id, requestedAt: data.receivedAt, channel: data.channel, contact: { subjectId: data.requester.subjectId, name: data.requester.name, phone: data.requester.phone } },
      },
      ...admission.events,
    ];
  }
  const received = instantOf(data.receivedAt, 'receivedAt', context, CODE);
  requireAfterLastFact(state, received.at, 'receivedAt', CODE);
  // Missing data do not block the request: they are asked for by a deficiency notice (R-CON-05).
  requireText(data.requester?.subjectId, 'requester.subjectId', `${CODE}.TEXT_REQUIRED`);
  requireText(data.requester?.name, 'requester.name', `${CODE}.TEXT_REQUIRED`);
  if (!Array.isArray(data.documents)) throw new InvalidInputError(`${CODE}.INVALID_DOCUMENTS`, 'documents must be a list', { field: 'documents' });
  const offer = contractDeadline(received.on, (d) => d.offerAfterRequest, context);
  const deficiency = contractDeadline(received.on, (d) => d.deficiencyNotice, context);
  // The customer came in as booked: the appointment duty is fulfilled.
  const booked = state.status === 'appointment_booked' ? Object.keys(state.duties).flatMap((dutyId) => discharge(state.duties, dutyId, received.on)) : [];
  return [
    {
      type: 'ContractRequested',
      data: {
        offerId: data.offerId,
        receivedAt: received.at,
        receivedOn: received.on,
        channel: data.channel,
        unitId: data.receivingUnit.id,
        requester: data.requester,
        placeOfUse: data.placeOfUse,
        basis: data.basis,
        connectionApplicationId: data.connectionApplicationId,
        documents: data.documents,
        policyVersion: context.policy.version.id,
        offerDue: offer.due,
        offerBasis: explainDeadline(offer, 'R-CON-04'),
        deficiencyNoticeDue: deficiency.due,
      },
    },
    ...booked,
    dutyOpened(OFFER_DUTY_ID.offerHandover, 'offer_handover', offer.due, 'R-CON-04', 'Hand over the draft contract (the offer)'),
    dutyOpened(OFFER_DUTY_ID.deficiencyCheck, 'deficiency_notice', deficiency.due, 'R-CON-05', 'Check the request; ask for any missing data or documents'),
  ];
}

function issueDeficiencyNotice(command: Cmd<'IssueDeficiencyNotice'>, state: OfferState, context: OfferContext): OfferEvent[] {
  const open = requireStatus(state, ['requested'], 'A deficiency notice');
  requireStaff(open.unitId, context, CODE);
  requireTexts(command.data.missing, 'missing', `${CODE}.NOTHING_MISSING`);
  const sent = instantOf(command.data.sentAt, 'sentAt', context, CODE);
  requireAfterLastFact(open, sent.at, 'sentAt', CODE);
  const respondBy = dateOf(command.data.respondBy, 'respondBy', CODE);
  if (respondBy < sent.on) throw new InvalidInputError(`${CODE}.RESPOND_BY_IN_PAST`, 'The customer cannot be asked to answer before the notice is sent', { field: 'respondBy' });
  const noticeNumber = open.notices + 1;
  const stopped = open.offerDutyId ? open.duties[open.offerDutyId] : undefined;
  return [
    {
      type: 'DeficiencyNoticeIssued',
      data: {
        noticeNumber,
        missing: command.data.missing,
        sentAt: sent.at,
        sentOn: sent.on,
        channel: command.data.channel,
        late: sent.on > open.deficiencyWindowEnds,
        respondBy,
        offerDeadlineStopped: stopped ? { dutyId: stopped.dutyId, wasDue: stopped.dueDate } : null,
      },
    },
    ...discharge(open.duties, OFFER_DUTY_ID.deficiencyCheck, sent.on),
    // R-CON-05: the offer deadline starts afresh when the items arrive; until then no offer is owed.
    ...(stopped ? [{ type: 'DutyCancelled' as const, data: { dutyId: stopped.dutyId, reason: `missing data or documents requested on ${sent.on}; the 30-day offer deadline restarts when they arrive`, rule: 'R-CON-05' } }] : []),
    dutyOpened(OFFER_DUTY_ID.missingItems(noticeNumber), 'customer_documents', respondBy, 'R-CON-05', `Supply the missing items: ${command.data.missing.join(', ')}`, 'customer'),
  ];
}

function receiveMissingItems(command: Cmd<'ReceiveMissingItems'>, state: OfferState, context: OfferContext): OfferEvent[] {
  const open = requireStatus(state, ['awaiting_items'], 'Receiving missing items');
  requireStaff(open.unitId, context, CODE);
  requireTexts(command.data.items, 'items', `${CODE}.NOTHING_RECEIVED`);
  const received = instantOf(command.data.receivedAt, 'receivedAt', context, CODE);
  requireAfterLastFact(open, received.at, 'receivedAt', CODE);
  const received_ = { type: 'MissingItemsReceived' as const, data: { noticeNumber: open.notices, receivedAt: received.at, receivedOn: received.on, items: command.data.items, complete: command.data.complete } };
  // The deadline starts with the completion, not with a partial delivery (seed 4.2.1).
  if (!command.data.complete) return [received_];
  const restart = open.offerDeadlines.length;
  const original = open.offerDeadlines[0]!;
  const previous = open.offerDeadlines[open.offerDeadlines.length - 1]!;
  const offer = contractDeadline(received.on, (d) => d.offerAfterRequest, context);
  const deficiency = contractDeadline(received.on, (d) => d.deficiencyNotice, context);
  const dutyId = OFFER_DUTY_ID.offerHandoverRestart(restart);
  const reason = `the missing items asked for in deficiency notice ${open.notices} arrived on ${received.on}`;
  return [
    received_,
    ...discharge(open.duties, OFFER_DUTY_ID.missingItems(open.notices), received.on),
    {
      type: 'OfferDeadlineRestarted',
      data: { restart, originalDue: original.due, previousDue: previous.due, newDue: offer.due, restartedOn: received.on, dutyId, reason, deficiencyNoticeDue: deficiency.due, rule: 'R-CON-05' },
    },
    dutyOpened(dutyId, 'offer_handover', offer.due, 'R-CON-05', `Hand over the offer: the 30 days restarted on ${received.on} (${reason}); first due ${original.due}, last due ${previous.due}`),
  ];
}

function handOver(command: Cmd<'HandOverOffer'>, state: OfferState, context: OfferContext): OfferEvent[] {
  const open = requireStatus(state, ['requested'], 'Handing over the offer');
  requireStaff(open.unitId, context, CODE);
  requireWritten(command.data.channel, `${CODE}.DRAFT_NOT_WRITTEN`, 'R-CON-04', 'The draft contract');
  checkTerms(command.data.terms, open.requester.category);
  const at = instantOf(command.data.handedOverAt, 'handedOverAt', context, CODE);
  requireAfterLastFact(open, at.at, 'handedOverAt', CODE);
  const duty = open.offerDutyId ? open.duties[open.offerDutyId] : undefined;
  const { data, follow } = handOverDraft(
    { terms: command.data.terms, at, channel: command.data.channel, late: !!duty && at.on > duty.dueDate, streamId: offerStreamId(open.offerId), streamType: OFFER_STREAM_TYPE },
    context,
  );
  return [
    { type: 'OfferHandedOver', data },
    ...(open.offerDutyId ? discharge(open.duties, open.offerDutyId, at.on) : []),
    // Handing over shows the request was complete: the deficiency check is done too.
    ...discharge(open.duties, OFFER_DUTY_ID.deficiencyCheck, at.on),
    ...follow,
  ];
}

function draftCaseOf(open: Open): DraftCase {
  if (!open.draft) throw new InvalidStateError(`${CODE}.NOT_HANDED_OVER`, 'No offer was handed over');
  return {
    streamId: offerStreamId(open.offerId),
    streamType: OFFER_STREAM_TYPE,
    caseId: open.offerId,
    unitId: open.unitId,
    customer: open.requester,
    policyVersion: open.policyVersion,
    draft: open.draft,
    lapsed: open.status === 'offer_lapsed',
    duties: open.duties,
    consequences: open.consequences,
    ...((open as WithLastFact<typeof open>).lastFact ? { lastFact: (open as WithLastFact<typeof open>).lastFact } : {}),
  };
}

/** The offer decider's command handling; `evolve` is in offer.state.ts. */
export function decideOffer(command: OfferCommand, state: OfferState, context: OfferContext): OfferEvent[] {
  switch (command.type) {
    case 'RequestContract':
      return request(command, state, context);
    case 'ConfirmRequestComplete': {
      const open = requireStatus(state, ['requested'], 'Confirming the request complete');
      requireStaff(open.unitId, context, CODE);
      const duty = open.duties[OFFER_DUTY_ID.deficiencyCheck];
      if (!duty) throw new InvalidStateError(`${CODE}.ALREADY_CHECKED`, 'The request was already checked', { rule: 'R-CON-05' });
      const on = today(context);
      return [{ type: 'RequestFoundComplete', data: { checkedOn: on, late: on > duty.dueDate } }, ...discharge(open.duties, duty.dutyId, on)];
    }
    case 'IssueDeficiencyNotice':
      return issueDeficiencyNotice(command, state, context);
    case 'ReceiveMissingItems':
      return receiveMissingItems(command, state, context);
    case 'HandOverOffer':
      return handOver(command, state, context);
    case 'ReceiveSignedDraft': {
      const open = requireStatus(state, ['offer_handed_over', 'offer_lapsed'], 'Receiving the signed draft');
      requireStaff(open.unitId, context, CODE);
      return receiveSignedDraft(command.data, draftCaseOf(open), context, CODE);
    }
    case 'RefuseContract': {
      // R-CON-09: refused before the offer binds the provider.
      const open = requireStatus(state, ['requested', 'awaiting_items'], 'Refusing the contract');
      requireStaff(open.unitId, context, CODE);
      requireTexts(command.data.unmetConditions, 'unmetConditions', `${CODE}.NO_UNMET_CONDITIONS`);
      requireText(command.data.explanation, 'explanation', `${CODE}.TEXT_REQUIRED`);
      const sent = instantOf(command.data.sentAt, 'sentAt', context, CODE);
      requireAfterLastFact(open, sent.at, 'sentAt', CODE);
      return [
        { type: 'ContractRefused', data: { unmetConditions: command.data.unmetConditions, explanation: command.data.explanation, sentAt: sent.at, sentOn: sent.on, channel: command.data.channel, rule: 'R-CON-09' } },
        ...cancelDuties(open.duties, 'the provider refused to contract', 'R-CON-09'),
        ...cancelConsequences(open.consequences, 'the provider refused to contract', 'R-CON-09'),
      ];
    }
    case 'WithdrawContractRequest': {
      if (state.status === 'appointment_booked') {
        requireStaff(state.unitId, context, CODE);
        const received = instantOf(command.data.receivedAt, 'receivedAt', context, CODE);
        requireAfterLastFact(state, received.at, 'receivedAt', CODE);
        return [{ type: 'ContractRequestWithdrawn', data: { receivedAt: received.at, receivedOn: received.on, channel: command.data.channel, reason: command.data.reason } }, ...cancelDuties(state.duties, 'the customer withdrew', null)];
      }
      const open = requireStatus(state, ['requested', 'awaiting_items', 'offer_handed_over'], 'Withdrawing');
      requireStaff(open.unitId, context, CODE);
      requireText(command.data.reason, 'reason', `${CODE}.TEXT_REQUIRED`);
      const received = instantOf(command.data.receivedAt, 'receivedAt', context, CODE);
      requireAfterLastFact(open, received.at, 'receivedAt', CODE);
      // After the handover this is the customer's statement on the offer (R-CON-08): the lapse is cancelled.
      return [
        { type: 'ContractRequestWithdrawn', data: { receivedAt: received.at, receivedOn: received.on, channel: command.data.channel, reason: command.data.reason } },
        ...cancelDuties(open.duties, 'the customer withdrew', null),
        ...cancelConsequences(open.consequences, 'the customer withdrew the request', 'R-CON-08'),
      ];
    }
    case 'OfferAppointment': {
      if (state.status === 'appointment_booked') {
        requireStaff(state.unitId, context, CODE);
        return offerAppointment(state.duties, command.data, context, CODE);
      }
      const open = requireStatus(state, ['requested', 'awaiting_items', 'offer_handed_over'], 'Offering an appointment');
      requireStaff(open.unitId, context, CODE);
      return offerAppointment(open.duties, command.data, context, CODE);
    }
    case 'LapseOffer': {
      if (state.status === 'none' || state.status === 'appointment_booked') throw new NotFoundError(`${CODE}.NOT_FOUND`, 'No such offer');
      const draftCase = state.status === 'offer_handed_over' ? draftCaseOf(state) : null;
      return lapseOffer(command.data.consequenceId, draftCase, state.consequences, state.duties, context);
    }
    default:
      return assertNever(command, 'offer command');
  }
}

/**
 * The facts `RegisterCounterOffer` needs about the draft the customer countered, from the
 * folded state of an offer stream; null when the stream holds no such counter-offer.
 */
export function counterOfferSourceOfOffer(state: OfferState, counterOfferId: string): CounterOfferSource | null {
  if (state.status !== 'countered' || !state.draft || state.counterOffer?.counterOfferId !== counterOfferId) return null;
  return {
    exists: true,
    streamId: offerStreamId(state.offerId),
    streamType: OFFER_STREAM_TYPE,
    caseId: state.offerId,
    unitId: state.unitId,
    customer: state.requester,
    draftTerms: state.draft.terms,
    counterOffer: state.counterOffer,
  };
}
