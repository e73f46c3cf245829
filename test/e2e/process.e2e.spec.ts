import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import pg from 'pg';
import { EventSchemaRegistry } from '../../src/domain/shared/event-schema.js';
import { SqlSubjectKeyStore } from '../../src/infrastructure/crypto/subject-key.store.js';
import { SqlEventStore } from '../../src/infrastructure/persistence/event-store/sql.event-store.js';
import { PostgresDatabase } from '../../src/infrastructure/persistence/postgres.database.js';
import { POSTGRES_ADMIN_URL } from '../support/test-databases.js';
import { freePort, until } from '../support/processes.js';

/** The service as `npm start` and `npm run cli` run it: the build in dist, in its own process. */
const ROOT = process.cwd();

function build(): void {
  const tsc = spawnSync('node', ['node_modules/@typescript/native/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`build failed: ${tsc.stdout}${tsc.stderr}`);
  execFileSync('node', ['scripts/copy-assets.mjs'], { cwd: ROOT });
}

function cli(args: string[], env: Record<string, string>): { status: number; stdout: string; stderr: string } {
  const run = spawnSync('node', ['dist/src/cli.js', ...args], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '', ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

describe('the built service and CLI as processes', () => {
  beforeAll(build, 120_000);

  it('npm start on a fresh data folder serves the API documentation and a ready health check, and stops cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'heating-cases-start-'));
    const port = await freePort();
    const env = { ...process.env, NODE_OPTIONS: '', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
    delete (env as Record<string, string | undefined>).DATABASE_URL;
    const app: ChildProcess = spawn('node', ['dist/src/main.js'], { cwd: ROOT, env });
    let output = '';
    app.stdout!.on('data', (chunk) => (output += String(chunk)));
    app.stderr!.on('data', (chunk) => (output += String(chunk)));
    try {
      const ready = await until(async () => {
        const response = await fetch(`http://127.0.0.1:${port}/api/v1/health/ready`);
        return response.status === 200 ? ((await response.json()) as { status: string; info: Record<string, unknown> }) : undefined;
      }, 60_000);
      expect(ready.status).toBe('ok');
      expect(Object.keys(ready.info)).toEqual(expect.arrayContaining(['database', 'projections']));
      const docs = await fetch(`http://127.0.0.1:${port}/api/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger');
      const openapi = (await (await fetch(`http://127.0.0.1:${port}/api/docs/openapi.json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(openapi.paths)).toContain('/api/v1/complaints');
      expect(output).toContain('token issue --sub clerk-1 --role clerk --unit cso-budapest');
      // The printed recipe works against the running service's key.
      const token = cli(['token', 'issue', '--sub', 'clerk-1', '--role', 'clerk', '--unit', 'cso-budapest'], { DATA_DIR: dataDir }).stdout.trim();
      const calendar = await fetch(`http://127.0.0.1:${port}/api/v1/calendar/years/2026`, { headers: { authorization: `Bearer ${token}` } });
      expect(calendar.status).toBe(200);
    } finally {
      const exited = new Promise<number | null>((resolve) => app.once('exit', (code) => resolve(code)));
      app.kill('SIGTERM');
      expect(await exited).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  describe('a clock for acceptance and training runs (R-CON-08)', () => {
    const name = `hc_clock_${randomBytes(5).toString('hex')}`;
    const url = (() => {
      const u = new URL(POSTGRES_ADMIN_URL);
      u.pathname = `/${name}`;
      return u.toString();
    })();
    const dataDir = mkdtempSync(join(tmpdir(), 'heating-cases-clock-'));
    const env = { DATABASE_URL: url, PII_MASTER_KEY: randomBytes(32).toString('base64'), AUTH_DEV_KEYS: 'true', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };

    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
    });
    afterAll(async () => {
      const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('R-CON-08: a service started with CLOCK_OFFSET=+40d lets the scheduler lapse an offer handed over today; events keep the real recorded time beside the business time', async () => {
      const port = await freePort();
      const app: ChildProcess = spawn('node', ['dist/src/main.js'], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '', ...env, PORT: String(port), NODE_ENV: 'test', CLOCK_OFFSET: '+40d' } });
      let output = '';
      app.stdout!.on('data', (chunk) => (output += String(chunk)));
      app.stderr!.on('data', (chunk) => (output += String(chunk)));
      const db = new PostgresDatabase(url, { maxConnections: 2 });
      try {
        const base = `http://127.0.0.1:${port}/api/v1`;
        await until(async () => ((await fetch(`${base}/health/ready`)).status === 200 ? true : undefined), 60_000).catch((error: unknown) => {
          throw new Error(`the service did not start: ${String(error)}\n${output}`);
        });
        const token = (role: string, sub: string) => cli(['token', 'issue', '--sub', sub, '--role', role, '--unit', 'cso-budapest'], env).stdout.trim();
        const clerk = token('clerk', 'clerk-kiss');
        const send = (path: string, body: unknown, bearer = clerk) =>
          fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body: JSON.stringify(body) });

        const admin = token('admin', 'admin-1');
        const clock = (await (await fetch(`${base}/admin/clock`, { headers: { authorization: `Bearer ${admin}` } })).json()) as { realTime: string; serviceTime: string; offset: string };
        expect(clock.offset).toBe('+40d');
        expect(Date.parse(clock.serviceTime) - Date.parse(clock.realTime)).toBeGreaterThanOrEqual(40 * 86_400_000 - 1000);

        // The real day: received and handed over now; under the shifted clock its 30 days have already passed.
        const now = new Date(Date.now() - 60_000).toISOString();
        const requester = { category: 'residential', name: 'Kovács Éva', address: '1111 Budapest, Fő utca 1.', legalTitle: 'owner', email: null, phone: null, birthPlace: 'Szekszárd', birthDate: '1980-05-17', mothersName: 'Nagy Mária' };
        const requested = await send('/contract-requests', { receivedAt: now, channel: 'letter', requester, placeOfUse: { placeOfUseId: 'POU-77', address: '1111 Budapest, Fő utca 1.', purpose: 'flat' }, basis: 'information_conditions_met', documents: ['title deed'] });
        expect(requested.status).toBe(201);
        const { offerId } = (await requested.json()) as { offerId: string };
        const terms = { kind: 'general', placeOfUseId: 'POU-77', tariff: 'A1 residential', paymentMethod: 'postal_cheque', contractedHeatKw: 18, supplyStartsOn: '2027-10-01', term: { kind: 'indefinite', agreedOtherwise: false }, customerNoticeDays: null };
        expect((await send(`/contract-requests/${offerId}/offer`, { handedOverAt: now, channel: 'letter', terms })).status).toBe(200);

        const lapsed = await until(async () => {
          const { rows } = await db.query<{ metadata: { businessTime: string; actor: { userId: string } }; recorded_at: Date }>("SELECT metadata, recorded_at FROM events WHERE stream_id = $1 AND event_type = 'OfferLapsed'", [`offer-${offerId}`]);
          return rows[0];
        }, 60_000);
        expect(lapsed.metadata.actor.userId).toMatch(/^system:/);
        // Business time on the shifted clock, recorded time real.
        expect(Date.parse(lapsed.metadata.businessTime) - lapsed.recorded_at.getTime()).toBeGreaterThanOrEqual(40 * 86_400_000 - 5_000);
        expect(Math.abs(lapsed.recorded_at.getTime() - Date.now())).toBeLessThan(10 * 60_000);

        // Forward only.
        const back = await send('/admin/clock', { offset: '+1d' }, admin);
        expect(back.status).toBe(409);
        expect(await back.json()).toMatchObject({ code: 'CLOCK.BACKWARD' });
        const ahead = await send('/admin/clock', { offset: '+41d' }, admin);
        expect(((await ahead.json()) as { offset: string }).offset).toBe('+41d');
      } finally {
        await db.close();
        const exited = new Promise<number | null>((resolve) => app.once('exit', (code) => resolve(code)));
        app.kill('SIGTERM');
        expect(await exited).toBe(0);
      }
    }, 150_000);

    it('with NODE_ENV=production the service refuses CLOCK_OFFSET at start, with a clear message', () => {
      const run = spawnSync('node', ['dist/src/main.js'], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '', ...env, NODE_ENV: 'production', CLOCK_OFFSET: '+30d' }, encoding: 'utf8', timeout: 60_000 });
      expect(run.status).toBe(78);
      expect(run.stderr).toContain('CLOCK_OFFSET: refused with NODE_ENV=production');
    });
  });

  describe('the CLI on PostgreSQL', () => {
    const name = `hc_cli_${randomBytes(5).toString('hex')}`;
    const url = (() => {
      const u = new URL(POSTGRES_ADMIN_URL);
      u.pathname = `/${name}`;
      return u.toString();
    })();
    const dataDir = mkdtempSync(join(tmpdir(), 'heating-cases-cli-'));
    const env = { DATABASE_URL: url, PII_MASTER_KEY: randomBytes(32).toString('base64'), AUTH_DEV_KEYS: 'true', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };

    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
    });
    afterAll(async () => {
      const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('migrate applies every migration once', () => {
      const first = cli(['migrate'], env);
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/Applied: 0001_event-store, 0002_projections, 0003_append-without-notify/);
      const again = cli(['migrate'], env);
      expect(again.stdout).toContain('Nothing to migrate.');
    });

    it('token issue signs a development token with the given claims', () => {
      const issued = cli(['token', 'issue', '--sub', 'sup-1', '--role', 'supervisor', '--role', 'clerk', '--unit', 'cso-debrecen', '--ttl', '600'], env);
      expect(issued.status).toBe(0);
      const claims = decodeJwt(issued.stdout.trim());
      expect(claims).toMatchObject({ sub: 'sup-1', roles: ['supervisor', 'clerk'], unit: 'cso-debrecen', iss: 'heating-cases-dev', aud: 'heating-cases-api' });
      expect(claims.exp! - claims.iat!).toBe(600);
      const refused = cli(['token', 'issue', '--sub', 'x', '--role', 'root'], env);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('Unknown role root');
    });

    it('verify reports a sound store, then names the first broken link and exits with 2', async () => {
      const db = new PostgresDatabase(url, { maxConnections: 2 });
      try {
        const store = new SqlEventStore(db, new EventSchemaRegistry(), new SqlSubjectKeyStore(db, randomBytes(32)), { now: () => new Date() });
        const meta = { correlationId: randomUUID(), causationId: randomUUID(), actor: { userId: 'u', role: 'clerk', unit: null }, channel: 'letter', policyVersion: 'hu-2026', businessTime: new Date().toISOString() };
        await store.append({ streams: [{ streamId: 'complaint-cli', streamType: 'complaint', expectedVersion: 'no_stream', events: [1, 2, 3].map((n) => ({ eventId: randomUUID(), type: 'Noted', data: { n }, metadata: meta })) }] });
        const sound = cli(['verify'], env);
        expect(sound.status).toBe(0);
        // The run records its own start first: that event is verified with the rest.
        expect(sound.stdout).toContain('OK: 4 events in 2 streams verified.');
        expect(sound.stdout).toContain('OK: 4 events match 0 signed checkpoints.');
        const runId = /Recorded as verification run ([0-9a-f-]+)\./.exec(sound.stdout)![1];
        const { rows } = await db.query<{ event_type: string; metadata: { actor: { userId: string } } }>("SELECT event_type, metadata FROM events WHERE stream_id = 'audit-verifications' AND data->>'runId' = $1 ORDER BY stream_version", [runId]);
        expect(rows.map((r) => r.event_type)).toEqual(['StoreVerificationStarted', 'StoreVerificationCompleted']);
        expect(rows[0]!.metadata.actor.userId).toMatch(/^cli:/);
        await db.transaction(async (tx) => {
          await tx.query('SET LOCAL session_replication_role = replica');
          await tx.query(`UPDATE events SET data = '{"n": 20}' WHERE stream_id = 'complaint-cli' AND stream_version = 2`);
        });
        const broken = cli(['verify', '--json'], env);
        expect(broken.status).toBe(2);
        expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, chains: { firstBroken: { streamId: 'complaint-cli', streamVersion: 2, reason: 'hash_mismatch' } } });
        const one = cli(['verify', '--stream', 'complaint-cli'], env);
        expect(one.status).toBe(2);
        expect(one.stdout).toContain('BROKEN: stream complaint-cli version 2');
      } finally {
        await db.close();
      }
    }, 60_000);

    it('projections status lists every projection, and rebuild rebuilds one', () => {
      const status = cli(['projections', 'status', '--json'], env);
      expect(status.status).toBe(0);
      const names = (JSON.parse(status.stdout) as Array<{ name: string }>).map((s) => s.name);
      expect(names).toEqual(expect.arrayContaining(['complaint_details', 'filing_register', 'deadline_register', 'audit_trail']));
      const rebuilt = cli(['projections', 'rebuild', 'audit_trail', '--no-progress'], env);
      expect(rebuilt.status).toBe(0);
      expect(`${rebuilt.stdout}${rebuilt.stderr}`).toMatch(/audit_trail/);
    }, 60_000);
  });
});
