import { parseLocalDate, type LocalDate } from '../calendar/local-date.js';
import { requireText, today, type CaseDecisionContext } from '../shared/case-support.js';
import { requireNotBefore } from '../shared/business-time.js';
import { assertNever } from '../shared/decider.js';
import { ForbiddenError, InvalidInputError, InvalidStateError, NotFoundError, RuleViolation } from '../shared/domain-error.js';
import type { ConsentCommand } from './consent.commands.js';
import type { ConsentEvent } from './consent.events.js';
import type { ConsentState, RecordedConsent } from './consent.state.js';
import { CASE_FILE_PARTS } from './consent.types.js';

export type ConsentContext = CaseDecisionContext;
type Cmd<T extends ConsentCommand['type']> = Extract<ConsentCommand, { type: T }>;

/** Clerks and supervisors keep the case file and record consents and accesses. */
function requireCaseStaff(context: ConsentContext): void {
  if (context.actor.role !== 'clerk' && context.actor.role !== 'supervisor') {
    throw new ForbiddenError('CONSENT.NOT_CASE_STAFF', 'Only a clerk or a supervisor records consents and representatives’ access', { rule: 'R-ESC-03' });
  }
}

function checkParts(parts: readonly string[], field: string): void {
  if (parts.length === 0) throw new InvalidInputError('CONSENT.NO_PARTS', 'Name the parts of the case file', { field });
  const unknown = parts.filter((p) => !(CASE_FILE_PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new InvalidInputError('CONSENT.UNKNOWN_PART', `Unknown case file parts: ${unknown.join(', ')}`, { field });
}

function record(command: Cmd<'RecordRepresentativeConsent'>, state: ConsentState, context: ConsentContext): ConsentEvent[] {
  requireCaseStaff(context);
  const data = command.data;
  const facts = data.case;
  if (!facts.exists) throw new NotFoundError('CONSENT.CASE_NOT_FOUND', `The case ${facts.streamId} does not exist`, { streamId: facts.streamId, rule: 'R-ESC-03' });
  if (state.status === 'recorded') {
    if (state.caseStreamId !== facts.streamId) throw new InvalidInputError('CONSENT.OTHER_CASE', 'These consents belong to another case', { field: 'case', details: { caseStreamId: state.caseStreamId } });
    if (state.consents[data.consentId]) throw new InvalidStateError('CONSENT.ALREADY_RECORDED', 'This consent is already recorded');
  }
  // R-ESC-03: only the customer the case is about can open its file to a representative.
  if (!facts.customerSubjectId || facts.customerSubjectId !== data.customer.subjectId) {
    throw new RuleViolation('CONSENT.NOT_THE_CUSTOMER', 'R-ESC-03', 'Only the customer the case is about can consent to a representative seeing its file', { field: 'customer.subjectId' });
  }
  requireText(data.customer.name, 'customer.name', 'CONSENT.CUSTOMER_NAME_MISSING');
  requireText(data.organisation.id, 'organisation.id', 'CONSENT.ORGANISATION_MISSING');
  requireText(data.organisation.name, 'organisation.name', 'CONSENT.ORGANISATION_MISSING');
  requireText(data.document.reference, 'document.reference', 'CONSENT.DOCUMENT_MISSING');
  checkParts(data.scope, 'scope');
  const on = today(context);
  const givenOn = parseLocalDate(data.givenOn, 'givenOn');
  if (givenOn > on) throw new InvalidInputError('CONSENT.DATE_IN_FUTURE', 'The consent date lies in the future', { field: 'givenOn' });
  // R-ESC-03: the consent opens a case file that exists: it is not dated before the case.
  requireNotBefore(givenOn, 'givenOn', { fact: `receipt of ${facts.registerEntry}`, at: facts.receivedAt }, 'CONSENT');
  const validUntil = data.validUntil === null ? null : parseLocalDate(data.validUntil, 'validUntil');
  if (validUntil !== null && validUntil < on) throw new InvalidInputError('CONSENT.ALREADY_EXPIRED', 'The consent has already expired', { field: 'validUntil' });
  return [
    {
      type: 'RepresentativeConsentRecorded',
      data: {
        consentId: data.consentId,
        caseStreamId: facts.streamId,
        caseRegisterEntry: facts.registerEntry,
        customer: data.customer,
        organisation: data.organisation,
        scope: [...new Set(data.scope)],
        givenOn,
        validUntil,
        document: data.document,
        recordedBy: context.actor.userId,
      },
    },
  ];
}

function withdraw(command: Cmd<'WithdrawRepresentativeConsent'>, state: ConsentState, context: ConsentContext): ConsentEvent[] {
  requireCaseStaff(context);
  const consent = state.status === 'recorded' ? state.consents[command.data.consentId] : undefined;
  if (state.status !== 'recorded' || !consent) throw new NotFoundError('CONSENT.NOT_FOUND', 'No such consent', { consentId: command.data.consentId });
  if (consent.withdrawnOn) throw new InvalidStateError('CONSENT.ALREADY_WITHDRAWN', `The consent was withdrawn on ${consent.withdrawnOn}`);
  const withdrawnOn = parseLocalDate(command.data.withdrawnOn, 'withdrawnOn');
  if (withdrawnOn > today(context)) throw new InvalidInputError('CONSENT.DATE_IN_FUTURE', 'The withdrawal date lies in the future', { field: 'withdrawnOn' });
  requireNotBefore(withdrawnOn, 'withdrawnOn', { fact: 'RepresentativeConsentRecorded.givenOn', at: consent.givenOn }, 'CONSENT');
  return [{ type: 'RepresentativeConsentWithdrawn', data: { consentId: consent.consentId, caseStreamId: state.caseStreamId, withdrawnOn, reason: command.data.reason, recordedBy: context.actor.userId } }];
}

/** Why a consent does not open the file today, or null when it does. */
function invalidity(consent: RecordedConsent, on: LocalDate, parts: readonly string[]): 'withdrawn' | 'expired' | 'not_yet_valid' | 'out_of_scope' | null {
  if (consent.withdrawnOn !== null && consent.withdrawnOn <= on) return 'withdrawn';
  if (consent.validUntil !== null && consent.validUntil < on) return 'expired';
  if (consent.givenOn > on) return 'not_yet_valid';
  if (!parts.every((p) => (consent.scope as readonly string[]).includes(p))) return 'out_of_scope';
  return null;
}

/** R-ESC-03: a representative sees the case file only under a valid consent of the customer, and the access is recorded. */
function access(command: Cmd<'RecordRepresentativeAccess'>, state: ConsentState, context: ConsentContext): ConsentEvent[] {
  requireCaseStaff(context);
  const data = command.data;
  checkParts(data.parts, 'parts');
  const candidates = state.status === 'recorded' ? Object.values(state.consents).filter((c) => c.organisationId === data.organisationId) : [];
  if (state.status !== 'recorded' || candidates.length === 0) {
    throw new RuleViolation('CONSENT.NO_CONSENT', 'R-ESC-03', 'The customer has not consented to this organisation seeing the case file', { organisationId: data.organisationId });
  }
  const on = today(context);
  const valid = candidates.find((c) => invalidity(c, on, data.parts) === null);
  if (!valid) {
    const reasons = candidates.map((c) => invalidity(c, on, data.parts));
    const reason = reasons.includes('out_of_scope') ? 'out_of_scope' : reasons.includes('expired') ? 'expired' : reasons.includes('not_yet_valid') ? 'not_yet_valid' : 'withdrawn';
    const code = { withdrawn: 'CONSENT.WITHDRAWN', expired: 'CONSENT.EXPIRED', not_yet_valid: 'CONSENT.NOT_YET_VALID', out_of_scope: 'CONSENT.OUT_OF_SCOPE' }[reason];
    throw new RuleViolation(code, 'R-ESC-03', `No valid consent of the customer opens ${data.parts.join(', ')} to this organisation (${reason.replace(/_/g, ' ')})`, { organisationId: data.organisationId, reason });
  }
  if (data.businessSecretAcknowledged !== true) {
    throw new RuleViolation('CONSENT.BUSINESS_SECRET_NOT_ACKNOWLEDGED', 'R-ESC-03', 'The representative must undertake to treat the case file as a business secret', { field: 'businessSecretAcknowledged' });
  }
  requireText(data.representativePerson, 'representativePerson', 'CONSENT.REPRESENTATIVE_MISSING');
  requireText(data.purpose, 'purpose', 'CONSENT.PURPOSE_MISSING');
  return [
    {
      type: 'RepresentativeAccessRecorded',
      data: {
        accessId: context.newId(),
        consentId: valid.consentId,
        caseStreamId: state.caseStreamId,
        customerSubjectId: state.customerSubjectId,
        organisation: { id: valid.organisationId, name: valid.organisationName },
        representativePerson: data.representativePerson,
        parts: [...new Set(data.parts)],
        purpose: data.purpose,
        accessedAt: context.now.toISOString(),
        grantedBy: context.actor.userId,
        businessSecretAcknowledged: true,
      },
    },
  ];
}

/** The consent decider's command handling; `evolve` is in consent.state.ts. */
export function decideConsent(command: ConsentCommand, state: ConsentState, context: ConsentContext): ConsentEvent[] {
  switch (command.type) {
    case 'RecordRepresentativeConsent':
      return record(command, state, context);
    case 'WithdrawRepresentativeConsent':
      return withdraw(command, state, context);
    case 'RecordRepresentativeAccess':
      return access(command, state, context);
    default:
      return assertNever(command, 'consent command');
  }
}
