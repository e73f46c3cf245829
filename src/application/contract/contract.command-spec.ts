import { localDateOf } from '../../domain/calendar/local-date.js';
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.js';
import type { ConnectionCommand } from '../../domain/contract/connection/connection.commands.js';
import { CONNECTION_STREAM_TYPE, connectionDecider, connectionStreamId } from '../../domain/contract/connection/connection.decider.js';
import type { ConnectionEvent } from '../../domain/contract/connection/connection.events.js';
import type { ConnectionState } from '../../domain/contract/connection/connection.state.js';
import type { ContractCommand } from '../../domain/contract/contract-in-force/contract.commands.js';
import { CONTRACT_STREAM_TYPE, contractDecider, contractRegisterNumbers, contractStreamId } from '../../domain/contract/contract-in-force/contract.decider.js';
import type { ContractEvent } from '../../domain/contract/contract-in-force/contract.events.js';
import type { ContractState } from '../../domain/contract/contract-in-force/contract.state.js';
import type { ContractPolicy } from '../../domain/contract/contract-support.js';
import type { CounterOfferCommand } from '../../domain/contract/counter-offer/counter-offer.commands.js';
import { COUNTER_OFFER_STREAM_TYPE, counterOfferDecider, counterOfferStreamId } from '../../domain/contract/counter-offer/counter-offer.decider.js';
import type { CounterOfferEvent } from '../../domain/contract/counter-offer/counter-offer.events.js';
import type { CounterOfferState } from '../../domain/contract/counter-offer/counter-offer.state.js';
import type { Draft } from '../../domain/contract/draft.js';
import type { OfferCommand } from '../../domain/contract/offer/offer.commands.js';
import { OFFER_STREAM_TYPE, offerDecider, offerStreamId } from '../../domain/contract/offer/offer.decider.js';
import type { OfferEvent } from '../../domain/contract/offer/offer.events.js';
import type { OfferState } from '../../domain/contract/offer/offer.state.js';
import type { PolicyCatalog } from '../../domain/policy/policy-catalog.js';
import { casePolicy, dateOfInstant, registerSequence } from '../cases/case-policy.js';
import type { CommandSpec } from '../command-pipeline/command-pipeline.js';

/** What a command on a stream with a handed-over draft answers about it (R-CON-06, R-CON-08). */
const draftResult = (draft: Draft | null) => (draft ? { signedReturnDue: draft.signedReturnDue, lapsesOn: draft.lapsesOn } : null);

/**
 * How the pipeline runs a connection application command: judged by the policy in force on
 * the day the application arrived (R-CON-01 to R-CON-03).
 */
export function connectionCommandSpec(applicationId: string, catalog: PolicyCatalog, calendar: WorkingDayCalendar): CommandSpec<ConnectionCommand, ConnectionEvent, ConnectionState, ContractPolicy> {
  return {
    decider: connectionDecider,
    streamId: connectionStreamId(applicationId),
    streamType: CONNECTION_STREAM_TYPE,
    policy: (state, now, command) =>
      casePolicy(catalog, calendar, state.status === 'none' ? null : state.policyVersion, command?.type === 'SubmitConnectionApplication' ? dateOfInstant(command.data.receivedAt, now) : localDateOf(now)),
    result: (state, events) => {
      if (state.status === 'none') return {};
      const submitted = events.find((e) => e.type === 'ConnectionApplicationSubmitted');
      return {
        applicationId: state.applicationId,
        status: state.status,
        ...(submitted ? { informationDue: submitted.data.informationDue } : {}),
        acceptanceDue: state.acceptanceDue,
        contractDue: state.contractDue,
        draft: draftResult(state.draft),
        contractId: state.contractId,
        counterOfferId: state.counterOffer?.counterOfferId ?? null,
      };
    },
  };
}

/**
 * How the pipeline runs a contract request command: judged by the policy in force on the day
 * the written request arrived (R-CON-04 to R-CON-09).
 */
