import { addDays, isLocalDate, parseLocalDate, type LocalDate } from '../../calendar/local-date.js';
import { cancelDuties, discharge, dutyOpened, explainDeadline } from '../../escalation/case-support.js';
import { cancelConsequences, consequenceExecuted, dueConsequence, scheduleConsequence } from '../../scheduling/consequence.js';
import { assertNever } from '../../shared/decider.js';
import { InvalidInputError, InvalidStateError, NotFoundError, RuleViolation } from '../../shared/domain-error.js';
import {
  admitInPersonMatter,
  checkHeatDemand,
  checkTerms,
  contractDeadline,
  instantOf,
  missingPartyData,
  missingPaymentData,
  missingPlaceOfUse,
  offerAppointment,
  requireCustomerServiceOffice,
  requireStaff,
  requireText,
  requireTexts,
  requireWritten,
  type ContractContext,
  requireAfterLastFact,
  type WithLastFact,
} from '../contract-support.js';
import { PAYMENT_METHODS } from '../contract.types.js';
import { handOverDraft, lapseOffer, receiveSignedDraft, type DraftCase } from '../draft.js';
import type { CounterOfferSource } from '../counter-offer/counter-offer.commands.js';
import type { ConnectionCommand, ConnectionInformation } from './connection.commands.js';
import type { ConnectionEvent } from './connection.events.js';
import type { ConnectionCase, ConnectionState, ConnectionStatus } from './connection.state.js';

export type ConnectionContext = ContractContext;
type Cmd<T extends ConnectionCommand['type']> = Extract<ConnectionCommand, { type: T }>;
type Open = ConnectionCase & { readonly status: ConnectionStatus };

const CODE = 'CONNECTION';
export const CONNECTION_STREAM_TYPE = 'connection_application';
export const connectionStreamId = (applicationId: string) => `connection-${applicationId}`;
export const LAPSE_INFORMATION_COMMAND = 'LapseInformation';

/** Deterministic duty ids: one information and one acceptance per revision, one contract dispatch. */
export const CONNECTION_DUTY_ID = {
  information: (revision: number) => `information-${revision}`,
  acceptance: (revision: number) => `acceptance-${revision}`,
  contractDispatch: 'contract-dispatch',
} as const;

function requireStatus(state: ConnectionState, allowed: readonly ConnectionStatus[], what: string): Open {
  if (state.status === 'none') throw new NotFoundError(`${CODE}.NOT_FOUND`, 'No such connection application');
  if (!allowed.includes(state.status)) {
    throw new InvalidStateError(`${CODE}.WRONG_STATE`, `${what} is not possible while the application is ${state.status.replace(/_/g, ' ')}`, { details: { status: state.status, allowed } });
  }
  return state;
}

