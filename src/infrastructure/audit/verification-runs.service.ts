import { Inject, Injectable, Logger } from '@nestjs/common';
import { REAL_TIME_CLOCK, type Clock } from '../../application/ports/clock.port.js';
import { EVENT_STORE, type EventStore } from '../../application/ports/event-store.port.js';
import { ID_GENERATOR, type IdGenerator } from '../../application/ports/id-generator.port.js';
import type { Actor } from '../../domain/shared/actor.js';
import { NotFoundError } from '../../domain/shared/domain-error.js';
import { StoreIntegrityVerifier, type StoreIntegrityReport } from '../sealing/store-integrity.verifier.js';

/** Every whole-store verification and its result is itself on record. */
export const VERIFICATION_STREAM = 'audit-verifications';

export interface VerificationRun {
  readonly runId: string;
  readonly startedBy: string;
  readonly startedAt: string;
  readonly status: 'running' | 'completed' | 'failed';
  readonly phase: 'chains' | 'seal' | 'done';
  readonly done: number;
  readonly total: number;
  readonly report: StoreIntegrityReport | null;
  readonly error: string | null;
}

/**
 * Runs whole-store verifications in the background with progress, and records the start
 * and the result of each as events, so that the check itself is part of the audit trail.
 */
@Injectable()
export class VerificationRunsService {
  private readonly logger = new Logger('Verification');
  private readonly runs = new Map<string, VerificationRun>();

  constructor(
    private readonly verifier: StoreIntegrityVerifier,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REAL_TIME_CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** Starts a run; the returned promise settles when it is done (callers may ignore it). */
  async start(actor: Actor, correlationId: string): Promise<{ run: VerificationRun; finished: Promise<VerificationRun> }> {
    const runId = this.ids.newId();
    const startedAt = this.clock.now().toISOString();
    await this.record(actor, correlationId, 'StoreVerificationStarted', { runId });
    let run: VerificationRun = { runId, startedBy: actor.userId, startedAt, status: 'running', phase: 'chains', done: 0, total: 0, report: null, error: null };
    this.runs.set(runId, run);
    const finished = this.verifier
      .verify((phase, done, total) => {
        run = { ...run, phase, done, total };
        this.runs.set(runId, run);
      })
      .then(async (report) => {
        run = { ...run, status: 'completed', phase: 'done', report };
        this.runs.set(runId, run);
        await this.record(actor, correlationId, 'StoreVerificationCompleted', { runId, ok: report.ok, chains: report.chains, seal: report.seal });
        return run;
      })
      .catch(async (error: unknown) => {
        run = { ...run, status: 'failed', error: (error as Error).message };
        this.runs.set(runId, run);
        this.logger.error({ err: error, runId }, 'verification run failed');
        await this.record(actor, correlationId, 'StoreVerificationFailed', { runId, error: (error as Error).message }).catch(() => undefined);
        return run;
      });
    return { run, finished };
  }

  /** A run's progress in this process, or its recorded result from any process. */
  async get(runId: string): Promise<VerificationRun> {
    const live = this.runs.get(runId);
    if (live) return live;
    const events = await this.store.readStream(VERIFICATION_STREAM);
    const started = events.find((e) => e.type === 'StoreVerificationStarted' && e.data.runId === runId);
    if (!started) throw new NotFoundError('AUDIT.NO_SUCH_VERIFICATION', `No verification run ${runId}`, { runId });
    const ended = events.find((e) => (e.type === 'StoreVerificationCompleted' || e.type === 'StoreVerificationFailed') && e.data.runId === runId);
    const base = { runId, startedBy: started.metadata.actor.userId, startedAt: started.recordedAt.toISOString(), done: 0, total: 0 };
    if (!ended) return { ...base, status: 'failed', phase: 'chains', report: null, error: 'the process running it stopped before it finished' };
    if (ended.type === 'StoreVerificationFailed') return { ...base, status: 'failed', phase: 'done', report: null, error: String(ended.data.error) };
    const { ok, chains, seal } = ended.data as unknown as StoreIntegrityReport;
    return { ...base, status: 'completed', phase: 'done', report: { ok, chains, seal }, error: null };
  }

  private async record(actor: Actor, correlationId: string, type: string, data: Record<string, unknown>): Promise<void> {
    await this.store.append({
      streams: [
        {
          streamId: VERIFICATION_STREAM,
          streamType: 'audit',
          expectedVersion: 'any',
          events: [{ eventId: this.ids.newId(), type, data, metadata: { correlationId, causationId: correlationId, actor, channel: 'internal_api', policyVersion: 'none', businessTime: this.clock.now().toISOString() } }],
        },
      ],
    });
  }
}