export function offerCommandSpec(offerId: string, catalog: PolicyCatalog, calendar: WorkingDayCalendar): CommandSpec<OfferCommand, OfferEvent, OfferState, ContractPolicy> {
  return {
    decider: offerDecider,
    streamId: offerStreamId(offerId),
    streamType: OFFER_STREAM_TYPE,
    policy: (state, now, command) =>
      casePolicy(
        catalog,
        calendar,
        state.status === 'none' || state.status === 'appointment_booked' ? null : state.policyVersion,
        command?.type === 'RequestContract' ? dateOfInstant(command.data.receivedAt, now) : localDateOf(now),
      ),
    result: (state) => {
      if (state.status === 'none') return {};
      if (state.status === 'appointment_booked') return { offerId: state.offerId, status: state.status };
      const open = state.offerDutyId ? state.offerDeadlines.find((d) => d.dutyId === state.offerDutyId) : undefined;
      return {
        offerId: state.offerId,
        status: state.status,
        offerDue: open?.due ?? null,
        offerDeadlines: state.offerDeadlines,
        draft: draftResult(state.draft),
        contractId: state.contractId,
        counterOfferId: state.counterOffer?.counterOfferId ?? null,
      };
    },
  };
}

/** How the pipeline runs a counter-offer command: judged by the policy in force when the counter-offer arrived (R-CON-07). */
export function counterOfferCommandSpec(counterOfferId: string, catalog: PolicyCatalog, calendar: WorkingDayCalendar): CommandSpec<CounterOfferCommand, CounterOfferEvent, CounterOfferState, ContractPolicy> {
  return {
    decider: counterOfferDecider,
    streamId: counterOfferStreamId(counterOfferId),
    streamType: COUNTER_OFFER_STREAM_TYPE,
    policy: (state, now, command) =>
      casePolicy(
        catalog,
        calendar,
        state.status === 'none' ? null : state.policyVersion,
        command?.type === 'RegisterCounterOffer' && command.data.source.exists ? dateOfInstant(command.data.source.counterOffer.receivedAt, now) : localDateOf(now),
      ),
    result: (state) =>
      state.status === 'none'
        ? {}
        : { counterOfferId: state.counterOfferId, status: state.status, answers: state.answers, reconciliationDue: state.reconciliationDue, contractId: state.contractId },
  };
}

/**
 * How the pipeline runs a command on a contract in force: judged by the policy the contract was
 * formed under; establishing it reserves the next number of its unit's contract register.
 */
export function contractCommandSpec(contractId: string, catalog: PolicyCatalog, calendar: WorkingDayCalendar): CommandSpec<ContractCommand, ContractEvent, ContractState, ContractPolicy> {
  return {
    decider: contractDecider,
    streamId: contractStreamId(contractId),
    streamType: CONTRACT_STREAM_TYPE,
    policy: (state, now, command) =>
      casePolicy(catalog, calendar, state.status !== 'none' ? state.policyVersion : command?.type === 'EstablishContract' ? command.data.formation.policyVersion : null, localDateOf(now)),
    sequences: (command, state, now) => contractRegisterNumbers(command, state, now).map((r) => registerSequence(r, 'contract')),
    result: (state) =>
      state.status === 'none'
        ? {}
        : {
            contractId: state.contractId,
            registerEntry: state.registerEntry.entry,
            status: state.status,
            payerSubjectId: state.payerSubjectId,
            payerChange: state.payerChange ? { payerChangeId: state.payerChange.payerChangeId, statementsRequired: state.payerChange.statementsRequired, statementsGiven: state.payerChange.statementsGiven } : null,
            pendingAmendments: Object.values(state.amendments).map((a) => ({ amendmentId: a.amendmentId, effectiveFrom: a.effectiveFrom })),
            termination: state.termination ? { by: state.termination.by, endsOn: state.termination.endsOn, conditionsReportedOn: state.termination.conditionsReportedOn } : null,
            endedOn: state.endedOn,
          },
  };
}
