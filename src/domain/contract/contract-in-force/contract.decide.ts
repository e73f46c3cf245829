import { assertMatterAllowedOn, CUSTOMER_MATTERS, isInPersonOnly } from '../../channel/channel-rules.js';
import { calendarDays, describeDuration } from '../../calendar/duration.js';
import { addDays, localDateOf, parseLocalDate, yearOf, type LocalDate } from '../../calendar/local-date.js';
import { computeDeadline } from '../../calendar/deadline.js';
import { cancelDuties, discharge, dutyOpened, explainDeadline, registerNumberRequest, type CaseRegisterEntry, type RegisterNumberRequest } from '../../escalation/case-support.js';
import { registerStreamId } from '../../organisation/organisation.js';
import type { ConsequenceEvent } from '../../scheduling/consequence.events.js';
import { cancelConsequences, consequenceExecuted, dueConsequence, scheduleConsequence } from '../../scheduling/consequence.js';
import { requireNotBefore } from '../../shared/business-time.js';
import { assertNever } from '../../shared/decider.js';
import { InvalidInputError, InvalidStateError, NotFoundError, RuleViolation } from '../../shared/domain-error.js';
import {
  admitInPersonMatter,
  checkTerms,
  contractDeadline,
  dateOf,
  instantOf,
  missingPartyData,
  offerAppointment,
  requireCustomerServiceOffice,
  requireStaff,
  requireSupervisor,
  requireText,
  requireWritten,
  type ContractContext,
} from '../contract-support.js';
import { contractStreamId } from '../draft.js';
import type { ContractTerms } from '../contract.types.js';
import { AMENDABLE_TERMS, PAYER_CHANGE_REASONS, PROVIDER_TERMINATION_GROUNDS, type ContractCommand, type PayerRole } from './contract.commands.js';
import type { ContractEvent } from './contract.events.js';
import type { ContractCase, ContractState, ContractStatus } from './contract.state.js';

export type ContractInForceContext = ContractContext;
type Cmd<T extends ContractCommand['type']> = Extract<ContractCommand, { type: T }>;
type Open = ContractCase & { readonly status: ContractStatus };

const CODE = 'CONTRACT';
export const CONTRACT_STREAM_TYPE = 'contract';
export { contractStreamId };

export const CONTRACT_COMMANDS = {
  makeAmendmentEffective: 'MakeAmendmentEffective',
  endTerminationNotice: 'EndTerminationNotice',
  expireContract: 'ExpireContract',
} as const;

/** Deterministic duty ids: one statement per payer and payer change, one report of the termination conditions. */
export const CONTRACT_DUTY_ID = {
  arrearsStatement: (payerChangeId: string, by: PayerRole) => `arrears-statement-${payerChangeId}-${by}`,
  terminationConditions: 'termination-conditions',
} as const;

/** How the contract register marks its entries: `BP/SZ/2026/3` (szerződés). */
const CONTRACT_REGISTER_MARK = 'SZ';

/**
 * The register numbers the application reserves before deciding (R-CPL-03 applied to the
 * contract register): establishing a contract takes the next number of its unit's contract
 * register for the year of formation.
 */
export function contractRegisterNumbers(command: ContractCommand, state: ContractState, now: Date): readonly RegisterNumberRequest[] {
  if (command.type !== 'EstablishContract' || state.status !== 'none') return [];
  const formedOn = command.data.formation?.formedOn;
  const year = yearOf(typeof formedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(formedOn) ? parseLocalDate(formedOn) : localDateOf(now));
  return [registerNumberRequest('contract_register', command.data.unit.id, year)];
}

function requireStatus(state: ContractState, allowed: readonly ContractStatus[], what: string): Open {
  if (state.status === 'none') throw new NotFoundError(`${CODE}.NOT_FOUND`, 'No such contract');
  if (!allowed.includes(state.status)) {
    throw new InvalidStateError(`${CODE}.WRONG_STATE`, `${what} is not possible while the contract is ${state.status.replace(/_/g, ' ')}`, { details: { status: state.status, allowed } });
  }
  return state;
}

