import { PHONE_OR_ELECTRONIC, WRITTEN_CHANNELS } from '../channel/channel-rules.js';
import { computeDeadline } from '../calendar/deadline.js';
import { localDateOf, yearOf } from '../calendar/local-date.js';
import { CHANNELS_ACCEPTED, REGISTERS_OF } from '../organisation/organisation.js';
import { requireNotBefore } from '../shared/business-time.js';
import { assertNever } from '../shared/decider.js';
import { ForbiddenError, InvalidInputError, InvalidStateError, NotFoundError, RuleViolation } from '../shared/domain-error.js';
import { drawUpOralRecord, isOral } from '../complaint/oral-record.js';
import { caseLinkOf, type ExistingCase } from './case-facts.js';
import { noteEscalation } from './case-escalated.js';
import { noteReferral } from '../referral/case-referral.js';
import {
  cancelDuties,
  discharge,
  dutyOpened,
  explainDeadline,
  parseInstant,
  requireText,
  reservedEntry,
  retainUntil,
  today,
  type CaseDecisionContext,
} from '../shared/case-support.js';
import type { EscalationCommand } from './escalation.commands.js';
import type { EscalationEvent } from './escalation.events.js';
import type { EscalationCase, EscalationState } from './escalation.state.js';
import { isEscalationLevel, LEVEL_BELOW, type EscalationLevel, type EscalationOutcome } from './escalation.types.js';

export type EscalationContext = CaseDecisionContext;
type OpenEscalation = EscalationCase & { readonly status: 'open' };
type Cmd<T extends EscalationCommand['type']> = Extract<EscalationCommand, { type: T }>;

/** Deterministic duty ids: one reply and one handling target per escalation. */
export const ESCALATION_DUTY_ID = {
  reply: 'escalation-reply',
  handlingTarget: 'handling-target',
} as const;

const LEVEL_NAME: Readonly<Record<EscalationLevel, string>> = {
  regional_secretariat: 'the regional directorate secretariat',
  central_secretariat: 'the central secretariat',
};

function requireOpen(state: EscalationState): OpenEscalation {
  if (state.status === 'none') throw new NotFoundError('ESCALATION.NOT_FOUND', 'No such escalation');
  if (state.status === 'closed') {
    throw new InvalidStateError('ESCALATION.ALREADY_CLOSED', `Escalation ${state.registerEntry.entry} is closed`, { details: { closedOn: state.closed?.closedOn } });
  }
  return state;
}

/** R-ESC-01, R-CPL-04: the regional director or the managing director: a supervisor of the target unit. */
function requireDesignatingSupervisor(open: OpenEscalation, context: EscalationContext): void {
  if (context.actor.role !== 'supervisor' || context.actor.unit !== open.targetUnit.id) {
    throw new ForbiddenError('ESCALATION.NOT_DESIGNATING_SUPERVISOR', `Only a supervisor of ${open.targetUnit.id} (${open.level === 'regional_secretariat' ? 'the regional director' : 'the managing director'}) designates the handling clerk`, {
      rule: 'R-CPL-04',
      details: { targetUnit: open.targetUnit.id },
    });
  }
}

function requireHandlingClerk(state: EscalationState, context: EscalationContext): OpenEscalation {
  const open = requireOpen(state);
  if (!open.handlingClerk) throw new InvalidStateError('ESCALATION.NOT_TAKEN_OVER', 'No clerk has taken the escalation over yet', { rule: 'R-CPL-04' });
  if (open.handlingClerk !== context.actor.userId) {
    throw new ForbiddenError('ESCALATION.NOT_HANDLING_CLERK', 'Only the clerk who took the escalation over records its handling', { rule: 'R-CPL-04', details: { handlingClerk: open.handlingClerk } });
  }
  return open;
}

/**
 * R-ESC-01: the level of the target must be the one right above the escalated case's unit,
 * and the target must be that unit's `escalatesTo`.
 */
