import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { CONTRACT_STREAM_TYPE } from '../../domain/contract/contract-in-force/contract.decide.js';
import { CONNECTION_STREAM_TYPE } from '../../domain/contract/connection/connection.decide.js';
import { COUNTER_OFFER_STREAM_TYPE } from '../../domain/contract/counter-offer/counter-offer.decide.js';
import { OFFER_STREAM_TYPE } from '../../domain/contract/offer/offer.decide.js';
import { FAULT_REPORT_STREAM_TYPE } from '../../domain/dispatch/fault-report.decider.js';
import { ESCALATION_STREAM_TYPE } from '../../domain/escalation/escalation.decider.js';
import { REFERRAL_STREAM_TYPE } from '../../domain/referral/referral.decider.js';
import type { AppConfig } from '../config/app-config.js';
import type { Database } from '../persistence/database.js';
import { APP_CONFIG, DATABASE } from '../persistence/persistence.module.js';
import { ProjectionStatusService } from '../projections/projection-status.service.js';
import { ProjectionsService } from '../projections/projections.service.js';
import { DEMO_CASE_STREAMS, DEMO_USERS, DemoSeeder, type DemoSeedResult, type SeededCase } from './demo/demo-seeder.js';

const CASE_STREAM_TYPES = ['complaint', FAULT_REPORT_STREAM_TYPE, ESCALATION_STREAM_TYPE, REFERRAL_STREAM_TYPE, CONNECTION_STREAM_TYPE, OFFER_STREAM_TYPE, COUNTER_OFFER_STREAM_TYPE, CONTRACT_STREAM_TYPE];

/** How long the seed waits for the projections to build the registers from its events. */
const READ_MODELS_TIMEOUT_MS = 120_000;

type ReadModels = { readonly state: 'built' } | { readonly state: 'behind'; readonly lagging: readonly string[] } | { readonly state: 'parked'; readonly parked: readonly string[] };

@SubCommand({
  name: 'seed',
  description: 'Fill the database with a few demo cases of every kind through the application’s commands (a rerun adds nothing); never with NODE_ENV=production',
})
export class DemoSeedCommand extends CommandRunner {
  constructor(
    private readonly seeder: DemoSeeder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(ProjectionsService) private readonly projections: ProjectionsService,
    @Inject(ProjectionStatusService) private readonly status: ProjectionStatusService,
  ) {
    super();
  }

  async run(_args: string[], options: { force?: boolean }): Promise<void> {
    if (process.env.NODE_ENV === 'production') {
      throw new Error('demo seed refuses to run with NODE_ENV=production: demo cases with invented customers do not belong in a production database.');
    }
    if (!(await this.seeder.seededBefore()) && !options.force) {
      const others = await this.otherCases();
      if (others > 0) {
        throw new Error(`The database already holds ${others} case${others === 1 ? '' : 's'} the demo seed did not create; seeding would mix invented customers into them. Run with --force to seed anyway.`);
      }
    }
    const result = await this.seeder.seed();
    const readModels = await this.buildReadModels();
    console.log(this.describe(result, readModels));
  }

  @Option({ flags: '--force', description: 'seed even when the database already holds cases of its own' })
  parseForce(): boolean {
    return true;
  }

