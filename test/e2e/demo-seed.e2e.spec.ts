import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daysBetween, localDateOf } from '../../src/domain/calendar/local-date.js';
import { EventSchemaRegistry } from '../../src/domain/shared/event-schema.js';
import { SqlSubjectKeyStore } from '../../src/infrastructure/crypto/subject-key.store.js';
import { SqlEventStore } from '../../src/infrastructure/persistence/event-store/sql.event-store.js';
import { PgliteDatabase } from '../../src/infrastructure/persistence/pglite.database.js';
import { freePort, until } from '../support/processes.js';

/**
 * `demo seed` as a user runs it: the built CLI in its own process on a fresh embedded data
 * folder, then the built service on that folder. Built into its own folder, so that the
 * process suite's build of dist/ running alongside never swaps files under these processes.
 */
const ROOT = process.cwd();
const OUT = (() => {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  return mkdtempSync(join(ROOT, 'dist', 'e2e-demo-seed-'));
})();

function build(): void {
  const tsc = spawnSync('node', ['node_modules/@typescript/native/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', OUT], { cwd: ROOT, encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`build failed: ${tsc.stdout}${tsc.stderr}`);
  cpSync(join(ROOT, 'src/infrastructure/persistence/migrations'), join(OUT, 'src/infrastructure/persistence/migrations'), { recursive: true });
}

/** The environment of a developer machine: no DATABASE_URL, so the embedded database in DATA_DIR. */
function envFor(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extra };
  delete env.DATABASE_URL;
  delete env.PII_MASTER_KEY;
  return env;
}

