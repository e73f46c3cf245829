import type { CustomerMatter } from '../../channel/channel-rules.js';
import type { DutyEvent } from '../../duty/duty.events.js';
import type { CaseRegisterEntry } from '../../escalation/case-support.js';
import type { ConsequenceEvent } from '../../scheduling/consequence.events.js';
import type { EventSchema } from '../../shared/event-schema.js';
import { partyPersonalData, type ContractSharedEvent } from '../contract-shared.events.js';
import type { Channel, ContractCaseLink, ContractParty, ContractTerms } from '../contract.types.js';
import type { ContractChanges, NonPayment, PayerChangeReason, PayerChangeReporter, PayerRole, ProviderTerminationGround } from './contract.commands.js';
import type { RetentionExpiredEvent } from '../../retention/retention.events.js';

export interface ContractEstablishedData {
  readonly contractId: string;
  /** The gapless number in the unit's contract register for the year of formation. */
  readonly registerEntry: CaseRegisterEntry;
  readonly formedAt: string;
  readonly formedOn: string;
  readonly effectiveFrom: string;
  readonly formedUnder: 'R-CON-06' | 'R-CON-07';
  /** The stream whose `ContractFormed` this contract comes from. */
  readonly source: ContractCaseLink;
  readonly unitId: string;
  readonly customer: ContractParty;
  /** The payer is the customer until a payer agreement says otherwise (R-CON-11, R-CON-12). */
  readonly payerSubjectId: string;
  readonly terms: ContractTerms;
  readonly policyVersion: string;
  /** A fixed-term contract runs out by itself (R-CON-10); null when indefinite. */
  readonly expiryConsequenceId: string | null;
}

export interface PayerChangeReportedData {
  readonly payerChangeId: string;
  readonly reason: PayerChangeReason;
  readonly changedOn: string;
  readonly reportedAt: string;
  readonly reportedOn: string;
  readonly channel: Channel;
  readonly reportedBy: readonly PayerChangeReporter[];
  /** R-CON-11: the report was due by this day. */
  readonly reportDue: string;
  readonly late: boolean;
  readonly oldPayerSubjectId: string;
  readonly newPayer: ContractParty;
  readonly oldPayerArrearsHuf: number;
  /** R-CON-11: a late report leaves the old payer owing the surcharge from the day after `reportDue` until the report. */
  readonly surcharge: { readonly owedBy: 'old_payer'; readonly from: string; readonly until: string } | null;
  /** R-CON-12: after a name change or inheritance the whole debt passes to the new payer. */
  readonly debtPassesToNewPayer: boolean;
  /** R-CON-12: whose written statement on settling the arrears is needed before the agreement. */
  readonly statementsRequired: readonly PayerRole[];
}

