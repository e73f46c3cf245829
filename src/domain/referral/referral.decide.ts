import { computeDeadline } from '../calendar/deadline.js';
import type { Duration } from '../calendar/duration.js';
import { localDateOf, parseLocalDate, yearOf } from '../calendar/local-date.js';
import { WRITTEN_CHANNELS } from '../channel/channel-rules.js';
import { caseLinkOf } from '../escalation/case-facts.js';
import { cancelDuties, discharge, dutyOpened, explainDeadline, parseInstant, requireText, reservedEntry, retainUntil, today, type CaseDecisionContext } from '../shared/case-support.js';
import type { ExternalBodyKind } from '../external-bodies/external-bodies.js';
import { requireNotBefore } from '../shared/business-time.js';
import { assertNever } from '../shared/decider.js';
import { ForbiddenError, InvalidInputError, InvalidStateError, NotFoundError, RuleViolation } from '../shared/domain-error.js';
import type { ReferralCommand } from './referral.commands.js';
import type { ReferralEvent } from './referral.events.js';
import type { ReferralState } from './referral.state.js';
import { EXTERNAL_BODY_KINDS } from './referral.types.js';

export type ReferralContext = CaseDecisionContext;
type Cmd<T extends ReferralCommand['type']> = Extract<ReferralCommand, { type: T }>;
type ActiveReferral = Extract<ReferralState, { readonly status: 'open' | 'decided' }>;

/** Deterministic ids: one decision to track per referral, one reply per body request, one hold per referral. */
export const REFERRAL_DUTY_ID = {
  bodyDecision: 'external-body-decision',
  bodyRequestReply: (requestId: string) => `body-request-reply-${requestId}`,
} as const;
export const referralHoldId = (referralId: string) => `hold-referral-${referralId}`;
export const referralStreamId = (referralId: string) => `referral-${referralId}`;

/** R-ESC-02: the policy's handling time for the body's kind; null where the version sets none. */
export function bodyHandlingTime(kind: ExternalBodyKind, context: ReferralContext): Duration | null {
  const handling = context.policy.version.escalation.externalBodyHandling as Readonly<Partial<Record<ExternalBodyKind, Duration>>>;
  return handling[kind] ?? null;
}

function requireActive(state: ReferralState): ActiveReferral {
  if (state.status === 'none') throw new NotFoundError('REFERRAL.NOT_FOUND', 'No such referral');
  if (state.status === 'closed') throw new InvalidStateError('REFERRAL.ALREADY_CLOSED', `Referral ${state.registerEntry.entry} is closed`, { details: { closedOn: state.closedOn } });
  return state;
}

function requireOpen(state: ReferralState): Extract<ReferralState, { readonly status: 'open' }> {
  const active = requireActive(state);
  if (active.status === 'decided') throw new InvalidStateError('REFERRAL.ALREADY_DECIDED', `The body decided on ${active.outcome?.decidedOn}`, { rule: 'R-ESC-02' });
  return active;
}

function requireRecordingUnit(unitId: string, context: ReferralContext): void {
  const { role, unit } = context.actor;
  if ((role !== 'clerk' && role !== 'supervisor') || unit !== unitId) {
    throw new ForbiddenError('REFERRAL.NOT_RECORDING_UNIT', `Only a clerk or supervisor of ${unitId} records on this referral`, { rule: 'R-ESC-02', details: { recordingUnit: unitId } });
  }
}

