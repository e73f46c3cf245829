import { Body, Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { RecordCounterOfferStepCommand, type CounterOfferStep } from '../../../application/contract/record-counter-offer-step/record-counter-offer-step.command.js';
import { CaseCommand } from '../conventions/case-command.js';
import { CommandContext, envelopeFrom, respondWith, type CommandRequest } from '../conventions/command-response.js';
import { appointmentOf, followUpBody, isoOf, termsOf } from './contract-request.mapping.js';
import * as dto from './contracts.request.dto.js';

const STAFF = ['clerk', 'supervisor'] as const;

/** R-CON-07: a counter-offer is opened from the signed-return step of the offer or application it answers. */
@ApiTags('contracts')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A UUID the client keeps for retries of this request' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The case version last seen (ETag), e.g. "3"' })
@Controller('counter-offers')
export class CounterOffersController {
  constructor(private readonly commands: CommandBus) {}

  private async step(counterOfferId: string, command: CounterOfferStep, c: CommandRequest, channel?: string) {
    const { outcome, followUps } = await this.commands.execute(new RecordCounterOfferStepCommand(counterOfferId, envelopeFrom(c, command, channel ? { channel } : {})));
    const { status, reconciliationDue, answers } = outcome.result;
    return respondWith(c.reply, outcome, { counterOfferId, version: outcome.version, recorded: outcome.eventTypes, status, reconciliationDue, answers, contract: followUpBody(followUps).contract });
  }

  @CaseCommand(':id/reconciliation', STAFF, 'Start reconciling the differing positions, within 15 days of the counter-offer (R-CON-07)')
  start(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.StartReconciliationRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'StartReconciliation', data: { startedAt: isoOf(body.startedAt), method: body.method, note: body.note } }, c);
  }

  @CaseCommand(':id/agreement', STAFF, 'The positions agree on every differing clause: the contract is formed, takes effect and is registered (R-CON-07); in person or by signed letter (R-CHN-01)')
  agree(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.AgreePositionsRequest, @CommandContext() c: CommandRequest) {
    const resolutions = body.resolutions.map((r) => ({ clause: r.clause, agreedText: r.agreedText }));
    return this.step(
      id,
      { type: 'AgreePositions', data: { agreedAt: isoOf(body.agreedAt), channel: body.channel, bookAppointment: body.bookAppointment ?? false, resolutions, terms: termsOf(body.terms) } },
      c,
      body.channel,
    );
  }

  @CaseCommand(':id/reconciliation-failure', STAFF, 'The reconciliation ended without agreement: no contract (R-CON-07)')
  fail(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.EndReconciliationRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'EndReconciliation', data: { endedAt: isoOf(body.endedAt), reason: body.reason } }, c);
  }

  @CaseCommand(':id/appointments', STAFF, 'Offer the personal appointment booked for an in-person matter (R-CHN-01, R-LAW-11)')
  offerAppointment(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.AppointmentOfferRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, appointmentOf(body), c);
  }
}
