import { evolveDuties, isDutyEvent, type OpenDuty } from '../../duty/duty.events.js';
import type { CaseRegisterEntry } from '../../escalation/case-support.js';
import { emptyConsequenceBook, evolveConsequences, isConsequenceEvent, type ConsequenceBook } from '../../scheduling/consequence.events.js';
import { assertNever } from '../../shared/decider.js';
import type { UserCategory, ContractTerms } from '../contract.types.js';
import type { ContractChanges, PayerChangeReason, PayerRole } from './contract.commands.js';
import type { ContractEvent } from './contract.events.js';

/** Where a contract in force stands. */
export type ContractStatus = 'in_force' | 'terminating' | 'awaiting_conditions' | 'terminated';

export interface PendingAmendment {
  readonly amendmentId: string;
  readonly consequenceId: string;
  readonly effectiveFrom: string;
  readonly changes: ContractChanges;
}

/** A reported payer change waiting for its new payer agreement (R-CON-11, R-CON-12). */
export interface PendingPayerChange {
  readonly payerChangeId: string;
  readonly reason: PayerChangeReason;
  readonly oldPayerSubjectId: string;
  readonly newPayerSubjectId: string;
  readonly oldPayerArrearsHuf: number;
  readonly debtPassesToNewPayer: boolean;
  readonly statementsRequired: readonly PayerRole[];
  readonly statementsGiven: readonly PayerRole[];
  /** When the change was reported: its statements and agreement follow it. */
  readonly reportedAt: string | null;
}

export interface PendingTermination {
  readonly by: 'customer' | 'provider';
  readonly endsOn: string;
  readonly consequenceId: string;
  /** R-CON-13: when the customer reported in writing that every statutory condition is met. */
  readonly conditionsReportedOn: string | null;
  /** When the customer's notice arrived: the conditions are reported after it. */
  readonly noticeAt?: string;
}

export interface ContractCase {
  readonly contractId: string;
  readonly registerEntry: CaseRegisterEntry;
  readonly unitId: string;
  readonly category: UserCategory;
  readonly customerSubjectId: string;
  readonly payerSubjectId: string;
  readonly terms: ContractTerms;
  readonly formedOn: string;
  /** The moment the contract was formed (R-CON-06): its later acts follow it. */
  readonly formedAt: string;
  readonly effectiveFrom: string;
  readonly policyVersion: string;
  readonly amendments: Readonly<Record<string, PendingAmendment>>;
  readonly payerChange: PendingPayerChange | null;
  readonly termination: PendingTermination | null;
  readonly endedOn: string | null;
  readonly duties: Readonly<Record<string, OpenDuty>>;
  readonly consequences: ConsequenceBook;
}

export type ContractState = { readonly status: 'none' } | ({ readonly status: ContractStatus } & ContractCase);

export const initialContractState: ContractState = { status: 'none' };

export function evolveContract(state: ContractState, event: ContractEvent): ContractState {
  if (event.type === 'ContractEstablished') {
    const d = event.data;
    return {
      status: 'in_force',
      contractId: d.contractId,
      registerEntry: d.registerEntry,
      unitId: d.unitId,
      category: d.customer.category,
      customerSubjectId: d.customer.subjectId,
      payerSubjectId: d.payerSubjectId,
      terms: d.terms,
      formedOn: d.formedOn,
      formedAt: d.formedAt,
      effectiveFrom: d.effectiveFrom,
      policyVersion: d.policyVersion,
      amendments: {},
      payerChange: null,
      termination: null,
      endedOn: null,
      duties: {},
      consequences: emptyConsequenceBook,
    };
  }
  if (state.status === 'none') return state;
  if (isDutyEvent(event)) return { ...state, duties: evolveDuties(state.duties, event) };
  if (isConsequenceEvent(event)) {
    const consequences = evolveConsequences(state.consequences, event);
    if (event.type !== 'ConsequenceCancelled') return { ...state, consequences };
    // A cancelled amendment is no longer pending.
    const amendments = Object.fromEntries(Object.entries(state.amendments).filter(([, a]) => a.consequenceId !== event.data.consequenceId));
    return { ...state, consequences, amendments };
  }
  switch (event.type) {
    case 'AmendmentAgreed': {
      const d = event.data;
      return { ...state, amendments: { ...state.amendments, [d.amendmentId]: { amendmentId: d.amendmentId, consequenceId: d.consequenceId, effectiveFrom: d.effectiveFrom, changes: d.changes } } };
    }
    case 'AmendmentTookEffect': {
      const { [event.data.amendmentId]: _done, ...rest } = state.amendments;
      return { ...state, terms: event.data.terms, amendments: rest };
    }
    case 'PayerChangeReported': {
      const d = event.data;
      return {
        ...state,
        payerChange: {
          payerChangeId: d.payerChangeId,
          reason: d.reason,
          oldPayerSubjectId: d.oldPayerSubjectId,
          newPayerSubjectId: d.newPayer.subjectId,
          oldPayerArrearsHuf: d.oldPayerArrearsHuf ?? 0,
          debtPassesToNewPayer: d.debtPassesToNewPayer,
          statementsRequired: d.statementsRequired,
          statementsGiven: [],
          reportedAt: typeof d.reportedAt === 'string' ? d.reportedAt : null,
        },
      };
    }
    case 'ArrearsStatementRecorded':
      return state.payerChange ? { ...state, payerChange: { ...state.payerChange, statementsGiven: [...state.payerChange.statementsGiven, event.data.by] } } : state;
    case 'PayerAgreementConcluded':
      return { ...state, payerSubjectId: event.data.newPayerSubjectId, payerChange: null };
    case 'CustomerTerminationNoticeReceived':
      return { ...state, status: 'terminating', termination: { by: 'customer', endsOn: event.data.endsOn, consequenceId: event.data.consequenceId, conditionsReportedOn: event.data.conditionsReportedOn, noticeAt: event.data.receivedAt } };
    case 'TerminationConditionsReported':
      return state.termination ? { ...state, termination: { ...state.termination, conditionsReportedOn: event.data.reportedOn } } : state;
    case 'ProviderTerminationNoticeSent':
      return { ...state, status: 'terminating', termination: { by: 'provider', endsOn: event.data.endsOn, consequenceId: event.data.consequenceId, conditionsReportedOn: null } };
    case 'TerminationAwaitingConditions':
      return { ...state, status: 'awaiting_conditions' };
    case 'ContractTerminated':
      return { ...state, status: 'terminated', endedOn: event.data.endedOn, amendments: {}, payerChange: null };
    case 'CustomerRequestRecorded':
    case 'PersonalAppointmentRequested':
    case 'PersonalAppointmentOffered':
      return state;
    case 'RetentionExpired':
      // R-RET-03: the personal data is shredded; the facts the rules read stay as they were.
      return state;
    default:
      return assertNever(event, 'contract event');
  }
}
