import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { v5 as uuidv5 } from 'uuid';
import { RecordConnectionStepCommand, type ConnectionStep } from '../../../application/contract/record-connection-step/record-connection-step.command.js';
import { SubmitConnectionApplicationCommand } from '../../../application/contract/submit-connection-application/submit-connection-application.command.js';
import type { ConnectionInformation } from '../../../domain/contract/connection/connection.commands.js';
import { Roles } from '../../auth/auth.decorators.js';
import { CaseCommand } from '../conventions/case-command.js';
import { CommandContext, envelopeFrom, respondWith, type CommandRequest } from '../conventions/command-response.js';
import { appointmentOf, followUpBody, isoOf, partyOf, placeOfUseOf, refusalOf, signedDraftOf, termsOf } from './contract-request.mapping.js';
import * as dto from './contracts.request.dto.js';

/** Namespace for application ids derived from an Idempotency-Key, so a retry names the same case. */
const APPLICATION_ID_NAMESPACE = '4b8e2f1c-7a3d-4e5f-9c0b-1d2e3f4a5b6c';

const STAFF = ['clerk', 'supervisor'] as const;

@ApiTags('contracts')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A UUID the client keeps for retries of this request' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The case version last seen (ETag), e.g. "3"' })
@Controller('connection-applications')
export class ConnectionApplicationsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Receive a written application for a new connection or extra capacity with the data of R-CON-01 (residential and other users differ); the information is due within 30 days (R-CON-02)' })
  async submit(@Body() body: dto.SubmitConnectionApplicationRequest, @CommandContext() c: CommandRequest) {
    const applicationId = body.applicationId ?? uuidv5(c.key, APPLICATION_ID_NAMESPACE);
    const command = {
      type: 'SubmitConnectionApplication' as const,
      data: {
        applicationId,
        receivedAt: isoOf(body.receivedAt),
        channel: body.channel,
        // One key per case and person: the case's retention decides when it is shredded (R-RET-03).
        applicant: partyOf(body.applicant, `${applicationId}/applicant`),
        placeOfUse: placeOfUseOf(body.placeOfUse),
        purpose: body.purpose,
        demand: { peakHeatKw: body.demand.peakHeatKw, hotWaterKw: body.demand.hotWaterKw, totalPeakKw: body.demand.totalPeakKw },
        requestedStartDate: body.requestedStartDate,
        paymentMethod: body.paymentMethod,
        otherTechnicalData: body.otherTechnicalData ?? null,
        securityOfSupplyNeeds: body.securityOfSupplyNeeds ?? null,
      },
    };
    const outcome = await this.commands.execute(new SubmitConnectionApplicationCommand(envelopeFrom(c, command, { channel: body.channel, businessTime: new Date(body.receivedAt) })));
    return respondWith(
      c.reply,
      outcome,
      { applicationId, status: outcome.result.status, informationDue: outcome.result.informationDue, version: outcome.version },
      { status: 201, location: `/api/v1/connection-applications/${applicationId}` },
    );
  }

  private async step(applicationId: string, command: ConnectionStep, c: CommandRequest, channel?: string) {
    const { outcome, followUps } = await this.commands.execute(new RecordConnectionStepCommand(applicationId, envelopeFrom(c, command, channel ? { channel } : {})));
    const { status, acceptanceDue, contractDue, draft } = outcome.result;
    return respondWith(c.reply, outcome, { applicationId, version: outcome.version, recorded: outcome.eventTypes, status, acceptanceDue, contractDue, draft, ...followUpBody(followUps) });
  }

  @CaseCommand(':id/information', STAFF, 'The provider’s information with every item of R-CON-02 and its validity; the offer lapses by itself if not answered within it (R-CON-03)')
  inform(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.ConnectionInformationRequest, @CommandContext() c: CommandRequest) {
    const i = body.information;
    // Items left out stay out: R-CON-02 names them.
    const information = {
      supplyPoint: i.supplyPoint,
      connectionPoint: i.connectionPoint,
      connectionFeeHuf: i.connectionFeeHuf,
      technicalConditions: i.technicalConditions,
      permitsNeeded: i.permitsNeeded,
      meterPlacement: i.meterPlacement,
      selectableTariffs: i.selectableTariffs,
      recommendedPaymentMethod: i.recommendedPaymentMethod,
      possibleStartDate: i.possibleStartDate,
      validUntil: i.validUntil,
    } as ConnectionInformation;
    return this.step(id, { type: 'ProvideConnectionInformation', data: { sentAt: isoOf(body.sentAt), channel: body.channel, information } }, c, body.channel);
  }

  @CaseCommand(':id/acceptance', STAFF, 'The applicant accepts the information within its validity; the contract is due within 15 days (R-CON-03). Ordering installation work is an in-person matter (R-CHN-01)')
  accept(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.AcceptInformationRequest, @CommandContext() c: CommandRequest) {
    return this.step(
      id,
      { type: 'AcceptConnectionInformation', data: { receivedAt: isoOf(body.receivedAt), channel: body.channel, bookAppointment: body.bookAppointment ?? false, ordersInstallationWork: body.ordersInstallationWork ?? false } },
      c,
      body.channel,
    );
  }

  @CaseCommand(':id/change-requests', STAFF, 'The applicant asks for changes within the validity; revised information is owed (R-CON-03)')
  requestChanges(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.RequestChangesRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'RequestInformationChanges', data: { receivedAt: isoOf(body.receivedAt), channel: body.channel, changes: body.changes } }, c, body.channel);
  }

  @CaseCommand(':id/contract-dispatch', STAFF, 'Send the contract for signature within 15 days of acceptance (R-CON-03); it lapses after 30 days of silence (R-CON-08)')
  sendContract(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.SendContractRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'SendContractForSignature', data: { sentAt: isoOf(body.sentAt), channel: body.channel, terms: termsOf(body.terms) } }, c, body.channel);
  }

  @CaseCommand(':id/signed-return', STAFF, 'The signed contract arrives: the contract is formed at receipt and registered (R-CON-06); signed with differences it is a counter-offer in its own stream (R-CON-07)')
  signedReturn(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.SignedReturnRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, signedDraftOf(body), c, body.channel);
  }

  @CaseCommand(':id/refusal', STAFF, 'Refuse to contract: the applicant did not meet the conditions of the information (R-CON-09)')
  refuse(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.RefusalRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, refusalOf(body), c, body.channel);
  }

  @CaseCommand(':id/withdrawal', STAFF, 'The applicant withdraws the application; open duties and scheduled lapses are cancelled')
  withdraw(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.ContractWithdrawalRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'WithdrawConnectionApplication', data: { receivedAt: isoOf(body.receivedAt), channel: body.channel, reason: body.reason } }, c, body.channel);
  }

  @CaseCommand(':id/appointments', STAFF, 'Offer the personal appointment booked for an in-person matter (R-CHN-01, R-LAW-11)')
  offerAppointment(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.AppointmentOfferRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, appointmentOf(body), c);
  }
}