function checkLadder(data: Cmd<'RegisterEscalation'>['data'], level: EscalationLevel): ExistingCase {
  const about = data.about;
  if (!about.exists) {
    throw new NotFoundError('ESCALATION.CASE_NOT_FOUND', `The escalated case ${about.streamId} does not exist`, { streamId: about.streamId, rule: 'R-ESC-01' });
  }
  const caseUnitKind = about.unit.kind;
  if (caseUnitKind === 'central_secretariat') {
    throw new RuleViolation('ESCALATION.NO_HIGHER_LEVEL', 'R-ESC-01', 'The central secretariat is the provider’s last level: the customer may turn to an external body (R-ESC-02)', { field: 'about' });
  }
  const typeFits = level === 'central_secretariat' ? about.caseType === 'escalation' : about.caseType !== 'escalation';
  if (!LEVEL_BELOW[level].includes(caseUnitKind) || !typeFits) {
    const skipped = level === 'central_secretariat' && LEVEL_BELOW.regional_secretariat.includes(caseUnitKind);
    throw new RuleViolation(
      skipped ? 'ESCALATION.LEVEL_SKIPPED' : 'ESCALATION.WRONG_LEVEL',
      'R-ESC-01',
      skipped
        ? `A ${about.caseType.replace('_', ' ')} of the ${caseUnitKind.replace(/_/g, ' ')} goes to the regional directorate secretariat first, not straight to the central secretariat`
        : `${LEVEL_NAME[level]} does not take a ${about.caseType.replace('_', ' ')} handled by the ${caseUnitKind.replace(/_/g, ' ')}`,
      { field: 'about', caseType: about.caseType, caseUnitKind, level },
    );
  }
  if (about.unit.escalatesTo !== data.targetUnit.id) {
    throw new RuleViolation('ESCALATION.WRONG_TARGET_UNIT', 'R-ESC-01', `A case of ${about.unit.id} is escalated to ${about.unit.escalatesTo ?? 'no unit'}, not to ${data.targetUnit.id}`, {
      field: 'targetUnit',
      expected: about.unit.escalatesTo,
    });
  }
  return about;
}