/** A fixed-term contract runs out the day after its last day, with no one acting (R-CON-10). */
function expiryOf(contractId: string, terms: ContractTerms, context: ContractInForceContext): ConsequenceEvent | null {
  if (terms.term.kind !== 'fixed') return null;
  return scheduleConsequence({
    consequenceId: context.newId(),
    kind: 'contract_expiry',
    streamId: contractStreamId(contractId),
    streamType: CONTRACT_STREAM_TYPE,
    dueDate: addDays(parseLocalDate(terms.term.endsOn), 1),
    commandType: CONTRACT_COMMANDS.expireContract,
    rule: 'R-CON-10',
    description: `The fixed-term contract ends on ${terms.term.endsOn}`,
  });
}

function establish(command: Cmd<'EstablishContract'>, state: ContractState, context: ContractInForceContext): ContractEvent[] {
  if (state.status !== 'none') throw new InvalidStateError(`${CODE}.ALREADY_ESTABLISHED`, 'The contract is already established');
  const { formation, unit } = command.data;
  requireCustomerServiceOffice(unit, context, CODE);
  if (formation.unitId !== unit.id) throw new InvalidInputError(`${CODE}.UNIT_MISMATCH`, 'The contract is kept by the unit that formed it', { field: 'unit' });
  requireText(formation.contractId, 'formation.contractId', `${CODE}.TEXT_REQUIRED`);
  if (formation.contractStreamId !== contractStreamId(formation.contractId)) {
    throw new InvalidInputError(`${CODE}.NOT_LINKED`, 'The formation does not name this contract stream', { field: 'formation.contractStreamId' });
  }
  const formedOn = dateOf(formation.formedOn, 'formation.formedOn', CODE);
  checkTerms(formation.terms, formation.customer.category, 'formation.terms');
  const year = yearOf(formedOn);
  const number = context.sequences.get(registerStreamId('contract_register', unit.id, year));
  // The application reserves the number before deciding; its absence is a wiring fault, not a refusal.
  if (number === undefined) throw new Error(`No contract register number was reserved for ${unit.id} in ${year}`);
  const registerEntry: CaseRegisterEntry = { register: 'contract_register', unitId: unit.id, year, number, entry: `${unit.code}/${CONTRACT_REGISTER_MARK}/${year}/${number}` };
  const expiry = expiryOf(formation.contractId, formation.terms, context);
  return [
    {
      type: 'ContractEstablished',
      data: {
        contractId: formation.contractId,
        registerEntry,
        formedAt: formation.formedAt,
        formedOn,
        effectiveFrom: formation.effectiveFrom,
        formedUnder: formation.rule,
        source: formation.source,
        unitId: unit.id,
        customer: formation.customer,
        payerSubjectId: formation.customer.subjectId,
        terms: formation.terms,
        policyVersion: formation.policyVersion,
        expiryConsequenceId: expiry ? expiry.data.consequenceId : null,
      },
    },
    ...(expiry ? [expiry] : []),
  ];
}

/**
 * R-CON-10: amendment by mutual consent; a general contract changes no earlier than 30 days
 * after the agreement. Amendments follow the contracting rules: concluded in person or by
 * signed letter (R-CHN-01, R-CON-06).
 */
function amend(command: Cmd<'AgreeAmendment'>, state: ContractState, context: ContractInForceContext): ContractEvent[] {
  const open = requireStatus(state, ['in_force'], 'Amending');
  requireStaff(open.unitId, context, CODE);
  const data = command.data;
  const admission = admitInPersonMatter({ matter: 'contract_conclusion', command: command.type, channel: data.channel, bookAppointment: data.bookAppointment, requestedAt: data.agreedAt, field: 'agreedAt', code: CODE, also: ['letter'] }, context);
  if (!admission.admitted) return [...admission.events];
  const keys = Object.keys(data.changes ?? {});
  if (keys.length === 0 || keys.some((k) => !(AMENDABLE_TERMS as readonly string[]).includes(k))) {
    throw new InvalidInputError(`${CODE}.INVALID_CHANGES`, `An amendment changes one or more of: ${AMENDABLE_TERMS.join(', ')}`, { field: 'changes' });
  }
  requireText(data.description, 'description', `${CODE}.TEXT_REQUIRED`);
  checkTerms({ ...open.terms, ...data.changes }, open.category, 'changes');
  const agreed = instantOf(data.agreedAt, 'agreedAt', context, CODE);
  requireNotBefore(agreed.at, 'agreedAt', { fact: 'ContractEstablished.formedAt', at: open.formedAt }, CODE);
  const notice = contractDeadline(agreed.on, (d) => d.amendmentNotice, context);
  const earliest = open.terms.kind === 'general' ? notice.due : agreed.on;
  const effectiveFrom = data.effectiveFrom === null ? earliest : dateOf(data.effectiveFrom, 'effectiveFrom', CODE);
  if (effectiveFrom < earliest) {
    throw new RuleViolation(`${CODE}.AMENDMENT_NOTICE_TOO_SHORT`, 'R-CON-10', `A general contract is amended with ${describeDuration(notice.duration)}' notice: effective on ${earliest} at the earliest`, { field: 'effectiveFrom', earliest });
  }
  const amendmentId = context.newId();
  const consequenceId = context.newId();
  return [
    { type: 'AmendmentAgreed', data: { amendmentId, agreedAt: agreed.at, agreedOn: agreed.on, channel: data.channel, changes: data.changes, description: data.description, effectiveFrom, earliestEffectiveFrom: earliest, consequenceId, rule: 'R-CON-10' } },
    scheduleConsequence({
      consequenceId,
      kind: 'amendment_effective',
      streamId: contractStreamId(open.contractId),
      streamType: CONTRACT_STREAM_TYPE,
      dueDate: effectiveFrom,
      commandType: CONTRACT_COMMANDS.makeAmendmentEffective,
      rule: 'R-CON-10',
      description: `The amendment takes effect on ${effectiveFrom}`,
    }),
  ];
}