  /** Case streams that are not the demo's: a database in use. */
  private async otherCases(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*)::text AS n FROM streams WHERE stream_type = ANY($1::text[]) AND NOT (stream_id = ANY($2::text[]))', [CASE_STREAM_TYPES, DEMO_CASE_STREAMS]);
    return Number(rows[0]?.n ?? 0);
  }

  /** Runs the projections here until every one caught up (a running service may hold their leases and do it instead). */
  private async buildReadModels(): Promise<ReadModels> {
    await this.projections.start();
    try {
      const giveUpAt = Date.now() + READ_MODELS_TIMEOUT_MS;
      for (;;) {
        const statuses = await this.status.statuses();
        const parked = statuses.filter((s) => s.parkedEvent !== null).map((s) => s.name);
        if (parked.length > 0) return { state: 'parked', parked };
        const lagging = statuses.filter((s) => s.lag > 0).map((s) => s.name);
        if (lagging.length === 0) return { state: 'built' };
        if (Date.now() > giveUpAt) return { state: 'behind', lagging };
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await this.projections.stop();
    }
  }

  private describe(result: DemoSeedResult, readModels: ReadModels): string {
    const where = this.config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${this.config.DATA_DIR}/pglite`;
    const head = result.eventsAppended === 0
      ? `The demo cases are already in ${where} (seeded on ${result.anchorDay}); nothing was added: ${result.commandsSent} commands answered from their stored results.`
      : result.seededBefore
        ? `Finished the demo seed of ${result.anchorDay} in ${where}: ${result.eventsAppended} events appended, ${result.commandsRepeated} of ${result.commandsSent} commands had run before.`
        : `Seeded ${result.cases.length} demo cases into ${where}: ${result.commandsSent} commands, ${result.eventsAppended} events on the cases, dates counted back from ${result.anchorDay}.`;
    const lines = [head, ''];
    for (const c of result.cases) lines.push(...caseLines(c));
    lines.push('');
    lines.push(
      readModels.state === 'built'
        ? 'The projections have built the registers, the deadline register and the audit trails.'
        : readModels.state === 'parked'
          ? `Projections stopped on an event they could not apply: ${readModels.parked.join(', ')} (see: npm run cli -- projections status).`
          : `Projections still catching up (${readModels.lagging.join(', ')}); the service finishes them when it runs.`,
    );
    lines.push(...this.howToLook(result));
    return lines.join('\n');
  }

  private howToLook(result: DemoSeedResult): string[] {
    const base = `http://${this.config.HOST}:${this.config.PORT}/api/v1`;
    const open = result.cases.find((c) => c.caseType === 'complaint' && c.notes.some((n) => n.startsWith('written reply due')));
    const year = (open?.registerEntry ?? result.anchorDay).match(/\d{4}/)?.[0] ?? result.anchorDay.slice(0, 4);
    const { clerk } = DEMO_USERS;
    const auth = '-H "Authorization: Bearer $TOKEN"';
    return [
      '',
      `Look at it: start the service (npm start${this.config.DATABASE_URL ? '' : ', after this command has ended: PGlite has one process at a time'}), then as ${clerk.userId}:`,
      ...(this.config.AUTH_DEV_KEYS ? [] : ['  (development tokens need AUTH_DEV_KEYS=true with DATABASE_URL)']),
      `  TOKEN=$(npm run -s cli -- token issue --sub ${clerk.userId} --role ${clerk.role} --unit ${clerk.unit})`,
      `  curl ${auth} -H "X-Access-Purpose: demo" "${base}/registers/filing-register?unit=${clerk.unit}&year=${year}"`,
      `  curl ${auth} "${base}/deadlines?status=open&unit=${clerk.unit}"`,
      `  curl ${auth} "${base}/deadlines?status=open_offers&unit=${clerk.unit}"`,
      ...(open ? [`  curl ${auth} -H "X-Access-Purpose: demo" ${base}${open.path.replace(/^\/api\/v1/, '')}`] : []),
      `The demo acted as: ${Object.values(DEMO_USERS).map((u) => `${u.userId} (${u.role}, ${u.unit})`).join(', ')}; the audit trails need a supervisor or auditor token.`,
    ];
  }
}

@Command({ name: 'demo', description: 'Demo data for a fresh installation', subCommands: [DemoSeedCommand] })
export class DemoCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.outputHelp();
  }
}

const CASE_LABEL: Readonly<Record<SeededCase['caseType'], string>> = {
  complaint: 'complaint',
  fault_report: 'fault report',
  escalation: 'escalation',
  referral: 'referral',
  contract_request: 'contract request',
};

function caseLines(c: SeededCase): string[] {
  return [`  ${CASE_LABEL[c.caseType].padEnd(16)} ${(c.registerEntry ?? '').padEnd(14)} ${c.summary}`, `  ${''.padEnd(16)} ${''.padEnd(14)} ${[c.path, ...c.notes].join('; ')}`];
}
