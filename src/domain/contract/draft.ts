import { addDays, parseLocalDate, type LocalDate } from '../calendar/local-date.js';
import type { DutyEvent, OpenDuty } from '../duty/duty.events.js';
import { cancelDuties, discharge, dutyOpened } from '../escalation/case-support.js';
import type { ConsequenceBook, ConsequenceEvent } from '../scheduling/consequence.events.js';
import { cancelConsequences, consequenceExecuted, dueConsequence, scheduleConsequence } from '../scheduling/consequence.js';
import { requireNotBefore, type DatedFact } from '../shared/business-time.js';
import { InvalidInputError, InvalidStateError, RuleViolation } from '../shared/domain-error.js';
import type { ContractFormedData, ContractSharedEvent, DraftHandedOverData } from './contract-shared.events.js';
import { admitInPersonMatter, contractDeadline, instantOf, type ContractContext } from './contract-support.js';
import type { Channel, ContractDifference, ContractParty, ContractTerms, OfferStreamType } from './contract.types.js';

/**
 * The draft phase shared by the connection application (contract sent for signature,
 * R-CON-03) and the contract request (offer handed over, R-CON-04): the signed copy forms the
 * contract at receipt (R-CON-06), a copy signed with differences is a counter-offer (R-CON-07),
 * and silence for 30 days lapses the offer by a scheduled consequence (R-CON-08).
 */

export const SIGNED_RETURN_DUTY_ID = 'signed-return';
export const LAPSE_OFFER_COMMAND = 'LapseOffer';

export const contractStreamId = (contractId: string) => `contract-${contractId}`;
export const counterOfferStreamId = (counterOfferId: string) => `counter-offer-${counterOfferId}`;

/** What a handed-over draft keeps in state. */
export interface Draft {
  readonly terms: ContractTerms;
  readonly handedOverAt: string;
  readonly handedOverOn: string;
  readonly signedReturnDue: string;
  readonly lapsesOn: string;
  readonly lapseConsequenceId: string;
}

export const draftOf = (data: DraftHandedOverData): Draft => ({
  terms: data.terms,
  handedOverAt: data.handedOverAt,
  handedOverOn: data.handedOverOn,
  signedReturnDue: data.signedReturnDue,
  lapsesOn: data.lapsesOn,
  lapseConsequenceId: data.lapseConsequenceId,
});

/** The case a draft belongs to, as the draft rules need it. */
export interface DraftCase {
  readonly streamId: string;
  readonly streamType: OfferStreamType;
  readonly caseId: string;
  readonly unitId: string;
  readonly customer: ContractParty;
  readonly policyVersion: string;
  readonly draft: Draft;
  readonly lapsed: boolean;
  readonly duties: Readonly<Record<string, OpenDuty>>;
  readonly consequences: ConsequenceBook;
  /** The stream's latest dated fact: the signed copy does not arrive before it. */
  readonly lastFact?: DatedFact;
}

export type DraftEvent = ContractSharedEvent | DutyEvent | ConsequenceEvent;

/**
 * The data of handing over a draft at `at`, with the customer's signed-return duty (R-CON-06)
 * and the lapse scheduled for the day after the 30 days end (R-CON-08, R-DL-01).
 */
export function handOverDraft(
  input: { readonly terms: ContractTerms; readonly at: { readonly at: string; readonly on: LocalDate }; readonly channel: Channel; readonly late: boolean; readonly streamId: string; readonly streamType: OfferStreamType },
  context: ContractContext,
): { readonly data: DraftHandedOverData; readonly follow: readonly (DutyEvent | ConsequenceEvent)[] } {
  const signedReturn = contractDeadline(input.at.on, (d) => d.signedReturn, context);
  const lapseDeadline = contractDeadline(input.at.on, (d) => d.offerLapse, context);
  const lapsesOn = addDays(lapseDeadline.due, 1);
  const lapseConsequenceId = context.newId();
  const data: DraftHandedOverData = {
    terms: input.terms,
    handedOverAt: input.at.at,
    handedOverOn: input.at.on,
    channel: input.channel,
    late: input.late,
    signedReturnDue: signedReturn.due,
    lapsesOn,
    lapseConsequenceId,
  };
  return {
    data,
    follow: [
      dutyOpened(SIGNED_RETURN_DUTY_ID, 'signed_return', signedReturn.due, 'R-CON-06', 'Return the signed contract to the provider', 'customer'),
      scheduleConsequence({
        consequenceId: lapseConsequenceId,
        kind: 'offer_lapse',
        streamId: input.streamId,
        streamType: input.streamType,
        dueDate: lapsesOn,
        commandType: LAPSE_OFFER_COMMAND,
        rule: 'R-CON-08',
        description: `The offer lapses unless the signed draft or a statement arrives by ${signedReturn.due}`,
      }),
    ],
  };
}

export interface SignedDraftInput {
  /** When the signed copy reached the provider (ISO 8601): the contract is formed at that moment (R-CON-06). */
  readonly receivedAt: string;
  readonly channel: Channel;
  readonly bookAppointment: boolean;
  /** Clauses signed differently: any makes the copy a counter-offer (R-CON-07). */
  readonly differences: readonly ContractDifference[];
}

