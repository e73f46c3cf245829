import { Command } from '@nestjs/cqrs';
import type { FaultKind } from '../../../domain/dispatch/fault-report.types.js';
import type { PipelineCommand } from '../../../domain/shared/pipeline-decider.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

/**
 * R-CPL-10: the complaint's site inspection, requested via the dispatcher with the agreed date;
 * besides the complaint step it carries what the dispatcher request needs.
 */
export type RequestSiteInspectionRequest = PipelineCommand<
  'RequestSiteInspection',
  {
    readonly agreedDate: string;
    readonly note: string | null;
    /** A time or window on the agreed day, as agreed with the complainant. */
    readonly timeOfDay: string | null;
    /** The kind of dispatcher request; derived from the complaint's kind when null. */
    readonly faultKind: FaultKind | null;
    /** Whether a flat-fee maintenance contract covers the customer's installation (R-DSP-02). */
    readonly maintenanceContract: boolean;
  }
>;

export class RequestSiteInspectionCommand extends Command<CommandOutcome> {
  constructor(
    readonly complaintId: string,
    readonly envelope: CommandEnvelope<RequestSiteInspectionRequest>,
  ) {
    super();
  }
}