function record(command: Cmd<'RecordReferral'>, state: ReferralState, context: ReferralContext): ReferralEvent[] {
  if (state.status !== 'none') throw new InvalidStateError('REFERRAL.ALREADY_RECORDED', 'The referral is already recorded');
  const data = command.data;
  requireRecordingUnit(data.recordingUnit.id, context);
  const about = data.about;
  if (!about.exists) throw new NotFoundError('REFERRAL.CASE_NOT_FOUND', `The referred case ${about.streamId} does not exist`, { streamId: about.streamId, rule: 'R-ESC-02' });
  const body = data.body;
  if (!EXTERNAL_BODY_KINDS.includes(body.kind)) {
    throw new InvalidInputError('REFERRAL.UNKNOWN_BODY_KIND', `${String(body.kind)} is not a kind of external body`, { field: 'body.kind', rule: 'R-LAW-12' });
  }
  requireText(body.id, 'body.id', 'REFERRAL.BODY_INCOMPLETE');
  requireText(body.name, 'body.name', 'REFERRAL.BODY_INCOMPLETE');
  requireText(data.customer.subjectId, 'customer.subjectId', 'REFERRAL.CUSTOMER_MISSING');
  requireText(data.subject, 'subject', 'REFERRAL.SUBJECT_MISSING');
  const on = today(context);
  const referredOn = parseLocalDate(data.referredOn, 'referredOn');
  if (referredOn > on) throw new InvalidInputError('REFERRAL.DATE_IN_FUTURE', 'The referral date lies in the future', { field: 'referredOn' });
  // R-ESC-02: the customer turns to a body about a case the provider already had.
  requireNotBefore(referredOn, 'referredOn', { fact: `receipt of ${about.registerEntry}`, at: about.receivedAt }, 'REFERRAL');

  const registerEntry = reservedEntry('referral_register', data.recordingUnit, yearOf(on), context);
  const duration = bodyHandlingTime(body.kind, context);
  const decision = duration ? computeDeadline(referredOn, duration, context.policy.calendar) : null;
  const holdId = referralHoldId(data.referralId);
  const events: ReferralEvent[] = [
    {
      type: 'ReferralRecorded',
      data: {
        referralId: data.referralId,
        registerEntry,
        about: caseLinkOf(about),
        body: { id: body.id, kind: body.kind, name: body.name, address: body.address, phone: body.phone, email: body.email, county: body.county },
        initiatedBy: data.initiatedBy,
        referredOn,
        customer: data.customer,
        bodyCaseReference: data.bodyCaseReference,
        subject: data.subject,
        handling: decision && duration ? { duration, expectedDecisionBy: decision.due, basis: explainDeadline(decision, 'R-ESC-02') } : null,
        recordingUnit: data.recordingUnit.id,
        recordedBy: context.actor.userId,
        policyVersion: context.policy.version.id,
      },
    },
    // R-RET-02: an open external proceeding suspends the case's retention expiry.
    { type: 'LegalHoldPlaced', data: { holdId, caseStreamId: about.streamId, reason: `open proceeding before ${body.name}`, rule: 'R-RET-02', placedOn: on, sourceStreamId: referralStreamId(data.referralId) } },
  ];
  if (decision) {
    events.push(dutyOpened(REFERRAL_DUTY_ID.bodyDecision, 'external_body_decision', decision.due, 'R-ESC-02', `${body.name} decides (handling time, tracked only)`, 'external_body'));
  }
  return events;
}

function receiveRequest(command: Cmd<'ReceiveBodyRequest'>, state: ReferralState, context: ReferralContext): ReferralEvent[] {
  const open = requireOpen(state);
  requireRecordingUnit(open.recordingUnit, context);
  requireText(command.data.request, 'request', 'REFERRAL.REQUEST_MISSING');
  const receivedAt = parseInstant(command.data.receivedAt, 'receivedAt', context, 'REFERRAL', { notInFuture: true });
  requireNotBefore(receivedAt.toISOString(), 'receivedAt', { fact: 'ReferralRecorded.referredOn', at: open.referredOn }, 'REFERRAL');
  const receivedOn = localDateOf(receivedAt);
  const reply = computeDeadline(receivedOn, context.policy.version.escalation.bodyRequestReply, context.policy.calendar);
  const requestId = context.newId();
  return [
    { type: 'BodyRequestReceived', data: { requestId, customerSubjectId: open.customerSubjectId, receivedAt: receivedAt.toISOString(), receivedOn, bodyReference: command.data.bodyReference, request: command.data.request, replyDue: reply.due } },
    dutyOpened(REFERRAL_DUTY_ID.bodyRequestReply(requestId), 'body_request_reply', reply.due, 'R-CPL-06', `Answer the request of ${open.body.name} (${explainDeadline(reply, 'R-CPL-06')})`),
  ];
}

function answerRequest(command: Cmd<'AnswerBodyRequest'>, state: ReferralState, context: ReferralContext): ReferralEvent[] {
  const open = requireOpen(state);
  requireRecordingUnit(open.recordingUnit, context);
  const data = command.data;
  const request = open.requests[data.requestId];
  if (!request) throw new NotFoundError('REFERRAL.NO_SUCH_REQUEST', 'No request of the body with that id', { requestId: data.requestId });
  if (request.answered) throw new InvalidStateError('REFERRAL.REQUEST_ALREADY_ANSWERED', 'The request is already answered', { rule: 'R-CPL-06' });
  if (!(WRITTEN_CHANNELS as readonly string[]).includes(data.channel)) {
    throw new InvalidInputError('REFERRAL.REPLY_NOT_WRITTEN', 'A body is answered in writing', { field: 'channel', rule: 'R-CPL-06' });
  }
  requireText(data.summary, 'summary', 'REFERRAL.SUMMARY_MISSING');
  const sentAt = parseInstant(data.sentAt, 'sentAt', context, 'REFERRAL', { notInFuture: true });
  requireNotBefore(sentAt.toISOString(), 'sentAt', { fact: 'BodyRequestReceived.receivedAt', at: request.receivedAt }, 'REFERRAL');
  const sentOn = localDateOf(sentAt);
  return [
    { type: 'BodyRequestAnswered', data: { requestId: data.requestId, customerSubjectId: open.customerSubjectId, sentAt: data.sentAt, channel: data.channel, summary: data.summary, late: sentOn > request.replyDue } },
    ...discharge(open.duties, REFERRAL_DUTY_ID.bodyRequestReply(data.requestId), sentOn),
  ];
}

