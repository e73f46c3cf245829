import type { ReplyChannel } from '../complaint/complaint.types.js';
import type { CaseFacts } from '../escalation/case-facts.js';
import type { ExternalBody } from '../external-bodies/external-bodies.js';
import type { OrganisationUnit } from '../organisation/organisation.js';
import type { PipelineCommand } from '../shared/pipeline-decider.js';
import type { BodyOutcome, ReferralInitiator } from './referral.types.js';

export interface RecordReferralData {
  readonly referralId: string;
  /** The case referred, as the application read it from its stream. */
  readonly about: CaseFacts;
  /** The body, from the directory of external bodies (data, R-LAW-12), looked up by the application. */
  readonly body: ExternalBody;
  readonly initiatedBy: ReferralInitiator;
  /** The day the customer turned to the body (or the body opened its proceeding). */
  readonly referredOn: string;
  readonly customer: { readonly subjectId: string; readonly name: string | null };
  /** The body's file number, when known. */
  readonly bodyCaseReference: string | null;
  /** What the customer asks the body to examine. */
  readonly subject: string;
  /** The unit recording the referral (the actor's unit), from the organisation directory. */
  readonly recordingUnit: OrganisationUnit;
}

export type ReferralCommand =
  | PipelineCommand<'RecordReferral', RecordReferralData>
  | PipelineCommand<'ReceiveBodyRequest', { readonly receivedAt: string; readonly bodyReference: string | null; readonly request: string }>
  | PipelineCommand<'AnswerBodyRequest', { readonly requestId: string; readonly sentAt: string; readonly channel: ReplyChannel; readonly summary: string }>
  | PipelineCommand<'RecordBodyOutcome', { readonly decidedOn: string; readonly outcome: BodyOutcome; readonly decisionReference: string | null; readonly summary: string; readonly appealPending: boolean }>
  | PipelineCommand<'LiftLegalHold', { readonly reason: string }>;

export type ReferralCommandType = ReferralCommand['type'];
