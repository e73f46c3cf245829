import type { LocalDate } from '../calendar/local-date.js';
import type { LegalHold } from '../referral/legal-hold.events.js';
import { assertNever } from '../shared/decider.js';
import { InvalidStateError } from '../shared/domain-error.js';
import type { PipelineDecider } from '../shared/pipeline-decider.js';
import { evolveRetentionCase, retentionStage, type PolicyLookup, type RetentionCase, type RetentionStage } from './retention-case.js';
import type { RetentionExpiredEvent } from './retention.events.js';

/** Whether a case's personal data may be shredded on a day, and if not, why. */
export type RetentionVerdict =
  | { readonly due: true; readonly retainUntil: string; readonly stage: RetentionStage }
  | { readonly due: false; readonly reason: 'open' }
  /** R-RET-01: a record type's retention has not ended yet. */
  | { readonly due: false; readonly reason: 'retained'; readonly retainUntil: string | null }
  /** R-RET-02: a legal hold suspends the expiry until it is lifted. */
  | { readonly due: false; readonly reason: 'legal_hold'; readonly retainUntil: string; readonly holds: readonly LegalHold[] }
  | { readonly due: false; readonly reason: 'expired'; readonly expiredAsOf: string };

/**
 * R-RET-01, R-RET-02, R-RET-03: a case is due on `asOf` when it is closed, the retention of
 * some record type not yet expired ended on or before that day, and no legal hold names it;
 * the stage says which record types expire and which keys nothing kept longer still needs.
 */
export function retentionVerdict(c: RetentionCase, holds: readonly LegalHold[], asOf: LocalDate): RetentionVerdict {
  if (c.expired) return { due: false, reason: 'expired', expiredAsOf: c.expired.asOf };
  if (c.status !== 'closed') return { due: false, reason: 'open' };
  const stage = retentionStage(c, asOf);
  if (!stage) return { due: false, reason: 'retained', retainUntil: c.nextDue };
  const open = holds.filter((h) => h.caseStreamId === c.streamId);
  if (open.length > 0) return { due: false, reason: 'legal_hold', retainUntil: c.nextDue ?? c.retainUntil!, holds: open };
  return { due: true, retainUntil: c.retainUntil!, stage };
}

/** A case as the retention index knows it: its fold and the legal holds in force on it. */
export interface TrackedCase {
  readonly case: RetentionCase;
  readonly holds: readonly LegalHold[];
}

/** A case whose retention ended but which the run leaves alone, and why. */
export type RetentionSkip =
  | { readonly streamId: string; readonly caseType: string; readonly retainUntil: string; readonly reason: 'legal_hold'; readonly rule: 'R-RET-02'; readonly holds: readonly LegalHold[] }
  | {
      readonly streamId: string;
      readonly caseType: string;
      readonly retainUntil: string;
      /** A data subject's key also encrypts another case whose records are still kept (R-RET-01). */
      readonly reason: 'subject_retained';
      readonly rule: 'R-RET-01';
      readonly retainedBy: readonly { readonly streamId: string; readonly status: string; readonly retainUntil: string | null }[];
    };

export interface RetentionPlan {
  /** The cases to expire, each with every subject key it holds. */
  readonly due: readonly RetentionCase[];
  readonly skipped: readonly RetentionSkip[];
}

/**
 * Which of `candidates` expire on `asOf`. A subject key is shared where a case carried the
 * customer's data on (a referral, a fault report from a site inspection, a contract formed from
 * an offer): such a key is destroyed only when every case holding it is due or expired, so no
 * record loses its personal data before its own retention ends (R-RET-01). `related` are the
 * other cases holding the candidates' subjects.
 */