function makeAmendmentEffective(command: Cmd<'MakeAmendmentEffective'>, state: ContractState, context: ContractInForceContext): ContractEvent[] {
  if (state.status === 'none') throw new NotFoundError(`${CODE}.NOT_FOUND`, 'No such contract');
  const due = dueConsequence(state.consequences, command.data.consequenceId, 'amendment_effective', context.now);
  if (!due) return [];
  const amendment = Object.values(state.amendments).find((a) => a.consequenceId === due.consequenceId);
  if (!amendment) return [];
  const terms: ContractTerms = { ...state.terms, ...amendment.changes };
  const events: ContractEvent[] = [{ type: 'AmendmentTookEffect', data: { amendmentId: amendment.amendmentId, consequenceId: due.consequenceId, effectiveFrom: due.dueDate, terms } }, consequenceExecuted(due, context.now)];
  if (amendment.changes.term) {
    // A changed term replaces the expiry the old one scheduled.
    events.push(...cancelConsequences(state.consequences, 'the term of the contract was amended', 'R-CON-10', (c) => c.kind === 'contract_expiry'));
    const expiry = expiryOf(state.contractId, terms, context);
    if (expiry) events.push(expiry);
  }
  return events;
}

/**
 * R-CON-11, R-CHN-01: a change of payer is reported within 15 days, in writing or in person;
 * a late report leaves the old payer owing the surcharge until it arrives. R-CON-12 decides
 * whose written statement on the arrears the new payer agreement needs.
 */
