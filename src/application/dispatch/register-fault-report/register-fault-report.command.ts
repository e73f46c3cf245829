import { Command } from '@nestjs/cqrs';
import type { RegisterFaultReportData } from '../../../domain/dispatch/fault-report.commands.js';
import type { PipelineCommand } from '../../../domain/shared/pipeline-decider.js';
import type { CommandEnvelope, CommandOutcome } from '../../command-pipeline/command-pipeline.js';

/** A report as the edge knows it: the dispatcher service is the dispatcher's own unit, looked up by the handler. */
export type RegisterFaultReportRequest = PipelineCommand<'RegisterFaultReport', Omit<RegisterFaultReportData, 'dispatcherUnit'>>;

export class RegisterFaultReportCommand extends Command<CommandOutcome> {
  constructor(readonly envelope: CommandEnvelope<RegisterFaultReportRequest>) {
    super();
  }
}
