import { Inject, Injectable } from '@nestjs/common';
import { localDateOf, parseLocalDate, type LocalDate } from '../../domain/calendar/local-date.js';
import type { LegalHold } from '../../domain/referral/legal-hold.events.js';
import type { RetentionCase } from '../../domain/retention/retention-case.js';
import { planRetention, retentionVerdict } from '../../domain/retention/retention.decide.js';
import { RETENTION_RUNS_STREAM } from '../../domain/retention/retention.events.js';
import { fold } from '../../domain/shared/decider.js';
import { DomainError, InvalidInputError } from '../../domain/shared/domain-error.js';
import { CommandPipeline, commandFingerprint } from '../command-pipeline/command-pipeline.js';
import { StaleVersionError } from '../command-pipeline/command-pipeline.errors.js';
import { CLOCK, type Clock } from '../ports/clock.port.js';
import { POLICY_CATALOG, type PolicyCatalogPort } from '../ports/directories.port.js';
import { CommandIdReusedError } from '../ports/event-store.errors.js';
import { EVENT_STORE, type EventMetadata, type EventStore } from '../ports/event-store.port.js';
import { ID_GENERATOR, type IdGenerator } from '../ports/id-generator.port.js';
import { KEY_STORE, type KeyStore } from '../ports/key-store.port.js';
import { PROJECTION_STATUS, type ProjectionStatusReader } from '../ports/read-model.port.js';
import type { KeptCaseFileBundle } from '../extract/extract-index.port.js';
import { ExtractBundlePurger, plannedReports } from './extract-bundle-purger.js';
import { RETENTION_INDEX, RETENTION_INDEX_PROJECTION, type RetentionIndex } from './retention-index.port.js';
import { retentionCommandSpec } from './retention.command-spec.js';
import { RetentionIndexBehindError } from './retention.errors.js';
import type { ExpiredCaseReport, PurgedBundleReport, RetentionRunOutcome, RetentionRunRequest, RetentionRunResult, SkippedCaseReport } from './run-retention/run-retention.command.js';

const PAGE_SIZE = 200;

interface RunLedger {
  readonly expired: ExpiredCaseReport[];
  readonly skipped: SkippedCaseReport[];
  readonly destroyed: Set<string>;
  readonly purged: PurgedBundleReport[];
}

/**
 * The retention run (R-RET-01..03, R-LAW-09): finds the closed cases with a record type whose
 * retention ended in the retention index, leaves those under a legal hold or sharing a key with
 * a case still kept, and for each other one destroys the keys that only the expired record types
 * needed (never one a record type kept longer still protects), deletes the kept extract bundles showing
 * its personal data (recorded on each extract), and appends `RetentionExpired` through the
 * command pipeline at the version its decision saw. The run and its result are recorded on
 * `retention-runs`; a second run finds nothing left to do.
 */
