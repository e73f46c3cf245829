import { cancelDuties, discharge, dutyOpened, explainDeadline } from '../../escalation/case-support.js';
import { assertNever } from '../../shared/decider.js';
import { InvalidInputError, InvalidStateError, NotFoundError, RuleViolation } from '../../shared/domain-error.js';
import { admitInPersonMatter, checkTerms, contractDeadline, instantOf, offerAppointment, requireAfterLastFact, requireStaff, requireText, type ContractContext } from '../contract-support.js';
import { parseLocalDate } from '../../calendar/local-date.js';
import { contractStreamId, counterOfferStreamId } from '../draft.js';
import type { CounterOfferCommand } from './counter-offer.commands.js';
import type { CounterOfferEvent } from './counter-offer.events.js';
import type { CounterOfferCase, CounterOfferState, CounterOfferStatus } from './counter-offer.state.js';

export type CounterOfferContext = ContractContext;
type Cmd<T extends CounterOfferCommand['type']> = Extract<CounterOfferCommand, { type: T }>;
type Open = CounterOfferCase & { readonly status: CounterOfferStatus };

const CODE = 'COUNTER_OFFER';
export const COUNTER_OFFER_STREAM_TYPE = 'counter_offer';
export { counterOfferStreamId };

export const COUNTER_OFFER_DUTY_ID = { reconciliationStart: 'reconciliation-start' } as const;

function requireStatus(state: CounterOfferState, allowed: readonly CounterOfferStatus[], what: string): Open {
  if (state.status === 'none') throw new NotFoundError(`${CODE}.NOT_FOUND`, 'No such counter-offer');
  if (!allowed.includes(state.status)) {
    throw new InvalidStateError(`${CODE}.WRONG_STATE`, `${what} is not possible while the counter-offer is ${state.status.replace(/_/g, ' ')}`, { details: { status: state.status, allowed } });
  }
  return state;
}

/** R-CON-07: the counter-offer opens its own stream, linked to the draft it answers; reconciliation starts within 15 days. */
function register(command: Cmd<'RegisterCounterOffer'>, state: CounterOfferState, context: CounterOfferContext): CounterOfferEvent[] {
  if (state.status !== 'none') throw new InvalidStateError(`${CODE}.ALREADY_REGISTERED`, 'The counter-offer is already registered');
  const { counterOfferId, source } = command.data;
  if (!source.exists) throw new NotFoundError(`${CODE}.SOURCE_NOT_FOUND`, 'The countered offer does not exist', { streamId: source.streamId });
  if (source.counterOffer.counterOfferId !== counterOfferId || source.counterOffer.counterOfferStreamId !== counterOfferStreamId(counterOfferId)) {
    throw new InvalidInputError(`${CODE}.NOT_LINKED`, 'The countered offer does not name this counter-offer', { field: 'source.counterOffer', rule: 'R-CON-07' });
  }
  requireStaff(source.unitId, context, CODE);
  const received = source.counterOffer;
  const reconciliation = contractDeadline(parseLocalDate(received.receivedOn), (d) => d.reconciliationStart, context);
  return [
    {
      type: 'CounterOfferRegistered',
      data: {
        counterOfferId,
        answers: { streamId: source.streamId, streamType: source.streamType, caseId: source.caseId },
        unitId: source.unitId,
        customer: source.customer,
        draftTerms: source.draftTerms,
        differences: received.differences,
        receivedAt: received.receivedAt,
        receivedOn: received.receivedOn,
        channel: received.channel,
        policyVersion: context.policy.version.id,
        reconciliationDue: reconciliation.due,
        reconciliationBasis: explainDeadline(reconciliation, 'R-CON-07'),
      },
    },
    dutyOpened(COUNTER_OFFER_DUTY_ID.reconciliationStart, 'reconciliation_start', reconciliation.due, 'R-CON-07', 'Start reconciling the differing positions with the customer'),
  ];
}

function start(command: Cmd<'StartReconciliation'>, state: CounterOfferState, context: CounterOfferContext): CounterOfferEvent[] {
  const open = requireStatus(state, ['awaiting_reconciliation'], 'Starting the reconciliation');
  requireStaff(open.unitId, context, CODE);
  requireText(command.data.note, 'note', `${CODE}.TEXT_REQUIRED`);
  const started = instantOf(command.data.startedAt, 'startedAt', context, CODE);
  requireAfterLastFact(open, started.at, 'startedAt', CODE);
  return [
    { type: 'ReconciliationStarted', data: { startedAt: started.at, startedOn: started.on, method: command.data.method, note: command.data.note, late: started.on > open.reconciliationDue } },
    ...discharge(open.duties, COUNTER_OFFER_DUTY_ID.reconciliationStart, started.on),
  ];
}

