import { isLocalDate, localDateOf } from '../calendar/local-date.js';
import type { ExternalBodyKind } from '../external-bodies/external-bodies.js';
import type { Actor, Role } from '../shared/actor.js';
import { assertNever } from '../shared/decider.js';
import { ForbiddenError, InvalidInputError, InvalidStateError, NotFoundError, RuleViolation } from '../shared/domain-error.js';
import type { CaseContext } from '../shared/pipeline-decider.js';
import { bundlePurgeVerdict } from './extract-bundle-purge.js';
import type { ExtractCommand, RequestExtractData } from './extract.commands.js';
import type { ExtractEvent } from './extract.events.js';
import type { ExtractCase, ExtractState } from './extract.state.js';
import { DELIVERY_CHANNELS, LEGAL_BASIS_KINDS, type ExtractBundleRecord, type StaffRef } from './extract.types.js';

/** Extracts follow no versioned policy: what they may carry is fixed by their legal basis. */
export type ExtractContext = CaseContext<null>;
type Cmd<T extends ExtractCommand['type']> = Extract<ExtractCommand, { type: T }>;

/** Staff who prepare extracts; auditors and regulators only read them. */
export const EXTRACT_STAFF: readonly Role[] = ['clerk', 'supervisor', 'admin'];
/** Who approves or refuses a request: never the one who made it (four eyes). */
export const EXTRACT_REVIEWERS: readonly Role[] = ['supervisor', 'admin'];

const BODY_KINDS: readonly ExternalBodyKind[] = ['energy_regulator', 'consumer_protection_authority', 'town_clerk', 'conciliation_board'];
/** Streams that are not case files: extracts, access logs, register numbers, the calendar. */
const NOT_A_CASE = /^(extract|access|register|calendar)-/;
const HEX_HASH = /^[0-9a-f]{64}$/;
// A few minutes of clock skew between the clerk's screen and the server are tolerated.
const SKEW_MS = 5 * 60_000;

const staffOf = (actor: Actor): StaffRef => ({ userId: actor.userId, role: actor.role });

function requireStaff(context: ExtractContext, roles: readonly Role[], code: string, message: string): void {
  if (!roles.includes(context.actor.role)) throw new ForbiddenError(code, message, { details: { allowedRoles: roles } });
}

function requireText(value: string, field: string, code: string): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw new InvalidInputError(code, `${field} must not be empty`, { field });
  return value.trim();
}

function instant(value: string, field: string, context: ExtractContext): Date {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new InvalidInputError('EXTRACT.INVALID_TIME', `${field} must be an ISO 8601 date and time`, { field });
  }
  if (parsed.getTime() > context.now.getTime() + SKEW_MS) throw new InvalidInputError('EXTRACT.TIME_IN_FUTURE', `${field} lies in the future`, { field });
  return parsed;
}

function requireExisting(state: ExtractState): ExtractCase & { readonly status: Exclude<ExtractState['status'], 'none'> } {
  if (state.status === 'none') throw new NotFoundError('EXTRACT.NOT_FOUND', 'No such extract');
  if (state.status === 'refused') {
    throw new InvalidStateError('EXTRACT.REFUSED', `The extract was refused by ${state.refusal?.refusedBy.userId ?? 'a reviewer'}`, { details: { reason: state.refusal?.reason } });
  }
  return state;
}