function submit(command: Cmd<'SubmitConnectionApplication'>, state: ConnectionState, context: ConnectionContext): ConnectionEvent[] {
  if (state.status !== 'none') throw new InvalidStateError(`${CODE}.ALREADY_SUBMITTED`, 'The application is already submitted');
  const data = command.data;
  requireCustomerServiceOffice(data.receivingUnit, context, CODE);
  requireWritten(data.channel, `${CODE}.APPLICATION_NOT_WRITTEN`, 'R-CON-01', 'An application for a connection or extra capacity');
  const received = instantOf(data.receivedAt, 'receivedAt', context, CODE);
  const missing = [
    ...missingPartyData(data.applicant, 'applicant'),
    ...(PAYMENT_METHODS.includes(data.paymentMethod) ? missingPaymentData(data.applicant, data.paymentMethod, 'applicant') : ['paymentMethod']),
    ...missingPlaceOfUse(data.placeOfUse, 'placeOfUse'),
    ...(isLocalDate(data.requestedStartDate) ? [] : ['requestedStartDate']),
    ...(data.purpose === 'new_connection' || data.purpose === 'extra_capacity' ? [] : ['purpose']),
    // Extra capacity is asked for an existing place of use (seed 4.1.2).
    ...(data.purpose === 'extra_capacity' && !data.placeOfUse?.placeOfUseId ? ['placeOfUse.placeOfUseId'] : []),
  ];
  if (missing.length > 0) {
    throw new RuleViolation(`${CODE}.APPLICATION_INCOMPLETE`, 'R-CON-01', `The application lacks: ${missing.join(', ')}`, { missing });
  }
  checkHeatDemand(data.demand);
  const information = contractDeadline(received.on, (d) => d.applicationInformation, context);
  return [
    {
      type: 'ConnectionApplicationSubmitted',
      data: {
        applicationId: data.applicationId,
        receivedAt: received.at,
        receivedOn: received.on,
        channel: data.channel,
        unitId: data.receivingUnit.id,
        applicant: data.applicant,
        placeOfUse: data.placeOfUse,
        purpose: data.purpose,
        demand: data.demand,
        requestedStartDate: data.requestedStartDate,
        paymentMethod: data.paymentMethod,
        otherTechnicalData: data.otherTechnicalData,
        securityOfSupplyNeeds: data.securityOfSupplyNeeds,
        policyVersion: context.policy.version.id,
        informationDue: information.due,
        informationBasis: explainDeadline(information, 'R-CON-02'),
      },
    },
    dutyOpened(CONNECTION_DUTY_ID.information(1), 'application_information', information.due, 'R-CON-02', 'Inform the applicant of the technical and economic conditions of the connection'),
  ];
}

/** R-CON-02: the items the information must give; returns the ones missing. */
function missingInformation(info: ConnectionInformation): string[] {
  const missing: string[] = [];
  const text = (value: unknown, field: string) => {
    if (typeof value !== 'string' || value.trim() === '') missing.push(field);
  };
  text(info?.supplyPoint, 'supplyPoint');
  text(info?.connectionPoint, 'connectionPoint');
  if (typeof info?.connectionFeeHuf !== 'number' || !Number.isInteger(info.connectionFeeHuf) || info.connectionFeeHuf < 0) missing.push('connectionFeeHuf');
  text(info?.technicalConditions, 'technicalConditions');
  if (!Array.isArray(info?.permitsNeeded) || info.permitsNeeded.some((p) => typeof p !== 'string' || p.trim() === '')) missing.push('permitsNeeded');
  text(info?.meterPlacement, 'meterPlacement');
  if (!Array.isArray(info?.selectableTariffs) || info.selectableTariffs.length === 0 || info.selectableTariffs.some((t) => typeof t !== 'string' || t.trim() === '')) missing.push('selectableTariffs');
  if (!PAYMENT_METHODS.includes(info?.recommendedPaymentMethod)) missing.push('recommendedPaymentMethod');
  if (!isLocalDate(info?.possibleStartDate)) missing.push('possibleStartDate');
  if (!isLocalDate(info?.validUntil)) missing.push('validUntil');
  return missing;
}

