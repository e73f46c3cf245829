import type { ExternalBody } from '../external-bodies/external-bodies.js';
import type { PipelineCommand } from '../shared/pipeline-decider.js';
import type { DeliveryChannel, DeliveryRecipient, ExtractBundleRecord, ExtractScope, LegalBasis } from './extract.types.js';

export interface RequestExtractData {
  readonly extractId: string;
  readonly scope: ExtractScope;
  /** Looked up in the directory of external bodies by the application (R-LAW-12). */
  readonly addressee: ExternalBody;
  readonly legalBasis: LegalBasis;
  readonly knownCheckpointSize: number | null;
  readonly purpose: string;
}

export type ExtractCommand =
  | PipelineCommand<'RequestExtract', RequestExtractData>
  | PipelineCommand<'ApproveExtract', { readonly note: string | null }>
  | PipelineCommand<'RefuseExtract', { readonly reason: string }>
  /** The bundle is built by the application before the command; the decider records what was built. */
  | PipelineCommand<'RecordExtractGenerated', { readonly bundle: ExtractBundleRecord }>
  | PipelineCommand<'DeliverExtract', { readonly channel: DeliveryChannel; readonly deliveredAt: string; readonly recipient: DeliveryRecipient }>
  /** A retention run deletes the kept bundle of an expired case (R-RET-03); the extract records it. */
  | PipelineCommand<'PurgeExtractBundle', { readonly runId: string; readonly caseStreamId: string; readonly bundleSha256: string }>;

export type ExtractCommandType = ExtractCommand['type'];
