import { randomUUID } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { request, startTestApp, TEST_AUDIENCE, TEST_ISSUER } from '../support/test-app.js';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('authentication and roles (PostgreSQL)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    app = await startTestApp('postgres');
  });
  afterAll(() => app.close());

  const calendarYear = (token?: string) => request(app.baseUrl, 'GET', '/api/v1/calendar/years/2026', token ? { token } : {});

  async function expectUnauthorized(token: string | undefined, reason: RegExp) {
    const response = await calendarYear(token);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('AUTH.UNAUTHENTICATED');
    expect(response.body.detail).toMatch(reason);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
  }

  it('a valid token of an allowed role passes', async () => {
    expect((await calendarYear(await app.token({ roles: ['clerk'] }))).status).toBe(200);
  });

  it('no token: 401', () => expectUnauthorized(undefined, /no bearer token/));

  it('not a bearer token: 401', async () => {
    const response = await request(app.baseUrl, 'GET', '/api/v1/calendar/years/2026', { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(response.status).toBe(401);
  });

  it('an expired token: 401', async () => expectUnauthorized(await app.token({ expiresInSeconds: -120 }), /expired/));

  it('a token of another issuer: 401', async () => expectUnauthorized(await app.token({ issuer: 'https://evil.example' }), /iss/));

  it('a token for another audience: 401', async () => expectUnauthorized(await app.token({ audience: 'another-api' }), /aud/));

  it('alg none: 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: 'intruder', roles: ['admin'], iss: TEST_ISSUER, aud: TEST_AUDIENCE, iat: now, exp: now + 600 })}.`;
    await expectUnauthorized(unsigned, /algorithm|malformed/);
  });

  it('HS256 made with a guessable secret: 401 (HMAC is never accepted)', async () => {
    const { SignJWT } = await import('jose');
    const hmac = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256', kid: 'test-key' })
      .setSubject('intruder')
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('secret-secret-secret-secret-secret'));
    await expectUnauthorized(hmac, /algorithm/);
  });

  it('a token signed by an unknown key: 401', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    await expectUnauthorized(await app.token({ key: privateKey }), /signature|key/);
  });

  it('a token with no known role: 401', async () => {
    await expectUnauthorized(await app.token({ roles: ['superuser' as never] }), /role/);
  });

  it('a role without the right: 403, and nothing is stored', async () => {
    const clerk = await app.as('clerk', 'cso-budapest');
    const before = await app.db.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
    const response = await clerk.post('/api/v1/calendar/years', { year: 2050, extraWorkingDays: [], extraRestDays: [], source: 'decree' });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'AUTH.ROLE_NOT_ALLOWED', allowedRoles: ['admin'] });
    expect((await app.db.query<{ n: string }>('SELECT count(*)::text AS n FROM events')).rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('a regulator cannot read the internal calendar: 403', async () => {
    const regulator = await app.as('regulator', null);
    expect((await regulator.get('/api/v1/calendar/years/2026')).status).toBe(403);
  });

  it('the acting user, role and unit go into the metadata of every event', async () => {
    const admin = await app.as('admin', 'hq-it', 'admin-kovacs');
    const key = randomUUID();
    const response = await admin.post('/api/v1/calendar/years', { year: 2051, extraWorkingDays: [], extraRestDays: [], source: 'decree' }, { 'idempotency-key': key, 'x-correlation-id': 'corr-42' });
    expect(response.status).toBe(201);
    const { rows } = await app.db.query<{ metadata: Record<string, unknown> }>("SELECT metadata FROM events WHERE stream_id = 'calendar-hu' ORDER BY stream_version DESC LIMIT 1");
    expect(rows[0]!.metadata).toMatchObject({
      actor: { userId: 'admin-kovacs', role: 'admin', unit: 'hq-it' },
      channel: 'internal_api',
      correlationId: 'corr-42',
      commandId: `admin-kovacs:${key}`,
      policyVersion: 'none',
    });
  });

  it('health and documentation need no token', async () => {
    expect((await request(app.baseUrl, 'GET', '/api/v1/health/live')).status).toBe(200);
    expect((await request(app.baseUrl, 'GET', '/api/docs/openapi.json')).status).toBe(200);
  });
});
