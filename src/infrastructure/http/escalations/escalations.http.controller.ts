import { Body, Controller, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { v5 as uuidv5 } from 'uuid';
import { RecordEscalationStepCommand, type EscalationStep } from '../../../application/escalation/record-escalation-step/record-escalation-step.command.js';
import { RegisterEscalationCommand } from '../../../application/escalation/register-escalation/register-escalation.command.js';
import { EXTERNAL_BODIES } from '../../../application/ports/directories.port.js';
import type { ExternalBodyDirectory } from '../../../domain/external-bodies/external-bodies.js';
import { Roles } from '../../auth/auth.decorators.js';
import { CaseCommand } from '../conventions/case-command.js';
import { CommandContext, envelopeFrom, respondWith, type CommandRequest } from '../conventions/command-response.js';
import { EmptyBodyPipe } from '../conventions/empty-body.pipe.js';
import { complainantOf } from '../complaints/complainant.mapping.js';
import { DesignateClerkRequest, FindingRequest, ReasonRequest, ReassignClerkRequest } from '../complaints/complaints.request.dto.js';
import * as dto from './escalations.request.dto.js';

/** Namespace for escalation ids derived from an Idempotency-Key, so a retry names the same case. */
const ESCALATION_ID_NAMESPACE = '2f7e6d5c-4b3a-4918-8776-a5b4c3d2e1f0';

const SECRETARIAT = ['clerk', 'supervisor'] as const;

@ApiTags('escalations')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A UUID the client keeps for retries of this request' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The case version last seen (ETag), e.g. "3"' })
@Controller('escalations')
export class EscalationsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EXTERNAL_BODIES) private readonly bodies: ExternalBodyDirectory,
  ) {}

  @Post()
  @Roles(...SECRETARIAT)
  @ApiOperation({
    summary:
      'Register an escalation as its own case in the secretariat’s incoming register: a complaint or fault report at the regional secretariat, a regional escalation at the central secretariat; the escalated case records the link (R-ESC-01, R-CPL-03)',
  })
  async register(@Body() body: dto.RegisterEscalationRequestDto, @CommandContext() c: CommandRequest) {
    const escalationId = body.escalationId ?? uuidv5(c.key, ESCALATION_ID_NAMESPACE);
    const command = {
      type: 'RegisterEscalation' as const,
      data: {
        escalationId,
        receivedAt: new Date(body.receivedAt).toISOString(),
        channel: body.channel,
        complainant: complainantOf(body.complainant, escalationId),
        description: body.description,
        documents: body.documents,
        remedySought: body.remedySought ?? null,
        about: { caseType: body.about.caseType, caseId: body.about.caseId },
        record: { recordPlace: body.recordPlace ?? null, positionIfExamined: body.positionIfExamined ?? null, customerSignedRecord: body.customerSignedRecord ?? null, recordCopyHandedOver: body.recordCopyHandedOver ?? false },
      },
    };
    const outcome = await this.commands.execute(new RegisterEscalationCommand(envelopeFrom(c, command, { channel: body.channel, businessTime: new Date(body.receivedAt) })));
    const { level, registerEntry, replyDue } = outcome.result;
    return respondWith(c.reply, outcome, { escalationId, level, registerEntry, replyDue, version: outcome.version }, { status: 201, location: `/api/v1/escalations/${escalationId}` });
  }

  private async step(escalationId: string, command: EscalationStep, c: CommandRequest, options: { channel?: string } = {}) {
    const outcome = await this.commands.execute(new RecordEscalationStepCommand(escalationId, envelopeFrom(c, command, options)));
    return respondWith(c.reply, outcome, { escalationId, version: outcome.version, recorded: outcome.eventTypes, designatedClerk: outcome.result.designatedClerk, takeoverEntry: outcome.result.takeoverEntry });
  }

  @CaseCommand(':id/designation', ['supervisor'], 'The regional director (or the managing director) designates the handling clerk (R-ESC-01, R-CPL-04)')
  designate(@Param('id', ParseUUIDPipe) id: string, @Body() body: DesignateClerkRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'DesignateEscalationClerk', data: { clerkId: body.clerkId } }, c);
  }

  @CaseCommand(':id/reassignment', ['supervisor'], 'Reassign the escalation to another clerk, with the reason (R-CPL-04)')
  reassign(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReassignClerkRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'ReassignEscalationClerk', data: { clerkId: body.clerkId, reason: body.reason } }, c);
  }

  @CaseCommand(':id/takeover', ['clerk'], 'The designated clerk takes the escalation over under a number of the serial register or the clerk’s workbook (R-ESC-01, R-CPL-04)')
  takeOver(@Param('id', ParseUUIDPipe) id: string, @Body(EmptyBodyPipe) _body: Record<string, never>, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'TakeOverEscalation', data: {} }, c);
  }

  @CaseCommand(':id/steps', SECRETARIAT, 'Record an investigation step (R-CPL-01, R-CPL-10)')
  recordStep(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.EscalationStepRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'RecordEscalationStep', data: { step: body.step, description: body.description } }, c);
  }

  @CaseCommand(':id/finding', SECRETARIAT, 'Record the finding: justified, partly justified or unjustified (R-CPL-01)')
  finding(@Param('id', ParseUUIDPipe) id: string, @Body() body: FindingRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'RecordEscalationFinding', data: { finding: body.finding, reasoning: body.reasoning } }, c);
  }

  @CaseCommand(':id/reply', SECRETARIAT, 'Send the written reply with reasons; a rejection names the competent bodies (R-CPL-07, R-LAW-01, R-LAW-07)')
  reply(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.EscalationReplyRequest, @CommandContext() c: CommandRequest) {
    const contact = (b: { name: string; address: string; phone?: string | null; email?: string | null }) => ({ name: b.name, address: b.address, phone: b.phone ?? null, email: b.email ?? null });
    const fromDirectory = body.residenceCounty ? this.bodies.redressFor(body.residenceCounty) : null;
    const redress = body.redress
      ? { consumerProtectionAuthority: contact(body.redress.consumerProtectionAuthority), conciliationBoard: contact(body.redress.conciliationBoard) }
      : fromDirectory
        ? { consumerProtectionAuthority: contact(fromDirectory.consumerProtectionAuthority), conciliationBoard: contact(fromDirectory.conciliationBoard) }
        : null;
    return this.step(id, { type: 'SendEscalationReply', data: { channel: body.channel, sentAt: new Date(body.sentAt).toISOString(), summary: body.summary, reasons: body.reasons, redress, recordCopyEnclosed: body.recordCopyEnclosed ?? false } }, c, { channel: body.channel });
  }

  @CaseCommand(':id/withdrawal', SECRETARIAT, 'Record the withdrawal of the escalation; it closes (R-CPL-01)')
  withdraw(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'WithdrawEscalation', data: { reason: body.reason } }, c);
  }

  @CaseCommand(':id/closing', SECRETARIAT, 'Close the escalation: needs a step, the finding and the reply (R-CPL-01, R-CPL-07)')
  close(@Param('id', ParseUUIDPipe) id: string, @Body(EmptyBodyPipe) _body: Record<string, never>, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'CloseEscalation', data: {} }, c);
  }
}