function register(command: Cmd<'RegisterEscalation'>, state: EscalationState, context: EscalationContext): EscalationEvent[] {
  if (state.status !== 'none') throw new InvalidStateError('ESCALATION.ALREADY_REGISTERED', 'The escalation is already registered');
  const data = command.data;
  const target = data.targetUnit;
  const { version, calendar } = context.policy;
  if (!isEscalationLevel(target.kind)) {
    throw new RuleViolation('ESCALATION.NOT_A_SECRETARIAT', 'R-ESC-01', `${target.name} is not a level escalations are brought to`, { unit: target.id });
  }
  const level = target.kind;
  if (context.actor.unit !== target.id || (context.actor.role !== 'clerk' && context.actor.role !== 'supervisor')) {
    throw new ForbiddenError('ESCALATION.NOT_RECEIVING_UNIT', 'An escalation is registered by the secretariat that receives it, in its own register', { rule: 'R-ESC-01' });
  }
  if (!CHANNELS_ACCEPTED[level].includes(data.channel)) {
    throw new RuleViolation('ESCALATION.CHANNEL_NOT_ACCEPTED', 'R-ESC-01', `${LEVEL_NAME[level]} does not take escalations by ${data.channel}`, { field: 'channel', accepted: CHANNELS_ACCEPTED[level] });
  }
  const about = checkLadder(data, level);
  requireText(data.description, 'description', 'ESCALATION.TEXT_REQUIRED');

  const receivedAt = parseInstant(data.receivedAt, 'receivedAt', context, 'ESCALATION', { notInFuture: true });
  // R-ESC-01: a complaint about how a case was handled comes after the case.
  requireNotBefore(receivedAt.toISOString(), 'receivedAt', { fact: `${about.caseType === 'fault_report' ? 'FaultReportRegistered.reportedAt' : about.caseType === 'complaint' ? 'ComplaintRegistered.receivedAt' : 'EscalationRegistered.receivedAt'} of ${about.registerEntry}`, at: about.receivedAt }, 'ESCALATION');
  const receivedOn = localDateOf(receivedAt);
  const year = yearOf(receivedOn);
  const registerEntry = reservedEntry(REGISTERS_OF[level].incoming, target, year, context);
  const uniqueIdentifier =
    version.complaint.uniqueIdentifierForPhoneAndElectronic && PHONE_OR_ELECTRONIC.includes(data.channel) ? `${target.code}-${year}-${String(registerEntry.number).padStart(6, '0')}` : null;

  // 4.5.7, 4.5.8: handled as at the customer service office, so the complaint reply limit applies.
  const reply = computeDeadline(receivedOn, version.complaint.replyLimit, calendar);
  const replyRule = version.id === 'alfa-nova-2013' ? 'R-CPL-06' : 'R-LAW-01';
  const target15 = data.channel !== 'in_person' ? computeDeadline(receivedOn, version.complaint.handlingTarget, calendar) : null;
  const handlingTargetDue = target15 && target15.due < reply.due ? target15.due : null;

  const events: EscalationEvent[] = [
    {
      type: 'EscalationRegistered',
      data: {
        escalationId: data.escalationId,
        level,
        targetUnit: { id: target.id, kind: target.kind, code: target.code },
        registerEntry,
        uniqueIdentifier,
        receivedAt: receivedAt.toISOString(),
        receivedOn,
        channel: data.channel,
        about: caseLinkOf(about),
        complainant: data.complainant,
        description: data.description,
        documents: data.documents,
        remedySought: data.remedySought,
        policyVersion: version.id,
        deadlines: { replyDue: reply.due, handlingTargetDue, replyBasis: explainDeadline(reply, replyRule) },
      },
    },
    dutyOpened(ESCALATION_DUTY_ID.reply, 'escalation_reply', reply.due, replyRule, `Answer the escalation of ${about.registerEntry} in writing, with reasons`),
  ];
  // R-LAW-04: an escalation made orally is never settled at once (a designated clerk examines it), so it goes on record.
  if (isOral(data.channel)) events.splice(1, 0, { type: 'EscalationRecordDrawnUp', data: drawUpOralRecord(data.record, data.channel, context, context.now, uniqueIdentifier, 'ESCALATION') });
  if (handlingTargetDue) events.push(dutyOpened(ESCALATION_DUTY_ID.handlingTarget, 'handling_target', handlingTargetDue, 'R-CPL-05', 'Internal handling target'));
  return events;
}

function designate(command: Cmd<'DesignateEscalationClerk'>, state: EscalationState, context: EscalationContext): EscalationEvent[] {
  const open = requireOpen(state);
  requireDesignatingSupervisor(open, context);
  if (open.designatedClerk) {
    throw new InvalidStateError('ESCALATION.CLERK_ALREADY_DESIGNATED', `Clerk ${open.designatedClerk} is already designated; reassign with a reason instead`, { rule: 'R-CPL-04' });
  }
  requireText(command.data.clerkId, 'clerkId', 'ESCALATION.TEXT_REQUIRED');
  return [{ type: 'EscalationClerkDesignated', data: { clerkId: command.data.clerkId, designatedBy: context.actor.userId, unit: open.targetUnit.id } }];
}

function reassign(command: Cmd<'ReassignEscalationClerk'>, state: EscalationState, context: EscalationContext): EscalationEvent[] {
  const open = requireOpen(state);
  requireDesignatingSupervisor(open, context);
  if (!open.designatedClerk) throw new InvalidStateError('ESCALATION.NO_CLERK_DESIGNATED', 'No clerk is designated yet; designate one first', { rule: 'R-CPL-04' });
  if (open.designatedClerk === command.data.clerkId) throw new InvalidInputError('ESCALATION.SAME_CLERK', 'That clerk is already designated', { field: 'clerkId' });
  requireText(command.data.reason, 'reason', 'ESCALATION.REASSIGNMENT_REASON_MISSING');
  return [{ type: 'EscalationClerkReassigned', data: { previousClerkId: open.designatedClerk, clerkId: command.data.clerkId, reassignedBy: context.actor.userId, reason: command.data.reason } }];
}

/**
 * R-ESC-01, R-CPL-04: the designated clerk takes the escalation over in the unit's takeover
 * register (serial register, clerk's workbook), under a second gapless number. A repeated
 * takeover is refused rather than ignored: a reserved number must never go unused.
 */
