import type { Channel, Complainant, Finding, Redress, ReplyChannel } from '../complaint/complaint.types.js';
import type { OralRecordInput } from '../complaint/oral-record.js';
import type { OrganisationUnit } from '../organisation/organisation.js';
import type { PipelineCommand } from '../shared/pipeline-decider.js';
import type { CaseFacts } from './case-facts.js';
import type { RecordCaseEscalated } from './case-escalated.js';
import type { RecordCaseReferral } from '../referral/case-referral.js';
import type { EscalationStep } from './escalation.types.js';

export interface RegisterEscalationData {
  readonly escalationId: string;
  /** When the escalation reached the secretariat (ISO 8601); its Budapest date starts the deadlines. */
  readonly receivedAt: string;
  readonly channel: Channel;
  readonly complainant: Complainant;
  /** What the customer says was not handled according to law, contract or expected conduct. */
  readonly description: string;
  readonly documents: readonly string[];
  readonly remedySought: string | null;
  /** The escalated case, as the application read it from its stream (R-ESC-01). */
  readonly about: CaseFacts;
  /** The secretariat registering the escalation (the actor's unit), from the organisation directory. */
  readonly targetUnit: OrganisationUnit;
  /** R-LAW-04: an escalation made in person or by phone goes on record as an oral complaint does. */
  readonly record: OralRecordInput;
}

export type EscalationCommand =
  | PipelineCommand<'RegisterEscalation', RegisterEscalationData>
  | PipelineCommand<'DesignateEscalationClerk', { readonly clerkId: string }>
  | PipelineCommand<'ReassignEscalationClerk', { readonly clerkId: string; readonly reason: string }>
  | PipelineCommand<'TakeOverEscalation', Record<string, never>>
  | PipelineCommand<'RecordEscalationStep', { readonly step: EscalationStep; readonly description: string }>
  | PipelineCommand<'RecordEscalationFinding', { readonly finding: Finding; readonly reasoning: string }>
  | PipelineCommand<'SendEscalationReply', { readonly channel: ReplyChannel; readonly sentAt: string; readonly summary: string; readonly reasons: string; readonly redress: Redress | null; readonly recordCopyEnclosed: boolean }>
  | PipelineCommand<'WithdrawEscalation', { readonly reason: string }>
  | PipelineCommand<'CloseEscalation', Record<string, never>>
  | RecordCaseEscalated
  | RecordCaseReferral;

export type EscalationCommandType = EscalationCommand['type'];
