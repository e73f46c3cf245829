import { Inject } from '@nestjs/common';
import { Presets, SingleBar } from 'cli-progress';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { ProjectionStatusService } from '../projections/projection-status.service.js';
import { statusTable } from '../projections/projection-status.table.js';
import { ProjectionsService } from '../projections/projections.service.js';

@SubCommand({ name: 'status', description: 'Show each projection: state, position, lag, last error, parked event' })
export class ProjectionsStatusCommand extends CommandRunner {
  constructor(@Inject(ProjectionStatusService) private readonly status: ProjectionStatusService) {
    super();
  }

  async run(_args: string[], options: { json?: boolean }): Promise<void> {
    const statuses = await this.status.statuses();
    if (options.json) console.log(JSON.stringify(statuses, null, 2));
    else console.log(statusTable(statuses));
    // Scripts and probes read unhealthy from the exit code.
    if (!statuses.every((s) => s.healthy)) process.exitCode = 2;
  }

  @Option({ flags: '--json', description: 'print the statuses as JSON' })
  parseJson(): boolean {
    return true;
  }
}

@SubCommand({ name: 'rebuild', arguments: '<name>', description: 'Rebuild a projection into a fresh table and switch over when caught up' })
export class ProjectionsRebuildCommand extends CommandRunner {
  constructor(@Inject(ProjectionsService) private readonly projections: ProjectionsService) {
    super();
  }

  async run([name]: string[], options: { progress?: boolean }): Promise<void> {
    const showBar = options.progress !== false;
    const bar = new SingleBar({ format: `rebuild ${name} [{bar}] {percentage}% | {value}/{total} events`, hideCursor: true }, Presets.shades_classic);
    let started = false;
    try {
      const result = await this.projections.rebuild(name!, {
        onProgress: (processed, total) => {
          if (!showBar) return;
          if (!started) {
            bar.start(total, processed);
            started = true;
          }
          bar.setTotal(total);
          bar.update(processed);
        },
      });
      if (started) bar.stop();
      console.log(`Rebuilt ${result.projection} (version ${result.version}) from ${result.processed} events; live at position ${result.checkpoint.position}.`);
    } catch (error) {
      if (started) bar.stop();
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    }
  }

  @Option({ flags: '--no-progress', description: 'no progress bar' })
  parseNoProgress(): boolean {
    return false;
  }
}

@SubCommand({ name: 'resume', arguments: '<name>', description: 'Retry the parked event of a projection (the instance running it does)' })
export class ProjectionsResumeCommand extends CommandRunner {
  constructor(@Inject(ProjectionsService) private readonly projections: ProjectionsService) {
    super();
  }

  async run([name]: string[]): Promise<void> {
    try {
      await this.projections.resume(name!);
      console.log(`Resume of ${name} requested; the instance running it retries the parked event. Check with \`projections status\`.`);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    }
  }
}

@Command({
  name: 'projections',
  description: 'Projection status, rebuild and resume',
  subCommands: [ProjectionsStatusCommand, ProjectionsRebuildCommand, ProjectionsResumeCommand],
})
export class ProjectionsCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.outputHelp();
  }
}

/** Every provider the `projections` command needs registered in the CLI module. */
export const PROJECTIONS_COMMANDS = [ProjectionsCommand, ProjectionsStatusCommand, ProjectionsRebuildCommand, ProjectionsResumeCommand];
