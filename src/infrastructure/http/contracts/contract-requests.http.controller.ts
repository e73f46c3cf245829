import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { v5 as uuidv5 } from 'uuid';
import { RecordOfferStepCommand, type OfferStep } from '../../../application/contract/record-offer-step/record-offer-step.command.js';
import { RequestContractCommand } from '../../../application/contract/request-contract/request-contract.command.js';
import { Roles } from '../../auth/auth.decorators.js';
import { CaseCommand } from '../conventions/case-command.js';
import { CommandContext, envelopeFrom, respondWith, type CommandRequest } from '../conventions/command-response.js';
import { EmptyBodyPipe } from '../conventions/empty-body.pipe.js';
import { appointmentOf, followUpBody, isoOf, partyOf, placeOfUseOf, refusalOf, signedDraftOf, termsOf } from './contract-request.mapping.js';
import * as dto from './contracts.request.dto.js';

/** Namespace for contract request ids derived from an Idempotency-Key, so a retry names the same case. */
const OFFER_ID_NAMESPACE = '8c1f3e2d-5b4a-4c6d-8e7f-9a0b1c2d3e4f';

const STAFF = ['clerk', 'supervisor'] as const;

@ApiTags('contracts')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A UUID the client keeps for retries of this request' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The case version last seen (ETag), e.g. "3"' })
@Controller('contract-requests')
export class ContractRequestsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles(...STAFF)
  @ApiOperation({
    summary:
      'Receive a written request for a contract: the draft (the offer) is due within 30 days (R-CON-04), a deficiency notice within 15 (R-CON-05). By phone it is refused naming R-CHN-01, or booked for a personal appointment',
  })
  async request(@Body() body: dto.RequestContractRequest, @CommandContext() c: CommandRequest) {
    const offerId = body.offerId ?? uuidv5(c.key, OFFER_ID_NAMESPACE);
    const command = {
      type: 'RequestContract' as const,
      data: {
        offerId,
        receivedAt: isoOf(body.receivedAt),
        channel: body.channel,
        bookAppointment: body.bookAppointment ?? false,
        // One key per case and person: the case's retention decides when it is shredded (R-RET-03).
        requester: partyOf(body.requester, `${offerId}/requester`),
        placeOfUse: placeOfUseOf(body.placeOfUse),
        basis: body.basis,
        connectionApplicationId: body.connectionApplicationId ?? null,
        documents: body.documents ?? [],
      },
    };
    const outcome = await this.commands.execute(new RequestContractCommand(envelopeFrom(c, command, { channel: body.channel, businessTime: new Date(body.receivedAt) })));
    const { status, offerDue } = outcome.result;
    return respondWith(c.reply, outcome, { offerId, status, offerDue: offerDue ?? null, recorded: outcome.eventTypes, version: outcome.version }, { status: 201, location: `/api/v1/contract-requests/${offerId}` });
  }

  private async step(offerId: string, command: OfferStep, c: CommandRequest, channel?: string) {
    const { outcome, followUps } = await this.commands.execute(new RecordOfferStepCommand(offerId, envelopeFrom(c, command, channel ? { channel } : {})));
    const { status, offerDue, offerDeadlines, draft } = outcome.result;
    return respondWith(c.reply, outcome, { offerId, version: outcome.version, recorded: outcome.eventTypes, status, offerDue, offerDeadlines, draft, ...followUpBody(followUps) });
  }

  @CaseCommand(':id/completeness-check', STAFF, 'Record that the request was checked and nothing is missing (R-CON-05)')
  confirmComplete(@Param('id', ParseUUIDPipe) id: string, @Body(EmptyBodyPipe) _body: Record<string, never>, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'ConfirmRequestComplete', data: {} }, c);
  }

  @CaseCommand(':id/deficiency-notices', STAFF, 'Ask for missing data or documents within 15 days; the offer deadline stops until they arrive (R-CON-05)')
  deficiencyNotice(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.DeficiencyNoticeRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'IssueDeficiencyNotice', data: { sentAt: isoOf(body.sentAt), channel: body.channel, missing: body.missing, respondBy: body.respondBy } }, c, body.channel);
  }

  @CaseCommand(':id/missing-items', STAFF, 'The missing items arrive; when complete, the 30-day offer deadline restarts, keeping the original and every restart (R-CON-05, R-DL-03)')
  missingItems(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.MissingItemsRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'ReceiveMissingItems', data: { receivedAt: isoOf(body.receivedAt), items: body.items, complete: body.complete } }, c);
  }

  @CaseCommand(':id/offer', STAFF, 'Hand over the draft contract (the offer); the signed copy is due within 30 days, and the offer lapses by itself after (R-CON-04, R-CON-06, R-CON-08)')
  handOver(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.HandOverOfferRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'HandOverOffer', data: { handedOverAt: isoOf(body.handedOverAt), channel: body.channel, terms: termsOf(body.terms) } }, c, body.channel);
  }

  @CaseCommand(':id/signed-return', STAFF, 'The signed draft arrives: the contract is formed at receipt and registered (R-CON-06); signed with differences it is a counter-offer in its own stream (R-CON-07)')
  signedReturn(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.SignedReturnRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, signedDraftOf(body), c, body.channel);
  }

  @CaseCommand(':id/refusal', STAFF, 'Refuse to contract: the applicant did not meet the conditions of the information (R-CON-09)')
  refuse(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.RefusalRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, refusalOf(body), c, body.channel);
  }

  @CaseCommand(':id/withdrawal', STAFF, 'The customer withdraws the request, or declines the offer: open duties and the lapse are cancelled (R-CON-08)')
  withdraw(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.ContractWithdrawalRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'WithdrawContractRequest', data: { receivedAt: isoOf(body.receivedAt), channel: body.channel, reason: body.reason } }, c, body.channel);
  }

  @CaseCommand(':id/appointments', STAFF, 'Offer the personal appointment booked for an in-person matter (R-CHN-01, R-LAW-11)')
  offerAppointment(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.AppointmentOfferRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, appointmentOf(body), c);
  }
}
