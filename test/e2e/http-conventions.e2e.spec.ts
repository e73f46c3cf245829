import { randomUUID } from 'node:crypto';
import { request, startTestApp, type Client, type TestApp } from '../support/test-app.js';

/** Everything stored: events, stream heads and command records. */
async function storedRows(app: TestApp): Promise<{ events: number; commands: number }> {
  const { rows } = await app.db.query<{ events: string; commands: string }>(
    'SELECT (SELECT count(*) FROM events)::text AS events, (SELECT count(*) FROM commands)::text AS commands',
  );
  return { events: Number(rows[0]!.events), commands: Number(rows[0]!.commands) };
}

const year = (y: number, extra: Record<string, unknown> = {}) => ({ year: y, extraWorkingDays: [], extraRestDays: [], source: 'test decree', ...extra });

describe('HTTP conventions (PostgreSQL)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let admin: Client;

  beforeAll(async () => {
    app = await startTestApp('postgres');
    admin = await app.as('admin', 'hq', 'admin-1');
  });
  afterAll(() => app.close());

  async function expectNothingStored(action: () => Promise<unknown>): Promise<void> {
    const before = await storedRows(app);
    await action();
    expect(await storedRows(app)).toEqual(before);
  }

  it('answers problems as application/problem+json with a stable code, the request path and the request id', async () => {
    const response = await request(app.baseUrl, 'GET', '/api/v1/no-such-route', { token: admin.token, headers: { 'x-request-id': 'req-123' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('x-request-id')).toBe('req-123');
    expect(response.body).toMatchObject({ type: 'urn:heating-cases:problem:REQUEST.ROUTE_NOT_FOUND', title: 'Not Found', status: 404, code: 'REQUEST.ROUTE_NOT_FOUND', instance: '/api/v1/no-such-route', requestId: 'req-123' });
  });

  it('refuses an unknown field, naming it, and stores nothing', async () => {
    await expectNothingStored(async () => {
      const response = await admin.post('/api/v1/calendar/years', year(2031, { approvedBy: 'someone' }));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', errors: [{ field: 'approvedBy', message: expect.stringContaining('unknown field approvedBy') }] });
    });
  });

  it('refuses a missing or mistyped field, naming each', async () => {
    await expectNothingStored(async () => {
      const response = await admin.post('/api/v1/calendar/years', { year: 'next', extraWorkingDays: ['tomorrow'], extraRestDays: [] });
      expect(response.status).toBe(400);
      const fields = (response.body.errors as Array<{ field: string }>).map((e) => e.field);
      expect(new Set(fields)).toEqual(new Set(['year', 'extraWorkingDays', 'source']));
    });
  });

  it('refuses a body over the size limit with 413 and stores nothing', async () => {
    await expectNothingStored(async () => {
      const response = await admin.post('/api/v1/calendar/years', year(2032, { source: 'x'.repeat(70 * 1024) }));
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ code: 'REQUEST.BODY_TOO_LARGE', status: 413 });
    });
  });

  it('refuses malformed JSON and text that cannot be stored (NUL, lone surrogate)', async () => {
    await expectNothingStored(async () => {
      const malformed = await request(app.baseUrl, 'POST', '/api/v1/calendar/years', { token: admin.token, rawBody: '{"year": 20', headers: { 'idempotency-key': randomUUID() } });
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('REQUEST.MALFORMED_JSON');
      const nul = await admin.post('/api/v1/calendar/years', year(2033, { source: 'decree\u0000' }));
      expect(nul.status).toBe(400);
      expect(nul.body).toMatchObject({ code: 'REQUEST.UNSTORABLE_TEXT', errors: [{ field: 'source' }] });
      const surrogate = await request(app.baseUrl, 'POST', '/api/v1/calendar/years', { token: admin.token, rawBody: '{"year":2033,"extraWorkingDays":[],"extraRestDays":[],"source":"bad \\ud800 text"}', headers: { 'idempotency-key': randomUUID() } });
      expect(surrogate.status).toBe(400);
      expect(surrogate.body.code).toBe('REQUEST.UNSTORABLE_TEXT');
    });
  });

  it('refuses a POST without Idempotency-Key with 400 and stores nothing', async () => {
    await expectNothingStored(async () => {
      const response = await request(app.baseUrl, 'POST', '/api/v1/calendar/years', { token: admin.token, body: year(2034) });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'REQUEST.IDEMPOTENCY_KEY_MISSING', errors: [{ field: 'Idempotency-Key' }] });
    });
  });

  it('an idempotent repeat returns the first response and stores nothing more', async () => {
    const key = randomUUID();
    const first = await admin.post('/api/v1/calendar/years', year(2035, { extraRestDays: ['2035-01-02'] }), { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(first.headers.get('etag')).toBe('"1"');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    await expectNothingStored(async () => {
      const again = await admin.post('/api/v1/calendar/years', year(2035, { extraRestDays: ['2035-01-02'] }), { 'idempotency-key': key });
      expect(again.status).toBe(first.status);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(again.headers.get('location')).toBe(first.headers.get('location'));
      expect(again.headers.get('idempotent-replayed')).toBe('true');
    });
  });

  it('reusing an Idempotency-Key with another payload gives 422 and stores nothing', async () => {
    const key = randomUUID();
    expect((await admin.post('/api/v1/calendar/years', year(2036), { 'idempotency-key': key })).status).toBe(201);
    await expectNothingStored(async () => {
      const reused = await admin.post('/api/v1/calendar/years', year(2037), { 'idempotency-key': key });
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ code: 'COMMAND.ID_REUSED' });
    });
  });

  it("another user's identical key is a different command", async () => {
    const key = randomUUID();
    const otherAdmin = await app.as('admin', 'hq', 'admin-2');
    expect((await admin.post('/api/v1/calendar/years', year(2038), { 'idempotency-key': key })).status).toBe(201);
    const other = await otherAdmin.post('/api/v1/calendar/years', year(2039), { 'idempotency-key': key });
    expect(other.status).toBe(201);
    expect(other.body.year).toBe(2039);
  });

  it('a stale If-Match gives 412 and stores nothing; the current one succeeds and returns the new ETag', async () => {
    const current = await admin.get('/api/v1/calendar/years/2040');
    const etag = current.headers.get('etag')!;
    expect((await admin.post('/api/v1/calendar/years', year(2040), { 'if-match': etag })).status).toBe(201);
    await expectNothingStored(async () => {
      const stale = await admin.post('/api/v1/calendar/years/2040/amendments', { extraWorkingDays: [], extraRestDays: ['2040-01-02'], source: 'amended decree', reason: 'decree amended' }, { 'if-match': etag });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ code: 'COMMAND.STALE_VERSION', expected: Number(etag.replace(/"/g, '')) });
    });
    const fresh = (await admin.get('/api/v1/calendar/years/2040')).headers.get('etag')!;
    const amended = await admin.post('/api/v1/calendar/years/2040/amendments', { extraWorkingDays: [], extraRestDays: ['2040-01-02'], source: 'amended decree', reason: 'decree amended' }, { 'if-match': fresh });
    expect(amended.status).toBe(200);
    expect(amended.headers.get('etag')).toBe(`"${Number(fresh.replace(/"/g, '')) + 1}"`);
  });

  it('a malformed If-Match gives 400', async () => {
    const response = await admin.post('/api/v1/calendar/years', year(2041), { 'if-match': 'version-3' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('REQUEST.IF_MATCH_INVALID');
  });

  it('R-DL-01: a business rule refusal names its code and rule, and stores nothing', async () => {
    await expectNothingStored(async () => {
      const twice = await admin.post('/api/v1/calendar/years', year(2026));
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({ code: 'CALENDAR.YEAR_ALREADY_DECLARED', rule: 'R-DL-01', year: 2026 });
      const weekday = await admin.post('/api/v1/calendar/years', year(2042, { extraWorkingDays: ['2042-03-04'] }));
      expect(weekday.status).toBe(422);
      expect(weekday.body.code).toBe('CALENDAR.INVALID_SWAP_DATA');
    });
  });

  it('R-DL-01: a declared year changes the deadlines computed from then on', async () => {
    const before = await admin.get('/api/v1/calendar/deadline?from=2043-12-16&amount=15&unit=calendar_days');
    expect(before.body.due).toBe('2043-12-31');
    expect((await admin.post('/api/v1/calendar/years', year(2043, { extraRestDays: ['2043-12-31'] }))).status).toBe(201);
    const after = await admin.get('/api/v1/calendar/deadline?from=2043-12-16&amount=15&unit=calendar_days');
    expect(after.body).toMatchObject({ nominal: '2043-12-31', due: '2044-01-04', shiftedBy: 4 });
  });

  it('serves the OpenAPI document with the routes, their headers and examples', async () => {
    const doc = await request(app.baseUrl, 'GET', '/api/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/calendar/years', '/api/v1/calendar/years/{year}/amendments']));
    const post = doc.body.paths['/api/v1/calendar/years'].post;
    expect(post.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['Idempotency-Key', 'If-Match']));
    expect(doc.body.components.schemas.DeclareSwappedDaysRequest.properties.year.example).toBe(2027);
    expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ui = await request(app.baseUrl, 'GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });
});
