import { assertMatterAllowedOn, isInPersonOnly, ORAL_CHANNELS, PHONE_OR_ELECTRONIC, WRITTEN_CHANNELS } from '../channel/channel-rules.js';
import { computeDeadline, type Deadline } from '../calendar/deadline.js';
import { calendarDays, describeDuration } from '../calendar/duration.js';
import { localDateOf, parseLocalDate, type LocalDate } from '../calendar/local-date.js';
import type { DutyEvent, DutyKind } from '../duty/duty.events.js';
import { noteEscalation } from '../escalation/case-escalated.js';
import { noteReferral } from '../referral/case-referral.js';
import { CHANNELS_ACCEPTED, registerStreamId } from '../organisation/organisation.js';
import { cancelDuties, discharge as dischargeDuty, dutyOpened, explainDeadline, parseInstant, today, type CasePolicy } from '../shared/case-support.js';
import { requireNotBefore } from '../shared/business-time.js';
import { assertNever } from '../shared/decider.js';
import { ForbiddenError, InvalidInputError, InvalidStateError, NotFoundError, RuleViolation } from '../shared/domain-error.js';
import type { CaseContext } from '../shared/pipeline-decider.js';
import type { ComplaintCommand, CustomerIdentity, EarlierComplaint, RegisterComplaintData } from './complaint.commands.js';
import { ACCOUNTING_CORRECTION_AREAS, type BilledCustomer, type ComplaintClosedData, type ComplaintEvent } from './complaint.events.js';
import type { RetentionRecordType } from '../policy/policy-version.js';
import { scopedSubjectId } from '../shared/event-schema.js';
import {
  checkConsumptionEstimate,
  hotWaterBreach,
  instalmentsOf,
  lastDayOfPeriod,
  meterExaminationCostBearer,
  qualityCostAllocation,
  refundBillingPeriod,
} from './complaint-kind.rules.js';
import type { ComplaintCase, ComplaintState } from './complaint.state.js';
import { drawUpOralRecord } from './oral-record.js';

/** The policy a complaint is judged by: the version in force at receipt, and the working-day calendar. */
export type ComplaintPolicy = CasePolicy;

export type ComplaintContext = CaseContext<ComplaintPolicy>;
type OpenCase = ComplaintCase & { readonly status: 'open' };
type Cmd<T extends ComplaintCommand['type']> = Extract<ComplaintCommand, { type: T }>;

/** Deterministic duty ids: one written reply per case, one confirmation per disclosure. */
export const DUTY_ID = {
  writtenReply: 'written-reply',
  handlingTarget: 'handling-target',
  qualityInvestigation: 'quality-investigation',
  personalAppointment: 'personal-appointment',
  confirmation: (disclosureId: string) => `confirmation-${disclosureId}`,
  refund: (refundId: string) => `refund-${refundId}`,
} as const;

/** ISO 8601 date and time given in a command (`COMPLAINT.INVALID_TIME`, `COMPLAINT.TIME_IN_FUTURE`). */
function instant(value: string, field: string, context: ComplaintContext, options: { notInFuture?: boolean } = {}): Date {
  return parseInstant(value, field, context, 'COMPLAINT', options);
}

function discharge(state: ComplaintCase, dutyId: string, on: LocalDate): DutyEvent[] {
  return dischargeDuty(state.duties, dutyId, on);
}

/** Cancels the provider's open duties of the kinds `which` selects; duties others owe stay. */
function cancel(state: ComplaintCase, reason: string, rule: string | null, which: (kind: DutyKind) => boolean = () => true): DutyEvent[] {
  return cancelDuties(state.duties, reason, rule, (d) => d.owner === 'provider' && which(d.kind));
}

/** The complaint's receipt, the fact every other fact of the case depends on. */
const receiptOf = (c: ComplaintCase) => ({ fact: 'ComplaintRegistered.receivedAt', at: c.receivedAt });

function requireOpen(state: ComplaintState): OpenCase {
  if (state.status === 'none') throw new NotFoundError('COMPLAINT.NOT_FOUND', 'No such complaint');
  if (state.status === 'closed') {
    throw new InvalidStateError('COMPLAINT.ALREADY_CLOSED', `Complaint ${state.registerEntry.entry} is closed`, { details: { closedOn: state.closed?.closedOn } });
  }
  return state;
}

function requireHandlingClerk(state: ComplaintState, context: ComplaintContext): OpenCase {
  const open = requireOpen(state);
  if (!open.handlingClerk) {
    throw new InvalidStateError('COMPLAINT.NOT_TAKEN_OVER', 'No clerk has taken the complaint over yet', { rule: 'R-CPL-04' });
  }
  if (open.handlingClerk !== context.actor.userId) {
    throw new ForbiddenError('COMPLAINT.NOT_HANDLING_CLERK', 'Only the clerk who took the complaint over records its handling', {
      rule: 'R-CPL-04',
      details: { handlingClerk: open.handlingClerk },
    });
  }
  return open;
}

function requireDesignatingSupervisor(state: OpenCase, context: ComplaintContext): void {
  if (context.actor.role !== 'supervisor' || context.actor.unit !== state.responsibleUnit) {
    throw new ForbiddenError('COMPLAINT.NOT_DESIGNATING_SUPERVISOR', `Only a supervisor of ${state.responsibleUnit} designates the handling clerk`, {
      rule: 'R-CPL-04',
      details: { responsibleUnit: state.responsibleUnit },
    });
  }
}

function requireText(value: string, field: string, code = 'COMPLAINT.TEXT_REQUIRED'): void {
  if (value.trim().length === 0) throw new InvalidInputError(code, `${field} must not be empty`, { field });
}

/** The reply limit of the version in force; for a bill objection the earlier of it and R-BIL-02. */
function replyDeadline(data: RegisterComplaintData, receivedOn: LocalDate, policy: ComplaintPolicy): { deadline: Deadline; rule: string } {
  const general = computeDeadline(receivedOn, policy.version.complaint.replyLimit, policy.calendar);
  const generalRule = policy.version.id === 'alfa-nova-2013' ? 'R-CPL-06' : 'R-LAW-01';
  if (data.kind !== 'bill_objection') return { deadline: general, rule: generalRule };
  const bill = computeDeadline(receivedOn, policy.version.billing.billObjectionWrittenNotice, policy.calendar);
  return bill.due <= general.due ? { deadline: bill, rule: 'R-BIL-02' } : { deadline: general, rule: generalRule };
}