function reportPayerChange(command: Cmd<'ReportPayerChange'>, state: ContractState, context: ContractInForceContext): ContractEvent[] {
  const open = requireStatus(state, ['in_force'], 'A payer change');
  requireStaff(open.unitId, context, CODE);
  const data = command.data;
  if (open.payerChange) throw new InvalidStateError(`${CODE}.PAYER_CHANGE_PENDING`, 'A payer change is already waiting for its agreement', { rule: 'R-CON-12' });
  const admission = admitInPersonMatter({ matter: 'change_of_consumer', command: command.type, channel: data.channel, bookAppointment: data.bookAppointment, requestedAt: data.reportedAt, field: 'reportedAt', code: CODE, also: ['letter'] }, context);
  if (!admission.admitted) return [...admission.events];
  if (!PAYER_CHANGE_REASONS.includes(data.reason)) throw new InvalidInputError(`${CODE}.INVALID_REASON`, `reason must be one of ${PAYER_CHANGE_REASONS.join(', ')}`, { field: 'reason' });
  if (!Array.isArray(data.reportedBy) || data.reportedBy.length === 0) throw new InvalidInputError(`${CODE}.REPORTER_MISSING`, 'Say who reported the change', { field: 'reportedBy' });
  const reported = instantOf(data.reportedAt, 'reportedAt', context, CODE);
  requireNotBefore(reported.at, 'reportedAt', { fact: 'ContractEstablished.formedAt', at: open.formedAt }, CODE);
  const changedOn = dateOf(data.changedOn, 'changedOn', CODE);
  if (changedOn > reported.on) throw new InvalidInputError(`${CODE}.CHANGE_IN_FUTURE`, 'A payer change is reported after it happens', { field: 'changedOn' });
  const missing = missingPartyData(data.newPayer, 'newPayer');
  if (missing.length > 0) throw new InvalidInputError(`${CODE}.NEW_PAYER_INCOMPLETE`, `The new payer's data lack: ${missing.join(', ')}`, { details: { missing } });
  const debtPasses = data.reason === 'name_change' || data.reason === 'inheritance';
  if (!debtPasses && data.newPayer.subjectId === open.payerSubjectId) {
    throw new InvalidInputError(`${CODE}.SAME_PAYER`, 'The new payer is the current payer', { field: 'newPayer.subjectId' });
  }
  const arrears = data.oldPayerArrearsHuf;
  if (typeof arrears !== 'number' || !Number.isInteger(arrears) || arrears < 0) throw new InvalidInputError(`${CODE}.INVALID_AMOUNT`, 'The arrears are a whole number of forints, 0 if none', { field: 'oldPayerArrearsHuf' });
  const report = contractDeadline(changedOn, (d) => d.payerChangeReport, context);
  const late = reported.on > report.due;
  const statementsRequired: PayerRole[] = arrears === 0 ? [] : debtPasses ? ['new_payer'] : ['old_payer', 'new_payer'];
  const payerChangeId = context.newId();
  // The rules fix no time for the statements; they are asked for with the payer-change period.
  const statementsDue = contractDeadline(reported.on, (d) => d.payerChangeReport, context).due;
  return [
    {
      type: 'PayerChangeReported',
      data: {
        payerChangeId,
        reason: data.reason,
        changedOn,
        reportedAt: reported.at,
        reportedOn: reported.on,
        channel: data.channel,
        reportedBy: data.reportedBy,
        reportDue: report.due,
        late,
        oldPayerSubjectId: open.payerSubjectId,
        newPayer: data.newPayer,
        oldPayerArrearsHuf: arrears,
        surcharge: late ? { owedBy: 'old_payer', from: addDays(report.due, 1), until: reported.on } : null,
        debtPassesToNewPayer: debtPasses,
        statementsRequired,
      },
    },
    ...statementsRequired.map((by) =>
      dutyOpened(
        CONTRACT_DUTY_ID.arrearsStatement(payerChangeId, by),
        'arrears_statement',
        statementsDue,
        'R-CON-12',
        debtPasses ? 'The new payer states in writing how the debt passing to them will be paid' : `The ${by.replace('_', ' ')} states in writing how the arrears are settled`,
        'customer',
      ),
    ),
  ];
}

function recordArrearsStatement(command: Cmd<'RecordArrearsStatement'>, state: ContractState, context: ContractInForceContext): ContractEvent[] {
  const open = requireStatus(state, ['in_force'], 'An arrears statement');
  requireStaff(open.unitId, context, CODE);
  const change = open.payerChange;
  if (!change) throw new InvalidStateError(`${CODE}.NO_PAYER_CHANGE`, 'No payer change is waiting for its agreement', { rule: 'R-CON-12' });
  const { by } = command.data;
  if (!change.statementsRequired.includes(by)) {
    throw new RuleViolation(`${CODE}.STATEMENT_NOT_REQUIRED`, 'R-CON-12', `No statement of the ${by.replace('_', ' ')} is needed for this payer change`, { field: 'by', required: change.statementsRequired });
  }
  if (change.statementsGiven.includes(by)) throw new InvalidStateError(`${CODE}.STATEMENT_ALREADY_RECORDED`, `The ${by.replace('_', ' ')} already made the statement`, { rule: 'R-CON-12' });
  requireWritten(command.data.channel, `${CODE}.STATEMENT_NOT_WRITTEN`, 'R-CON-12', 'The statement on the arrears');
  requireText(command.data.settlement, 'settlement', `${CODE}.TEXT_REQUIRED`);
  const stated = instantOf(command.data.statedAt, 'statedAt', context, CODE);
  requireNotBefore(stated.at, 'statedAt', { fact: 'PayerChangeReported.reportedAt', at: change.reportedAt }, CODE);
  return [
    {
      type: 'ArrearsStatementRecorded',
      data: { payerChangeId: change.payerChangeId, by, payerSubjectId: by === 'old_payer' ? change.oldPayerSubjectId : change.newPayerSubjectId, statedAt: stated.at, statedOn: stated.on, channel: command.data.channel, settlement: command.data.settlement },
    },
    ...discharge(open.duties, CONTRACT_DUTY_ID.arrearsStatement(change.payerChangeId, by), stated.on),
  ];
}

