import { Command } from '@nestjs/cqrs';
import type { FaultReportCommand } from '../../../domain/dispatch/fault-report.commands.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

/** Any step on a registered fault report: priority, worksheets, repair, accounting, withdrawal, closing. */
export type FaultReportStep = Exclude<FaultReportCommand, { type: 'RegisterFaultReport' | 'OpenSiteInspectionRequest' | 'RecordCaseEscalated' }>;

export class RecordFaultReportStepCommand extends Command<CommandOutcome> {
  constructor(
    readonly faultReportId: string,
    readonly envelope: CommandEnvelope<FaultReportStep>,
  ) {
    super();
  }
}