function register(command: Cmd<'RegisterComplaint'>, state: ComplaintState, context: ComplaintContext): ComplaintEvent[] {
  if (state.status !== 'none') throw new InvalidStateError('COMPLAINT.ALREADY_REGISTERED', 'The complaint is already registered');
  const data = command.data;
  const unit = data.receivingUnit;
  const { version, calendar } = context.policy;
  if (unit.kind !== 'customer_service_office') {
    throw new RuleViolation('COMPLAINT.NOT_A_CUSTOMER_SERVICE_OFFICE', 'R-CPL-03', `${unit.name} does not keep a filing register of complaints`, { unit: unit.id });
  }
  if (context.actor.unit !== unit.id || (context.actor.role !== 'clerk' && context.actor.role !== 'supervisor')) {
    throw new ForbiddenError('COMPLAINT.NOT_RECEIVING_UNIT', 'A complaint is registered by a clerk of the receiving unit, in its own register', { rule: 'R-CPL-03' });
  }
  if (!CHANNELS_ACCEPTED[unit.kind].includes(data.channel)) {
    throw new RuleViolation('COMPLAINT.CHANNEL_NOT_ACCEPTED', 'R-CPL-02', `A customer service office does not take complaints by ${data.channel}`, { field: 'channel' });
  }
  const receivedAt = instant(data.receivedAt, 'receivedAt', context, { notInFuture: true });
  const receivedOn = localDateOf(receivedAt);
  const complainant = data.complainant;
  if (data.anonymous !== !complainant.name) {
    throw new InvalidInputError('COMPLAINT.ANONYMITY_MISMATCH', data.anonymous ? 'An anonymous complaint carries no name' : 'Give the complainant’s name, or mark the complaint anonymous', { field: 'complainant.name' });
  }
  if (data.channel === 'web_form' && version.complaint.webFormAcknowledgement && !complainant.email) {
    throw new RuleViolation('COMPLAINT.WEB_FORM_WITHOUT_EMAIL', 'R-LAW-08', 'A web-form complaint is acknowledged to the customer’s e-mail: the e-mail address is required', { field: 'complainant.email' });
  }
  const oral = ORAL_CHANNELS.includes(data.channel);
  if (data.settledOnTheSpot && !oral) {
    throw new InvalidInputError('COMPLAINT.NOT_ORAL', 'Only a complaint made in person or by phone can be settled on the spot', { field: 'settledOnTheSpot', rule: 'R-CPL-08' });
  }
  const isQuality = data.kind === 'quality_complaint';
  if (!isQuality && data.qualityInvestigation) {
    throw new InvalidInputError('COMPLAINT.NOT_A_QUALITY_COMPLAINT', 'Only quality complaints schedule a quality investigation', { field: 'qualityInvestigation' });
  }

  const events: ComplaintEvent[] = [];
  const inPersonOnly = data.requestedMatters.filter(isInPersonOnly);
  for (const matter of data.requestedMatters) {
    if (isInPersonOnly(matter) && data.channel !== 'in_person' && data.bookAppointment) continue;
    assertMatterAllowedOn(matter, data.channel, 'requestedMatters');
  }

  const year = Number(receivedOn.slice(0, 4));
  const registerId = registerStreamId('filing_register', unit.id, year);
  const number = context.sequences.get(registerId);
  if (number === undefined) throw new Error(`No register number was reserved in ${registerId}`);
  const entry = `${unit.code}/${year}/${number}`;
  const uniqueIdentifier =
    version.complaint.uniqueIdentifierForPhoneAndElectronic && PHONE_OR_ELECTRONIC.includes(data.channel) ? `${unit.code}-${year}-${String(number).padStart(6, '0')}` : null;

  const settled = data.settledOnTheSpot !== null;
  const writtenReplyRequired = !settled;
  const { deadline: reply, rule: replyRule } = replyDeadline(data, receivedOn, context.policy);
  const targetApplies = data.channel !== 'in_person';
  const target = targetApplies ? computeDeadline(receivedOn, version.complaint.handlingTarget, calendar) : null;

  events.push({
    type: 'ComplaintRegistered',
    data: {
      complaintId: data.complaintId,
      registerEntry: { register: 'filing_register', unitId: unit.id, year, number, entry },
      uniqueIdentifier,
      receivedAt: receivedAt.toISOString(),
      receivedOn,
      channel: data.channel,
      kind: data.kind,
      receivingUnit: unit.id,
      responsibleUnit: unit.id,
      complainant,
      anonymous: data.anonymous,
      placeOfUseId: data.placeOfUseId,
      description: data.description,
      documents: data.documents,
      remedySought: data.remedySought,
      requestedMatters: data.requestedMatters,
      writtenReplyRequired,
      paymentObligationContinues: data.kind === 'bill_objection' ? true : null,
      policyVersion: version.id,
      deadlines: {
        replyDue: writtenReplyRequired ? reply.due : null,
        handlingTargetDue: writtenReplyRequired && target ? target.due : null,
        replyBasis: writtenReplyRequired ? explainDeadline(reply, replyRule) : null,
      },
    },
  });

  if (oral && !settled) {
    // R-LAW-04: an oral complaint not settled at once goes on record without delay.
    events.push({ type: 'ComplaintRecordDrawnUp', data: drawUpOralRecord(data, data.channel, context, context.now, uniqueIdentifier, 'COMPLAINT') });
  }
  if (data.callRecordingId !== null) {
    // R-LAW-10: the phone call of the complaint is recorded; the case keeps the telephony system's reference.
    if (data.channel !== 'phone') throw new InvalidInputError('COMPLAINT.RECORDING_WITHOUT_CALL', 'Only a complaint made by phone has a call recording', { field: 'callRecordingId', rule: 'R-LAW-10' });
    requireText(data.callRecordingId, 'callRecordingId');
    const caller = { subjectId: scopedSubjectId(complainant.subjectId, 'call_recording'), name: complainant.name, customerNumber: complainant.customerNumber };
    events.push({ type: 'CallRecordingReferenced', data: { callRecordingId: data.callRecordingId.trim(), calledAt: receivedAt.toISOString(), calledOn: receivedOn, call: 'complaint', disclosureId: null, caller } });
  }
  if (settled) events.push({ type: 'ComplaintSettledOnTheSpot', data: { position: data.settledOnTheSpot!.position, settledAt: receivedAt.toISOString() } });
  if (data.channel === 'web_form' && version.complaint.webFormAcknowledgement) {
    events.push({ type: 'ComplaintAcknowledged', data: { channel: 'email', to: { subjectId: complainant.subjectId, email: complainant.email }, acknowledgedAt: context.now.toISOString(), uniqueIdentifier } });
  }
  const booked = inPersonOnly.length > 0 && data.channel !== 'in_person';
  if (!booked && data.appointmentRequestedAt) {
    throw new InvalidInputError('COMPLAINT.NO_APPOINTMENT_BOOKED', 'No personal appointment is booked on this complaint', { field: 'appointmentRequestedAt', rule: 'R-LAW-11' });
  }
  if (booked) {
    // R-LAW-11: the days run from when the customer asked, not from when the booking was typed in.
    const askedAt = data.appointmentRequestedAt ? instant(data.appointmentRequestedAt, 'appointmentRequestedAt', context, { notInFuture: true }) : receivedAt;
    requireNotBefore(askedAt.toISOString(), 'appointmentRequestedAt', { fact: 'ComplaintRegistered.receivedAt', at: receivedAt.toISOString() }, 'COMPLAINT');
    const askedOn = localDateOf(askedAt);
    const appointment = version.complaint.personalAppointment ?? null;
    const offerBy = appointment ? computeDeadline(askedOn, appointment, calendar).due : askedOn;
    events.push({ type: 'AppointmentRequested', data: { matters: inPersonOnly, requestedAt: askedAt.toISOString(), offerBy } });
    events.push(dutyOpened(DUTY_ID.personalAppointment, 'personal_appointment', offerBy, appointment ? 'R-LAW-11' : 'R-CHN-01', `Offer a personal appointment for ${inPersonOnly.join(', ')}`));
  }
  if (isQuality) {
    const plan = data.qualityInvestigation ?? { mode: 'out_of_turn' as const };
    const agreedAt = plan.mode === 'out_of_turn' ? null : instant(plan.agreedAt, 'qualityInvestigation.agreedAt', context);
    if (agreedAt) requireNotBefore(agreedAt.toISOString(), 'qualityInvestigation.agreedAt', { fact: 'ComplaintRegistered.receivedAt', at: receivedAt.toISOString() }, 'COMPLAINT');
    const investigateBy = agreedAt ? localDateOf(agreedAt) : receivedOn;
    events.push({ type: 'QualityInvestigationScheduled', data: { mode: plan.mode, investigateBy } });
    events.push(dutyOpened(DUTY_ID.qualityInvestigation, 'quality_investigation', investigateBy, 'R-QLT-01', plan.mode === 'out_of_turn' ? 'Investigate the quality complaint out of turn' : 'Investigate at the time agreed with the customer'));
  }
  if (writtenReplyRequired) {
    events.push(dutyOpened(DUTY_ID.writtenReply, 'written_reply', reply.due, replyRule, 'Answer the complaint in writing, with reasons'));
    if (target && target.due < reply.due) {
      events.push(dutyOpened(DUTY_ID.handlingTarget, 'handling_target', target.due, 'R-CPL-05', 'Internal handling target'));
    }
  }
  return events;
}