function validateScope(data: RequestExtractData, context: ExtractContext): void {
  const scope = data.scope;
  switch (scope.kind) {
    case 'case_file':
      requireText(scope.caseStreamId, 'scope.caseStreamId', 'EXTRACT.CASE_REQUIRED');
      if (NOT_A_CASE.test(scope.caseStreamId)) {
        throw new InvalidInputError('EXTRACT.NOT_A_CASE', `${scope.caseStreamId} is not a case stream`, { field: 'scope.caseStreamId' });
      }
      return;
    case 'statistics': {
      if (!isLocalDate(scope.from)) throw new InvalidInputError('EXTRACT.INVALID_PERIOD', 'scope.from must be a YYYY-MM-DD date', { field: 'scope.from' });
      if (!isLocalDate(scope.to)) throw new InvalidInputError('EXTRACT.INVALID_PERIOD', 'scope.to must be a YYYY-MM-DD date', { field: 'scope.to' });
      if (scope.from > scope.to) throw new InvalidInputError('EXTRACT.PERIOD_REVERSED', `The period ends (${scope.to}) before it starts (${scope.from})`, { field: 'scope.to' });
      // Statistics of days still to come would be incomplete and change after delivery.
      if (scope.to > localDateOf(context.now)) throw new InvalidInputError('EXTRACT.PERIOD_NOT_OVER', `The period must have ended; ${scope.to} is after today`, { field: 'scope.to' });
      // Figures of a period carry no personal data; a basis that allows it would let the bundle carry more than needed.
      if (data.legalBasis.allowsPersonalData) {
        throw new InvalidInputError('EXTRACT.STATISTICS_WITHOUT_PERSONAL_DATA', 'A statistics extract carries no personal data: its legal basis must not allow any', { field: 'legalBasis.allowsPersonalData' });
      }
      return;
    }
    default:
      return assertNever(scope, 'extract scope');
  }
}

function request(command: Cmd<'RequestExtract'>, state: ExtractState, context: ExtractContext): ExtractEvent[] {
  if (state.status !== 'none') throw new InvalidStateError('EXTRACT.ALREADY_REQUESTED', 'The extract is already requested');
  requireStaff(context, EXTRACT_STAFF, 'EXTRACT.NOT_STAFF', 'Extracts are requested by clerks, supervisors or administrators');
  const data = command.data;
  if (!BODY_KINDS.includes(data.addressee.kind)) {
    throw new InvalidInputError('EXTRACT.UNKNOWN_ADDRESSEE', `${data.addressee.id} is not an external body of a known kind`, { field: 'addresseeBodyId', rule: 'R-LAW-12' });
  }
  if (!LEGAL_BASIS_KINDS.includes(data.legalBasis.kind)) {
    throw new InvalidInputError('EXTRACT.UNKNOWN_LEGAL_BASIS', `Unknown legal basis ${String(data.legalBasis.kind)}`, { field: 'legalBasis.kind' });
  }
  const reference = requireText(data.legalBasis.reference, 'legalBasis.reference', 'EXTRACT.LEGAL_BASIS_REFERENCE_MISSING');
  validateScope(data, context);
  if (data.knownCheckpointSize !== null && (!Number.isSafeInteger(data.knownCheckpointSize) || data.knownCheckpointSize < 1)) {
    throw new InvalidInputError('EXTRACT.INVALID_CHECKPOINT_SIZE', 'knownCheckpointSize must be a positive integer', { field: 'knownCheckpointSize' });
  }
  const purpose = requireText(data.purpose, 'purpose', 'EXTRACT.PURPOSE_MISSING');
  return [
    {
      type: 'ExtractRequested',
      data: {
        extractId: data.extractId,
        scope: data.scope,
        addressee: data.addressee,
        legalBasis: { ...data.legalBasis, reference },
        knownCheckpointSize: data.knownCheckpointSize,
        purpose,
        requestedBy: staffOf(context.actor),
        requestedAt: context.now.toISOString(),
      },
    },
  ];
}

/** Four eyes: a supervisor or administrator other than the requester approves or refuses. */
function requireReviewer(state: ExtractState, context: ExtractContext): ExtractCase {
  const existing = requireExisting(state);
  if (existing.status !== 'requested') {
    throw new InvalidStateError('EXTRACT.ALREADY_REVIEWED', `The extract was already approved by ${existing.approval?.approvedBy.userId ?? 'a reviewer'}`);
  }
  requireStaff(context, EXTRACT_REVIEWERS, 'EXTRACT.NOT_A_REVIEWER', 'Only a supervisor or an administrator approves or refuses an extract');
  if (existing.requestedBy.userId === context.actor.userId) {
    throw new ForbiddenError('EXTRACT.FOUR_EYES', 'The requester cannot approve or refuse their own extract: another supervisor or administrator must', { details: { requestedBy: existing.requestedBy.userId } });
  }
  return existing;
}