export function planRetention(candidates: readonly TrackedCase[], related: readonly TrackedCase[], asOf: LocalDate): RetentionPlan {
  const all = new Map<string, TrackedCase>();
  for (const t of [...related, ...candidates]) all.set(t.case.streamId, t);
  const verdicts = new Map([...all.values()].map((t) => [t.case.streamId, retentionVerdict(t.case, t.holds, asOf)] as const));
  const due = new Set([...verdicts].filter(([, v]) => v.due).map(([id]) => id));
  const holders = new Map<string, string[]>();
  for (const t of all.values()) for (const s of t.case.subjectIds) holders.set(s, [...(holders.get(s) ?? []), t.case.streamId]);

  // A key may go only when every other case holding it no longer needs it: expired, destroyed it, or destroys it in this run.
  const releases = (other: string, subject: string): boolean => {
    const verdict = verdicts.get(other);
    const c = all.get(other)?.case;
    if (!verdict || !c) return false;
    if (!verdict.due && verdict.reason === 'expired') return true;
    if (c.destroyedSubjects.includes(subject)) return true;
    return due.has(other) && verdict.due && verdict.stage.subjectIds.includes(subject);
  };
  const retainedBy = new Map<string, Set<string>>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of [...due]) {
      const verdict = verdicts.get(id)!;
      const destroying = verdict.due ? verdict.stage.subjectIds : [];
      const blockers = destroying.flatMap((s) => (holders.get(s) ?? []).filter((other) => other !== id && !releases(other, s)));
      if (blockers.length === 0) continue;
      due.delete(id);
      retainedBy.set(id, new Set(blockers));
      changed = true;
    }
  }

  const skipped: RetentionSkip[] = [];
  const expiring: RetentionCase[] = [];
  for (const { case: c } of candidates) {
    const verdict = verdicts.get(c.streamId)!;
    if (due.has(c.streamId)) expiring.push(c);
    else if (!verdict.due && verdict.reason === 'legal_hold') {
      skipped.push({ streamId: c.streamId, caseType: c.caseType, retainUntil: verdict.retainUntil, reason: 'legal_hold', rule: 'R-RET-02', holds: verdict.holds });
    } else if (retainedBy.has(c.streamId)) {
      const by = [...retainedBy.get(c.streamId)!].map((id) => all.get(id)!.case).map((o) => ({ streamId: o.streamId, status: o.status, retainUntil: o.retainUntil }));
      skipped.push({ streamId: c.streamId, caseType: c.caseType, retainUntil: c.nextDue ?? c.retainUntil!, reason: 'subject_retained', rule: 'R-RET-01', retainedBy: by });
    }
  }
  return { due: expiring, skipped };
}

/** The run's command to one case: expire it as of `asOf` unless one of `holds` names it. */
export interface ExpireRetention {
  readonly type: 'ExpireRetention';
  readonly data: { readonly runId: string; readonly asOf: LocalDate; readonly holds: readonly LegalHold[] };
}

/** Any event of the case's stream, as the pipeline folds it. */
export interface CaseStreamEvent {
  readonly type: string;
  readonly data: unknown;
}

/** Refuses to expire a case that is not due, naming the rule that keeps it. */
function refusal(verdict: Exclude<RetentionVerdict, { due: true }>, streamId: string): InvalidStateError {
  switch (verdict.reason) {
    case 'open':
      return new InvalidStateError('RETENTION.CASE_OPEN', `Case ${streamId} is not closed: its retention has not started`, { rule: 'R-RET-01' });
    case 'retained':
      return new InvalidStateError('RETENTION.NOT_YET_DUE', `Case ${streamId} is kept until ${verdict.retainUntil ?? '(no date)'}`, { rule: 'R-RET-01', details: { retainUntil: verdict.retainUntil } });
    case 'legal_hold':
      return new InvalidStateError('RETENTION.LEGAL_HOLD', `A legal hold suspends the expiry of case ${streamId}`, { rule: 'R-RET-02', details: { holds: verdict.holds } });
    case 'expired':
      return new InvalidStateError('RETENTION.ALREADY_EXPIRED', `The retention of case ${streamId} already expired (as of ${verdict.expiredAsOf})`, { rule: 'R-RET-03' });
    default:
      return assertNever(verdict, 'retention verdict');
  }
}

/**
 * The retention decider of one case stream: folds the case's own events (whatever its type) and
 * decides `ExpireRetention` by {@link retentionVerdict}. Run by the command pipeline, so the
 * event is appended at the version this decision saw.
 */
export function retentionDecider(streamId: string, policies: PolicyLookup): PipelineDecider<ExpireRetention, CaseStreamEvent, RetentionCase | null> {
  return {
    initialState: null,
    evolve: (state, event) => evolveRetentionCase(state, { streamId, type: event.type, data: event.data as Record<string, unknown> }, policies),
    decide: (command, state) => {
      if (state === null) throw new InvalidStateError('RETENTION.NO_CASE', `No case with retention in stream ${streamId}`);
      const verdict = retentionVerdict(state, command.data.holds, command.data.asOf);
      if (!verdict.due) throw refusal(verdict, streamId);
      const { stage } = verdict;
      const expired: RetentionExpiredEvent = {
        type: 'RetentionExpired',
        data: {
          runId: command.data.runId,
          asOf: command.data.asOf,
          caseType: state.caseType,
          closedOn: state.closedOn!,
          retainUntil: state.retainUntilByType,
          recordTypes: stage.recordTypes,
          subjectIds: stage.subjectIds,
          remaining: stage.remaining,
          callRecordings: stage.callRecordings,
          policyVersion: state.policyVersion ?? 'none',
          rule: 'R-RET-03',
        },
      };
      return [expired];
    },
  };
}