function provideInformation(command: Cmd<'ProvideConnectionInformation'>, state: ConnectionState, context: ConnectionContext): ConnectionEvent[] {
  const open = requireStatus(state, ['submitted', 'changes_requested'], 'Giving the information');
  requireStaff(open.unitId, context, CODE);
  const info = command.data.information;
  const missing = missingInformation(info);
  if (missing.length > 0) {
    throw new RuleViolation(`${CODE}.INFORMATION_INCOMPLETE`, 'R-CON-02', `The information must give every item; missing: ${missing.join(', ')}`, { missing });
  }
  const sent = instantOf(command.data.sentAt, 'sentAt', context, CODE);
  requireAfterLastFact(open, sent.at, 'sentAt', CODE);
  if (info.validUntil < sent.on) throw new InvalidInputError(`${CODE}.VALIDITY_IN_PAST`, 'The information must be valid on the day it is given', { field: 'information.validUntil' });
  const revision = open.revision + 1;
  const dutyId = CONNECTION_DUTY_ID.information(revision);
  const duty = open.duties[dutyId];
  // R-DL-01: a validity ending on a rest day leaves the applicant until the next working day.
  const acceptanceDue = context.policy.calendar.workingDayOnOrAfter(parseLocalDate(info.validUntil));
  const lapseConsequenceId = context.newId();
  return [
    { type: 'ConnectionInformationProvided', data: { revision, information: info, sentAt: sent.at, sentOn: sent.on, channel: command.data.channel, late: !!duty && sent.on > duty.dueDate, acceptanceDue, lapseConsequenceId } },
    ...discharge(open.duties, dutyId, sent.on),
    dutyOpened(CONNECTION_DUTY_ID.acceptance(revision), 'offer_acceptance', acceptanceDue, 'R-CON-03', 'Accept the information or ask for changes within its validity', 'customer'),
    scheduleConsequence({
      consequenceId: lapseConsequenceId,
      kind: 'information_lapse',
      streamId: connectionStreamId(open.applicationId),
      streamType: CONNECTION_STREAM_TYPE,
      dueDate: addDays(acceptanceDue, 1),
      commandType: LAPSE_INFORMATION_COMMAND,
      rule: 'R-CON-03',
      description: `The information lapses unless accepted or answered with changes by ${acceptanceDue}`,
    }),
  ];
}

/** R-CON-03: the applicant's statement must arrive in writing within the validity. */
function statement(open: Open, receivedAt: string, context: ConnectionContext): { readonly at: string; readonly on: LocalDate } {
  const received = instantOf(receivedAt, 'receivedAt', context, CODE);
  requireAfterLastFact(open, received.at, 'receivedAt', CODE);
  if (open.acceptanceDue && received.on > open.acceptanceDue) {
    throw new RuleViolation(`${CODE}.INFORMATION_EXPIRED`, 'R-CON-03', `The information was valid until ${open.validUntil}; a statement received on ${received.on} comes too late`, { field: 'receivedAt', validUntil: open.validUntil });
  }
  return received;
}

function accept(command: Cmd<'AcceptConnectionInformation'>, state: ConnectionState, context: ConnectionContext): ConnectionEvent[] {
  const open = requireStatus(state, ['informed'], 'Accepting the information');
  requireStaff(open.unitId, context, CODE);
  const data = command.data;
  if (data.ordersInstallationWork) {
    // R-CHN-01: ordering installation work is settled in person only.
    const admission = admitInPersonMatter({ matter: 'installation_order', command: command.type, channel: data.channel, bookAppointment: data.bookAppointment, requestedAt: data.receivedAt, field: 'receivedAt', code: CODE }, context);
    if (!admission.admitted) return [...admission.events];
  }
  requireWritten(data.channel, `${CODE}.STATEMENT_NOT_WRITTEN`, 'R-CON-03', 'The acceptance');
  const received = statement(open, data.receivedAt, context);
  const contract = contractDeadline(received.on, (d) => d.contractAfterAcceptance, context);
  return [
    { type: 'ConnectionInformationAccepted', data: { revision: open.revision, receivedAt: received.at, receivedOn: received.on, channel: data.channel, ordersInstallationWork: data.ordersInstallationWork, contractDue: contract.due } },
    ...discharge(open.duties, CONNECTION_DUTY_ID.acceptance(open.revision), received.on),
    ...cancelConsequences(open.consequences, 'the applicant accepted the information', 'R-CON-03'),
    dutyOpened(CONNECTION_DUTY_ID.contractDispatch, 'contract_dispatch', contract.due, 'R-CON-03', 'Prepare the contract and send it for signature'),
  ];
}