function takeOver(state: EscalationState, context: EscalationContext): EscalationEvent[] {
  const open = requireOpen(state);
  if (!open.designatedClerk) throw new InvalidStateError('ESCALATION.NO_CLERK_DESIGNATED', 'No clerk is designated yet', { rule: 'R-CPL-04' });
  if (open.designatedClerk !== context.actor.userId) {
    throw new ForbiddenError('ESCALATION.NOT_DESIGNATED_CLERK', 'Only the designated clerk takes the escalation over', { rule: 'R-CPL-04', details: { designatedClerk: open.designatedClerk } });
  }
  if (open.handlingClerk === context.actor.userId) throw new InvalidStateError('ESCALATION.ALREADY_TAKEN_OVER', 'You have already taken this escalation over', { rule: 'R-CPL-04' });
  const takeoverRegister = REGISTERS_OF[open.level].takeover;
  if (!takeoverRegister) throw new Error(`${open.level} keeps no takeover register`);
  const on = today(context);
  return [{ type: 'EscalationTakenOver', data: { clerkId: context.actor.userId, takenOverOn: on, takeoverEntry: reservedEntry(takeoverRegister, open.targetUnit, yearOf(on), context) } }];
}

function sendReply(command: Cmd<'SendEscalationReply'>, state: EscalationState, context: EscalationContext): EscalationEvent[] {
  const open = requireHandlingClerk(state, context);
  const data = command.data;
  if (open.replySent) throw new InvalidStateError('ESCALATION.REPLY_ALREADY_SENT', 'The reply has already been sent');
  if (!open.finding) throw new RuleViolation('ESCALATION.REPLY_WITHOUT_FINDING', 'R-LAW-01', 'A reply states the result of the investigation with reasons: record the finding first');
  requireText(data.reasons, 'reasons', 'ESCALATION.REPLY_WITHOUT_REASONS');
  if (!(WRITTEN_CHANNELS as readonly string[]).includes(data.channel)) {
    throw new RuleViolation('ESCALATION.REPLY_NOT_WRITTEN', 'R-CPL-07', 'An escalation is answered in writing', { field: 'channel' });
  }
  if (open.finding !== 'justified') {
    const complete = (b: { name: string; address: string } | undefined) => !!b && b.name.trim() !== '' && b.address.trim() !== '';
    if (!data.redress || !complete(data.redress.consumerProtectionAuthority) || !complete(data.redress.conciliationBoard)) {
      throw new RuleViolation('ESCALATION.REJECTION_WITHOUT_REDRESS', 'R-LAW-07', 'A rejection names the competent consumer-protection authority and the conciliation board of the customer’s residence, with contact details', { field: 'redress' });
    }
  }
  if (open.record?.copy === 'with_reply' && !data.recordCopyEnclosed) {
    throw new RuleViolation('ESCALATION.RECORD_COPY_MISSING', 'R-LAW-04', 'The copy of the escalation’s record goes to the customer with the reply at the latest', { field: 'recordCopyEnclosed' });
  }
  const sentAt = parseInstant(data.sentAt, 'sentAt', context, 'ESCALATION', { notInFuture: true });
  requireNotBefore(sentAt.toISOString(), 'sentAt', [{ fact: 'EscalationRegistered.receivedAt', at: open.receivedAt }, { fact: 'EscalationFindingRecorded.recordedOn', at: open.findingOn }], 'ESCALATION');
  const sentOn = localDateOf(sentAt);
  return [
    {
      type: 'EscalationReplySent',
      data: { replyId: context.newId(), channel: data.channel, sentAt: data.sentAt, finding: open.finding, summary: data.summary, reasons: data.reasons, redress: data.redress, late: sentOn > open.replyDue, recordCopyEnclosed: data.recordCopyEnclosed },
    },
    ...discharge(open.duties, ESCALATION_DUTY_ID.reply, sentOn),
    ...discharge(open.duties, ESCALATION_DUTY_ID.handlingTarget, sentOn),
  ];
}

