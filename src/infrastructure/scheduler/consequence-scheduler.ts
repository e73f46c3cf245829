import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, type Clock } from '../../application/ports/clock.port.js';
import { CONSEQUENCE_ROUTER, type ConsequenceRouter } from '../../application/scheduling/consequence-router.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { CONSEQUENCE_SCHEDULE, type ScheduledConsequence } from '../../projections/consequence-schedule/consequence-schedule.projection.js';
import type { Database } from '../persistence/database.js';
import { sqlStateOf } from '../persistence/database.js';
import { DATABASE } from '../persistence/persistence.module.js';
import { liveTableOf, quoteIdentifier } from '../projections/document-table.js';

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
 * one acting. Each due row of the consequence schedule is claimed with FOR UPDATE SKIP LOCKED
 * and its command runs in the claiming transaction, so two instances never run the same one at
 * once. The command id is derived from the consequence id and the decider accepts a
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

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONSEQUENCE_ROUTER) private readonly router: ConsequenceRouter,
    @Inject(SCHEDULER_OPTIONS) private readonly options: SchedulerOptions,
  ) {}

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
        claimed = await this.db.transaction(async (tx) => {
          const skip = [...tried, ...[...this.failedUntil].filter(([, until]) => until > now.getTime()).map(([id]) => id)];
          const { rows } = await tx.query<{ doc: ScheduledConsequence }>(
            `SELECT doc FROM ${quoteIdentifier(liveTableOf(CONSEQUENCE_SCHEDULE))}
              WHERE doc->>'status' = 'pending' AND doc->>'dueAt' <= $1 AND NOT (id = ANY($2::text[]))
              ORDER BY doc->>'dueAt', id
              LIMIT 1
              FOR UPDATE SKIP LOCKED`,
            [now.toISOString(), skip],
          );
          const due = rows[0]?.doc;
          if (!due) return undefined;
          tried.add(due.consequenceId);
          current = due.consequenceId;
          const handler = this.router.route(due.streamType);
          if (!handler) throw new Error(`No route for consequences of ${due.streamType}`);
          const outcome = await handler(due.streamId, due.command, `system:consequence:${due.consequenceId}`);
          if (outcome.repeated || outcome.eventTypes.length === 0) pass.alreadySettled++;
          else pass.executed++;
          return due;
        });
      } catch (error) {
        if (sqlStateOf(error) === '42P01') break; // the schedule's table is not built yet
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