/**
 * R-CON-06, R-CON-07, R-CHN-01: the customer's signed copy. Concluding a contract is an
 * in-person matter; the seed also lets the signed copy be returned by letter (4.2.1).
 */
export function receiveSignedDraft(input: SignedDraftInput, draftCase: DraftCase, context: ContractContext, code: string): DraftEvent[] {
  const admission = admitInPersonMatter(
    { matter: 'contract_conclusion', command: 'ReceiveSignedDraft', channel: input.channel, bookAppointment: input.bookAppointment, requestedAt: input.receivedAt, field: 'receivedAt', code, also: ['letter'] },
    context,
  );
  if (!admission.admitted) {
    // A booking to sign an offer that already lapsed would lead nowhere.
    if (draftCase.lapsed) throw new InvalidStateError(`${code}.OFFER_LAPSED`, 'The offer has lapsed', { rule: 'R-CON-08' });
    return [...admission.events];
  }
  const received = instantOf(input.receivedAt, 'receivedAt', context, code);
  if (draftCase.lastFact) requireNotBefore(received.at, 'receivedAt', draftCase.lastFact, code);
  const { draft } = draftCase;
  if (received.at < draft.handedOverAt) {
    throw new InvalidInputError(`${code}.RECEIVED_BEFORE_HANDOVER`, 'The signed copy cannot arrive before the draft was handed over', { field: 'receivedAt' });
  }
  if (received.on > draft.signedReturnDue) {
    throw new RuleViolation(`${code}.SIGNED_RETURN_LATE`, 'R-CON-06', `The signed copy arrived after ${draft.signedReturnDue}: no contract is formed, and the provider is no longer bound by its offer (R-CON-08)`, {
      field: 'receivedAt',
      signedReturnDue: draft.signedReturnDue,
    });
  }
  if (!Array.isArray(input.differences) || input.differences.some((d) => !d || typeof d.clause !== 'string' || d.clause.trim() === '' || typeof d.customerPosition !== 'string' || d.customerPosition.trim() === '')) {
    throw new InvalidInputError(`${code}.INVALID_DIFFERENCES`, 'Each difference names the clause and the customer’s wording', { field: 'differences' });
  }
  const events: DraftEvent[] = [];
  if (draftCase.lapsed) {
    events.push({
      type: 'OfferLapseSetAside',
      data: { consequenceId: draft.lapseConsequenceId, receivedAt: received.at, reason: `the signed copy reached the provider on ${received.on}, within the deadline ${draft.signedReturnDue}`, rule: 'R-CON-06' },
    });
  }
  const countered = input.differences.length > 0;
  if (countered) {
    const counterOfferId = context.newId();
    events.push({
      type: 'CounterOfferReceived',
      data: {
        counterOfferId,
        counterOfferStreamId: counterOfferStreamId(counterOfferId),
        receivedAt: received.at,
        receivedOn: received.on,
        channel: input.channel,
        customerSubjectId: draftCase.customer.subjectId,
        differences: input.differences,
      },
    });
  } else {
    events.push({ type: 'ContractFormed', data: formation(draftCase, received, input.channel, context) });
  }
  events.push(...discharge(draftCase.duties, SIGNED_RETURN_DUTY_ID, received.on));
  events.push(
    ...cancelConsequences(draftCase.consequences, countered ? 'the draft came back signed with differences: a counter-offer' : 'the signed draft arrived: the contract is formed', countered ? 'R-CON-07' : 'R-CON-06'),
  );
  return events;
}

function formation(draftCase: DraftCase, received: { readonly at: string; readonly on: LocalDate }, channel: Channel, context: ContractContext): ContractFormedData {
  const contractId = context.newId();
  return {
    contractId,
    contractStreamId: contractStreamId(contractId),
    formedAt: received.at,
    formedOn: received.on,
    effectiveFrom: received.on,
    rule: 'R-CON-06',
    channel,
    source: { streamId: draftCase.streamId, streamType: draftCase.streamType, caseId: draftCase.caseId },
    unitId: draftCase.unitId,
    customer: draftCase.customer,
    terms: draftCase.draft.terms,
    policyVersion: draftCase.policyVersion,
  };
}

/**
 * R-CON-08, sent by the scheduler: the offer lapses if the consequence is still pending. A
 * second or late run after the case moved on changes nothing.
 */
export function lapseOffer(consequenceId: string, draftCase: DraftCase | null, consequences: ConsequenceBook, duties: Readonly<Record<string, OpenDuty>>, context: ContractContext): DraftEvent[] {
  const due = dueConsequence(consequences, consequenceId, 'offer_lapse', context.now);
  if (!due || !draftCase) return [];
  return [
    { type: 'OfferLapsed', data: { consequenceId, lapsedOn: parseLocalDate(due.dueDate), signedReturnDue: draftCase.draft.signedReturnDue, rule: 'R-CON-08' } },
    consequenceExecuted(due, context.now),
    ...cancelDuties(duties, 'the offer lapsed: no signed draft and no statement within 30 days', 'R-CON-08'),
  ];
}