function lifted(active: ActiveReferral, reason: string, context: ReferralContext): ReferralEvent[] {
  const on = today(context);
  const events: ReferralEvent[] = [];
  if (active.holdId) events.push({ type: 'LegalHoldLifted', data: { holdId: active.holdId, caseStreamId: active.about.streamId, reason, liftedOn: on } });
  events.push({ type: 'ReferralClosed', data: { closedOn: on, retainUntil: retainUntil(on, ['case_document'], context.policy) } });
  return events;
}

function recordOutcome(command: Cmd<'RecordBodyOutcome'>, state: ReferralState, context: ReferralContext): ReferralEvent[] {
  const open = requireOpen(state);
  requireRecordingUnit(open.recordingUnit, context);
  const data = command.data;
  const decidedOn = parseLocalDate(data.decidedOn, 'decidedOn');
  if (decidedOn > today(context)) throw new InvalidInputError('REFERRAL.DATE_IN_FUTURE', 'The decision date lies in the future', { field: 'decidedOn' });
  if (decidedOn < open.referredOn) throw new InvalidInputError('REFERRAL.DECIDED_BEFORE_REFERRAL', 'The body cannot decide before the referral', { field: 'decidedOn' });
  // The body's requests came while its proceeding was open: it did not decide before them.
  requireNotBefore(decidedOn, 'decidedOn', Object.values(open.requests).map((r) => ({ fact: 'BodyRequestReceived.receivedAt', at: r.receivedAt })), 'REFERRAL');
  requireText(data.summary, 'summary', 'REFERRAL.SUMMARY_MISSING');
  const unanswered = Object.entries(open.requests).filter(([, r]) => !r.answered);
  const events: ReferralEvent[] = [
    {
      type: 'ReferralOutcomeRecorded',
      data: {
        customerSubjectId: open.customerSubjectId,
        decidedOn,
        outcome: data.outcome,
        decisionReference: data.decisionReference,
        summary: data.summary,
        decidedAfterHandlingTime: open.expectedDecisionBy ? decidedOn > open.expectedDecisionBy : null,
        appealPending: data.appealPending,
      },
    },
    ...discharge(open.duties, REFERRAL_DUTY_ID.bodyDecision, decidedOn),
    // A request left unanswered when the body decides is moot; it stays on record as unanswered.
    ...cancelDuties(open.duties, `${open.body.name} decided`, 'R-ESC-02', (d) => unanswered.some(([id]) => d.dutyId === REFERRAL_DUTY_ID.bodyRequestReply(id))),
  ];
  if (!data.appealPending) events.push(...lifted(open, `proceeding before ${open.body.name} ended: ${data.outcome}`, context));
  return events;
}

/** The referral decider's command handling; `evolve` is in referral.state.ts. */
export function decideReferral(command: ReferralCommand, state: ReferralState, context: ReferralContext): ReferralEvent[] {
  switch (command.type) {
    case 'RecordReferral':
      return record(command, state, context);
    case 'ReceiveBodyRequest':
      return receiveRequest(command, state, context);
    case 'AnswerBodyRequest':
      return answerRequest(command, state, context);
    case 'RecordBodyOutcome':
      return recordOutcome(command, state, context);
    case 'LiftLegalHold': {
      const active = requireActive(state);
      requireRecordingUnit(active.recordingUnit, context);
      if (active.status !== 'decided') {
        throw new RuleViolation('REFERRAL.PROCEEDING_OPEN', 'R-RET-02', `The proceeding before ${active.body.name} is still open: the hold stays until its outcome is recorded`);
      }
      requireText(command.data.reason, 'reason', 'REFERRAL.REASON_MISSING');
      return lifted(active, command.data.reason, context);
    }
    default:
      return assertNever(command, 'referral command');
  }
}