function designate(command: Cmd<'DesignateClerk'>, state: ComplaintState, context: ComplaintContext): ComplaintEvent[] {
  const open = requireOpen(state);
  requireDesignatingSupervisor(open, context);
  if (open.designatedClerk) {
    throw new InvalidStateError('COMPLAINT.CLERK_ALREADY_DESIGNATED', `Clerk ${open.designatedClerk} is already designated; reassign with a reason instead`, { rule: 'R-CPL-04' });
  }
  requireText(command.data.clerkId, 'clerkId');
  return [{ type: 'ClerkDesignated', data: { clerkId: command.data.clerkId, designatedBy: context.actor.userId, unit: open.responsibleUnit } }];
}

function reassign(command: Cmd<'ReassignClerk'>, state: ComplaintState, context: ComplaintContext): ComplaintEvent[] {
  const open = requireOpen(state);
  requireDesignatingSupervisor(open, context);
  if (!open.designatedClerk) throw new InvalidStateError('COMPLAINT.NO_CLERK_DESIGNATED', 'No clerk is designated yet; designate one first', { rule: 'R-CPL-04' });
  if (open.designatedClerk === command.data.clerkId) throw new InvalidInputError('COMPLAINT.SAME_CLERK', 'That clerk is already designated', { field: 'clerkId' });
  requireText(command.data.reason, 'reason', 'COMPLAINT.REASSIGNMENT_REASON_MISSING');
  return [{ type: 'ClerkReassigned', data: { previousClerkId: open.designatedClerk, clerkId: command.data.clerkId, reassignedBy: context.actor.userId, reason: command.data.reason } }];
}

function takeOver(state: ComplaintState, context: ComplaintContext): ComplaintEvent[] {
  const open = requireOpen(state);
  if (!open.designatedClerk) throw new InvalidStateError('COMPLAINT.NO_CLERK_DESIGNATED', 'The supervisor has not designated a clerk yet', { rule: 'R-CPL-04' });
  if (open.designatedClerk !== context.actor.userId) {
    throw new ForbiddenError('COMPLAINT.NOT_DESIGNATED_CLERK', 'Only the designated clerk takes the complaint over', { rule: 'R-CPL-04', details: { designatedClerk: open.designatedClerk } });
  }
  if (open.handlingClerk === context.actor.userId) return [];
  return [{ type: 'ComplaintTakenOver', data: { clerkId: context.actor.userId, takenOverOn: today(context) } }];
}

/** The first investigation step of a quality complaint fulfils its out-of-turn duty (R-QLT-01). */
function investigated(open: OpenCase, context: ComplaintContext, event: ComplaintEvent): ComplaintEvent[] {
  return [event, ...discharge(open, DUTY_ID.qualityInvestigation, today(context))];
}

function requireKind(open: OpenCase, kinds: readonly string[], code: string, rule: string, message: string): void {
  if (!kinds.includes(open.kind)) throw new RuleViolation(code, rule, message, { kind: open.kind });
}

function recordFinding(command: Cmd<'RecordFinding'>, state: ComplaintState, context: ComplaintContext): ComplaintEvent[] {
  const open = requireHandlingClerk(state, context);
  if (open.finding) throw new InvalidStateError('COMPLAINT.FINDING_ALREADY_RECORDED', `The finding is already recorded (${open.finding})`);
  if (open.actions === 0) {
    throw new RuleViolation('COMPLAINT.NOT_INVESTIGATED', 'R-CPL-01', 'Record at least one investigation step before the finding: every complaint must be acted on');
  }
  requireText(command.data.reasoning, 'reasoning');
  return [{ type: 'FindingRecorded', data: { finding: command.data.finding, reasoning: command.data.reasoning, recordedOn: today(context) } }];
}

function requireJustified(open: OpenCase, code: string, rule: string): void {
  if (open.finding !== 'justified' && open.finding !== 'partly_justified') {
    throw new RuleViolation(code, rule, open.finding ? `The complaint was found ${open.finding}` : 'No finding is recorded yet', { finding: open.finding });
  }
}

