import { Command } from '@nestjs/cqrs';
import type { RetentionSkip } from '../../../domain/retention/retention.decide.js';
import type { Actor } from '../../../domain/shared/actor.js';

/** What an operator asks for: a run as of a day (today by default), or only what it would do. */
export interface RetentionRunRequest {
  readonly actor: Actor;
  /** YYYY-MM-DD; today's Budapest date by the clock when absent. A real run cannot look ahead. */
  readonly asOf?: string;
  readonly dryRun: boolean;
  /** The Idempotency-Key: a repeat answers the recorded result. */
  readonly commandId: string | null;
  readonly correlationId: string;
  readonly channel: string;
}

/** A kept extract bundle that showed the case's personal data in plaintext, deleted by the run (or to be, in a dry run) (R-RET-03). */
export interface PurgedBundleReport {
  readonly extractId: string;
  readonly bundleSha256: string;
  /** The bundle the extract's stream records (`ExtractBundlePurged` names it); false for one built but never recorded. */
  readonly onRecord: boolean;
}

/**
 * A case whose retention of some record types expired in the run (or would, in a dry run): each
 * record type's date, those that expired now, those still kept, and the keys destroyed (R-LAW-09).
 */
export interface ExpiredCaseReport {
  readonly streamId: string;
  readonly caseType: string;
  readonly closedOn: string;
  /** Until when each record type of the case is kept. */
  readonly retainUntil: Readonly<Record<string, string>>;
  /** The record types whose retention ended in this run. */
  readonly recordTypes: readonly string[];
  /** The record types still kept, with their dates: erased by a later run; empty when the case expired whole. */
  readonly remaining: Readonly<Record<string, string>>;
  /** The keys destroyed in this run: the personal data only these record types needed. */
  readonly subjectIds: readonly string[];
  /** R-LAW-10: the call recordings (telephony ids) whose retention ended: to be deleted in the telephony system. */
  readonly callRecordings: readonly string[];
  /** The kept extract bundles of the case deleted with its personal data (R-RET-03). */
  readonly purgedBundles: readonly PurgedBundleReport[];
}

/** A case the run left alone although its date had come, and why. */
export type SkippedCaseReport =
  | RetentionSkip
  | {
      readonly streamId: string;
      readonly caseType: string;
      readonly retainUntil: string | null;
      /** The case's own stream disagreed with the index, or moved while the run wrote: the next run judges it again. */
      readonly reason: 'stream_moved' | 'refused';
      readonly code: string;
      readonly rule: string | null;
      /** Bundles deleted before the case's own record failed; the next run records the expiry. */
      readonly purgedBundles?: readonly PurgedBundleReport[];
    };

export interface RetentionRunResult {
  /** Null for a dry run, which records nothing. */
  readonly runId: string | null;
  readonly asOf: string;
  readonly dryRun: boolean;
  readonly counts: {
    /** Closed cases whose retention date had come (holds and shared keys included). */
    readonly candidates: number;
    readonly expired: number;
    readonly skipped: number;
    /** Subject keys destroyed by this run (a key shared by cases is counted once). */
    readonly keysDestroyed: number;
    /** Kept extract bundles deleted by this run (or to be, in a dry run) (R-RET-03). */
    readonly bundlesPurged: number;
  };
  readonly expired: readonly ExpiredCaseReport[];
  readonly skipped: readonly SkippedCaseReport[];
}

export interface RetentionRunOutcome {
  readonly result: RetentionRunResult;
  /** True when the Idempotency-Key was seen before and this is the recorded answer. */
  readonly repeated: boolean;
}

/** R-RET-01..03: expire the personal data of every case whose retention ended, except under a legal hold. */
export class RunRetentionCommand extends Command<RetentionRunOutcome> {
  constructor(readonly request: RetentionRunRequest) {
    super();
  }
}
