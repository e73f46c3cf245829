import { complaintRegistration, eventually, expectRefused, ok } from '../support/e2e-helpers.js';
import { startTestApp, type Client } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';

/** The rules an outside reading over HTTP found not holding (issue 11), each proved on PostgreSQL. */

const PURPOSE = { 'x-access-purpose': 'rule fidelity check' };

const escalation = (about: { caseType: string; caseId: string }, overrides: Record<string, unknown> = {}) => ({
  receivedAt: '2026-03-02T08:30:00.000Z',
  channel: 'letter',
  complainant: { name: 'Kovács Éva', address: '1111 Budapest, Fő utca 1.', customerNumber: 'U-1001' },
  description: 'The customer service office did not examine my bill objection properly.',
  documents: ['copy of the objection'],
  about,
  ...overrides,
});

describe('rule fidelity over HTTP (PostgreSQL)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let reception: Client;
  let rikReception: Client;
  let ktReception: Client;

  beforeAll(async () => {
    app = await startTestApp('postgres', { clock: new TestClock('2026-03-02T09:00:00.000Z') });
    reception = await app.as('clerk', 'cso-budapest', 'clerk-reception');
    rikReception = await app.as('clerk', 'rd-central', 'clerk-rik-reception');
    ktReception = await app.as('clerk', 'central-secretariat', 'clerk-kt-reception');
  });
  afterAll(() => app.close());

  const registerComplaint = async (overrides: Record<string, unknown> = {}) => ok(await reception.post('/api/v1/complaints', complaintRegistration(overrides)), 201).body as { complaintId: string; registerEntry: string };

  it('R-CHN-04: both secretariats take a written complaint by fax as by letter', async () => {
    const { complaintId } = await registerComplaint();
    const regional = ok(await rikReception.post('/api/v1/escalations', escalation({ caseType: 'complaint', caseId: complaintId }, { channel: 'fax' })), 201);
    expect(regional.body).toMatchObject({ level: 'regional_secretariat' });
    const central = ok(await ktReception.post('/api/v1/escalations', escalation({ caseType: 'escalation', caseId: regional.body.escalationId }, { channel: 'fax' })), 201);
    expect(central.body).toMatchObject({ level: 'central_secretariat' });
    const view = await eventually(() => ktReception.get(`/api/v1/escalations/${central.body.escalationId}`, PURPOSE), (r) => r.status === 200);
    expect(view.body.registration).toMatchObject({ channel: 'fax' });
    // A web form is no written channel of a secretariat.
    await expectRefused(app.db, rikReception.post('/api/v1/escalations', escalation({ caseType: 'complaint', caseId: complaintId }, { channel: 'web_form' })), 422, { code: 'ESCALATION.CHANNEL_NOT_ACCEPTED', rule: 'R-ESC-01' });
  });
});