function requestChanges(command: Cmd<'RequestInformationChanges'>, state: ConnectionState, context: ConnectionContext): ConnectionEvent[] {
  const open = requireStatus(state, ['informed'], 'Asking for changes');
  requireStaff(open.unitId, context, CODE);
  requireWritten(command.data.channel, `${CODE}.STATEMENT_NOT_WRITTEN`, 'R-CON-03', 'A request for changes');
  requireTexts(command.data.changes, 'changes', `${CODE}.NO_CHANGES`);
  const received = statement(open, command.data.receivedAt, context);
  // The rules fix no time for the revised information; the 30 days of R-CON-02 apply again.
  const revised = contractDeadline(received.on, (d) => d.applicationInformation, context);
  return [
    {
      type: 'InformationChangesRequested',
      data: { revision: open.revision, receivedAt: received.at, receivedOn: received.on, channel: command.data.channel, applicantSubjectId: open.applicant.subjectId, changes: command.data.changes, revisedInformationDue: revised.due },
    },
    ...discharge(open.duties, CONNECTION_DUTY_ID.acceptance(open.revision), received.on),
    ...cancelConsequences(open.consequences, 'the applicant asked for changes', 'R-CON-03'),
    dutyOpened(CONNECTION_DUTY_ID.information(open.revision + 1), 'application_information', revised.due, 'R-CON-03', 'Answer the requested changes with revised information'),
  ];
}

function sendContract(command: Cmd<'SendContractForSignature'>, state: ConnectionState, context: ConnectionContext): ConnectionEvent[] {
  const open = requireStatus(state, ['accepted'], 'Sending the contract');
  requireStaff(open.unitId, context, CODE);
  requireWritten(command.data.channel, `${CODE}.CONTRACT_NOT_WRITTEN`, 'R-CON-03', 'The contract for signature');
  checkTerms(command.data.terms, open.applicant.category);
  const sent = instantOf(command.data.sentAt, 'sentAt', context, CODE);
  requireAfterLastFact(open, sent.at, 'sentAt', CODE);
  const duty = open.duties[CONNECTION_DUTY_ID.contractDispatch];
  const { data, follow } = handOverDraft(
    { terms: command.data.terms, at: sent, channel: command.data.channel, late: !!duty && sent.on > duty.dueDate, streamId: connectionStreamId(open.applicationId), streamType: CONNECTION_STREAM_TYPE },
    context,
  );
  return [{ type: 'ContractSentForSignature', data }, ...discharge(open.duties, CONNECTION_DUTY_ID.contractDispatch, sent.on), ...follow];
}

function draftCaseOf(open: Open): DraftCase {
  if (!open.draft) throw new InvalidStateError(`${CODE}.NO_CONTRACT_SENT`, 'No contract was sent for signature');
  return {
    streamId: connectionStreamId(open.applicationId),
    streamType: CONNECTION_STREAM_TYPE,
    caseId: open.applicationId,
    unitId: open.unitId,
    customer: open.applicant,
    policyVersion: open.policyVersion,
    draft: open.draft,
    lapsed: open.status === 'offer_lapsed',
    duties: open.duties,
    consequences: open.consequences,
    ...((open as WithLastFact<typeof open>).lastFact ? { lastFact: (open as WithLastFact<typeof open>).lastFact } : {}),
  };
}