/** R-CON-07: the contract is formed, and takes effect, when the positions agree; concluding it is an in-person act (R-CHN-01). */
function agree(command: Cmd<'AgreePositions'>, state: CounterOfferState, context: CounterOfferContext): CounterOfferEvent[] {
  const open = requireStatus(state, ['awaiting_reconciliation', 'reconciling'], 'Agreeing the positions');
  requireStaff(open.unitId, context, CODE);
  const data = command.data;
  const admission = admitInPersonMatter({ matter: 'contract_conclusion', command: command.type, channel: data.channel, bookAppointment: data.bookAppointment, requestedAt: data.agreedAt, field: 'agreedAt', code: CODE, also: ['letter'] }, context);
  if (!admission.admitted) return [...admission.events];
  const agreed = instantOf(data.agreedAt, 'agreedAt', context, CODE);
  requireAfterLastFact(open, agreed.at, 'agreedAt', CODE);
  if (agreed.on < open.receivedOn) throw new InvalidInputError(`${CODE}.AGREED_BEFORE_RECEIPT`, 'Positions cannot agree before the counter-offer arrived', { field: 'agreedAt' });
  if (!Array.isArray(data.resolutions) || data.resolutions.some((r) => !r || typeof r.clause !== 'string' || typeof r.agreedText !== 'string' || r.agreedText.trim() === '')) {
    throw new InvalidInputError(`${CODE}.INVALID_RESOLUTIONS`, 'Each resolution names the clause and its agreed wording', { field: 'resolutions' });
  }
  const resolved = new Set(data.resolutions.map((r) => r.clause));
  const unresolved = open.differences.map((d) => d.clause).filter((clause) => !resolved.has(clause));
  if (unresolved.length > 0) {
    throw new RuleViolation(`${CODE}.POSITIONS_DIFFER`, 'R-CON-07', `No contract while positions still differ on: ${unresolved.join(', ')}`, { clauses: unresolved });
  }
  checkTerms(data.terms, open.customer.category);
  const contractId = context.newId();
  return [
    { type: 'PositionsAgreed', data: { agreedAt: agreed.at, agreedOn: agreed.on, channel: data.channel, resolutions: data.resolutions, terms: data.terms } },
    ...discharge(open.duties, COUNTER_OFFER_DUTY_ID.reconciliationStart, agreed.on),
    {
      type: 'ContractFormed',
      data: {
        contractId,
        contractStreamId: contractStreamId(contractId),
        formedAt: agreed.at,
        formedOn: agreed.on,
        effectiveFrom: agreed.on,
        rule: 'R-CON-07',
        channel: data.channel,
        source: { streamId: counterOfferStreamId(open.counterOfferId), streamType: 'counter_offer', caseId: open.counterOfferId },
        unitId: open.unitId,
        customer: open.customer,
        terms: data.terms,
        policyVersion: open.policyVersion,
      },
    },
    ...cancelDuties(open.duties, 'the positions agreed', null, (d) => d.dutyId !== COUNTER_OFFER_DUTY_ID.reconciliationStart),
  ];
}

/** The counter-offer decider's command handling; `evolve` is in counter-offer.state.ts. */
export function decideCounterOffer(command: CounterOfferCommand, state: CounterOfferState, context: CounterOfferContext): CounterOfferEvent[] {
  switch (command.type) {
    case 'RegisterCounterOffer':
      return register(command, state, context);
    case 'StartReconciliation':
      return start(command, state, context);
    case 'AgreePositions':
      return agree(command, state, context);
    case 'EndReconciliation': {
      const open = requireStatus(state, ['awaiting_reconciliation', 'reconciling'], 'Ending the reconciliation');
      requireStaff(open.unitId, context, CODE);
      requireText(command.data.reason, 'reason', `${CODE}.TEXT_REQUIRED`);
      const ended = instantOf(command.data.endedAt, 'endedAt', context, CODE);
      requireAfterLastFact(open, ended.at, 'endedAt', CODE);
      return [
        { type: 'ReconciliationFailed', data: { endedAt: ended.at, endedOn: ended.on, reason: command.data.reason } },
        ...cancelDuties(open.duties, 'the reconciliation ended without agreement: no contract', 'R-CON-07'),
      ];
    }
    case 'OfferAppointment': {
      const open = requireStatus(state, ['awaiting_reconciliation', 'reconciling'], 'Offering an appointment');
      requireStaff(open.unitId, context, CODE);
      return offerAppointment(open.duties, command.data, context, CODE);
    }
    default:
      return assertNever(command, 'counter-offer command');
  }
}