function extend(command: Cmd<'ExtendReplyDeadline'>, state: ComplaintState, context: ComplaintContext): ComplaintEvent[] {
  const open = requireHandlingClerk(state, context);
  const rule = context.policy.version.complaint.replyExtension;
  if (rule.kind === 'not_allowed') {
    throw new RuleViolation('COMPLAINT.EXTENSION_NOT_ALLOWED', 'R-LAW-02', `Policy ${context.policy.version.id} allows no extension of the reply deadline`);
  }
  if (!open.writtenReplyRequired || !open.replyDue || open.replySent) {
    throw new InvalidStateError('COMPLAINT.NO_REPLY_DEADLINE', 'There is no open reply deadline to extend', { rule: 'R-LAW-02' });
  }
  if (open.extensions >= rule.maxTimes) {
    throw new RuleViolation('COMPLAINT.EXTENSION_ALREADY_USED', 'R-LAW-02', `The reply deadline may be extended only ${rule.maxTimes === 1 ? 'once' : `${rule.maxTimes} times`}; it already was`, { replyDue: open.replyDue });
  }
  if (!rule.permittedReasons.includes(command.data.reason)) {
    throw new RuleViolation('COMPLAINT.EXTENSION_REASON', 'R-LAW-02', `An extension is allowed only for ${rule.permittedReasons.join(' or ')}`, { field: 'reason' });
  }
  const now = today(context);
  if (now > open.replyDue) {
    throw new RuleViolation('COMPLAINT.EXTENSION_AFTER_DEADLINE', 'R-LAW-02', `The reply deadline ${open.replyDue} has passed; it can no longer be extended`, { replyDue: open.replyDue });
  }
  const notifiedAt = instant(command.data.customerNotifiedAt, 'customerNotifiedAt', context, { notInFuture: true });
  requireNotBefore(notifiedAt.toISOString(), 'customerNotifiedAt', receiptOf(open), 'COMPLAINT');
  const notifiedOn = localDateOf(notifiedAt);
  if (notifiedOn > open.replyDue) {
    throw new RuleViolation('COMPLAINT.EXTENSION_NOTICE_LATE', 'R-LAW-02', 'The customer must be told of the extension in writing before the original deadline passes', { field: 'customerNotifiedAt' });
  }
  if (!WRITTEN_CHANNELS.includes(command.data.noticeChannel)) {
    throw new RuleViolation('COMPLAINT.EXTENSION_NOTICE_NOT_WRITTEN', 'R-LAW-02', 'The customer is told of the extension in writing', { field: 'noticeChannel' });
  }
  if (!Number.isInteger(command.data.extendByDays) || command.data.extendByDays < 1 || command.data.extendByDays > rule.maxLength.amount || rule.maxLength.unit !== 'calendar_days') {
    throw new RuleViolation('COMPLAINT.EXTENSION_TOO_LONG', 'R-LAW-02', `The reply deadline may be extended by at most ${describeDuration(rule.maxLength)}`, { field: 'extendByDays' });
  }
  const newDue = computeDeadline(parseLocalDate(open.replyDue), calendarDays(command.data.extendByDays), context.policy.calendar).due;
  return [
    { type: 'ReplyDeadlineExtended', data: { reason: command.data.reason, previousDue: open.replyDue, newDue, extendByDays: command.data.extendByDays, customerNotifiedAt: command.data.customerNotifiedAt, noticeChannel: command.data.noticeChannel } },
    { type: 'DutyRescheduled', data: { dutyId: DUTY_ID.writtenReply, previousDueDate: open.replyDue, dueDate: newDue, reason: `extended for ${command.data.reason}`, rule: 'R-LAW-02' } },
  ];
}

function sendReply(command: Cmd<'SendReply'>, state: ComplaintState, context: ComplaintContext): ComplaintEvent[] {
  const open = requireHandlingClerk(state, context);
  const data = command.data;
  if (open.replySent) throw new InvalidStateError('COMPLAINT.REPLY_ALREADY_SENT', 'The reply has already been sent');
  if (!open.finding) {
    throw new RuleViolation('COMPLAINT.REPLY_WITHOUT_FINDING', 'R-LAW-01', 'A reply states the result of the investigation with reasons: record the finding first');
  }
  requireText(data.reasons, 'reasons', 'COMPLAINT.REPLY_WITHOUT_REASONS');
  if (open.finding !== 'justified') {
    const redress = data.redress;
    const complete = (b: { name: string; address: string } | undefined) => !!b && b.name.trim() !== '' && b.address.trim() !== '';
    if (!redress || !complete(redress.consumerProtectionAuthority) || !complete(redress.conciliationBoard)) {
      throw new RuleViolation('COMPLAINT.REJECTION_WITHOUT_REDRESS', 'R-LAW-07', 'A rejection names the competent consumer-protection authority and the conciliation board of the customer’s residence, with contact details', { field: 'redress' });
    }
  }
  if (open.finding !== 'unjustified' && open.corrections.length === 0) {
    throw new RuleViolation('COMPLAINT.JUSTIFIED_WITHOUT_CORRECTION', 'R-CPL-11', 'A justified complaint leads to recorded corrections, and the reply informs the complainant of them: record the corrections first');
  }
  if (open.record?.copy === 'with_reply' && !data.recordCopyEnclosed) {
    throw new RuleViolation('COMPLAINT.RECORD_COPY_MISSING', 'R-LAW-04', 'The copy of the complaint record goes to the customer with the reply at the latest', { field: 'recordCopyEnclosed' });
  }
  const sentAt = instant(data.sentAt, 'sentAt', context, { notInFuture: true });
  // The reply states the finding and the corrections: it is not dated before them, nor before the receipt.
  requireNotBefore(sentAt.toISOString(), 'sentAt', [receiptOf(open), { fact: 'FindingRecorded.recordedOn', at: open.findingOn }, { fact: 'CorrectionRecorded.recordedOn', at: open.lastCorrectionOn }], 'COMPLAINT');
  const sentOn = localDateOf(sentAt);
  return [
    {
      type: 'ReplySent',
      data: {
        replyId: context.newId(),
        channel: data.channel,
        sentAt: data.sentAt,
        finding: open.finding,
        summary: data.summary,
        reasons: data.reasons,
        redress: data.redress,
        recordCopyEnclosed: data.recordCopyEnclosed,
        corrections: open.corrections,
        late: open.replyDue !== null && sentOn > open.replyDue,
      },
    },
    ...discharge(open, DUTY_ID.writtenReply, sentOn),
    ...discharge(open, DUTY_ID.handlingTarget, sentOn),
  ];
}

function lapse(command: Cmd<'RecordWrittenReplyLapse'>, state: ComplaintState, context: ComplaintContext): ComplaintEvent[] {
  const open = requireHandlingClerk(state, context);
  if (!open.writtenReplyRequired || open.replySent || open.writtenReplyLapsed) {
    throw new InvalidStateError('COMPLAINT.NO_REPLY_DUTY', 'There is no outstanding written-reply duty', { rule: 'R-LAW-05' });
  }
  const supported =
    (command.data.reason === 'identity_withheld' && (!open.hasName || !open.hasAddressOrEmail)) ||
    (command.data.reason === 'description_withheld' && !open.hasDescription) ||
    (command.data.reason === 'refused_to_sign' && open.record?.customerSignature === 'refused');
  if (!supported) {
    throw new RuleViolation('COMPLAINT.LAPSE_NOT_SUPPORTED', 'R-LAW-05', `The case does not show that the customer ${command.data.reason.replace(/_/g, ' ')}`, { field: 'reason' });
  }
  requireText(command.data.explanation, 'explanation');
  return [{ type: 'WrittenReplyDutyLapsed', data: command.data }, ...cancel(open, `written reply duty lapsed: ${command.data.reason}`, 'R-LAW-05', (k) => k === 'written_reply' || k === 'handling_target')];
}

/** R-LAW-09: the customer as the case's accounting documents name them, under the accounting key. */
function billedCustomerOf(open: ComplaintCase): BilledCustomer {
  return { subjectId: scopedSubjectId(open.complainantSubjectId, 'accounting_document'), name: open.customer.name, address: open.customer.address, customerNumber: open.customer.customerNumber };
}