function approve(command: Cmd<'ApproveExtract'>, state: ExtractState, context: ExtractContext): ExtractEvent[] {
  requireReviewer(state, context);
  const note = command.data.note === null ? null : command.data.note.trim() || null;
  return [{ type: 'ExtractApproved', data: { approvedBy: staffOf(context.actor), approvedAt: context.now.toISOString(), note } }];
}

function refuse(command: Cmd<'RefuseExtract'>, state: ExtractState, context: ExtractContext): ExtractEvent[] {
  requireReviewer(state, context);
  const reason = requireText(command.data.reason, 'reason', 'EXTRACT.REFUSAL_REASON_MISSING');
  return [{ type: 'ExtractRefused', data: { refusedBy: staffOf(context.actor), refusedAt: context.now.toISOString(), reason } }];
}

/**
 * Whether a bundle may be built now: the extract is approved and not yet generated, and the
 * actor prepares extracts. The application asks before building; the decider asks again.
 */
export function assertGeneratable(state: ExtractState, actor: Actor): ExtractCase {
  const existing = requireExisting(state);
  if (existing.status === 'requested') throw new InvalidStateError('EXTRACT.NOT_APPROVED', 'The extract is not approved yet: a supervisor or administrator other than the requester approves it first');
  if (existing.status !== 'approved') throw new InvalidStateError('EXTRACT.ALREADY_GENERATED', 'The extract was already generated; its bundle is on record and is not rebuilt');
  if (!EXTRACT_STAFF.includes(actor.role)) {
    throw new ForbiddenError('EXTRACT.NOT_STAFF', 'Extracts are generated by clerks, supervisors or administrators', { details: { allowedRoles: EXTRACT_STAFF } });
  }
  return existing;
}

function checkBundle(extract: ExtractCase, bundle: ExtractBundleRecord): void {
  // Personal data leaves the provider only where the legal basis allows it; otherwise it is redacted.
  if (bundle.personalData === 'included' && !extract.legalBasis.allowsPersonalData) {
    throw new RuleViolation('EXTRACT.PERSONAL_DATA_WITHOUT_BASIS', undefined, 'The legal basis of the extract does not allow personal data; the bundle must show it redacted', { legalBasis: extract.legalBasis.kind });
  }
  if (!HEX_HASH.test(bundle.sha256) || !HEX_HASH.test(bundle.manifestSha256) || bundle.files.some((f) => !HEX_HASH.test(f.sha256))) {
    throw new InvalidInputError('EXTRACT.INVALID_DIGEST', 'Every digest of a bundle is a hex SHA-256', { field: 'bundle' });
  }
  if (extract.knownCheckpointSize !== null && (bundle.knownCheckpointSize !== extract.knownCheckpointSize || bundle.checkpoint.treeSize < extract.knownCheckpointSize)) {
    throw new InvalidInputError('EXTRACT.CONSISTENCY_PROOF_MISSING', `The bundle must prove consistency with the checkpoint of size ${extract.knownCheckpointSize} the body holds`, { field: 'bundle.knownCheckpointSize' });
  }
}

function recordGenerated(command: Cmd<'RecordExtractGenerated'>, state: ExtractState, context: ExtractContext): ExtractEvent[] {
  const extract = assertGeneratable(state, context.actor);
  checkBundle(extract, command.data.bundle);
  return [{ type: 'ExtractGenerated', data: { bundle: command.data.bundle, generatedBy: staffOf(context.actor), generatedAt: context.now.toISOString() } }];
}

