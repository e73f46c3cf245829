import { Body, Controller, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { v5 as uuidv5 } from 'uuid';
import { CloseAsRepeatedCommand } from '../../../application/complaint/close-as-repeated/close-as-repeated.command.js';
import { RecordComplaintStepCommand, type ComplaintStep } from '../../../application/complaint/record-complaint-step/record-complaint-step.command.js';
import { RegisterComplaintCommand } from '../../../application/complaint/register-complaint/register-complaint.command.js';
import { RequestSiteInspectionCommand } from '../../../application/complaint/request-site-inspection/request-site-inspection.command.js';
import { EXTERNAL_BODIES } from '../../../application/ports/directories.port.js';
import type { ExternalBodyDirectory } from '../../../domain/external-bodies/external-bodies.js';
import { Roles } from '../../auth/auth.decorators.js';
import { EmptyBodyPipe } from '../conventions/empty-body.pipe.js';
import { CaseCommand } from '../conventions/case-command.js';
import { CommandContext, envelopeFrom, respondWith, type CommandRequest } from '../conventions/command-response.js';
import { complainantOf } from './complainant.mapping.js';
import * as dto from './complaints.request.dto.js';

/** Namespace for complaint ids derived from an Idempotency-Key, so a retry names the same case. */
const COMPLAINT_ID_NAMESPACE = '6f1d2c3a-8b7e-4f90-a1b2-c3d4e5f60718';

const REGISTRARS = ['clerk', 'supervisor'] as const;
const HANDLERS = ['clerk', 'supervisor'] as const;

@ApiTags('complaints')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A UUID the client keeps for retries of this request' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The case version last seen (ETag), e.g. "3"' })
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EXTERNAL_BODIES) private readonly bodies: ExternalBodyDirectory,
  ) {}

  @Post()
  @Roles(...REGISTRARS)
  @ApiOperation({ summary: 'Register a complaint in the filing register of the clerk’s unit (R-CPL-02, R-CPL-03, R-LAW-03, R-LAW-04, R-LAW-08)' })
  async register(@Body() body: dto.RegisterComplaintRequest, @CommandContext() c: CommandRequest) {
    const complaintId = body.complaintId ?? uuidv5(c.key, COMPLAINT_ID_NAMESPACE);
    const command = {
      type: 'RegisterComplaint' as const,
      data: {
        complaintId,
        receivedAt: new Date(body.receivedAt).toISOString(),
        channel: body.channel,
        kind: body.kind,
        complainant: complainantOf(body.complainant, complaintId),
        anonymous: body.anonymous,
        placeOfUseId: body.placeOfUseId ?? null,
        description: body.description,
        documents: body.documents,
        remedySought: body.remedySought ?? null,
        requestedMatters: body.requestedMatters ?? [],
        bookAppointment: body.bookAppointment ?? false,
        appointmentRequestedAt: body.appointmentRequestedAt ? new Date(body.appointmentRequestedAt).toISOString() : null,
        callRecordingId: body.callRecordingId ?? null,
        settledOnTheSpot: body.settledOnTheSpot ? { position: body.settledOnTheSpot.position } : null,
        positionIfExamined: body.positionIfExamined ?? null,
        recordPlace: body.recordPlace ?? null,
        customerSignedRecord: body.customerSignedRecord ?? null,
        recordCopyHandedOver: body.recordCopyHandedOver ?? false,
        qualityInvestigation: body.qualityInvestigation
          ? body.qualityInvestigation.mode === 'agreed_time'
            ? { mode: 'agreed_time' as const, agreedAt: body.qualityInvestigation.agreedAt ?? '' }
            : { mode: 'out_of_turn' as const }
          : null,
      },
    };
    const outcome = await this.commands.execute(new RegisterComplaintCommand(envelopeFrom(c, command, { channel: body.channel, businessTime: new Date(body.receivedAt) })));
    const { complaintId: id, registerEntry, uniqueIdentifier, replyDue } = outcome.result as Record<string, unknown>;
    return respondWith(c.reply, outcome, { complaintId: id, registerEntry, uniqueIdentifier, replyDue, version: outcome.version }, { status: 201, location: `/api/v1/complaints/${String(id)}` });
  }

  private async step(complaintId: string, command: ComplaintStep, c: CommandRequest, options: { channel?: string } = {}) {
    const outcome = await this.commands.execute(new RecordComplaintStepCommand(complaintId, envelopeFrom(c, command, options)));
    return respondWith(c.reply, outcome, { complaintId, version: outcome.version, recorded: outcome.eventTypes });
  }

  @CaseCommand(':id/designation', ['supervisor'], 'Designate the handling clerk (R-CPL-04)')
  designate(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.DesignateClerkRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'DesignateClerk', data: { clerkId: body.clerkId } }, c);
  }

  @CaseCommand(':id/reassignment', ['supervisor'], 'Reassign the case to another clerk, with the reason (R-CPL-04)')
  reassign(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.ReassignClerkRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'ReassignClerk', data: { clerkId: body.clerkId, reason: body.reason } }, c);
  }

  @CaseCommand(':id/takeover', ['clerk'], 'The designated clerk takes the case over (R-CPL-04)')
  takeOver(@Param('id', ParseUUIDPipe) id: string, @Body(EmptyBodyPipe) _body: Record<string, never>, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'TakeOverComplaint', data: {} }, c);
  }

  @CaseCommand(':id/records-checks', HANDLERS, 'Record that records were checked, with the findings (R-CPL-10)')
  recordsChecked(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.RecordsCheckedRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'RecordRecordsChecked', data: { records: body.records, findings: body.findings } }, c);
  }

  @CaseCommand(':id/document-requests', HANDLERS, 'Request documents from the complainant (R-CPL-10)')
  requestDocuments(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.RequestDocumentsRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'RequestDocuments', data: { documents: body.documents, channel: body.channel } }, c, { channel: body.channel });
  }

  @CaseCommand(':id/documents-received', HANDLERS, 'Record the documents received (R-CPL-10)')
  receiveDocuments(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.ReceiveDocumentsRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'ReceiveDocuments', data: { documents: body.documents } }, c);
  }

  @CaseCommand(':id/site-inspection-requests', HANDLERS, 'Request a site inspection through the dispatcher, with the agreed date; opens the linked request in the dispatcher log (R-CPL-10)')
  async requestSiteInspection(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.RequestSiteInspectionRequest, @CommandContext() c: CommandRequest) {
    const command = {
      type: 'RequestSiteInspection' as const,
      data: { agreedDate: body.agreedDate, note: body.note ?? null, timeOfDay: body.timeOfDay ?? null, faultKind: body.faultKind ?? null, maintenanceContract: body.maintenanceContract ?? false },
    };
    const outcome = await this.commands.execute(new RequestSiteInspectionCommand(id, envelopeFrom(c, command)));
    return respondWith(c.reply, outcome, { complaintId: id, version: outcome.version, recorded: outcome.eventTypes, siteInspectionRequest: outcome.result.siteInspectionRequest ?? null });
  }

  @CaseCommand(':id/site-inspections', HANDLERS, 'Record the site inspection and its findings (R-CPL-10)')
  recordSiteInspection(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.RecordSiteInspectionRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'RecordSiteInspection', data: { inspectedOn: body.inspectedOn, findings: body.findings } }, c);
  }

  @CaseCommand(':id/meter-examination', HANDLERS, 'Order a meter examination (R-MTR-01)')
  orderMeterExamination(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.OrderMeterExaminationRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'OrderMeterExamination', data: { meterId: body.meterId, meterOwner: body.meterOwner, requestedBy: body.requestedBy } }, c);
  }

  @CaseCommand(':id/meter-examination/result', HANDLERS, 'Record the meter examination result and who bears the costs (R-MTR-01, R-MTR-02)')
  meterExaminationResult(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.MeterExaminationResultRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'RecordMeterExaminationResult', data: { ...body } }, c);
  }

  @CaseCommand(':id/consumption-estimates', HANDLERS, 'Estimate consumption during a meter fault (R-MTR-03)')
  estimateConsumption(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.EstimateConsumptionRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'EstimateConsumption', data: { ...body, correction: body.correction ?? null } }, c);
  }

  @CaseCommand(':id/hot-water-measurements', HANDLERS, 'Record a hot-water temperature measurement (R-QLT-03)')
  hotWater(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.HotWaterMeasurementRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'RecordHotWaterMeasurement', data: { ...body } }, c);
  }

  @CaseCommand(':id/quality-costs', HANDLERS, 'Allocate repair and investigation costs of a quality complaint (R-QLT-02)')
  qualityCosts(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.QualityCostsRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'AllocateQualityCosts', data: { ...body } }, c);
  }

  @CaseCommand(':id/finding', HANDLERS, 'Record the finding: justified, partly justified or unjustified (R-CPL-11)')
  finding(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.FindingRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'RecordFinding', data: { finding: body.finding, reasoning: body.reasoning } }, c);
  }

  @CaseCommand(':id/corrections', HANDLERS, 'Record a correction after a justified finding (R-CPL-11)')
  correction(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.CorrectionRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'RecordCorrection', data: { area: body.area, description: body.description, amount: body.amount ?? null } }, c);
  }

  @CaseCommand(':id/refunds', HANDLERS, 'Schedule a refund in the next monthly billing (R-BIL-03)')
  refund(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.ScheduleRefundRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'ScheduleRefund', data: { amount: body.amount } }, c);
  }

  @CaseCommand(':id/refunds/credited', HANDLERS, 'Record that the refund was credited in a billing (R-BIL-03)')
  refundCredited(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.RefundCreditedRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'RecordRefundCredited', data: { billingPeriod: body.billingPeriod, invoiceNumber: body.invoiceNumber } }, c);
  }

  @CaseCommand(':id/instalment-plan', HANDLERS, 'Agree equal instalments for a difference owed, in person (R-BIL-04, R-CHN-01)')
  instalments(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.InstalmentPlanRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'AgreeInstalmentPlan', data: { ...body } }, c, { channel: body.channel });
  }

  @CaseCommand(':id/reply-deadline-extension', HANDLERS, 'Extend the reply deadline once, with written notice before it passes (R-LAW-02)')
  extend(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.ExtendReplyDeadlineRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'ExtendReplyDeadline', data: { ...body } }, c, { channel: body.noticeChannel });
  }

  @CaseCommand(':id/reply', HANDLERS, 'Send the written reply with reasons; a rejection names the competent bodies (R-CPL-07, R-LAW-01, R-LAW-07)')
  sendReply(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.SendReplyRequest, @CommandContext() c: CommandRequest) {
    const contact = (b: { name: string; address: string; phone?: string | null; email?: string | null }) => ({ name: b.name, address: b.address, phone: b.phone ?? null, email: b.email ?? null });
    const redress = body.redress
      ? { consumerProtectionAuthority: contact(body.redress.consumerProtectionAuthority), conciliationBoard: contact(body.redress.conciliationBoard) }
      : body.residenceCounty
        ? (({ consumerProtectionAuthority, conciliationBoard }) => ({ consumerProtectionAuthority: contact(consumerProtectionAuthority), conciliationBoard: contact(conciliationBoard) }))(this.bodies.redressFor(body.residenceCounty))
        : null;
    return this.step(
      id,
      { type: 'SendReply', data: { channel: body.channel, sentAt: new Date(body.sentAt).toISOString(), summary: body.summary, reasons: body.reasons, redress, recordCopyEnclosed: body.recordCopyEnclosed ?? false } },
      c,
      { channel: body.channel },
    );
  }

  @CaseCommand(':id/reply-lapse', HANDLERS, 'Record that the written-reply duty lapsed, with the reason (R-LAW-05)')
  lapse(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.WrittenReplyLapseRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'RecordWrittenReplyLapse', data: { reason: body.reason, explanation: body.explanation } }, c);
  }

  @CaseCommand(':id/withdrawal', HANDLERS, 'Record the withdrawal of the complaint; it closes (R-CPL-01)')
  withdraw(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.ReasonRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'WithdrawComplaint', data: { reason: body.reason } }, c);
  }

  @CaseCommand(':id/closing', HANDLERS, 'Close the complaint: needs an action and an outcome, and the reply if one is owed (R-CPL-01, R-CPL-07)')
  close(@Param('id', ParseUUIDPipe) id: string, @Body(EmptyBodyPipe) _body: Record<string, never>, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'CloseComplaint', data: {} }, c);
  }

  @CaseCommand(':id/closing-as-repeated', HANDLERS, 'Close a repeated complaint with no new information, linked to the earlier one (R-LAW-06)')
  async closeAsRepeated(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.CloseAsRepeatedRequestDto, @CommandContext() c: CommandRequest) {
    const command = { type: 'CloseAsRepeated' as const, data: { earlierComplaintId: body.earlierComplaintId, reason: body.reason } };
    const outcome = await this.commands.execute(new CloseAsRepeatedCommand(id, envelopeFrom(c, command)));
    return respondWith(c.reply, outcome, { complaintId: id, version: outcome.version, recorded: outcome.eventTypes });
  }

  @CaseCommand(':id/closing-as-anonymous', HANDLERS, 'Close an anonymous complaint without investigation (R-LAW-06)')
  closeAsAnonymous(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.ReasonRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'CloseAsAnonymous', data: { reason: body.reason } }, c);
  }

  @CaseCommand(':id/appointments', HANDLERS, 'Offer the personal appointment booked on the complaint; late when after the 5 working days from the customer’s request (R-LAW-11)')
  offerAppointment(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.OfferAppointmentRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'OfferAppointment', data: { appointmentAt: new Date(body.appointmentAt).toISOString() } }, c);
  }

  @CaseCommand(':id/identity-verifications', HANDLERS, 'Record that a caller’s identity was verified for a call (R-CHN-03)')
  verifyIdentity(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.IdentityVerificationRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'RecordIdentityVerification', data: { callId: body.callId, method: body.method } }, c, { channel: 'phone' });
  }

  @CaseCommand(':id/disclosures', HANDLERS, 'Record information given to the customer; refused where the channel does not allow it (R-CHN-03, R-CHN-04, R-CHN-05)')
  disclose(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.DisclosureRequest, @CommandContext() c: CommandRequest) {
    const data = { channel: body.channel, information: body.information, callId: body.callId ?? null, callRecordingId: body.callRecordingId ?? null, recipient: body.recipient, authorisationChecked: body.authorisationChecked ?? false, important: body.important ?? false, summary: body.summary };
    return this.step(id, { type: 'RecordDisclosure', data }, c, { channel: body.channel });
  }

  @CaseCommand(':id/recording-copies', HANDLERS, 'Record the customer’s request for a copy of a call recording of the case: handed over free within 30 days, a tracked duty (R-LAW-10)')
  requestRecordingCopy(@Param('id', ParseUUIDPipe) id: string, @Body() body: dto.RecordingCopyRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'RequestCallRecordingCopy', data: { callRecordingId: body.callRecordingId, requestedAt: new Date(body.requestedAt).toISOString(), channel: body.channel } }, c, { channel: body.channel });
  }

  @CaseCommand(':id/recording-copies/:requestId/handover', HANDLERS, 'Record that the copy of the call recording was handed over, free of charge; discharges the duty (R-LAW-10)')
  handOverRecordingCopy(@Param('id', ParseUUIDPipe) id: string, @Param('requestId') requestId: string, @Body() body: dto.RecordingCopyHandoverRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'HandOverCallRecordingCopy', data: { requestId, handedOverAt: new Date(body.handedOverAt).toISOString(), channel: body.channel, feeHuf: body.feeHuf ?? 0 } }, c, { channel: body.channel });
  }

  @CaseCommand(':id/disclosures/:disclosureId/confirmation', HANDLERS, 'Record the written confirmation of information given by phone (R-CHN-04)')
  confirm(@Param('id', ParseUUIDPipe) id: string, @Param('disclosureId') disclosureId: string, @Body() body: dto.PhoneConfirmationRequest, @CommandContext() c: CommandRequest) {
    return this.step(id, { type: 'ConfirmPhoneInformation', data: { disclosureId, channel: body.channel, sentAt: new Date(body.sentAt).toISOString() } }, c, { channel: body.channel });
  }
}