@Injectable()
export class RetentionRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(POLICY_CATALOG) private readonly catalog: PolicyCatalogPort,
    @Inject(RETENTION_INDEX) private readonly index: RetentionIndex,
    @Inject(PROJECTION_STATUS) private readonly projections: ProjectionStatusReader,
    private readonly pipeline: CommandPipeline,
    private readonly purger: ExtractBundlePurger,
  ) {}

  /**
   * @throws InvalidInputError `RETENTION.AS_OF_IN_FUTURE` for a real run after today;
   *   RetentionIndexBehindError when the index does not catch up; CommandIdReusedError.
   */
  async run(request: RetentionRunRequest, options: { catchUpMillis?: number } = {}): Promise<RetentionRunOutcome> {
    const today = localDateOf(this.clock.now());
    const asOf = request.asOf === undefined ? today : parseLocalDate(request.asOf, 'asOf');
    if (!request.dryRun && asOf > today) {
      throw new InvalidInputError('RETENTION.AS_OF_IN_FUTURE', `A retention run cannot expire ahead of time: ${asOf} is after today (${today}); a dry run previews it`, { field: 'asOf', rule: 'R-RET-01' });
    }
    const fingerprint = commandFingerprint(RETENTION_RUNS_STREAM, { type: 'RunRetention', data: { asOf: request.asOf ?? null, dryRun: request.dryRun } });
    if (!request.dryRun && request.commandId) {
      const earlier = await this.store.findCommand(request.commandId);
      if (earlier) return this.replayed(earlier.fingerprint, fingerprint, request.commandId, earlier.result);
    }
    // R-RET-02: a hold placed a moment ago must be in the index before anything is judged by it.
    await this.awaitIndex(options.catchUpMillis ?? 30_000);

    const runId = request.dryRun ? null : this.ids.newId();
    const ledger: RunLedger = { expired: [], skipped: [], destroyed: new Set(), purged: [] };
    let candidates = 0;
    let cursor: string | null = null;
    do {
      const page = await this.index.candidates(asOf, cursor, PAGE_SIZE);
      candidates += page.items.length;
      const subjects = [...new Set(page.items.flatMap((t) => t.case.subjectIds.filter((s) => !t.case.destroyedSubjects.includes(s))))];
      const related = subjects.length > 0 ? await this.index.holdersOf(subjects) : [];
      const plan = planRetention(page.items, related, asOf);
      ledger.skipped.push(...plan.skipped);
      const kept = await this.purger.keptFor(plan.due.map((c) => c.streamId));
      for (const due of plan.due) {
        const holds = page.items.find((t) => t.case.streamId === due.streamId)?.holds ?? [];
        await this.expire(due, holds, kept.get(due.streamId) ?? [], asOf, runId, request, ledger);
      }
      cursor = page.nextCursor;
    } while (cursor !== null);

    const result: RetentionRunResult = {
      runId,
      asOf,
      dryRun: request.dryRun,
      counts: { candidates, expired: ledger.expired.length, skipped: ledger.skipped.length, keysDestroyed: ledger.destroyed.size, bundlesPurged: ledger.purged.length },
      expired: ledger.expired,
      skipped: ledger.skipped,
    };
    if (runId === null) return { result, repeated: false };
    return this.record(result, runId, request, fingerprint);
  }

  /** Judges the case again on its own stream, then shreds and records; the append expects the version judged. */
  private async expire(indexed: RetentionCase, holds: readonly LegalHold[], kept: readonly KeptCaseFileBundle[], asOf: LocalDate, runId: string | null, request: RetentionRunRequest, ledger: RunLedger): Promise<void> {
    const spec = retentionCommandSpec(indexed.streamId, indexed.caseType, this.catalog);
    const history = await this.store.readStream(indexed.streamId);
    const version = history.at(-1)?.streamVersion ?? 0;
    const state = fold(spec.decider, history.map((e) => ({ type: e.type, data: e.data })));
    const verdict = state ? retentionVerdict(state, holds, asOf) : null;
    if (!state || !verdict?.due) {
      // Expired by a run the index had not seen yet: nothing left to do.
      if (verdict && !verdict.due && verdict.reason === 'expired') return;
      ledger.skipped.push({ streamId: indexed.streamId, caseType: indexed.caseType, retainUntil: indexed.retainUntil, reason: 'stream_moved', code: `RETENTION.${(verdict && !verdict.due ? verdict.reason : 'no_case').toUpperCase()}`, rule: null });
      return;
    }
    const { stage } = verdict;
    const report: ExpiredCaseReport = {
      streamId: state.streamId,
      caseType: state.caseType,
      closedOn: state.closedOn!,
      retainUntil: state.retainUntilByType,
      recordTypes: stage.recordTypes,
      remaining: stage.remaining,
      subjectIds: stage.subjectIds,
      callRecordings: stage.callRecordings,
      purgedBundles: [],
    };
    // A kept extract shows the case's personal data: it goes with the first stage that destroys any of it.
    const plans = stage.subjectIds.length > 0 ? await this.purger.plan(state.streamId, kept) : [];
    if (runId === null) {
      const purgedBundles = plannedReports(plans);
      ledger.purged.push(...purgedBundles);
      ledger.expired.push({ ...report, purgedBundles });
      return;
    }
    // R-RET-03, in this order: keys, then the kept extract bundles (each purge recorded, then deleted), then
    // `RetentionExpired`. Each step is idempotent and the case stays due until the last, so a run that
    // stops anywhere is finished by the next; never a `RetentionExpired` for a shredding or purge not done.
    for (const subjectId of stage.subjectIds) {
      const { destroyed } = await this.keys.destroy(subjectId, `retention of ${stage.recordTypes.join(', ')} of ${state.streamId} ended (run ${runId}, R-RET-03)`);
      if (destroyed) ledger.destroyed.add(subjectId);
    }
    const { purged: purgedBundles, refused } = await this.purger.purge(plans, state.streamId, runId, request);
    ledger.purged.push(...purgedBundles);
    const partly = purgedBundles.length > 0 ? { purgedBundles } : {};
    if (refused) {
      ledger.skipped.push({ streamId: state.streamId, caseType: state.caseType, retainUntil: state.retainUntil, reason: 'refused', code: refused.code, rule: refused.rule ?? null, ...partly });
      return;
    }
    try {
      await this.pipeline.execute(spec, {
        command: { type: 'ExpireRetention', data: { runId, asOf, holds } },
        commandId: `retention:${runId}:${state.streamId}`,
        actor: request.actor,
        channel: request.channel,
        correlationId: request.correlationId,
        causationId: request.commandId ?? runId,
        expectedVersion: version,
      });
      ledger.expired.push({ ...report, purgedBundles });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const reason = error instanceof StaleVersionError ? 'stream_moved' : 'refused';
      ledger.skipped.push({ streamId: state.streamId, caseType: state.caseType, retainUntil: state.retainUntil, reason, code: error.code, rule: error.rule ?? null, ...partly });
    }
  }

  /** The run on record, with its result stored under the Idempotency-Key in the same append. */
  private async record(result: RetentionRunResult, runId: string, request: RetentionRunRequest, fingerprint: string): Promise<RetentionRunOutcome> {
    const now = this.clock.now();
    const metadata: EventMetadata = {
      correlationId: request.correlationId,
      causationId: request.commandId ?? runId,
      actor: request.actor,
      channel: request.channel,
      policyVersion: 'none',
      businessTime: now.toISOString(),
      ...(request.commandId ? { commandId: request.commandId } : {}),
    };
    const stored = result as unknown as Record<string, unknown>;
    const appended = await this.store.append({
      streams: [{ streamId: RETENTION_RUNS_STREAM, streamType: 'retention', expectedVersion: 'any', events: [{ eventId: this.ids.newId(), type: 'RetentionRunCompleted', data: stored, metadata }] }],
      ...(request.commandId ? { command: { commandId: request.commandId, fingerprint, result: stored } } : {}),
    });
    if (appended.status === 'command_repeated') return this.replayed(fingerprint, fingerprint, request.commandId!, appended.result);
    return { result, repeated: false };
  }

  private replayed(stored: string, given: string, commandId: string, result: Record<string, unknown>): RetentionRunOutcome {
    if (stored !== given) throw new CommandIdReusedError(commandId);
    return { result: result as unknown as RetentionRunResult, repeated: true };
  }

  /** Waits until the retention index has applied everything recorded before the run started. */
  private async awaitIndex(timeoutMillis: number): Promise<void> {
    const started = Date.now();
    let head: number | null = null;
    for (;;) {
      const status = (await this.projections.statuses()).find((s) => s.name === RETENTION_INDEX_PROJECTION);
      if (status) {
        head ??= status.headPosition;
        if (status.lag === 0 || status.checkpoint.position >= head) return;
      }
      if (Date.now() - started >= timeoutMillis) throw new RetentionIndexBehindError(timeoutMillis);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
