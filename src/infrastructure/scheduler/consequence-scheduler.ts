import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, Optional } from '@nestjs/common';
import { CLOCK, type Clock } from '../../application/ports/clock.port.js';
import { CONSEQUENCE_ROUTER, type ConsequenceRouter } from '../../application/scheduling/consequence-router.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { ScheduledConsequence } from '../../projections/consequence-schedule/consequence-schedule.projection.js';
import type { Database } from '../persistence/database.js';
import { DATABASE } from '../persistence/persistence.module.js';
import { MongoReadModelStore } from '../projections/mongodb/mongo.read-model.store.js';
import { READ_MODEL_STORE } from '../projections/projections.service.js';
import type { ReadModelStore } from '../projections/read-model.store.js';
import { type ConsequenceClaims, MongoConsequenceClaims, SqlConsequenceClaims } from './consequence-claims.js';

export interface SchedulerOptions {
  /** Run the loop in this process. */
  readonly enabled: boolean;
  /** How often due consequences are looked for. */
  readonly intervalMs: number;
  /** A consequence whose command failed is not tried again before this. */
  readonly retryAfterMs: number;
}

export const SCHEDULER_OPTIONS = Symbol('SchedulerOptions');

export interface SchedulerPass {
  readonly executed: number;
  readonly alreadySettled: number;
  readonly failed: number;
}

/**
 * Sends the commands of due consequences (an offer lapsing, a notice period ending) with no
 * one acting. Each due row of the consequence schedule is claimed (FOR UPDATE SKIP LOCKED in
 * SQL, a claim document with a lease in MongoDB) and its command runs while claimed, so two
 * instances never run the same one at once. The command id is derived from the consequence id and the decider accepts a
 * consequence only while it is pending: a run repeated after a crash or restart is answered
 * with the first result and appends nothing.
 */
@Injectable()
export class ConsequenceScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SchedulerPass> | undefined;
  private stopped = false;
  private readonly failedUntil = new Map<string, number>();
  private readonly claims: ConsequenceClaims;

  constructor(
    @Inject(DATABASE) db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONSEQUENCE_ROUTER) private readonly router: ConsequenceRouter,
    @Inject(SCHEDULER_OPTIONS) private readonly options: SchedulerOptions,
    @Optional() @Inject(READ_MODEL_STORE) readStore?: ReadModelStore<unknown> | null,
  ) {
    this.claims = readStore instanceof MongoReadModelStore ? new MongoConsequenceClaims(readStore) : new SqlConsequenceClaims(db);
  }

  onApplicationBootstrap(): void {
    if (this.options.enabled) this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runDue().catch((error: unknown) => {
        this.logger.error({ err: error }, 'scheduler pass failed');
        return { executed: 0, alreadySettled: 0, failed: 0 };
      });
      void this.running.finally(() => this.schedule(this.options.intervalMs));
    }, delay);
    this.timer.unref();
  }

  /** One pass: every consequence due now, one transaction each. */
  async runDue(): Promise<SchedulerPass> {
    const pass = { executed: 0, alreadySettled: 0, failed: 0 };
    const tried = new Set<string>();
    while (!this.stopped) {
      const now = this.clock.now();
      let claimed: ScheduledConsequence | undefined;
      let current: string | undefined;
      try {
        const skip = [...tried, ...[...this.failedUntil].filter(([, until]) => until > now.getTime()).map(([id]) => id)];
        claimed = await this.claims.runNext(now, skip, async (due) => {
          tried.add(due.consequenceId);
          current = due.consequenceId;
          const handler = this.router.route(due.streamType);
          if (!handler) throw new Error(`No route for consequences of ${due.streamType}`);
          const outcome = await handler(due.streamId, due.command, `system:consequence:${due.consequenceId}`);
          if (outcome.repeated || outcome.eventTypes.length === 0) pass.alreadySettled++;
          else pass.executed++;
        });
      } catch (error) {
        if (!current) throw error;
        pass.failed++;
        this.failedUntil.set(current, now.getTime() + this.options.retryAfterMs);
        const level = error instanceof DomainError ? 'warn' : 'error';
        this.logger[level]({ err: error, consequenceId: current }, 'a due consequence could not be recorded; it will be tried again');
        continue;
      }
      if (!claimed) break;
      this.failedUntil.delete(claimed.consequenceId);
    }
    return pass;
  }
}
