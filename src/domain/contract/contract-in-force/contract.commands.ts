import type { CustomerMatter } from '../../channel/channel-rules.js';
import type { OrganisationUnit } from '../../organisation/organisation.js';
import type { PipelineCommand } from '../../shared/pipeline-decider.js';
import type { ContractFormedData } from '../contract-shared.events.js';
import type { Channel, ContractParty, ContractTerms } from '../contract.types.js';

/** R-CON-10: what an amendment may change; the kind of contract and the place of use stay. */
export type ContractChanges = Partial<Pick<ContractTerms, 'tariff' | 'paymentMethod' | 'contractedHeatKw' | 'term' | 'customerNoticeDays'>>;
export const AMENDABLE_TERMS = ['tariff', 'paymentMethod', 'contractedHeatKw', 'term', 'customerNoticeDays'] as const;

/**
 * Seed 4.2.5, 4.2.6: why the payer changes. After a name change or an inheritance the whole
 * debt passes to the new payer (R-CON-12).
 */
export const PAYER_CHANGE_REASONS = ['sale', 'tenancy', 'payer_takeover', 'name_change', 'inheritance'] as const;
export type PayerChangeReason = (typeof PAYER_CHANGE_REASONS)[number];
export type PayerRole = 'old_payer' | 'new_payer';
export type PayerChangeReporter = 'old_payer' | 'new_payer' | 'owner';

/** R-CON-14: the grounds on which the provider may terminate. */
export const PROVIDER_TERMINATION_GROUNDS = ['supply_disturbance', 'non_payment', 'usage_stopped'] as const;
export type ProviderTerminationGround = (typeof PROVIDER_TERMINATION_GROUNDS)[number];

/** R-CON-14: the facts of non-payment, as the application read them from the account. */
export interface NonPayment {
  /** YYYY-MM-DD: when the unpaid bill fell due. */
  readonly billDueOn: string;
  /** YYYY-MM-DD: when the written demand for payment was sent; null when none was. */
  readonly writtenDemandSentOn: string | null;
  readonly amountHuf: number;
}

export type ContractCommand =
  /** Opens `contract-<contractId>` from the `ContractFormed` event of an offer, application or counter-offer stream. */
  | PipelineCommand<'EstablishContract', { readonly formation: ContractFormedData; readonly unit: OrganisationUnit }>
  | PipelineCommand<'AgreeAmendment', { readonly agreedAt: string; readonly channel: Channel; readonly bookAppointment: boolean; readonly changes: ContractChanges; readonly effectiveFrom: string | null; readonly description: string }>
  | PipelineCommand<'ReportPayerChange', {
      readonly reportedAt: string;
      readonly channel: Channel;
      readonly bookAppointment: boolean;
      /** YYYY-MM-DD: when the payer changed; the 15 days of R-CON-11 run from it. */
      readonly changedOn: string;
      readonly reason: PayerChangeReason;
      readonly reportedBy: readonly PayerChangeReporter[];
      readonly newPayer: ContractParty;
      /** Unsettled arrears on the old payer's account, from the account (R-CON-12). */
      readonly oldPayerArrearsHuf: number;
    }>
  | PipelineCommand<'RecordArrearsStatement', { readonly by: PayerRole; readonly statedAt: string; readonly channel: Channel; readonly settlement: string }>
  | PipelineCommand<'ConcludePayerAgreement', { readonly concludedAt: string; readonly channel: Channel; readonly bookAppointment: boolean }>
  | PipelineCommand<'GiveTerminationNotice', { readonly receivedAt: string; readonly channel: Channel; readonly conditionsMetAndReported: boolean }>
  | PipelineCommand<'ReportTerminationConditions', { readonly reportedAt: string; readonly channel: Channel }>
  | PipelineCommand<'TerminateByProvider', {
      readonly ground: ProviderTerminationGround;
      readonly sentAt: string;
      readonly channel: Channel;
      /** YYYY-MM-DD: the last day of the contract. */
      readonly endsOn: string;
      readonly description: string;
      readonly nonPayment: NonPayment | null;
      /** YYYY-MM-DD: since when the customer no longer takes heat at the place of use. */
      readonly usageStoppedOn: string | null;
    }>
  | PipelineCommand<'RecordCustomerRequest', { readonly matter: CustomerMatter; readonly channel: Channel; readonly receivedAt: string; readonly bookAppointment: boolean; readonly note: string }>
  | PipelineCommand<'OfferAppointment', { readonly appointmentId: string; readonly appointmentAt: string }>
  /** Sent by the scheduler: an agreed amendment takes effect (R-CON-10). */
  | PipelineCommand<'MakeAmendmentEffective', { readonly consequenceId: string }>
  /** Sent by the scheduler: a notice period ends (R-CON-13, R-CON-14). */
  | PipelineCommand<'EndTerminationNotice', { readonly consequenceId: string }>
  /** Sent by the scheduler: a fixed-term contract runs out (R-CON-10). */
  | PipelineCommand<'ExpireContract', { readonly consequenceId: string }>;

export type ContractCommandType = ContractCommand['type'];