/** R-CON-12, R-CHN-01: the new payer agreement is concluded at the customer service office, with the statements it needs. */
function concludePayerAgreement(command: Cmd<'ConcludePayerAgreement'>, state: ContractState, context: ContractInForceContext): ContractEvent[] {
  const open = requireStatus(state, ['in_force'], 'A payer agreement');
  requireStaff(open.unitId, context, CODE);
  const change = open.payerChange;
  if (!change) throw new InvalidStateError(`${CODE}.NO_PAYER_CHANGE`, 'No payer change is waiting for its agreement', { rule: 'R-CON-11' });
  const admission = admitInPersonMatter({ matter: 'change_of_consumer', command: command.type, channel: command.data.channel, bookAppointment: command.data.bookAppointment, requestedAt: command.data.concludedAt, field: 'concludedAt', code: CODE }, context);
  if (!admission.admitted) return [...admission.events];
  const missing = change.statementsRequired.filter((by) => !change.statementsGiven.includes(by));
  if (missing.length > 0) {
    throw new RuleViolation(`${CODE}.ARREARS_STATEMENT_MISSING`, 'R-CON-12', `The ${missing.map((m) => m.replace('_', ' ')).join(' and ')} must first state in writing how the arrears are settled`, { missing });
  }
  const concluded = instantOf(command.data.concludedAt, 'concludedAt', context, CODE);
  requireNotBefore(concluded.at, 'concludedAt', { fact: 'PayerChangeReported.reportedAt', at: change.reportedAt }, CODE);
  return [
    {
      type: 'PayerAgreementConcluded',
      data: {
        payerChangeId: change.payerChangeId,
        previousPayerSubjectId: change.oldPayerSubjectId,
        newPayerSubjectId: change.newPayerSubjectId,
        concludedAt: concluded.at,
        concludedOn: concluded.on,
        channel: command.data.channel,
        debtPassedToNewPayer: change.debtPassesToNewPayer,
        // R-CON-12: told at the conclusion that the whole debt passes to them.
        newPayerInformedOfDebt: change.debtPassesToNewPayer && change.oldPayerArrearsHuf > 0,
        statements: change.statementsGiven,
      },
    },
  ];
}

/**
 * R-CON-13: the customer terminates in writing with the notice (30 days for a general
 * contract; an individual one's own, seed 4.2.4). The contract ends when the notice ends
 * only if every statutory condition is met and reported in writing by then.
 */
function giveTerminationNotice(command: Cmd<'GiveTerminationNotice'>, state: ContractState, context: ContractInForceContext): ContractEvent[] {
  const open = requireStatus(state, ['in_force'], 'A termination');
  requireStaff(open.unitId, context, CODE);
  requireWritten(command.data.channel, `${CODE}.TERMINATION_NOT_WRITTEN`, 'R-CON-13', 'A termination');
  const received = instantOf(command.data.receivedAt, 'receivedAt', context, CODE);
  requireNotBefore(received.at, 'receivedAt', { fact: 'ContractEstablished.formedAt', at: open.formedAt }, CODE);
  const own = open.terms.kind === 'individual' && open.terms.customerNoticeDays ? calendarDays(open.terms.customerNoticeDays) : null;
  const notice = own ? computeDeadline(received.on, own, context.policy.calendar) : contractDeadline(received.on, (d) => d.customerTerminationNotice, context);
  const endsOn = notice.due;
  const consequenceId = context.newId();
  const reportedOn = command.data.conditionsMetAndReported ? received.on : null;
  return [
    { type: 'CustomerTerminationNoticeReceived', data: { receivedAt: received.at, receivedOn: received.on, channel: command.data.channel, endsOn, noticeBasis: explainDeadline(notice, 'R-CON-13'), conditionsReportedOn: reportedOn, consequenceId, rule: 'R-CON-13' } },
    scheduleConsequence({
      consequenceId,
      kind: 'termination_effective',
      streamId: contractStreamId(open.contractId),
      streamType: CONTRACT_STREAM_TYPE,
      dueDate: addDays(endsOn, 1),
      commandType: CONTRACT_COMMANDS.endTerminationNotice,
      rule: 'R-CON-13',
      description: `The notice ends on ${endsOn}`,
    }),
    ...(reportedOn ? [] : [dutyOpened(CONTRACT_DUTY_ID.terminationConditions, 'termination_effective', endsOn, 'R-CON-13', 'Meet every statutory condition of termination and report it in writing', 'customer')]),
  ];
}

