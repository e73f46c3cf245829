import { InvalidInputError, NotFoundError } from '../shared/domain-error.js';
import type { EventSchema } from '../shared/event-schema.js';
import type { PipelineCommand } from '../shared/pipeline-decider.js';
import type { ExternalBodyKind } from '../external-bodies/external-bodies.js';
import type { BodyOutcome } from './referral.types.js';

/**
 * R-ESC-02: the referral and its outcome are recorded on the case the customer took to the body,
 * linked both ways as escalations are (R-ESC-01): the referral names the case (`about`), and the
 * case, whatever its type, records each referral, its legal hold and how the proceeding ended.
 */

/** The referral as the referred case records it. */
export interface CaseReferredData {
  readonly referralId: string;
  readonly referralStreamId: string;
  /** The referral's entry in the recording unit's referral register, e.g. `BP/KSZ/2026/1`. */
  readonly registerEntry: string;
  readonly body: { readonly id: string; readonly kind: ExternalBodyKind; readonly name: string };
  readonly referredOn: string;
  /** R-RET-02: the legal hold the open proceeding keeps on this case. */
  readonly holdId: string;
  /** R-ESC-02: the body's handling time, for tracking. */
  readonly expectedDecisionBy: string | null;
}

export interface CaseReferralOutcomeData {
  readonly referralId: string;
  readonly outcome: BodyOutcome;
  readonly decidedOn: string;
  readonly appealPending: boolean;
}

export interface CaseReferralClosedData {
  readonly referralId: string;
  readonly closedOn: string;
  /** The hold lifted with the close (R-RET-02). */
  readonly holdLifted: string | null;
}

export type CaseReferralEvent =
  | { readonly type: 'CaseReferred'; readonly data: CaseReferredData }
  | { readonly type: 'CaseReferralOutcomeNoted'; readonly data: CaseReferralOutcomeData }
  | { readonly type: 'CaseReferralClosed'; readonly data: CaseReferralClosedData };

/** The command that appends a {@link CaseReferralEvent} to the referred case; built by {@link referralNoticesFor}. */
export type RecordCaseReferral = PipelineCommand<'RecordCaseReferral', CaseReferralEvent>;

/** Registered once, here, for every case type that carries them. */
export const caseReferralEventSchemas: readonly EventSchema[] = [
  { type: 'CaseReferred', schemaVersion: 1 },
  { type: 'CaseReferralOutcomeNoted', schemaVersion: 1 },
  { type: 'CaseReferralClosed', schemaVersion: 1 },
];

/** A referral as the referred case knows it. */
export interface CaseReferralView {
  readonly referral: CaseReferredData;
  readonly status: 'open' | 'decided' | 'closed';
  readonly outcome: CaseReferralOutcomeData | null;
  readonly closedOn: string | null;
  /** The hold in force on the case from this referral; null once lifted. */
  readonly holdId: string | null;
}

export function isCaseReferralEvent(event: { readonly type: string }): event is CaseReferralEvent {
  return event.type === 'CaseReferred' || event.type === 'CaseReferralOutcomeNoted' || event.type === 'CaseReferralClosed';
}

/** Folds the referral notices of a case. */
export function evolveCaseReferrals(referrals: Readonly<Record<string, CaseReferralView>>, event: CaseReferralEvent): Readonly<Record<string, CaseReferralView>> {
  const known = referrals[event.data.referralId];
  switch (event.type) {
    case 'CaseReferred':
      return { ...referrals, [event.data.referralId]: { referral: event.data, status: 'open', outcome: null, closedOn: null, holdId: event.data.holdId } };
    case 'CaseReferralOutcomeNoted':
      return known ? { ...referrals, [known.referral.referralId]: { ...known, status: 'decided', outcome: event.data } } : referrals;
    case 'CaseReferralClosed':
      return known ? { ...referrals, [known.referral.referralId]: { ...known, status: 'closed', closedOn: event.data.closedOn, holdId: null } } : referrals;
  }
}

/**
 * Decides `RecordCaseReferral` for any case type: `referrals` are those the case already
 * records, or null when the case does not exist. Idempotent: a notice already recorded adds
 * nothing, so a retried or replayed link is appended once. A closed case takes notices too.
 */
export function noteReferral(referrals: Readonly<Record<string, CaseReferralView>> | null, notice: CaseReferralEvent): CaseReferralEvent[] {
  if (referrals === null) throw new NotFoundError('REFERRAL.CASE_NOT_FOUND', 'The referred case does not exist', { referralId: notice.data.referralId });
  const known = referrals[notice.data.referralId];
  switch (notice.type) {
    case 'CaseReferred':
      if (notice.data.referralStreamId !== `referral-${notice.data.referralId}`) {
        throw new InvalidInputError('REFERRAL.INVALID_NOTICE', 'The notice does not name its referral stream', { field: 'referralStreamId', rule: 'R-ESC-02' });
      }
      return known ? [] : [notice];
    case 'CaseReferralOutcomeNoted':
      if (!known) throw new NotFoundError('REFERRAL.NOT_ON_CASE', 'The case records no such referral', { referralId: notice.data.referralId });
      return known.outcome ? [] : [notice];
    case 'CaseReferralClosed':
      if (!known) throw new NotFoundError('REFERRAL.NOT_ON_CASE', 'The case records no such referral', { referralId: notice.data.referralId });
      return known.status === 'closed' ? [] : [notice];
  }
}

/** What the referred case must record after a referral's events: every notice it may lack, in order. */
export function referralNoticesFor(events: readonly { readonly type: string; readonly data: unknown }[]): CaseReferralEvent[] {
  const notices: CaseReferralEvent[] = [];
  let referred: CaseReferredData | null = null;
  for (const event of events) {
    const d = event.data as Record<string, any>;
    if (event.type === 'ReferralRecorded') {
      referred = {
        referralId: d.referralId,
        referralStreamId: `referral-${d.referralId}`,
        registerEntry: d.registerEntry.entry,
        body: { id: d.body.id, kind: d.body.kind, name: d.body.name },
        referredOn: d.referredOn,
        holdId: `hold-referral-${d.referralId}`,
        expectedDecisionBy: d.handling?.expectedDecisionBy ?? null,
      };
      notices.push({ type: 'CaseReferred', data: referred });
    } else if (referred && event.type === 'ReferralOutcomeRecorded') {
      notices.push({ type: 'CaseReferralOutcomeNoted', data: { referralId: referred.referralId, outcome: d.outcome, decidedOn: d.decidedOn, appealPending: d.appealPending } });
    } else if (referred && event.type === 'ReferralClosed') {
      const lifted = events.find((e) => e.type === 'LegalHoldLifted');
      notices.push({ type: 'CaseReferralClosed', data: { referralId: referred.referralId, closedOn: d.closedOn, holdLifted: lifted ? (lifted.data as { holdId: string }).holdId : null } });
    }
  }
  return notices;
}

/** The referrals of a case in the order made, as a read model lists them. */
export function evolveReferralList(list: readonly CaseReferralView[], event: CaseReferralEvent): readonly CaseReferralView[] {
  return Object.values(evolveCaseReferrals(Object.fromEntries(list.map((r) => [r.referral.referralId, r])), event));
}