function closing(context: EscalationContext, outcome: EscalationOutcome, reason: string | null): EscalationEvent {
  const closedOn = today(context);
  return { type: 'EscalationClosed', data: { outcome, closedOn, reason, retainUntil: retainUntil(closedOn, ['complaint_record', 'complaint_reply', 'case_document'], context.policy) } };
}

function close(state: EscalationState, context: EscalationContext): EscalationEvent[] {
  const open = requireOpen(state);
  const supervisor = context.actor.role === 'supervisor' && context.actor.unit === open.targetUnit.id;
  if (open.handlingClerk !== context.actor.userId && !supervisor) {
    throw new ForbiddenError('ESCALATION.NOT_HANDLING_CLERK', 'Only the handling clerk or a supervisor of the secretariat closes the escalation', { rule: 'R-CPL-04' });
  }
  if (open.steps === 0) throw new RuleViolation('ESCALATION.CLOSE_WITHOUT_ACTION', 'R-CPL-01', 'An escalation cannot be closed before any action on it is recorded');
  if (!open.finding) throw new RuleViolation('ESCALATION.CLOSE_WITHOUT_OUTCOME', 'R-CPL-01', 'An escalation cannot be closed without an outcome: record the finding first', { field: 'finding' });
  if (!open.replySent) throw new RuleViolation('ESCALATION.REPLY_OUTSTANDING', 'R-CPL-07', `The written reply is still owed (due ${open.replyDue})`, { replyDue: open.replyDue });
  return [closing(context, open.finding, null), ...cancelDuties(open.duties, 'escalation closed', null, (d) => d.owner === 'provider')];
}

/** The escalation decider's command handling; `evolve` is in escalation.state.ts. */
export function decideEscalation(command: EscalationCommand, state: EscalationState, context: EscalationContext): EscalationEvent[] {
  switch (command.type) {
    case 'RegisterEscalation':
      return register(command, state, context);
    case 'DesignateEscalationClerk':
      return designate(command, state, context);
    case 'ReassignEscalationClerk':
      return reassign(command, state, context);
    case 'TakeOverEscalation':
      return takeOver(state, context);
    case 'RecordEscalationStep': {
      requireHandlingClerk(state, context);
      requireText(command.data.description, 'description', 'ESCALATION.TEXT_REQUIRED');
      return [{ type: 'EscalationStepRecorded', data: { stepId: context.newId(), step: command.data.step, description: command.data.description, recordedOn: today(context), recordedBy: context.actor.userId } }];
    }
    case 'RecordEscalationFinding': {
      const open = requireHandlingClerk(state, context);
      if (open.finding) throw new InvalidStateError('ESCALATION.FINDING_ALREADY_RECORDED', `The finding is already recorded (${open.finding})`);
      if (open.steps === 0) throw new RuleViolation('ESCALATION.NOT_INVESTIGATED', 'R-CPL-01', 'Record at least one investigation step before the finding');
      requireText(command.data.reasoning, 'reasoning', 'ESCALATION.TEXT_REQUIRED');
      return [{ type: 'EscalationFindingRecorded', data: { finding: command.data.finding, reasoning: command.data.reasoning, recordedOn: today(context) } }];
    }
    case 'SendEscalationReply':
      return sendReply(command, state, context);
    case 'WithdrawEscalation': {
      const open = requireOpen(state);
      requireText(command.data.reason, 'reason', 'ESCALATION.TEXT_REQUIRED');
      return [
        { type: 'EscalationWithdrawn', data: { reason: command.data.reason } },
        closing(context, 'withdrawn', command.data.reason),
        ...cancelDuties(open.duties, 'escalation withdrawn', 'R-CPL-01', (d) => d.owner === 'provider'),
      ];
    }
    case 'CloseEscalation':
      return close(state, context);
    case 'RecordCaseEscalated':
      return noteEscalation(state.status === 'none' ? null : state.escalatedTo, command.data);
    case 'RecordCaseReferral':
      return noteReferral(state.status === 'none' ? null : state.referrals, command.data);
    default:
      return assertNever(command, 'escalation command');
  }
}