function reportTerminationConditions(command: Cmd<'ReportTerminationConditions'>, state: ContractState, context: ContractInForceContext): ContractEvent[] {
  const open = requireStatus(state, ['terminating', 'awaiting_conditions'], 'Reporting the termination conditions');
  requireStaff(open.unitId, context, CODE);
  const termination = open.termination;
  if (!termination || termination.by !== 'customer') throw new InvalidStateError(`${CODE}.NO_CUSTOMER_TERMINATION`, 'The customer gave no notice', { rule: 'R-CON-13' });
  if (termination.conditionsReportedOn) throw new InvalidStateError(`${CODE}.CONDITIONS_ALREADY_REPORTED`, `Reported on ${termination.conditionsReportedOn}`, { rule: 'R-CON-13' });
  requireWritten(command.data.channel, `${CODE}.CONDITIONS_NOT_WRITTEN`, 'R-CON-13', 'The report of the termination conditions');
  const reported = instantOf(command.data.reportedAt, 'reportedAt', context, CODE);
  requireNotBefore(reported.at, 'reportedAt', { fact: 'CustomerTerminationNoticeReceived.receivedAt', at: termination.noticeAt ?? null }, CODE);
  const events: ContractEvent[] = [
    { type: 'TerminationConditionsReported', data: { reportedAt: reported.at, reportedOn: reported.on, channel: command.data.channel } },
    ...discharge(open.duties, CONTRACT_DUTY_ID.terminationConditions, reported.on),
  ];
  if (open.status === 'awaiting_conditions') {
    // R-CON-13: the notice has ended; the duty to pay ends now that the conditions are reported.
    events.push({ type: 'ContractTerminated', data: { by: 'customer', endedOn: reported.on, paymentDutyEndsOn: reported.on, consequenceId: null, rule: 'R-CON-13' } });
    events.push(...closing(open, 'the contract ended', 'R-CON-13', [CONTRACT_DUTY_ID.terminationConditions]));
  }
  return events;
}

