import { userInfo } from 'node:os';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { RetentionRunner } from '../../application/retention/retention-runner.js';
import type { RetentionRunResult, SkippedCaseReport } from '../../application/retention/run-retention/run-retention.command.js';
import { ProjectionsService } from '../projections/projections.service.js';

@SubCommand({ name: 'run', description: 'Expire the personal data of every closed case whose retention ended, except under a legal hold; recorded as a run (R-RET-01..03)' })
export class RetentionRunCommand extends CommandRunner {
  constructor(
    @Inject(RetentionRunner) private readonly runner: RetentionRunner,
    @Inject(ProjectionsService) private readonly projections: ProjectionsService,
  ) {
    super();
  }

  async run(_args: string[], options: { asOf?: string; dryRun?: boolean; json?: boolean }): Promise<void> {
    const actor = { userId: `cli:${userInfo().username}`, role: 'admin' as const, unit: null };
    // The run judges by the retention index: keep it current from here too (a running service keeps its lease).
    await this.projections.start();
    try {
      const { result } = await this.runner.run(
        { actor, ...(options.asOf ? { asOf: options.asOf } : {}), dryRun: options.dryRun ?? false, commandId: null, correlationId: `cli-retention-${Date.now()}`, channel: 'cli' },
        { catchUpMillis: 300_000 },
      );
      console.log(options.json ? JSON.stringify(result, null, 2) : describe(result));
    } finally {
      await this.projections.stop();
    }
  }

  @Option({ flags: '--as-of <date>', description: 'judge retention as of this day (YYYY-MM-DD); today by default, never later for a real run' })
  parseAsOf(value: string): string {
    return value;
  }

  @Option({ flags: '--dry-run', description: 'only report what would expire; destroy and record nothing' })
  parseDryRun(): boolean {
    return true;
  }

  @Option({ flags: '--json', description: 'print the result as JSON' })
  parseJson(): boolean {
    return true;
  }
}

@Command({ name: 'retention', description: 'Retention of personal data (R-RET-01..03)', subCommands: [RetentionRunCommand] })
export class RetentionCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.outputHelp();
  }
}

/** Every provider the `retention` command needs registered in the CLI module (besides the runner's). */
export const RETENTION_COMMANDS = [RetentionCommand, RetentionRunCommand];

function why(skip: SkippedCaseReport): string {
  switch (skip.reason) {
    case 'legal_hold':
      return `legal hold (R-RET-02): ${skip.holds.map((h) => `${h.reason}, since ${h.placedOn}`).join('; ')}`;
    case 'subject_retained':
      return `a subject key also serves ${skip.retainedBy.map((c) => `${c.streamId} (${c.status}${c.retainUntil ? `, kept until ${c.retainUntil}` : ''})`).join(', ')} (R-RET-01)`;
    default:
      return `${skip.reason}: ${skip.code}`;
  }
}

function describe(result: RetentionRunResult): string {
  const { counts } = result;
  const head = result.dryRun
    ? `Dry run as of ${result.asOf}: ${counts.expired} would expire, ${counts.bundlesPurged} extract bundles would be deleted, ${counts.skipped} skipped; nothing was changed.`
    : `Retention run ${result.runId} as of ${result.asOf}: ${counts.expired} expired, ${counts.skipped} skipped, ${counts.keysDestroyed} subject keys destroyed, ${counts.bundlesPurged} extract bundles deleted.`;
  const lines = [
    head,
    ...result.expired.flatMap((e) => [
      `  ${result.dryRun ? 'due    ' : 'expired'} ${e.streamId} (${e.caseType}, closed ${e.closedOn}): ${e.recordTypes.join(', ')}${Object.keys(e.remaining).length > 0 ? `; still kept: ${Object.entries(e.remaining).map(([type, until]) => `${type} until ${until}`).join(', ')}` : ''}`,
      `    record types: ${Object.entries(e.retainUntil).sort(([, a], [, b]) => a.localeCompare(b)).map(([type, until]) => `${type} ${until}`).join(', ')}`,
      ...(e.callRecordings.length > 0 ? [`    delete in the telephony system: ${e.callRecordings.join(', ')} (R-LAW-10)`] : []),
      ...e.purgedBundles.map((b) => `    ${result.dryRun ? 'would delete' : 'deleted'} the bundle ${b.bundleSha256} of extract ${b.extractId} (R-RET-03)`),
    ]),
    ...result.skipped.map((s) => `  skipped ${s.streamId}: ${why(s)}`),
  ];
  return lines.join('\n');
}