/**
 * The record, the reply and the papers are kept for their retention periods from the day of
 * closing; accounting documents (R-LAW-09) and call recordings (R-LAW-10) for theirs, from the
 * close or from their own later date.
 */
function closing(state: ComplaintCase, context: ComplaintContext, data: Omit<ComplaintClosedData, 'closedOn' | 'retainUntil'>): ComplaintEvent {
  const closedOn = today(context);
  const { retention } = context.policy.version;
  const until = (type: RetentionRecordType, from: LocalDate = closedOn) => computeDeadline(from, retention[type], context.policy.calendar).nominal;
  const calls = Object.values(state.recordings).map((r) => r.calledOn).sort();
  const lastCall = calls.at(-1) as LocalDate | undefined;
  return {
    type: 'ComplaintClosed',
    data: {
      ...data,
      closedOn,
      retainUntil: {
        complaint_record: until('complaint_record'),
        complaint_reply: until('complaint_reply'),
        case_document: until('case_document'),
        ...(state.accountingDocuments > 0 || Object.keys(state.refunds).length > 0 ? { accounting_document: until('accounting_document') } : {}),
        ...(lastCall ? { call_recording: until('call_recording', lastCall > closedOn ? lastCall : closedOn) } : {}),
      },
    },
  };
}

function requireCloser(open: OpenCase, context: ComplaintContext): void {
  const supervisor = context.actor.role === 'supervisor' && context.actor.unit === open.responsibleUnit;
  if (open.handlingClerk !== context.actor.userId && !supervisor) {
    throw new ForbiddenError('COMPLAINT.NOT_HANDLING_CLERK', 'Only the handling clerk or a supervisor of the unit closes the complaint', { rule: 'R-CPL-04' });
  }
}

function close(state: ComplaintState, context: ComplaintContext): ComplaintEvent[] {
  const open = requireOpen(state);
  requireCloser(open, context);
  if (open.actions === 0) throw new RuleViolation('COMPLAINT.CLOSE_WITHOUT_ACTION', 'R-CPL-01', 'A complaint cannot be closed before any action on it is recorded');
  const outcome = open.finding ?? (open.settledOnTheSpot ? 'settled_on_the_spot' : null);
  if (!outcome) throw new RuleViolation('COMPLAINT.CLOSE_WITHOUT_OUTCOME', 'R-CPL-01', 'A complaint cannot be closed without an outcome: record the finding first', { field: 'finding' });
  if (open.writtenReplyRequired && !open.replySent && !open.writtenReplyLapsed) {
    throw new RuleViolation('COMPLAINT.REPLY_OUTSTANDING', 'R-CPL-07', `The written reply is still owed (due ${open.replyDue})`, { replyDue: open.replyDue });
  }
  const unconfirmed = Object.entries(open.disclosures).filter(([, d]) => d.needsConfirmation && !d.confirmed);
  if (unconfirmed.length > 0) {
    throw new RuleViolation('COMPLAINT.CONFIRMATION_OUTSTANDING', 'R-CHN-04', 'Important information given by phone is not yet confirmed in writing', { disclosures: unconfirmed.map(([id]) => id) });
  }
  return [
    closing(open, context, { outcome, closure: open.finding ? 'handled' : 'settled_on_the_spot', reason: null, linkedComplaintId: null, linkedRegisterEntry: null }),
    ...cancel(open, 'complaint closed', null, (k) => k === 'handling_target'),
  ];
}

const normalised = (value: string | null): string | null => (value === null ? null : value.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase() || null);

/** R-LAW-06: the same customer: the same customer number where both have one, else the same name and address. */
export function sameCustomer(a: CustomerIdentity, b: CustomerIdentity): boolean {
  const [numberA, numberB] = [normalised(a.customerNumber), normalised(b.customerNumber)];
  if (numberA !== null && numberB !== null) return numberA === numberB;
  const [nameA, nameB, addressA, addressB] = [normalised(a.name), normalised(b.name), normalised(a.address), normalised(b.address)];
  return nameA !== null && addressA !== null && nameA === nameB && addressA === addressB;
}

/**
 * R-LAW-06: a repeat is linked to an earlier-received complaint of the same customer that was
 * not itself closed as a repeat of this one; so the original keeps its reply duty and two
 * complaints never close each other uninvestigated.
 */
function closeAsRepeated(command: Cmd<'CloseAsRepeated'>, state: ComplaintState, context: ComplaintContext): ComplaintEvent[] {
  const open = requireOpen(state);
  requireCloser(open, context);
  const earlier = command.data.earlier;
  if (earlier.complaintId === open.complaintId) throw new InvalidInputError('COMPLAINT.LINK_TO_ITSELF', 'A complaint cannot repeat itself', { field: 'earlierComplaintId', rule: 'R-LAW-06' });
  if (!earlier.exists) throw new InvalidInputError('COMPLAINT.EARLIER_NOT_FOUND', `No complaint ${earlier.complaintId} to link to`, { field: 'earlierComplaintId', rule: 'R-LAW-06' });
  if (!(Date.parse(earlier.receivedAt) < Date.parse(open.receivedAt))) {
    throw new RuleViolation('COMPLAINT.EARLIER_NOT_EARLIER', 'R-LAW-06', `${earlier.registerEntry} was received at ${earlier.receivedAt}, not before this complaint (${open.receivedAt}): a complaint repeats only an earlier one`, {
      field: 'earlierComplaintId',
      earlierReceivedAt: earlier.receivedAt,
      receivedAt: open.receivedAt,
    });
  }
  if (earlier.repeatOf === open.complaintId) {
    throw new RuleViolation('COMPLAINT.MUTUAL_REPEAT', 'R-LAW-06', `${earlier.registerEntry} was closed as a repeat of this complaint: two complaints cannot repeat each other uninvestigated`, { field: 'earlierComplaintId' });
  }
  if (open.anonymous || earlier.anonymous || !sameCustomer(open.customer, earlier.customer)) {
    throw new RuleViolation('COMPLAINT.REPEAT_OF_ANOTHER_CUSTOMER', 'R-LAW-06', `${earlier.registerEntry} is not shown to be a complaint of the same customer (customer number, or name and address)`, { field: 'earlierComplaintId' });
  }
  requireText(command.data.reason, 'reason', 'COMPLAINT.CLOSING_REASON_MISSING');
  return [
    closing(open, context, { outcome: 'not_investigated', closure: 'repeated', reason: command.data.reason, linkedComplaintId: earlier.complaintId, linkedRegisterEntry: earlier.registerEntry }),
    ...cancel(open, 'repeated complaint with no new information, closed without investigation', 'R-LAW-06', (k) => k !== 'refund_in_next_billing'),
  ];
}

function closeAsAnonymous(command: Cmd<'CloseAsAnonymous'>, state: ComplaintState, context: ComplaintContext): ComplaintEvent[] {
  const open = requireOpen(state);
  requireCloser(open, context);
  if (!open.anonymous) throw new RuleViolation('COMPLAINT.NOT_ANONYMOUS', 'R-LAW-06', 'The complainant gave a name: the complaint is not anonymous');
  requireText(command.data.reason, 'reason', 'COMPLAINT.CLOSING_REASON_MISSING');
  return [
    closing(open, context, { outcome: 'not_investigated', closure: 'anonymous', reason: command.data.reason, linkedComplaintId: null, linkedRegisterEntry: null }),
    ...cancel(open, 'anonymous complaint, closed without investigation', 'R-LAW-06', (k) => k !== 'refund_in_next_billing'),
  ];
}