/** R-CON-14: the provider terminates in writing, on one of three grounds; non-payment needs a written demand and 60 days past due. */
function terminateByProvider(command: Cmd<'TerminateByProvider'>, state: ContractState, context: ContractInForceContext): ContractEvent[] {
  const open = requireStatus(state, ['in_force', 'awaiting_conditions'], 'A termination by the provider');
  requireSupervisor(open.unitId, context, CODE, 'R-CON-14');
  const data = command.data;
  if (!PROVIDER_TERMINATION_GROUNDS.includes(data.ground)) {
    throw new RuleViolation(`${CODE}.NO_TERMINATION_GROUND`, 'R-CON-14', `The provider terminates only for ${PROVIDER_TERMINATION_GROUNDS.join(', ')}`, { field: 'ground' });
  }
  requireWritten(data.channel, `${CODE}.TERMINATION_NOT_WRITTEN`, 'R-CON-14', 'The provider’s termination');
  requireText(data.description, 'description', `${CODE}.TEXT_REQUIRED`);
  const sent = instantOf(data.sentAt, 'sentAt', context, CODE);
  requireNotBefore(sent.at, 'sentAt', { fact: 'ContractEstablished.formedAt', at: open.formedAt }, CODE);
  const endsOn = dateOf(data.endsOn, 'endsOn', CODE);
  if (endsOn < sent.on) throw new InvalidInputError(`${CODE}.ENDS_BEFORE_NOTICE`, 'The contract cannot end before the notice is sent', { field: 'endsOn' });
  let nonPayment: (NonNullable<typeof data.nonPayment> & { readonly mayTerminateFrom: string }) | null = null;
  if (data.ground === 'non_payment') {
    const facts = data.nonPayment;
    if (!facts) throw new InvalidInputError(`${CODE}.NON_PAYMENT_FACTS_MISSING`, 'Give the unpaid bill’s due date and the written demand', { field: 'nonPayment' });
    const billDueOn = dateOf(facts.billDueOn, 'nonPayment.billDueOn', CODE);
    if (!facts.writtenDemandSentOn) {
      throw new RuleViolation(`${CODE}.NO_WRITTEN_DEMAND`, 'R-CON-14', 'Termination for non-payment needs a written demand first', { field: 'nonPayment.writtenDemandSentOn' });
    }
    const demandOn = dateOf(facts.writtenDemandSentOn, 'nonPayment.writtenDemandSentOn', CODE);
    if (demandOn < billDueOn || demandOn > sent.on) throw new InvalidInputError(`${CODE}.INVALID_DEMAND_DATE`, 'The demand follows the due date and precedes the termination', { field: 'nonPayment.writtenDemandSentOn' });
    const sixty = contractDeadline(billDueOn, (d) => d.nonPaymentBeforeTermination, context);
    const mayTerminateFrom = addDays(sixty.due, 1);
    if (sent.on < mayTerminateFrom) {
      throw new RuleViolation(`${CODE}.NON_PAYMENT_TOO_EARLY`, 'R-CON-14', `The bill due on ${billDueOn} may still be paid until ${sixty.due}; termination for non-payment is possible from ${mayTerminateFrom}`, { field: 'sentAt', mayTerminateFrom });
    }
    if (!Number.isInteger(facts.amountHuf) || facts.amountHuf <= 0) throw new InvalidInputError(`${CODE}.INVALID_AMOUNT`, 'The unpaid amount is a positive whole number of forints', { field: 'nonPayment.amountHuf' });
    nonPayment = { billDueOn, writtenDemandSentOn: demandOn, amountHuf: facts.amountHuf, mayTerminateFrom };
  }
  let usageStoppedOn: LocalDate | null = null;
  if (data.ground === 'usage_stopped') {
    if (!data.usageStoppedOn) throw new InvalidInputError(`${CODE}.USAGE_STOP_MISSING`, 'Say since when the customer no longer takes heat', { field: 'usageStoppedOn' });
    usageStoppedOn = dateOf(data.usageStoppedOn, 'usageStoppedOn', CODE);
    if (usageStoppedOn > sent.on) throw new InvalidInputError(`${CODE}.USAGE_STOP_IN_FUTURE`, 'The provider terminates once it learns that usage has stopped', { field: 'usageStoppedOn' });
  }
  const consequenceId = context.newId();
  return [
    {
      type: 'ProviderTerminationNoticeSent',
      data: { ground: data.ground, sentAt: sent.at, sentOn: sent.on, channel: data.channel, endsOn, customerSubjectId: open.customerSubjectId, description: data.description, nonPayment, usageStoppedOn, consequenceId, rule: 'R-CON-14' },
    },
    scheduleConsequence({
      consequenceId,
      kind: 'termination_effective',
      streamId: contractStreamId(open.contractId),
      streamType: CONTRACT_STREAM_TYPE,
      dueDate: addDays(endsOn, 1),
      commandType: CONTRACT_COMMANDS.endTerminationNotice,
      rule: 'R-CON-14',
      description: `The provider’s termination ends the contract on ${endsOn}`,
    }),
  ];
}

/** Everything still open ends with the contract: duties (but `keep`) and consequences. */
function closing(open: Open, reason: string, rule: string, keep: readonly string[] = []): ContractEvent[] {
  return [...cancelDuties(open.duties, reason, rule, (d) => !keep.includes(d.dutyId)), ...cancelConsequences(open.consequences, reason, rule)];
}

function endTerminationNotice(command: Cmd<'EndTerminationNotice'>, state: ContractState, context: ContractInForceContext): ContractEvent[] {
  if (state.status === 'none') throw new NotFoundError(`${CODE}.NOT_FOUND`, 'No such contract');
  const due = dueConsequence(state.consequences, command.data.consequenceId, 'termination_effective', context.now);
  const termination = state.termination;
  if (!due || !termination || termination.consequenceId !== due.consequenceId) return [];
  const executed = consequenceExecuted(due, context.now);
  const rest = { ...state, consequences: { ...state.consequences, pending: Object.fromEntries(Object.entries(state.consequences.pending).filter(([id]) => id !== due.consequenceId)) } };
  if (termination.by === 'customer' && !termination.conditionsReportedOn) {
    // R-CON-13: without the conditions met and reported the duty to pay goes on.
    return [{ type: 'TerminationAwaitingConditions', data: { consequenceId: due.consequenceId, noticeEndedOn: termination.endsOn } }, executed];
  }
  const rule = termination.by === 'customer' ? 'R-CON-13' : 'R-CON-14';
  return [
    { type: 'ContractTerminated', data: { by: termination.by, endedOn: termination.endsOn, paymentDutyEndsOn: termination.endsOn, consequenceId: due.consequenceId, rule } },
    executed,
    ...closing(rest, 'the contract ended', rule),
  ];
}

