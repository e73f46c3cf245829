import { Body, Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { v5 as uuidv5 } from 'uuid';
import { RecordContractStepCommand, type ContractStep } from '../../../application/contract/record-contract-step/record-contract-step.command.js';
import { CaseCommand } from '../conventions/case-command.js';
import { CommandContext, envelopeFrom, respondWith, type CommandRequest } from '../conventions/command-response.js';
import { appointmentOf, changesOf, isoOf, partyOf } from './contract-request.mapping.js';
import * as dto from './contracts.request.dto.js';

/** Namespace for new payers' data subjects derived from an Idempotency-Key, so a retry names the same person. */
const PAYER_SUBJECT_NAMESPACE = '2d7a9c4e-1f3b-4a5c-8d6e-7f8091a2b3c4';

const STAFF = ['clerk', 'supervisor'] as const;

/** R-CON-06, R-CON-07: a contract is opened when it is formed on the offer, application or counter-offer. */
@ApiTags('contracts')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A UUID the client keeps for retries of this request' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The case version last seen (ETag), e.g. "3"' })
@Controller('contracts')
export class ContractsController {
  constructor(private readonly commands: CommandBus) {}

  private async step(contractId: string, command: ContractStep, c: CommandRequest, channel?: string) {
    const outcome = await this.commands.execute(new RecordContractStepCommand(contractId, envelopeFrom(c, command, channel ? { channel } : {})));
    const { status, registerEntry, payerSubjectId, payerChange, pendingAmendments, termination, endedOn } = outcome.result;
    return respondWith(c.reply, outcome, { contractId, version: outcome.version, recorded: outcome.eventTypes, status, registerEntry, payerSubjectId, payerChange, pendingAmendments, termination, endedOn });
  }

  @CaseCommand(':id/amendments', STAFF, 'An amendment by mutual consent; a general contract changes with 30 days’ notice, by itself on the day (R-CON-10)')
  amend(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.AmendmentRequest, @CommandContext() c: CommandRequest) {
    return this.step(
      id,
      { type: 'AgreeAmendment', data: { agreedAt: isoOf(body.agreedAt), channel: body.channel, bookAppointment: body.bookAppointment ?? false, changes: changesOf(body.changes), effectiveFrom: body.effectiveFrom ?? null, description: body.description } },
      c,
      body.channel,
    );
  }

  @CaseCommand(':id/payer-changes', STAFF, 'A change of payer reported within 15 days, in writing or in person; late, the old payer owes the surcharge (R-CON-11); arrears need written statements (R-CON-12)')
  reportPayerChange(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.PayerChangeRequest, @CommandContext() c: CommandRequest) {
    const newPayer = partyOf(body.newPayer, `${id}/payer-${uuidv5(c.key, PAYER_SUBJECT_NAMESPACE)}`);
    return this.step(
      id,
      {
        type: 'ReportPayerChange',
        data: { reportedAt: isoOf(body.reportedAt), channel: body.channel, bookAppointment: body.bookAppointment ?? false, changedOn: body.changedOn, reason: body.reason, reportedBy: body.reportedBy, newPayer, oldPayerArrearsHuf: body.oldPayerArrearsHuf },
      },
      c,
      body.channel,
    );
  }

  @CaseCommand(':id/payer-changes/arrears-statements', STAFF, 'The old or new payer states in writing how the arrears are settled (R-CON-12)')
  arrearsStatement(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.ArrearsStatementRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'RecordArrearsStatement', data: { by: body.by, statedAt: isoOf(body.statedAt), channel: body.channel, settlement: body.settlement } }, c, body.channel);
  }

  @CaseCommand(':id/payer-changes/agreement', STAFF, 'Conclude the new payer agreement in person, once the statements it needs are given (R-CON-12, R-CHN-01)')
  concludePayerAgreement(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.PayerAgreementRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'ConcludePayerAgreement', data: { concludedAt: isoOf(body.concludedAt), channel: body.channel, bookAppointment: body.bookAppointment ?? false } }, c, body.channel);
  }

  @CaseCommand(':id/termination-notice', STAFF, 'The customer terminates in writing with 30 days’ notice; the contract ends when the statutory conditions are met and reported (R-CON-13)')
  terminationNotice(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.TerminationNoticeRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'GiveTerminationNotice', data: { receivedAt: isoOf(body.receivedAt), channel: body.channel, conditionsMetAndReported: body.conditionsMetAndReported } }, c, body.channel);
  }

  @CaseCommand(':id/termination-conditions', STAFF, 'The customer reports in writing that the statutory conditions of termination are met (R-CON-13)')
  terminationConditions(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.TerminationConditionsRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'ReportTerminationConditions', data: { reportedAt: isoOf(body.reportedAt), channel: body.channel } }, c, body.channel);
  }

  @CaseCommand(':id/provider-termination', ['supervisor'], 'The provider terminates in writing for disturbing supply, non-payment after a written demand and 60 days past due, or usage stopped (R-CON-14)')
  terminateByProvider(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.ProviderTerminationRequest, @CommandContext() c: CommandRequest) {
    const nonPayment = body.nonPayment ? { billDueOn: body.nonPayment.billDueOn, writtenDemandSentOn: body.nonPayment.writtenDemandSentOn ?? null, amountHuf: body.nonPayment.amountHuf } : null;
    return this.step(
      id,
      { type: 'TerminateByProvider', data: { ground: body.ground, sentAt: isoOf(body.sentAt), channel: body.channel, endsOn: body.endsOn, description: body.description, nonPayment, usageStoppedOn: body.usageStoppedOn ?? null } },
      c,
      body.channel,
    );
  }

  @CaseCommand(':id/customer-requests', STAFF, 'A customer’s request: in-person-only kinds on another channel are refused naming R-CHN-01 or booked; remote-capable kinds are taken by letter, e-mail and phone (R-CHN-02)')
  customerRequest(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.CustomerRequestRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'RecordCustomerRequest', data: { matter: body.matter, channel: body.channel, receivedAt: isoOf(body.receivedAt), bookAppointment: body.bookAppointment ?? false, note: body.note ?? '' } }, c, body.channel);
  }

  @CaseCommand(':id/appointments', STAFF, 'Offer the personal appointment booked for an in-person matter (R-CHN-01, R-LAW-11)')
  offerAppointment(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.AppointmentOfferRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, appointmentOf(body), c);
  }
}