function disclose(command: Cmd<'RecordDisclosure'>, state: ComplaintState, context: ComplaintContext): ComplaintEvent[] {
  if (state.status === 'none') throw new NotFoundError('COMPLAINT.NOT_FOUND', 'No such complaint');
  const data = command.data;
  if (data.information === 'arrears_amount') {
    if (data.channel !== 'in_person') {
      throw new RuleViolation('DISCLOSURE.ARREARS_ONLY_IN_PERSON', 'R-CHN-05', `The exact amount of arrears is never given by ${data.channel}; only in person to the debtor or an authorised representative`, { field: 'channel' });
    }
    if (data.recipient === 'other' || (data.recipient === 'authorised_representative' && !data.authorisationChecked)) {
      throw new RuleViolation('DISCLOSURE.ARREARS_RECIPIENT', 'R-CHN-05', 'Arrears are disclosed only to the debtor or to a representative whose authorisation was checked', { field: 'recipient' });
    }
  }
  if (data.channel === 'phone' && data.information === 'personal_data' && (!data.callId || !state.verifiedCalls.includes(data.callId))) {
    throw new RuleViolation('DISCLOSURE.IDENTITY_NOT_VERIFIED', 'R-CHN-03', 'Personal data is disclosed by phone only after the caller’s identity is verified and recorded for this call', { field: 'callId' });
  }
  const disclosureId = context.newId();
  const events: ComplaintEvent[] = [{ type: 'InformationDisclosed', data: { disclosureId, channel: data.channel, information: data.information, callId: data.callId, recipient: data.recipient, important: data.important, summary: data.summary, disclosedAt: context.now.toISOString() } }];
  if (data.callRecordingId !== null) {
    if (data.channel !== 'phone') throw new InvalidInputError('COMPLAINT.RECORDING_WITHOUT_CALL', 'Only information given by phone has a call recording', { field: 'callRecordingId', rule: 'R-LAW-10' });
    requireText(data.callRecordingId, 'callRecordingId');
    const recordingId = data.callRecordingId.trim();
    if (state.recordings[recordingId]) throw new InvalidStateError('COMPLAINT.RECORDING_ALREADY_REFERENCED', `Recording ${recordingId} is already on the case`, { details: { field: 'callRecordingId' } });
    const caller = { subjectId: scopedSubjectId(state.complainantSubjectId, 'call_recording'), name: state.customer.name, customerNumber: state.customer.customerNumber };
    events.push({ type: 'CallRecordingReferenced', data: { callRecordingId: recordingId, calledAt: context.now.toISOString(), calledOn: today(context), call: 'disclosure', disclosureId, caller } });
  }
  if (data.channel === 'phone' && data.important) {
    const due = computeDeadline(today(context), context.policy.version.complaint.phoneInformationConfirmation, context.policy.calendar).due;
    events.push(dutyOpened(DUTY_ID.confirmation(disclosureId), 'written_confirmation', due, 'R-CHN-04', 'Confirm the information given by phone in writing (fax or letter)'));
  }
  return events;
}

export const recordingCopyDutyId = (requestId: string) => `recording-copy-${requestId}`;

/** R-LAW-10: the customer asks for a copy of a recorded call of the case: a tracked duty, free of charge. */
function requestRecordingCopy(command: Cmd<'RequestCallRecordingCopy'>, state: ComplaintState, context: ComplaintContext): ComplaintEvent[] {
  if (state.status === 'none') throw new NotFoundError('COMPLAINT.NOT_FOUND', 'No such complaint');
  const within = context.policy.version.complaint.callRecordingCopy;
  if (!within) throw new RuleViolation('COMPLAINT.NO_RECORDING_COPY_DUTY', 'R-LAW-10', `Policy ${context.policy.version.id} has no duty to hand over call recordings`);
  const recordingId = command.data.callRecordingId.trim();
  const recording = state.recordings[recordingId];
  if (!recording) throw new InvalidInputError('COMPLAINT.NO_SUCH_RECORDING', `No call recording ${recordingId} on this complaint`, { field: 'callRecordingId', rule: 'R-LAW-10' });
  const requestedAt = instant(command.data.requestedAt, 'requestedAt', context, { notInFuture: true });
  requireNotBefore(requestedAt.toISOString(), 'requestedAt', { fact: 'CallRecordingReferenced.calledAt', at: recording.calledAt }, 'COMPLAINT');
  const dueDate = computeDeadline(localDateOf(requestedAt), within, context.policy.calendar).due;
  const requestId = context.newId();
  return [
    { type: 'CallRecordingCopyRequested', data: { requestId, callRecordingId: recordingId, requestedAt: requestedAt.toISOString(), channel: command.data.channel, dueDate, free: true } },
    dutyOpened(recordingCopyDutyId(requestId), 'recording_copy', dueDate, 'R-LAW-10', `Hand the customer a free copy of call recording ${recordingId}`),
  ];
}

/** R-LAW-10: the copy is handed over, free: the duty is discharged. */
function handOverRecordingCopy(command: Cmd<'HandOverCallRecordingCopy'>, state: ComplaintState, context: ComplaintContext): ComplaintEvent[] {
  if (state.status === 'none') throw new NotFoundError('COMPLAINT.NOT_FOUND', 'No such complaint');
  const copy = state.recordingCopies[command.data.requestId];
  if (!copy) throw new NotFoundError('COMPLAINT.NO_SUCH_COPY_REQUEST', 'No request for a recording copy with that id', { requestId: command.data.requestId });
  if (copy.handedOver) throw new InvalidStateError('COMPLAINT.COPY_ALREADY_HANDED_OVER', 'The copy was already handed over', { rule: 'R-LAW-10' });
  if (command.data.feeHuf !== 0) throw new RuleViolation('COMPLAINT.RECORDING_COPY_NOT_FREE', 'R-LAW-10', 'A copy of a call recording is provided free of charge', { field: 'feeHuf' });
  const handedOverAt = instant(command.data.handedOverAt, 'handedOverAt', context, { notInFuture: true });
  requireNotBefore(handedOverAt.toISOString(), 'handedOverAt', { fact: 'CallRecordingCopyRequested.requestedAt', at: copy.requestedAt }, 'COMPLAINT');
  const on = localDateOf(handedOverAt);
  const duty = state.duties[recordingCopyDutyId(command.data.requestId)];
  return [
    { type: 'CallRecordingCopyHandedOver', data: { requestId: command.data.requestId, callRecordingId: copy.callRecordingId, handedOverAt: handedOverAt.toISOString(), channel: command.data.channel, feeHuf: 0, late: !!duty && on > duty.dueDate } },
    ...discharge(state, recordingCopyDutyId(command.data.requestId), on),
  ];
}