function expire(command: Cmd<'ExpireContract'>, state: ContractState, context: ContractInForceContext): ContractEvent[] {
  if (state.status === 'none') throw new NotFoundError(`${CODE}.NOT_FOUND`, 'No such contract');
  const due = dueConsequence(state.consequences, command.data.consequenceId, 'contract_expiry', context.now);
  if (!due || state.status === 'terminated') return [];
  const endedOn = addDays(parseLocalDate(due.dueDate), -1);
  const rest = { ...state, consequences: { ...state.consequences, pending: Object.fromEntries(Object.entries(state.consequences.pending).filter(([id]) => id !== due.consequenceId)) } };
  return [
    { type: 'ContractTerminated', data: { by: 'expiry', endedOn, paymentDutyEndsOn: endedOn, consequenceId: due.consequenceId, rule: 'R-CON-10' } },
    consequenceExecuted(due, context.now),
    ...closing(rest, 'the fixed term ended', 'R-CON-10'),
  ];
}

/**
 * R-CHN-01, R-CHN-02: a customer's request of one of the listed kinds. In-person-only kinds on
 * another channel are refused with the reason or booked as an appointment; remote-capable kinds
 * are taken by letter, e-mail and phone.
 */
function recordCustomerRequest(command: Cmd<'RecordCustomerRequest'>, state: ContractState, context: ContractInForceContext): ContractEvent[] {
  const open = requireStatus(state, ['in_force', 'terminating', 'awaiting_conditions'], 'A customer request');
  requireStaff(open.unitId, context, CODE);
  const { matter, channel } = command.data;
  if (!CUSTOMER_MATTERS.includes(matter)) throw new InvalidInputError(`${CODE}.UNKNOWN_MATTER`, `matter must be one of ${CUSTOMER_MATTERS.join(', ')}`, { field: 'matter' });
  const received = instantOf(command.data.receivedAt, 'receivedAt', context, CODE);
  requireNotBefore(received.at, 'receivedAt', { fact: 'ContractEstablished.formedAt', at: open.formedAt }, CODE);
  if (isInPersonOnly(matter)) {
    const admission = admitInPersonMatter({ matter, command: command.type, channel, bookAppointment: command.data.bookAppointment, requestedAt: received.at, field: 'receivedAt', code: CODE }, context);
    if (!admission.admitted) return [...admission.events];
  } else {
    assertMatterAllowedOn(matter, channel, 'channel');
  }
  return [
    {
      type: 'CustomerRequestRecorded',
      data: { requestId: context.newId(), matter, channel, receivedAt: received.at, customerSubjectId: open.customerSubjectId, note: command.data.note ?? '', rule: isInPersonOnly(matter) ? 'R-CHN-01' : 'R-CHN-02' },
    },
  ];
}

/** The contract decider's command handling; `evolve` is in contract.state.ts. */
export function decideContract(command: ContractCommand, state: ContractState, context: ContractInForceContext): ContractEvent[] {
  switch (command.type) {
    case 'EstablishContract':
      return establish(command, state, context);
    case 'AgreeAmendment':
      return amend(command, state, context);
    case 'MakeAmendmentEffective':
      return makeAmendmentEffective(command, state, context);
    case 'ReportPayerChange':
      return reportPayerChange(command, state, context);
    case 'RecordArrearsStatement':
      return recordArrearsStatement(command, state, context);
    case 'ConcludePayerAgreement':
      return concludePayerAgreement(command, state, context);
    case 'GiveTerminationNotice':
      return giveTerminationNotice(command, state, context);
    case 'ReportTerminationConditions':
      return reportTerminationConditions(command, state, context);
    case 'TerminateByProvider':
      return terminateByProvider(command, state, context);
    case 'EndTerminationNotice':
      return endTerminationNotice(command, state, context);
    case 'ExpireContract':
      return expire(command, state, context);
    case 'RecordCustomerRequest':
      return recordCustomerRequest(command, state, context);
    case 'OfferAppointment': {
      const open = requireStatus(state, ['in_force', 'terminating', 'awaiting_conditions'], 'Offering an appointment');
      requireStaff(open.unitId, context, CODE);
      return offerAppointment(open.duties, command.data, context, CODE);
    }
    default:
      return assertNever(command, 'contract command');
  }
}
