import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { v5 as uuidv5 } from 'uuid';
import { RecordReferralStepCommand, type ReferralStep } from '../../../application/referral/record-referral-step/record-referral-step.command.js';
import { RecordReferralCommand } from '../../../application/referral/record-referral/record-referral.command.js';
import { Roles } from '../../auth/auth.decorators.js';
import { CaseCommand } from '../conventions/case-command.js';
import { CommandContext, envelopeFrom, respondWith, type CommandRequest } from '../conventions/command-response.js';
import * as dto from './referrals.request.dto.js';

/** Namespace for referral ids derived from an Idempotency-Key, so a retry names the same case. */
const REFERRAL_ID_NAMESPACE = '4a3b2c1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0';

const RECORDERS = ['clerk', 'supervisor'] as const;

@ApiTags('referrals')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A UUID the client keeps for retries of this request' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The case version last seen (ETag), e.g. "3"' })
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles(...RECORDERS)
  @ApiOperation({ summary: 'Record a referral to an external body from the directory, with the body’s handling time; places a legal hold on the case (R-ESC-02, R-LAW-12, R-RET-02)' })
  async record(@Body() body: dto.RecordReferralRequestDto, @CommandContext() c: CommandRequest) {
    const referralId = body.referralId ?? uuidv5(c.key, REFERRAL_ID_NAMESPACE);
    const command = {
      type: 'RecordReferral' as const,
      data: {
        referralId,
        about: { caseType: body.about.caseType, caseId: body.about.caseId },
        bodyId: body.bodyId,
        initiatedBy: body.initiatedBy,
        referredOn: body.referredOn,
        customerName: body.customerName ?? null,
        bodyCaseReference: body.bodyCaseReference ?? null,
        subject: body.subject,
      },
    };
    const outcome = await this.commands.execute(new RecordReferralCommand(envelopeFrom(c, command)));
    const { registerEntry, expectedDecisionBy, legalHold } = outcome.result;
    return respondWith(c.reply, outcome, { referralId, registerEntry, expectedDecisionBy, legalHold, version: outcome.version }, { status: 201, location: `/api/v1/referrals/${referralId}` });
  }

  private async step(referralId: string, command: ReferralStep, c: CommandRequest, options: { channel?: string } = {}) {
    const outcome = await this.commands.execute(new RecordReferralStepCommand(referralId, envelopeFrom(c, command, options)));
    return respondWith(c.reply, outcome, { referralId, version: outcome.version, recorded: outcome.eventTypes, status: outcome.result.status });
  }

  @CaseCommand(':id/body-requests', RECORDERS, 'Record a request of the body; the provider’s reply becomes a 30-day duty (R-CPL-06, R-ESC-02)')
  async bodyRequest(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.BodyRequestRequest, @CommandContext() c: CommandRequest) {
    const command = { type: 'ReceiveBodyRequest' as const, data: { receivedAt: new Date(body.receivedAt).toISOString(), bodyReference: body.bodyReference ?? null, request: body.request } };
    const outcome = await this.commands.execute(new RecordReferralStepCommand(id, envelopeFrom(c, command)));
    return respondWith(c.reply, outcome, { referralId: id, version: outcome.version, recorded: outcome.eventTypes, requestId: outcome.result.requestId, replyDue: outcome.result.replyDue });
  }

  @CaseCommand(':id/body-requests/:requestId/answer', RECORDERS, 'Record the provider’s written answer to the body’s request; late if after its due date (R-CPL-06, R-ESC-02)')
  @ApiParam({ name: 'requestId', description: 'The requestId answered when the body’s request was recorded', example: '01963b2e-8c1f-7a2d-9e4b-5f6a7b8c9d0e' })
  answer(@Param('id', ParseUUIDPipe) id: string, @Param('requestId') requestId: string, @Body() body: dto.BodyRequestAnswerRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'AnswerBodyRequest', data: { requestId, sentAt: new Date(body.sentAt).toISOString(), channel: body.channel, summary: body.summary } }, c, { channel: body.channel });
  }

  @CaseCommand(':id/outcome', RECORDERS, 'Record the body’s outcome; without an appeal the legal hold is lifted and the referral closes (R-ESC-02, R-RET-02)')
  outcome(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.BodyOutcomeRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'RecordBodyOutcome', data: { decidedOn: body.decidedOn, outcome: body.outcome, decisionReference: body.decisionReference ?? null, summary: body.summary, appealPending: body.appealPending } }, c);
  }

  @CaseCommand(':id/legal-hold-lifting', RECORDERS, 'Lift the legal hold after the body decided and no appeal is pending; the referral closes (R-RET-02)')
  liftHold(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.LiftLegalHoldRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'LiftLegalHold', data: { reason: body.reason } }, c);
  }
}