function refuse(command: Cmd<'RefuseContract'>, state: ConnectionState, context: ConnectionContext): ConnectionEvent[] {
  // R-CON-09: before the contract goes out, the provider may decline to contract.
  const open = requireStatus(state, ['informed', 'accepted'], 'Refusing the contract');
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

function withdraw(command: Cmd<'WithdrawConnectionApplication'>, state: ConnectionState, context: ConnectionContext): ConnectionEvent[] {
  const open = requireStatus(state, ['submitted', 'informed', 'changes_requested', 'accepted', 'contract_sent'], 'Withdrawing');
  requireStaff(open.unitId, context, CODE);
  requireText(command.data.reason, 'reason', `${CODE}.TEXT_REQUIRED`);
  const received = instantOf(command.data.receivedAt, 'receivedAt', context, CODE);
  requireAfterLastFact(open, received.at, 'receivedAt', CODE);
  return [
    { type: 'ConnectionApplicationWithdrawn', data: { receivedAt: received.at, receivedOn: received.on, channel: command.data.channel, reason: command.data.reason } },
    ...cancelDuties(open.duties, 'the applicant withdrew', null),
    ...cancelConsequences(open.consequences, 'the applicant withdrew', null),
  ];
}

/** R-CON-03, sent by the scheduler: the information lapses if its consequence is still pending. */
function lapseInformation(command: Cmd<'LapseInformation'>, state: ConnectionState, context: ConnectionContext): ConnectionEvent[] {
  if (state.status === 'none') throw new NotFoundError(`${CODE}.NOT_FOUND`, 'No such connection application');
  const due = dueConsequence(state.consequences, command.data.consequenceId, 'information_lapse', context.now);
  if (!due) return [];
  return [
    { type: 'ConnectionInformationLapsed', data: { consequenceId: due.consequenceId, revision: state.revision, validUntil: state.validUntil ?? due.dueDate, lapsedOn: due.dueDate, rule: 'R-CON-03' } },
    consequenceExecuted(due, context.now),
    ...cancelDuties(state.duties, 'the information lapsed unanswered', 'R-CON-03'),
  ];
}

/** The connection decider's command handling; `evolve` is in connection.state.ts. */
export function decideConnection(command: ConnectionCommand, state: ConnectionState, context: ConnectionContext): ConnectionEvent[] {
  switch (command.type) {
    case 'SubmitConnectionApplication':
      return submit(command, state, context);
    case 'ProvideConnectionInformation':
      return provideInformation(command, state, context);
    case 'AcceptConnectionInformation':
      return accept(command, state, context);
    case 'RequestInformationChanges':
      return requestChanges(command, state, context);
    case 'SendContractForSignature':
      return sendContract(command, state, context);
    case 'ReceiveSignedDraft': {
      const open = requireStatus(state, ['contract_sent', 'offer_lapsed'], 'Receiving the signed contract');
      requireStaff(open.unitId, context, CODE);
      return receiveSignedDraft(command.data, draftCaseOf(open), context, CODE);
    }
    case 'RefuseContract':
      return refuse(command, state, context);
    case 'WithdrawConnectionApplication':
      return withdraw(command, state, context);
    case 'OfferAppointment': {
      const open = requireStatus(state, ['submitted', 'informed', 'changes_requested', 'accepted', 'contract_sent'], 'Offering an appointment');
      requireStaff(open.unitId, context, CODE);
      return offerAppointment(open.duties, command.data, context, CODE);
    }
    case 'LapseInformation':
      return lapseInformation(command, state, context);
    case 'LapseOffer': {
      if (state.status === 'none') throw new NotFoundError(`${CODE}.NOT_FOUND`, 'No such connection application');
      const draftCase = state.status === 'contract_sent' ? draftCaseOf(state) : null;
      return lapseOffer(command.data.consequenceId, draftCase, state.consequences, state.duties, context);
    }
    default:
      return assertNever(command, 'connection command');
  }
}

/**
 * The facts `RegisterCounterOffer` needs about the contract the applicant countered, from the
 * folded state of a connection stream; null when the stream holds no such counter-offer.
 */
export function counterOfferSourceOfConnection(state: ConnectionState, counterOfferId: string): CounterOfferSource | null {
  if (state.status !== 'countered' || !state.draft || state.counterOffer?.counterOfferId !== counterOfferId) return null;
  return {
    exists: true,
    streamId: connectionStreamId(state.applicationId),
    streamType: CONNECTION_STREAM_TYPE,
    caseId: state.applicationId,
    unitId: state.unitId,
    customer: state.applicant,
    draftTerms: state.draft.terms,
    counterOffer: state.counterOffer,
  };
}