export type ContractEvent =
  | { readonly type: 'ContractEstablished'; readonly data: ContractEstablishedData }
  | { readonly type: 'AmendmentAgreed'; readonly data: { readonly amendmentId: string; readonly agreedAt: string; readonly agreedOn: string; readonly channel: Channel; readonly changes: ContractChanges; readonly description: string; readonly effectiveFrom: string; readonly earliestEffectiveFrom: string; readonly consequenceId: string; readonly rule: 'R-CON-10' } }
  | { readonly type: 'AmendmentTookEffect'; readonly data: { readonly amendmentId: string; readonly consequenceId: string; readonly effectiveFrom: string; readonly terms: ContractTerms } }
  | { readonly type: 'PayerChangeReported'; readonly data: PayerChangeReportedData }
  | { readonly type: 'ArrearsStatementRecorded'; readonly data: { readonly payerChangeId: string; readonly by: PayerRole; readonly payerSubjectId: string; readonly statedAt: string; readonly statedOn: string; readonly channel: Channel; readonly settlement: string } }
  | { readonly type: 'PayerAgreementConcluded'; readonly data: { readonly payerChangeId: string; readonly previousPayerSubjectId: string; readonly newPayerSubjectId: string; readonly concludedAt: string; readonly concludedOn: string; readonly channel: Channel; readonly debtPassedToNewPayer: boolean; readonly newPayerInformedOfDebt: boolean; readonly statements: readonly PayerRole[] } }
  | { readonly type: 'CustomerTerminationNoticeReceived'; readonly data: { readonly receivedAt: string; readonly receivedOn: string; readonly channel: Channel; readonly endsOn: string; readonly noticeBasis: string; readonly conditionsReportedOn: string | null; readonly consequenceId: string; readonly rule: 'R-CON-13' } }
  | { readonly type: 'TerminationConditionsReported'; readonly data: { readonly reportedAt: string; readonly reportedOn: string; readonly channel: Channel } }
  | { readonly type: 'ProviderTerminationNoticeSent'; readonly data: { readonly ground: ProviderTerminationGround; readonly sentAt: string; readonly sentOn: string; readonly channel: Channel; readonly endsOn: string; readonly customerSubjectId: string; readonly description: string; readonly nonPayment: (NonPayment & { readonly mayTerminateFrom: string }) | null; readonly usageStoppedOn: string | null; readonly consequenceId: string; readonly rule: 'R-CON-14' } }
  /** R-CON-13: the notice ended, but the statutory conditions are not yet reported: the duty to pay goes on. */
  | { readonly type: 'TerminationAwaitingConditions'; readonly data: { readonly consequenceId: string; readonly noticeEndedOn: string } }
  | { readonly type: 'ContractTerminated'; readonly data: { readonly by: 'customer' | 'provider' | 'expiry'; readonly endedOn: string; readonly paymentDutyEndsOn: string; readonly consequenceId: string | null; readonly rule: 'R-CON-10' | 'R-CON-13' | 'R-CON-14' } }
  | { readonly type: 'CustomerRequestRecorded'; readonly data: { readonly requestId: string; readonly matter: CustomerMatter; readonly channel: Channel; readonly receivedAt: string; readonly customerSubjectId: string; readonly note: string; readonly rule: 'R-CHN-01' | 'R-CHN-02' } }
  | Extract<ContractSharedEvent, { readonly type: 'PersonalAppointmentRequested' | 'PersonalAppointmentOffered' }>
  | DutyEvent
  | ConsequenceEvent
  | RetentionExpiredEvent;

export type ContractEventType = ContractEvent['type'];

const newPayer = partyPersonalData('newPayer');

/** Stored shapes of the contract stream's own events; shared ones are in contract.event-schemas.ts. */
export const contractEventSchemas: readonly EventSchema[] = [
  { type: 'ContractEstablished', schemaVersion: 1, personal: [partyPersonalData('customer')] },
  { type: 'AmendmentAgreed', schemaVersion: 1 },
  { type: 'AmendmentTookEffect', schemaVersion: 1 },
  { type: 'PayerChangeReported', schemaVersion: 1, personal: [newPayer, { subjectPath: 'oldPayerSubjectId', fields: ['oldPayerArrearsHuf'] }] },
  { type: 'ArrearsStatementRecorded', schemaVersion: 1, personal: [{ subjectPath: 'payerSubjectId', fields: ['settlement'] }] },
  { type: 'PayerAgreementConcluded', schemaVersion: 1 },
  { type: 'CustomerTerminationNoticeReceived', schemaVersion: 1 },
  { type: 'TerminationConditionsReported', schemaVersion: 1 },
  { type: 'ProviderTerminationNoticeSent', schemaVersion: 1, personal: [{ subjectPath: 'customerSubjectId', fields: ['description', 'nonPayment.amountHuf'] }] },
  { type: 'TerminationAwaitingConditions', schemaVersion: 1 },
  { type: 'ContractTerminated', schemaVersion: 1 },
  { type: 'CustomerRequestRecorded', schemaVersion: 1, personal: [{ subjectPath: 'customerSubjectId', fields: ['note'] }] },
];
