import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { v5 as uuidv5 } from 'uuid';
import { RecordFaultReportStepCommand, type FaultReportStep } from '../../../application/dispatch/record-fault-report-step/record-fault-report-step.command.js';
import { RegisterFaultReportCommand } from '../../../application/dispatch/register-fault-report/register-fault-report.command.js';
import { Roles } from '../../auth/auth.decorators.js';
import { CaseCommand } from '../conventions/case-command.js';
import { CommandContext, envelopeFrom, respondWith, type CommandRequest } from '../conventions/command-response.js';
import { EmptyBodyPipe } from '../conventions/empty-body.pipe.js';
import * as dto from './fault-reports.request.dto.js';

/** Namespace for fault report ids derived from an Idempotency-Key, so a retry names the same case. */
const FAULT_REPORT_ID_NAMESPACE = '9d2c4b1a-3e5f-4a6b-8c7d-0e1f2a3b4c5d';

/** R-DSP-03: the dispatchers work the log; their supervisor may too. */
const DISPATCH = ['dispatcher', 'supervisor'] as const;

@ApiTags('fault reports')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A UUID the client keeps for retries of this request' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The case version last seen (ETag), e.g. "3"' })
@Controller('fault-reports')
export class FaultReportsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('dispatcher')
  @ApiOperation({ summary: 'Take a fault report in person or by phone, any hour, into the dispatcher log with every field (R-DSP-01, R-DSP-02, R-DSP-04)' })
  async register(@Body() body: dto.RegisterFaultReportRequestDto, @CommandContext() c: CommandRequest) {
    const faultReportId = body.faultReportId ?? uuidv5(c.key, FAULT_REPORT_ID_NAMESPACE);
    const command = {
      type: 'RegisterFaultReport' as const,
      data: {
        faultReportId,
        reportedAt: new Date(body.reportedAt).toISOString(),
        channel: body.channel,
        kind: body.kind,
        // One key per case and person: the case's retention decides when it is shredded (R-RET-03).
        reporter: { subjectId: `${faultReportId}/reporter`, name: body.reporter.name, address: body.reporter.address, phone: body.reporter.phone ?? null, customerNumber: body.reporter.customerNumber ?? null },
        placeOfUseId: body.placeOfUseId ?? null,
        description: body.description,
        reporterAtHome: body.reporterAtHome,
        expectedRepair: { date: body.expectedRepair.date, timeOfDay: body.expectedRepair.timeOfDay ?? null, method: body.expectedRepair.method },
        priority: body.priority,
        maintenanceContract: body.maintenanceContract,
        otherInformation: body.otherInformation ?? null,
      },
    };
    const outcome = await this.commands.execute(new RegisterFaultReportCommand(envelopeFrom(c, command, { channel: body.channel, businessTime: new Date(body.reportedAt) })));
    const { logEntry, priority, expectedRepair, paidOrderNeededForRepair } = outcome.result;
    return respondWith(c.reply, outcome, { faultReportId, logEntry, priority, expectedRepair, paidOrderNeededForRepair, version: outcome.version }, { status: 201, location: `/api/v1/fault-reports/${faultReportId}` });
  }

  private async step(faultReportId: string, command: FaultReportStep, c: CommandRequest) {
    const outcome = await this.commands.execute(new RecordFaultReportStepCommand(faultReportId, envelopeFrom(c, command)));
    return respondWith(c.reply, outcome, { faultReportId, version: outcome.version, recorded: outcome.eventTypes, status: outcome.result.status, priority: outcome.result.priority });
  }

  @CaseCommand(':id/reprioritisation', DISPATCH, 'Change the priority or the expected repair, with the reason (R-DSP-03)')
  reprioritise(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.ReprioritiseRequest, @CommandContext() c: CommandRequest) {
    const expectedRepair = body.expectedRepair ? { date: body.expectedRepair.date, timeOfDay: body.expectedRepair.timeOfDay ?? null, method: body.expectedRepair.method } : null;
    return this.step(id, { type: 'ReprioritiseFaultReport', data: { priority: body.priority, reason: body.reason, expectedRepair } }, c);
  }

  @CaseCommand(':id/worksheets', DISPATCH, 'Issue a worksheet to a repair crew with its number; its return becomes a duty (R-DSP-03, R-DSP-04)')
  async issueWorksheet(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.IssueWorksheetRequest, @CommandContext() c: CommandRequest) {
    const outcome = await this.commands.execute(
      new RecordFaultReportStepCommand(id, envelopeFrom(c, { type: 'IssueWorksheet', data: { worksheetNumber: body.worksheetNumber, crew: body.crew, scope: body.scope, paidOrderReference: body.paidOrderReference ?? null } })),
    );
    return respondWith(c.reply, outcome, { faultReportId: id, version: outcome.version, recorded: outcome.eventTypes, worksheet: outcome.result.worksheet ?? null });
  }

  @CaseCommand(':id/worksheets/:worksheetNumber/return', DISPATCH, 'Record the repair when the worksheet comes back (R-DSP-03, R-DSP-04)')
  @ApiParam({ name: 'worksheetNumber', example: 'MLAP-2026-000311' })
  recordRepair(@Param('id', ParseUUIDPipe) id: string, @Param('worksheetNumber') worksheetNumber: string, @Body() body: dto.RecordRepairRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'RecordRepair', data: { worksheetNumber, returnedAt: new Date(body.returnedAt).toISOString(), outcome: body.outcome, workDone: body.workDone, paidOrderReference: body.paidOrderReference ?? null } }, c);
  }

  @CaseCommand(':id/worksheets/:worksheetNumber/accounting', DISPATCH, 'Forward a paid repair’s returned worksheet to accounting (R-DSP-03)')
  @ApiParam({ name: 'worksheetNumber', example: 'MLAP-2026-000311' })
  forwardToAccounting(@Param('id', ParseUUIDPipe) id: string, @Param('worksheetNumber') worksheetNumber: string, @Body(EmptyBodyPipe) _body: Record<string, never>, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'ForwardWorksheetToAccounting', data: { worksheetNumber } }, c);
  }

  @CaseCommand(':id/withdrawal', DISPATCH, 'Record that the reporter withdrew the report; it closes (no crew may be out)')
  withdraw(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.FaultReasonRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'WithdrawFaultReport', data: { reason: body.reason } }, c);
  }

  @CaseCommand(':id/closing', DISPATCH, 'Close the report after the repair is recorded and paid worksheets are with accounting (R-DSP-03)')
  close(@Param('id', ParseUUIDPipe) id: string, @Body(EmptyBodyPipe) _body: Record<string, never>, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'CloseFaultReport', data: {} }, c);
  }
}