/** R-LAW-11: the personal appointment is offered; late when offered after the day it was due. */
function offerAppointment(command: Cmd<'OfferAppointment'>, state: ComplaintState, context: ComplaintContext): ComplaintEvent[] {
  if (state.status === 'none') throw new NotFoundError('COMPLAINT.NOT_FOUND', 'No such complaint');
  const { role, unit } = context.actor;
  if ((role !== 'clerk' && role !== 'supervisor') || unit !== state.responsibleUnit) {
    throw new ForbiddenError('COMPLAINT.NOT_RESPONSIBLE_UNIT', `Only a clerk or supervisor of ${state.responsibleUnit} offers the appointment`, { rule: 'R-LAW-11' });
  }
  const duty = state.duties[DUTY_ID.personalAppointment];
  if (!duty) throw new InvalidStateError('COMPLAINT.NO_APPOINTMENT_PENDING', 'No personal appointment is waiting to be offered', { rule: 'R-LAW-11' });
  const at = instant(command.data.appointmentAt, 'appointmentAt', context);
  if (at.getTime() < context.now.getTime()) throw new InvalidInputError('COMPLAINT.APPOINTMENT_IN_PAST', 'The appointment offered lies in the past', { field: 'appointmentAt' });
  const offeredOn = today(context);
  return [{ type: 'AppointmentOffered', data: { appointmentAt: at.toISOString(), offeredOn, late: offeredOn > duty.dueDate } }, ...discharge(state, DUTY_ID.personalAppointment, offeredOn)];
}

/** R-LAW-06: what a repeat needs to know about the complaint it names, from that complaint's folded state. */
export function earlierComplaintOf(complaintId: string, state: ComplaintState): EarlierComplaint {
  if (state.status === 'none') return { exists: false, complaintId };
  return { exists: true, complaintId, registerEntry: state.registerEntry.entry, receivedAt: state.receivedAt, anonymous: state.anonymous, customer: state.customer, repeatOf: state.repeatOf };
}

