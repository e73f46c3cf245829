import { userInfo } from 'node:os';
import { Inject } from '@nestjs/common';
import { Presets, SingleBar } from 'cli-progress';
import { Command, CommandRunner, Option } from 'nest-commander';
import { EVENT_STORE, type EventStore } from '../../application/ports/event-store.port.js';
import { VerificationRunsService } from '../audit/verification-runs.service.js';
import type { StoreIntegrityReport } from '../sealing/store-integrity.verifier.js';

@Command({ name: 'verify', description: 'Verify the whole store (hash chains and signed checkpoints, recorded as an event) or one stream (--stream)' })
export class VerifyCommand extends CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runs: VerificationRunsService,
  ) {
    super();
  }

  async run(_args: string[], options: { stream?: string; json?: boolean }): Promise<void> {
    if (options.stream) {
      const report = await this.store.verifyStream(options.stream);
      if (options.json) console.log(JSON.stringify(report, null, 2));
      else if (report.ok) console.log(`OK: ${report.eventsChecked} events in stream ${options.stream} verified.`);
      else console.log(`BROKEN: stream ${report.firstBroken!.streamId} version ${report.firstBroken!.streamVersion}: ${report.firstBroken!.reason}\n  ${report.firstBroken!.detail}`);
      if (!report.ok) process.exitCode = 2;
      return;
    }
    const bar = new SingleBar({ format: 'verify {phase} [{bar}] {percentage}% | {value}/{total} events', hideCursor: true }, Presets.shades_classic);
    const actor = { userId: `cli:${userInfo().username}`, role: 'auditor' as const, unit: null };
    const { run, finished } = await this.runs.start(actor, `cli-verify-${Date.now()}`);
    let shown = false;
    const progress = setInterval(() => {
      void this.runs.get(run.runId).then((r) => {
        if (options.json || r.total === 0) return;
        if (!shown) bar.start(r.total, 0, { phase: r.phase });
        shown = true;
        bar.update(r.done, { phase: r.phase });
      });
    }, 200);
    const done = await finished;
    clearInterval(progress);
    if (shown) bar.stop();
    if (!done.report) throw new Error(done.error ?? 'the verification did not finish');
    print(done.report, options.json ?? false, run.runId);
    if (!done.report.ok) process.exitCode = 2;
  }

  @Option({ flags: '--stream <id>', description: 'verify only this stream\'s hash chain' })
  parseStream(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print the report as JSON' })
  parseJson(): boolean {
    return true;
  }
}

function print(report: StoreIntegrityReport, json: boolean, runId: string): void {
  if (json) {
    console.log(JSON.stringify({ runId, ...report }, null, 2));
    return;
  }
  const { chains, seal } = report;
  if (chains.ok) console.log(`OK: ${chains.eventsChecked} events in ${chains.streamsChecked} streams verified.`);
  else {
    const b = chains.firstBroken!;
    console.log(`BROKEN: stream ${b.streamId}${b.streamVersion ? ` version ${b.streamVersion}` : ''}${b.globalPosition ? ` (position ${b.globalPosition})` : ''}: ${b.reason}\n  ${b.detail}`);
  }
  if (seal.ok) console.log(`OK: ${seal.eventsInLog} events match ${seal.checkpointsChecked} signed checkpoints.`);
  else console.log(`BROKEN SEAL: ${seal.firstProblem!.kind}: ${seal.firstProblem!.detail}`);
  console.log(`Recorded as verification run ${runId}.`);
}