function cli(args: string[], env: NodeJS.ProcessEnv): { status: number; stdout: string; stderr: string } {
  const run = spawnSync('node', [join(OUT, 'src/cli.js'), ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** The run's output, when it ended with status 0; otherwise a failure that shows what it printed. */
function succeeded(run: { status: number; stdout: string; stderr: string }): string {
  if (run.status !== 0) throw new Error(`exit ${run.status}: ${run.stderr}${run.stdout}`);
  return run.stdout;
}

async function withDatabase<T>(dataDir: string, work: (db: PgliteDatabase) => Promise<T>): Promise<T> {
  const db = await PgliteDatabase.open(join(dataDir, 'pglite'));
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

async function storedEvents(dataDir: string): Promise<{ total: number; actors: string[]; plaintextNames: number }> {
  return withDatabase(dataDir, async (db) => {
    const total = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
    const actors = await db.query<{ actor: string }>("SELECT DISTINCT metadata->'actor'->>'userId' AS actor FROM events ORDER BY 1");
    const plaintext = await db.query<{ n: string }>("SELECT count(*)::text AS n FROM events WHERE data::text LIKE '%Tóth László%' OR data::text LIKE '%Kovács Éva%'");
    return { total: Number(total.rows[0]!.n), actors: actors.rows.map((r) => r.actor), plaintextNames: Number(plaintext.rows[0]!.n) };
  });
}

describe('demo seed (the built CLI and service as processes, embedded PGlite)', () => {
  const dirs: string[] = [];
  const freshDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'heating-cases-demo-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(build, 120_000);
  afterAll(() => {
    for (const dir of [...dirs, OUT]) rmSync(dir, { recursive: true, force: true });
  });

  it('seeds every kind of case through the commands; the registers and the deadline register show them over HTTP, the whole store verifies, and a second run adds no event', async () => {
    const dataDir = freshDataDir();
    const env = envFor(dataDir);

    const first = succeeded(cli(['demo', 'seed'], env));
    expect(first).toMatch(/^Seeded 8 demo cases into embedded PGlite/);
    expect(first).toContain('The projections have built the registers');
    expect(first).toContain('token issue --sub clerk-1 --role clerk --unit cso-budapest');
    const entries = [...first.matchAll(/^ {2}complaint +(BP\/\d{4}\/\d+) /gm)].map((m) => m[1]!);
    expect(entries).toHaveLength(4);
    expect(first).toMatch(/fault report +DSP\/\d{4}\/1 /);
    expect(first).toMatch(/escalation +RIK\/\d{4}\/1 /);
    const referralYear = /referral +BP\/KSZ\/(\d{4})\/1 /.exec(first)?.[1];
    expect(referralYear).toBeDefined();

    // Every event went through the pipeline: the demo users as actors, personal fields encrypted.
    const seeded = await storedEvents(dataDir);
    expect(seeded.actors).toEqual(['clerk-1', 'clerk-rd-1', 'dispatcher-1', 'supervisor-1', 'supervisor-rd-1']);
    expect(seeded.plaintextNames).toBe(0);

    const again = succeeded(cli(['demo', 'seed'], env));
    expect(again).toMatch(/^The demo cases are already in embedded PGlite .* nothing was added/);
    expect((await storedEvents(dataDir)).total).toBe(seeded.total);

    // The run records its own start first: that event is verified with the seeded ones.
    expect(succeeded(cli(['verify'], env))).toContain(`OK: ${seeded.total + 1} events in`);

    // As the printout says: a token for clerk-1, the service on the folder, the registers.
    const token = succeeded(cli(['token', 'issue', '--sub', 'clerk-1', '--role', 'clerk', '--unit', 'cso-budapest'], env)).trim();
    const port = await freePort();
    const service: ChildProcess = spawn('node', [join(OUT, 'src/main.js')], { cwd: ROOT, env: envFor(dataDir, { PORT: String(port) }) });
    let output = '';
    service.stdout!.on('data', (chunk) => (output += String(chunk)));
    service.stderr!.on('data', (chunk) => (output += String(chunk)));
    try {
      const api = `http://127.0.0.1:${port}/api/v1`;
      const get = async (path: string) => {
        const response = await fetch(`${api}${path}`, { headers: { authorization: `Bearer ${token}`, 'x-access-purpose': 'demo' } });
        if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
        return (await response.json()) as { items: any[] };
      };
      await until(async () => ((await fetch(`${api}/health/ready`)).status === 200 ? true : undefined), 60_000).catch(() => {
        throw new Error(`the service did not get ready: ${output}`);
      });

      const years = [...new Set(entries.map((e) => e.split('/')[1]))];
      const filing = (await Promise.all(years.map((year) => get(`/registers/filing-register?unit=cso-budapest&year=${year}`)))).flatMap((r) => r.items);
      expect(filing.map((l) => l.entry).sort()).toEqual([...entries].sort());
      expect(filing.map((l) => [l.kind, l.channel, l.outcome]).sort()).toEqual([
        ['bill_objection', 'letter', 'justified'],
        ['handling_conduct', 'web_form', null],
        ['meter_dispute', 'phone', 'unjustified'],
        ['quality_complaint', 'email', null],
      ]);
      expect(filing.every((l) => l.designatedClerk === 'clerk-1')).toBe(true);

      const today = localDateOf(new Date());
      const open = (await get('/deadlines?status=open&limit=100')).items;
      expect(open.map((c) => c.caseType).sort()).toEqual(['complaint', 'complaint', 'complaint', 'escalation', 'fault_report', 'referral']);
      const replyDue = open.find((c) => c.duties.some((d: any) => d.kind === 'written_reply' && c.duties.length === 1));
      expect(daysBetween(today, replyDue.nextDueDate)).toBeGreaterThanOrEqual(1);
      expect(daysBetween(today, replyDue.nextDueDate)).toBeLessThanOrEqual(4);
      expect(open.flatMap((c) => c.duties.map((d: any) => d.kind)).sort()).toEqual(
        ['body_request_reply', 'escalation_reply', 'external_body_decision', 'quality_investigation', 'refund_in_next_billing', 'worksheet_return', 'written_reply', 'written_reply'].sort(),
      );
      const offers = (await get('/deadlines?status=open_offers&unit=cso-budapest')).items;
      expect(offers).toEqual([expect.objectContaining({ caseType: 'contract_offer', offerLapsesOn: expect.any(String), consequences: [expect.objectContaining({ kind: 'offer_lapse', rule: 'R-CON-08' })] })]);
      expect(daysBetween(today, offers[0].offerLapsesOn)).toBeGreaterThan(20);

      const referrals = (await get(`/registers/referral-register?unit=cso-budapest&year=${referralYear}`)).items;
      expect(referrals).toEqual([expect.objectContaining({ entry: expect.stringMatching(/^BP\/KSZ\//), case: expect.objectContaining({ legalHoldInForce: true, unansweredRequests: 1 }) })]);
    } finally {
      const exited = new Promise<number | null>((resolve) => service.once('exit', (code) => resolve(code)));
      service.kill('SIGTERM');
      await exited;
    }
  }, 180_000);

  it('refuses with NODE_ENV=production, and on a database holding cases of its own unless --force', async () => {
    const dataDir = freshDataDir();
    const production = cli(['demo', 'seed'], envFor(dataDir, { NODE_ENV: 'production' }));
    expect(production.status).not.toBe(0);
    expect(production.stderr).toContain('demo seed refuses to run with NODE_ENV=production');
    expect((await storedEvents(dataDir)).total).toBe(0);

    await withDatabase(dataDir, async (db) => {
      const store = new SqlEventStore(db, new EventSchemaRegistry(), new SqlSubjectKeyStore(db, randomBytes(32)), { now: () => new Date() });
      const metadata = { correlationId: randomUUID(), causationId: randomUUID(), actor: { userId: 'clerk-2', role: 'clerk', unit: 'cso-budapest' }, channel: 'letter', policyVersion: 'hu-2026', businessTime: new Date().toISOString() };
      await store.append({ streams: [{ streamId: `complaint-${randomUUID()}`, streamType: 'complaint', expectedVersion: 'no_stream', events: [{ eventId: randomUUID(), type: 'Noted', data: {}, metadata }] }] });
    });
    const refused = cli(['demo', 'seed'], envFor(dataDir));
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('already holds 1 case the demo seed did not create');
    expect((await storedEvents(dataDir)).total).toBe(1);

    expect(succeeded(cli(['demo', 'seed', '--force'], envFor(dataDir)))).toMatch(/^Seeded 8 demo cases/);
  }, 120_000);
});