/** The complaint decider's command handling; `evolve` is in complaint.state.ts. */
export function decideComplaint(command: ComplaintCommand, state: ComplaintState, context: ComplaintContext): ComplaintEvent[] {
  switch (command.type) {
    case 'RegisterComplaint':
      return register(command, state, context);
    case 'DesignateClerk':
      return designate(command, state, context);
    case 'ReassignClerk':
      return reassign(command, state, context);
    case 'TakeOverComplaint':
      return takeOver(state, context);
    case 'RecordRecordsChecked': {
      const open = requireHandlingClerk(state, context);
      requireText(command.data.records, 'records');
      return investigated(open, context, { type: 'RecordsChecked', data: command.data });
    }
    case 'RequestDocuments': {
      const open = requireHandlingClerk(state, context);
      if (command.data.documents.length === 0) throw new InvalidInputError('COMPLAINT.NOTHING_REQUESTED', 'Name the documents requested', { field: 'documents' });
      return investigated(open, context, { type: 'DocumentsRequested', data: command.data });
    }
    case 'ReceiveDocuments': {
      const open = requireHandlingClerk(state, context);
      if (command.data.documents.length === 0) throw new InvalidInputError('COMPLAINT.NOTHING_RECEIVED', 'Name the documents received', { field: 'documents' });
      return investigated(open, context, { type: 'DocumentsReceived', data: command.data });
    }
    case 'RequestSiteInspection': {
      const open = requireHandlingClerk(state, context);
      const agreedDate = parseLocalDate(command.data.agreedDate, 'agreedDate');
      if (agreedDate < today(context)) throw new InvalidInputError('COMPLAINT.DATE_IN_PAST', 'The agreed inspection date has passed', { field: 'agreedDate', rule: 'R-CPL-10' });
      return investigated(open, context, { type: 'SiteInspectionRequested', data: { agreedDate, note: command.data.note, viaDispatcher: true } });
    }
    case 'RecordSiteInspection': {
      const open = requireHandlingClerk(state, context);
      const inspectedOn = parseLocalDate(command.data.inspectedOn, 'inspectedOn');
      if (inspectedOn > today(context)) throw new InvalidInputError('COMPLAINT.DATE_IN_FUTURE', 'The inspection cannot be recorded before it happens', { field: 'inspectedOn' });
      requireNotBefore(inspectedOn, 'inspectedOn', receiptOf(open), 'COMPLAINT');
      requireText(command.data.findings, 'findings');
      return investigated(open, context, { type: 'SiteInspectionCarriedOut', data: { inspectedOn, findings: command.data.findings } });
    }
    case 'OrderMeterExamination': {
      const open = requireHandlingClerk(state, context);
      requireKind(open, ['meter_dispute'], 'COMPLAINT.NOT_A_METER_DISPUTE', 'R-MTR-01', 'A meter examination is ordered on a meter dispute');
      if (open.meterExamination !== 'none') throw new InvalidStateError('COMPLAINT.METER_EXAMINATION_EXISTS', 'A meter examination is already ordered', { rule: 'R-MTR-01' });
      return [{ type: 'MeterExaminationOrdered', data: command.data }];
    }
    case 'RecordMeterExaminationResult': {
      const open = requireHandlingClerk(state, context);
      if (open.meterExamination !== 'ordered') throw new InvalidStateError('COMPLAINT.NO_METER_EXAMINATION', 'No meter examination is waiting for its result', { rule: 'R-MTR-01' });
      const { bearer, party } = meterExaminationCostBearer(command.data, open.meterOwner!, open.meterRequestedBy!);
      const { chargeRequester: _charge, ...result } = command.data;
      return [{ type: 'MeterExaminationResultRecorded', data: { ...result, costBearer: bearer, costBearerParty: party, rule: 'R-MTR-02' } }];
    }
    case 'EstimateConsumption': {
      const open = requireHandlingClerk(state, context);
      requireKind(open, ['meter_dispute'], 'COMPLAINT.NOT_A_METER_DISPUTE', 'R-MTR-03', 'Consumption is estimated for the period of a meter fault');
      checkConsumptionEstimate(command.data);
      const { previousYearDataAvailable: _available, ...estimate } = command.data;
      return [{ type: 'ConsumptionEstimated', data: estimate }];
    }
    case 'RecordHotWaterMeasurement': {
      const open = requireHandlingClerk(state, context);
      requireKind(open, ['quality_complaint'], 'COMPLAINT.NOT_A_QUALITY_COMPLAINT', 'R-QLT-03', 'Hot-water temperature is measured on a quality complaint');
      const measuredAt = instant(command.data.measuredAt, 'measuredAt', context, { notInFuture: true }).toISOString();
      requireNotBefore(measuredAt, 'measuredAt', receiptOf(open), 'COMPLAINT');
      const breach = hotWaterBreach(command.data.temperatureCelsius, command.data.afterSecondsOfUse);
      return investigated(open, context, { type: 'HotWaterMeasured', data: { ...command.data, measuredAt, breachByProvider: breach, feeRefundDue: breach } });
    }
    case 'AllocateQualityCosts': {
      const open = requireHandlingClerk(state, context);
      requireKind(open, ['quality_complaint'], 'COMPLAINT.NOT_A_QUALITY_COMPLAINT', 'R-QLT-02', 'Repair and investigation costs are allocated on a quality complaint');
      return investigated(open, context, { type: 'QualityCostsAllocated', data: { ...command.data, ...qualityCostAllocation(command.data) } });
    }
    case 'RecordFinding':
      return recordFinding(command, state, context);
    case 'RecordCorrection': {
      const open = requireHandlingClerk(state, context);
      requireJustified(open, 'COMPLAINT.CORRECTION_WITHOUT_JUSTIFIED_FINDING', 'R-CPL-11');
      requireText(command.data.description, 'description');
      const accounting = ACCOUNTING_CORRECTION_AREAS.includes(command.data.area);
      return [{ type: 'CorrectionRecorded', data: { correctionId: context.newId(), ...command.data, recordedOn: today(context), billedCustomer: accounting ? billedCustomerOf(open) : null } }];
    }
    case 'ScheduleRefund': {
      const open = requireHandlingClerk(state, context);
      requireKind(open, ['bill_objection'], 'COMPLAINT.NOT_A_BILL_OBJECTION', 'R-BIL-03', 'Refunds in the next billing follow a justified bill objection');
      requireJustified(open, 'COMPLAINT.REFUND_WITHOUT_JUSTIFIED_FINDING', 'R-BIL-03');
      if (!Number.isInteger(command.data.amount) || command.data.amount <= 0) throw new InvalidInputError('BILL.INVALID_AMOUNT', 'The refund must be a positive whole number of forints', { field: 'amount' });
      const refundId = context.newId();
      const billingPeriod = refundBillingPeriod(open.findingOn!);
      return [
        { type: 'RefundScheduled', data: { refundId, amount: command.data.amount, billingPeriod } },
        dutyOpened(DUTY_ID.refund(refundId), 'refund_in_next_billing', lastDayOfPeriod(billingPeriod), 'R-BIL-03', `Credit ${command.data.amount} HUF in the ${billingPeriod} billing`),
      ];
    }
    case 'RecordRefundCredited': {
      // The refund follows the next billing, often after the complaint closed (R-BIL-03).
      if (state.status === 'none') throw new NotFoundError('COMPLAINT.NOT_FOUND', 'No such complaint');
      const open = state;
      const supervisor = context.actor.role === 'supervisor' && context.actor.unit === open.responsibleUnit;
      if (open.handlingClerk !== context.actor.userId && !supervisor) {
        throw new ForbiddenError('COMPLAINT.NOT_HANDLING_CLERK', 'Only the handling clerk or a supervisor of the unit records the refund', { rule: 'R-CPL-04' });
      }
      const pending = Object.entries(open.refunds).find(([, r]) => !r.credited);
      if (!pending) throw new InvalidStateError('COMPLAINT.NO_REFUND_PENDING', 'No refund is waiting to be credited', { rule: 'R-BIL-03' });
      const [refundId] = pending;
      return [{ type: 'RefundCredited', data: { refundId, ...command.data, creditedOn: today(context), billedCustomer: billedCustomerOf(open) } }, ...discharge(open, DUTY_ID.refund(refundId), today(context))];
    }
    case 'AgreeInstalmentPlan': {
      const open = requireHandlingClerk(state, context);
      requireKind(open, ['bill_objection'], 'COMPLAINT.NOT_A_BILL_OBJECTION', 'R-BIL-04', 'Instalments for a difference owed follow a bill objection');
      if (!open.finding) throw new InvalidStateError('COMPLAINT.NO_FINDING', 'Record the finding that shows the difference owed first', { rule: 'R-BIL-04' });
      assertMatterAllowedOn('instalment_agreement', command.data.channel, 'channel');
      const instalments = instalmentsOf(command.data.amountOwed, command.data.erroneousBillingMonths, command.data.firstInstalmentMonth);
      return [{ type: 'InstalmentPlanAgreed', data: { amountOwed: command.data.amountOwed, erroneousBillingMonths: command.data.erroneousBillingMonths, instalments } }];
    }
    case 'ExtendReplyDeadline':
      return extend(command, state, context);
    case 'SendReply':
      return sendReply(command, state, context);
    case 'RecordWrittenReplyLapse':
      return lapse(command, state, context);
    case 'WithdrawComplaint': {
      const open = requireOpen(state);
      requireText(command.data.reason, 'reason');
      return [
        { type: 'ComplaintWithdrawn', data: command.data },
        closing(open, context, { outcome: 'withdrawn', closure: 'withdrawn', reason: command.data.reason, linkedComplaintId: null, linkedRegisterEntry: null }),
        ...cancel(open, 'complaint withdrawn', 'R-CPL-01', (k) => k !== 'refund_in_next_billing'),
      ];
    }
    case 'CloseComplaint':
      return close(state, context);
    case 'CloseAsRepeated':
      return closeAsRepeated(command, state, context);
    case 'CloseAsAnonymous':
      return closeAsAnonymous(command, state, context);
    case 'OfferAppointment':
      return offerAppointment(command, state, context);
    case 'RequestCallRecordingCopy':
      return requestRecordingCopy(command, state, context);
    case 'HandOverCallRecordingCopy':
      return handOverRecordingCopy(command, state, context);
    case 'RecordIdentityVerification': {
      if (state.status === 'none') throw new NotFoundError('COMPLAINT.NOT_FOUND', 'No such complaint');
      requireText(command.data.callId, 'callId');
      return [{ type: 'IdentityVerified', data: command.data }];
    }
    case 'RecordDisclosure':
      return disclose(command, state, context);
    case 'ConfirmPhoneInformation': {
      if (state.status === 'none') throw new NotFoundError('COMPLAINT.NOT_FOUND', 'No such complaint');
      const disclosure = state.disclosures[command.data.disclosureId];
      if (!disclosure?.needsConfirmation) throw new NotFoundError('COMPLAINT.NO_SUCH_DISCLOSURE', 'No important phone disclosure with that id', { disclosureId: command.data.disclosureId });
      if (disclosure.confirmed) throw new InvalidStateError('COMPLAINT.ALREADY_CONFIRMED', 'This information is already confirmed in writing', { rule: 'R-CHN-04' });
      const sentAt = instant(command.data.sentAt, 'sentAt', context, { notInFuture: true });
      requireNotBefore(sentAt.toISOString(), 'sentAt', { fact: 'InformationDisclosed.disclosedAt', at: disclosure.disclosedAt }, 'COMPLAINT');
      const sentOn = localDateOf(sentAt);
      return [{ type: 'PhoneInformationConfirmed', data: command.data }, ...discharge(state, DUTY_ID.confirmation(command.data.disclosureId), sentOn)];
    }
    case 'RecordCaseEscalated':
      return noteEscalation(state.status === 'none' ? null : state.escalations, command.data);
    case 'RecordCaseReferral':
      return noteReferral(state.status === 'none' ? null : state.referrals, command.data);
    default:
      return assertNever(command, 'complaint command');
  }
}