function deliver(command: Cmd<'DeliverExtract'>, state: ExtractState, context: ExtractContext): ExtractEvent[] {
  const existing = requireExisting(state);
  if (!existing.bundle) throw new InvalidStateError('EXTRACT.NOT_GENERATED', 'Nothing to deliver: the bundle is not generated yet');
  requireStaff(context, EXTRACT_STAFF, 'EXTRACT.NOT_STAFF', 'Deliveries are recorded by clerks, supervisors or administrators');
  const data = command.data;
  if (!DELIVERY_CHANNELS.includes(data.channel)) throw new InvalidInputError('EXTRACT.UNKNOWN_CHANNEL', `Unknown delivery channel ${String(data.channel)}`, { field: 'channel' });
  const deliveredAt = instant(data.deliveredAt, 'deliveredAt', context);
  if (deliveredAt.getTime() < new Date(existing.bundle.createdAt).getTime()) {
    throw new InvalidInputError('EXTRACT.DELIVERED_BEFORE_GENERATED', `The bundle was built at ${existing.bundle.createdAt}; it cannot have been delivered before`, { field: 'deliveredAt' });
  }
  const office = requireText(data.recipient.office, 'recipient.office', 'EXTRACT.RECIPIENT_MISSING');
  const reference = data.recipient.reference === null ? null : data.recipient.reference.trim() || null;
  return [
    {
      type: 'ExtractDelivered',
      data: { deliveryId: context.newId(), channel: data.channel, deliveredAt: deliveredAt.toISOString(), recipient: { office, reference }, bundleSha256: existing.bundle.sha256, recordedBy: staffOf(context.actor) },
    },
  ];
}

/** R-RET-03: only a retention run, which an administrator starts, deletes a kept bundle; the record says which and why. */
function purgeBundle(command: Cmd<'PurgeExtractBundle'>, state: ExtractState, context: ExtractContext): ExtractEvent[] {
  const existing = requireExisting(state);
  if (context.actor.role !== 'admin') {
    throw new ForbiddenError('EXTRACT.PURGE_NOT_ALLOWED', 'Only a retention run, started by an administrator, deletes a kept bundle', { rule: 'R-RET-03', details: { allowedRoles: ['admin'] } });
  }
  if (!existing.bundle) throw new InvalidStateError('EXTRACT.NOT_GENERATED', 'Nothing to purge: the bundle is not generated');
  if (existing.bundlePurge) {
    throw new InvalidStateError('EXTRACT.BUNDLE_ALREADY_PURGED', `The bundle was purged by retention run ${existing.bundlePurge.runId}`, { rule: 'R-RET-03', details: { purgedAt: existing.bundlePurge.purgedAt } });
  }
  const { runId, caseStreamId, bundleSha256 } = command.data;
  requireText(runId, 'runId', 'EXTRACT.RUN_REQUIRED');
  if (bundleSha256 !== existing.bundle.sha256) throw new InvalidInputError('EXTRACT.BUNDLE_DIGEST_MISMATCH', `The bundle on record has digest ${existing.bundle.sha256}`, { field: 'bundleSha256' });
  const verdict = bundlePurgeVerdict(existing, caseStreamId);
  if (!verdict.purge) {
    throw new RuleViolation('EXTRACT.BUNDLE_KEPT', 'R-RET-03', `The bundle is kept: ${verdict.reason === 'no_personal_data' ? 'it shows no personal data in plaintext' : `it does not cover ${caseStreamId}`}`, { reason: verdict.reason });
  }
  return [{ type: 'ExtractBundlePurged', data: { runId, caseStreamId, bundleSha256, purgedBy: staffOf(context.actor), purgedAt: context.now.toISOString(), rule: 'R-RET-03' } }];
}

/** The extract's decisions: request, four-eyes review, the record of what was generated, delivery, the purge of its bundle. */
export function decideExtract(command: ExtractCommand, state: ExtractState, context: ExtractContext): ExtractEvent[] {
  switch (command.type) {
    case 'RequestExtract':
      return request(command, state, context);
    case 'ApproveExtract':
      return approve(command, state, context);
    case 'RefuseExtract':
      return refuse(command, state, context);
    case 'RecordExtractGenerated':
      return recordGenerated(command, state, context);
    case 'DeliverExtract':
      return deliver(command, state, context);
    case 'PurgeExtractBundle':
      return purgeBundle(command, state, context);
    default:
      return assertNever(command, 'extract command');
  }
}
