import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { Role } from '../../src/domain/shared/actor.js';
import { loadConfig, type AppConfig } from '../../src/infrastructure/config/app-config.js';
import { createApp } from '../../src/infrastructure/http/create-app.js';
import type { Database } from '../../src/infrastructure/persistence/database.js';
import { TestClock } from './test-clock.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './test-databases.js';

export const TEST_ISSUER = 'https://idp.test/heating';
export const TEST_AUDIENCE = 'heating-cases-api';

export interface TokenOptions {
  readonly sub?: string;
  readonly roles?: readonly Role[];
  readonly unit?: string | null;
  readonly body?: string | null;
  readonly issuer?: string;
  readonly audience?: string;
  readonly expiresInSeconds?: number;
  readonly key?: CryptoKey;
}

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  readonly db: Database;
  readonly clock: TestClock;
  readonly config: AppConfig;
  token(options?: TokenOptions): Promise<string>;
  /** A user of a role and unit, ready to call the API. */
  as(role: Role, unit?: string | null, sub?: string): Promise<Client>;
  close(): Promise<void>;
  /** Shuts the service down like a stopped process, keeping its database and data folder for `restartOf`. */
  stop(): Promise<StoppedTestApp>;
}

/** What a stopped test app leaves behind: its database, data folder and master key, for a restart. */
export interface StoppedTestApp {
  readonly testDb: TestDatabase;
  readonly dataDir: string;
  readonly piiMasterKey: string;
}

export interface Response<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export interface Client {
  readonly token: string;
  get<T = any>(path: string, headers?: Record<string, string>): Promise<Response<T>>;
  post<T = any>(path: string, body: unknown, headers?: Record<string, string>): Promise<Response<T>>;
}

/** Sends a request to the running app and parses whatever comes back. */
export async function request(baseUrl: string, method: string, path: string, options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** The whole service on a fresh database, on a free port, with a test identity provider. */
export async function startTestApp(
  kind: DatabaseKind,
  options: {
    clock?: TestClock;
    env?: Record<string, string>;
    projections?: { pollIntervalMs?: number; autoStart?: boolean };
    /** Background workers (sealer, scheduler): how often they run. */
    workers?: { intervalMs?: number };
    /** Start again on what a stopped app left: same database (a new connection), data folder and master key. */
    restartOf?: StoppedTestApp;
  } = {},
): Promise<TestApp & { testDb: TestDatabase }> {
  const testDb = options.restartOf ? await options.restartOf.testDb.reopen() : await createTestDatabase(kind);
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'EdDSA', use: 'sig' };
  const dataDir = options.restartOf?.dataDir ?? mkdtempSync(join(tmpdir(), 'heating-cases-e2e-'));
  const piiMasterKey = options.restartOf?.piiMasterKey ?? randomBytes(32).toString('base64');
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PII_MASTER_KEY: piiMasterKey,
    AUTH_ISSUER: TEST_ISSUER,
    AUTH_AUDIENCE: TEST_AUDIENCE,
    AUTH_JWKS_JSON: JSON.stringify({ keys: [publicJwk] }),
    BODY_LIMIT_BYTES: String(64 * 1024),
    ...options.env,
  });
  const clock = options.clock ?? new TestClock(new Date());
  const app = await createApp({ config, database: testDb.db, clock, migrate: false, projections: { pollIntervalMs: 200, ...options.projections }, ...(options.workers ? { workers: options.workers } : {}) });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;

  const token = async (t: TokenOptions = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ roles: t.roles ?? ['clerk'], unit: t.unit === undefined ? 'cso-budapest' : t.unit, body: t.body ?? null })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'test-key', typ: 'JWT' })
      .setSubject(t.sub ?? 'clerk-1')
      .setIssuer(t.issuer ?? TEST_ISSUER)
      .setAudience(t.audience ?? TEST_AUDIENCE)
      .setIssuedAt(now - 10)
      .setExpirationTime(now + (t.expiresInSeconds ?? 600))
      .sign(t.key ?? privateKey);
  };
  const as = async (role: Role, unit: string | null = 'cso-budapest', sub = `${role}-${randomUUID().slice(0, 8)}`): Promise<Client> => {
    const bearer = await token({ roles: [role], unit, sub });
    return {
      token: bearer,
      get: (path, headers) => request(baseUrl, 'GET', path, { token: bearer, headers }),
      post: (path, body, headers) => request(baseUrl, 'POST', path, { token: bearer, body, headers: { 'idempotency-key': randomUUID(), ...headers } }),
    };
  };
  return {
    app,
    baseUrl,
    db: testDb.db,
    clock,
    config,
    testDb,
    token,
    as,
    close: async () => {
      await app.close();
      await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    stop: async () => {
      await app.close();
      return { testDb, dataDir, piiMasterKey };
    },
  };
}
