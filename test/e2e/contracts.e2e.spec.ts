import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/infrastructure/persistence/database.js';
import { eventually, expectRefused, ok, streamEvents } from '../support/e2e-helpers.js';
import { request, startTestApp, type Client } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';

const PURPOSE = { 'x-access-purpose': 'handling the contract' };
/** The scheduler and the sealer look for work this often in these tests. */
const WORKER_INTERVAL_MS = 100;

const residential = (overrides: Record<string, unknown> = {}) => ({
  category: 'residential',
  name: 'Kovács Éva',
  address: '1111 Budapest, Fő utca 1.',
  legalTitle: 'owner',
  email: 'eva.kovacs@example.hu',
  phone: '+36 30 123 4567',
  birthPlace: 'Szekszárd',
  birthDate: '1980-05-17',
  mothersName: 'Nagy Mária',
  ...overrides,
});

const application = (overrides: Record<string, unknown> = {}) => ({
  receivedAt: '2026-03-02T08:30:00.000Z',
  channel: 'letter',
  applicant: residential(),
  placeOfUse: { placeOfUseId: null, address: '1111 Budapest, Fő utca 1.', purpose: 'flat' },
  purpose: 'new_connection',
  demand: { peakHeatKw: 12, hotWaterKw: 6, totalPeakKw: 18 },
  requestedStartDate: '2026-10-01',
  paymentMethod: 'postal_cheque',
  ...overrides,
});

const information = (overrides: Record<string, unknown> = {}) => ({
  supplyPoint: 'Heat centre K-12',
  connectionPoint: 'Manifold 3, basement',
  connectionFeeHuf: 450_000,
  technicalConditions: 'Secondary circuit with heat exchanger; pressure class PN16',
  permitsNeeded: ['building permit for the substation'],
  meterPlacement: 'Heat meter on the return line in the substation, DN25',
  selectableTariffs: ['A1 residential', 'A2 residential with hot water'],
  recommendedPaymentMethod: 'postal_cheque',
  possibleStartDate: '2026-10-01',
  validUntil: '2026-04-30',
  ...overrides,
});

const generalTerms = (overrides: Record<string, unknown> = {}) => ({
  kind: 'general',
  placeOfUseId: 'POU-77',
  tariff: 'A1 residential',
  paymentMethod: 'postal_cheque',
  contractedHeatKw: 18,
  supplyStartsOn: '2026-10-01',
  term: { kind: 'indefinite', agreedOtherwise: false },
  customerNoticeDays: null,
  ...overrides,
});

const contractRequest = (overrides: Record<string, unknown> = {}) => ({
  receivedAt: '2026-03-02T08:30:00.000Z',
  channel: 'letter',
  requester: residential(),
  placeOfUse: { placeOfUseId: 'POU-77', address: '1111 Budapest, Fő utca 1.', purpose: 'flat' },
  basis: 'information_conditions_met',
  documents: ['title deed'],
  ...overrides,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The scheduler's table rows of a stream, as the consequence schedule projection keeps them; none before the runner created the table. */
async function scheduleOf(db: Database, streamId: string): Promise<{ kind: string; status: string; dueDate: string }[]> {
  try {
    const { rows } = await db.query<{ kind: string; status: string; dueDate: string }>(
      "SELECT doc->>'kind' AS kind, doc->>'status' AS status, doc->>'dueDate' AS \"dueDate\" FROM rm_consequence_schedule WHERE doc->>'streamId' = $1 ORDER BY doc->>'dueAt'",
      [streamId],
    );
    return rows;
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return [];
    throw error;
  }
}
const count = (events: { type: string }[], type: string) => events.filter((e) => e.type === type).length;

describe('contracts over HTTP (PostgreSQL)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let clock: TestClock;
  let kiss: Client;
  let leader: Client;
  let debrecen: Client;

  beforeAll(async () => {
    clock = new TestClock('2026-03-02T09:00:00.000Z');
    app = await startTestApp('postgres', { clock, workers: { intervalMs: WORKER_INTERVAL_MS } });
    kiss = await app.as('clerk', 'cso-budapest', 'clerk-kiss');
    leader = await app.as('supervisor', 'cso-budapest', 'group-leader');
    debrecen = await app.as('clerk', 'cso-debrecen', 'clerk-debrecen');
  });
  afterAll(() => app.close());

  const at = (instant: string) => clock.set(instant);
  const read = (path: string, until: (body: any) => boolean) => eventually(() => kiss.get(path, PURPOSE), (r) => r.status === 200 && until(r.body));
  const deadlines = (status: string, until: (items: any[]) => boolean) => eventually(() => kiss.get(`/api/v1/deadlines?status=${status}&unit=cso-budapest&limit=500`), (r) => r.status === 200 && until(r.body.items));
  const schedule = (streamId: string) => scheduleOf(app.db, streamId);

  /** A request whose offer is handed over on 10 March (it lapses on 10 April unless the case moves on). */
  async function handedOverOffer(): Promise<string> {
    at('2026-03-02T09:00:00.000Z');
    const offerId = ok(await kiss.post('/api/v1/contract-requests', contractRequest()), 201).body.offerId as string;
    at('2026-03-10T10:00:00.000Z');
    ok(await kiss.post(`/api/v1/contract-requests/${offerId}/offer`, { handedOverAt: '2026-03-10T09:00:00.000Z', channel: 'letter', terms: generalTerms() }));
    return offerId;
  }

  /** A general contract formed on 24 March from a signed offer. */
  async function formedContract(): Promise<{ offerId: string; contractId: string }> {
    const offerId = await handedOverOffer();
    at('2026-03-24T10:00:00.000Z');
    const signed = ok(await kiss.post(`/api/v1/contract-requests/${offerId}/signed-return`, { receivedAt: '2026-03-24T09:00:00.000Z', channel: 'in_person' }));
    return { offerId, contractId: signed.body.contract.contractId as string };
  }

  it('R-CON-03: application, information, acceptance, contract sent and signed: the contract is formed, registered, and the scheduled lapses are cancelled', async () => {
    at('2026-03-02T09:00:00.000Z');
    const submitted = ok(await kiss.post('/api/v1/connection-applications', application()), 201);
    const id = submitted.body.applicationId as string;
    expect(submitted.body).toMatchObject({ status: 'submitted', informationDue: '2026-04-01', version: 2 });
    expect(submitted.headers.get('location')).toBe(`/api/v1/connection-applications/${id}`);
    const [stored] = await streamEvents(app.db, `connection-${id}`);
    expect(stored).toMatchObject({ type: 'ConnectionApplicationSubmitted', metadata: { actor: { userId: 'clerk-kiss' }, channel: 'letter' } });
    // R-CON-01: the applicant's personal fields are ciphertext at rest.
    expect(JSON.stringify(stored!.data)).not.toMatch(/Kovács Éva|Nagy Mária|Szekszárd/);

    at('2026-03-10T09:00:00.000Z');
    const informed = ok(await kiss.post(`/api/v1/connection-applications/${id}/information`, { sentAt: '2026-03-10T08:00:00.000Z', channel: 'letter', information: information() }));
    expect(informed.body).toMatchObject({ status: 'informed', acceptanceDue: '2026-04-30', recorded: ['ConnectionInformationProvided', 'DutyDischarged', 'DutyOpened', 'ConsequenceScheduled'] });

    at('2026-03-16T09:00:00.000Z');
    const accepted = ok(await kiss.post(`/api/v1/connection-applications/${id}/acceptance`, { receivedAt: '2026-03-16T08:00:00.000Z', channel: 'letter' }));
    expect(accepted.body).toMatchObject({ status: 'accepted', contractDue: '2026-03-31', recorded: ['ConnectionInformationAccepted', 'DutyDischarged', 'ConsequenceCancelled', 'DutyOpened'] });

    at('2026-03-20T10:00:00.000Z');
    const sent = ok(await kiss.post(`/api/v1/connection-applications/${id}/contract-dispatch`, { sentAt: '2026-03-20T09:00:00.000Z', channel: 'letter', terms: generalTerms() }));
    expect(sent.body).toMatchObject({ status: 'contract_sent', draft: { signedReturnDue: '2026-04-20', lapsesOn: '2026-04-21' } });

    at('2026-04-02T10:00:00.000Z');
    const key = { 'idempotency-key': randomUUID() };
    const signed = ok(await kiss.post(`/api/v1/connection-applications/${id}/signed-return`, { receivedAt: '2026-04-02T09:30:00.000Z', channel: 'in_person' }, key));
    expect(signed.body).toMatchObject({ status: 'contract_formed', recorded: ['ContractFormed', 'DutyDischarged', 'ConsequenceCancelled'], counterOffer: null, contract: { registerEntry: expect.stringMatching(/^BP\/SZ\/2026\/\d+$/) } });
    const contractId = signed.body.contract.contractId as string;
    // A retry answers the same, and the contract stream is opened once, with one register number.
    const retried = ok(await kiss.post(`/api/v1/connection-applications/${id}/signed-return`, { receivedAt: '2026-04-02T09:30:00.000Z', channel: 'in_person' }, key));
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body).toEqual(signed.body);
    expect((await streamEvents(app.db, `contract-${contractId}`)).map((e) => e.type)).toEqual(['ContractEstablished']);

    const contract = await read(`/api/v1/contracts/${contractId}`, () => true);
    expect(contract.body).toMatchObject({
      caseType: 'contract',
      status: 'in_force',
      registerEntry: signed.body.contract.registerEntry,
      receivedOn: '2026-04-02',
      customer: { name: 'Kovács Éva', category: 'residential' },
      payer: { subjectId: `${id}/applicant`, name: 'Kovács Éva' },
      opening: { formedUnder: 'R-CON-06', formedAt: '2026-04-02T09:30:00.000Z' },
      links: { source: { streamId: `connection-${id}`, streamType: 'connection_application', caseId: id } },
    });
    const details = await read(`/api/v1/connection-applications/${id}`, (d) => d.status === 'contract_formed');
    expect(details.body).toMatchObject({ links: { contract: { contractId } }, openDuties: [] });
    expect(details.body.consequences.map((c: any) => [c.kind, c.status])).toEqual([['information_lapse', 'cancelled'], ['offer_lapse', 'cancelled']]);
    // The scheduler's table drops both lapses: the case moved on first.
    await eventually(() => schedule(`connection-${id}`), (rows) => rows.length === 2 && rows.every((r) => r.status === 'cancelled'));

    const register = await eventually(() => kiss.get('/api/v1/registers/contract-cases?unit=cso-budapest&year=2026&type=contract&limit=500', PURPOSE), (r) => r.status === 200 && r.body.items.some((l: any) => l.caseId === contractId));
    expect(register.body.items.find((l: any) => l.caseId === contractId)).toMatchObject({ caseType: 'contract', registerEntry: signed.body.contract.registerEntry, status: 'in_force', customerName: 'Kovács Éva', placeOfUseId: 'POU-77' });
    const reads = (await streamEvents(app.db, `access-contract-${contractId}`)).map((e) => [e.data.view, e.data.purpose, e.metadata.actor.userId]);
    expect(reads).toEqual(expect.arrayContaining([['contract_details', 'handling the contract', 'clerk-kiss'], ['contract_case_register', 'handling the contract', 'clerk-kiss']]));
  });

  it('R-DL-03: a deficiency notice stops the offer deadline; the missing items restart it, the new due date shows in the register with the original and why', async () => {
    at('2026-03-02T09:00:00.000Z');
    const requested = ok(await kiss.post('/api/v1/contract-requests', contractRequest()), 201);
    const offerId = requested.body.offerId as string;
    expect(requested.body).toMatchObject({ status: 'requested', offerDue: '2026-04-01' });

    at('2026-03-10T09:00:00.000Z');
    const notice = ok(await kiss.post(`/api/v1/contract-requests/${offerId}/deficiency-notices`, { sentAt: '2026-03-10T08:00:00.000Z', channel: 'letter', missing: ['energy certificate'], respondBy: '2026-03-31' }));
    expect(notice.body).toMatchObject({ status: 'awaiting_items', offerDue: null, recorded: ['DeficiencyNoticeIssued', 'DutyDischarged', 'DutyCancelled', 'DutyOpened'] });

    at('2026-03-25T09:00:00.000Z');
    const completed = ok(await kiss.post(`/api/v1/contract-requests/${offerId}/missing-items`, { receivedAt: '2026-03-25T08:00:00.000Z', items: ['energy certificate'], complete: true }));
    expect(completed.body).toMatchObject({ status: 'requested', offerDue: '2026-04-24', recorded: ['MissingItemsReceived', 'DutyDischarged', 'OfferDeadlineRestarted', 'DutyOpened'] });
    expect(completed.body.offerDeadlines.map((d: any) => d.due)).toEqual(['2026-04-01', '2026-04-24']);

    const register = await deadlines('open', (items) => items.some((c) => c.caseId === `offer-${offerId}` && c.duties.some((d: any) => d.dutyId === 'offer-handover-restart-1')));
    const entry = register.body.items.find((c: any) => c.caseId === `offer-${offerId}`);
    expect(entry).toMatchObject({ caseType: 'contract_offer', unitId: 'cso-budapest', nextDueDate: '2026-04-24' });
    const restarted = entry.duties.find((d: any) => d.dutyId === 'offer-handover-restart-1');
    expect(restarted).toMatchObject({ kind: 'offer_handover', dueDate: '2026-04-24', rule: 'R-CON-05' });
    expect(restarted.history).toEqual([{ from: '2026-04-01', to: '2026-04-24', reason: expect.stringContaining('deficiency notice 1'), rule: 'R-CON-05', at: expect.any(String) }]);
    expect(entry.duties.some((d: any) => d.dutyId === 'offer-handover')).toBe(false);

    const details = await read(`/api/v1/contract-requests/${offerId}`, (d) => d.offerDeadlines.length === 2);
    expect(details.body.offerDeadlines).toEqual([
      { dutyId: 'offer-handover', due: '2026-04-01', from: '2026-03-02', reason: 'the written request arrived', rule: 'R-CON-04' },
      { dutyId: 'offer-handover-restart-1', due: '2026-04-24', from: '2026-03-25', reason: expect.stringContaining('arrived on 2026-03-25'), rule: 'R-CON-05' },
    ]);
    expect(details.body.deficiencyNotices).toEqual([{ noticeNumber: 1, missing: ['energy certificate'], sentOn: '2026-03-10', respondBy: '2026-03-31', late: false, received: [{ receivedOn: '2026-03-25', items: ['energy certificate'], complete: true }] }]);

    // The offer after the original deadline but within the restarted one is in time; it then shows among the open offers by its lapse date.
    at('2026-04-10T10:00:00.000Z');
    const offered = ok(await kiss.post(`/api/v1/contract-requests/${offerId}/offer`, { handedOverAt: '2026-04-10T09:00:00.000Z', channel: 'in_person', terms: generalTerms() }));
    expect(offered.body).toMatchObject({ status: 'offer_handed_over', draft: { signedReturnDue: '2026-05-11', lapsesOn: '2026-05-12' } });
    const open = await deadlines('open_offers', (items) => items.some((c) => c.caseId === `offer-${offerId}`));
    expect(open.body.items.find((c: any) => c.caseId === `offer-${offerId}`)).toMatchObject({ offerLapsesOn: '2026-05-12', consequences: [{ kind: 'offer_lapse', dueDate: '2026-05-12', rule: 'R-CON-08' }] });
    const lines = await eventually(() => kiss.get('/api/v1/registers/contract-cases?unit=cso-budapest&year=2026&type=contract_offer&status=offer_handed_over&limit=500', PURPOSE), (r) => r.body.items?.some((l: any) => l.caseId === offerId));
    expect(lines.body.items.find((l: any) => l.caseId === offerId)).toMatchObject({ lapsesOn: '2026-05-12', offerDeadlineRestarts: 1 });

    at('2026-05-05T10:00:00.000Z');
    const signed = ok(await kiss.post(`/api/v1/contract-requests/${offerId}/signed-return`, { receivedAt: '2026-05-05T09:00:00.000Z', channel: 'letter' }));
    expect(signed.body).toMatchObject({ status: 'contract_formed', contract: { registerEntry: expect.stringMatching(/^BP\/SZ\/2026\/\d+$/) } });
    await deadlines('open_offers', (items) => !items.some((c) => c.caseId === `offer-${offerId}`));
  });

  it('R-CON-07: a draft signed with differences is a counter-offer in its own stream, linked to the offer, reconciled into a contract', async () => {
    const offerId = await handedOverOffer();
    at('2026-03-25T12:00:00.000Z');
    const countered = ok(
      await kiss.post(`/api/v1/contract-requests/${offerId}/signed-return`, { receivedAt: '2026-03-25T10:00:00.000Z', channel: 'letter', differences: [{ clause: '5.2 billing', customerPosition: 'Quarterly bills' }] }),
    );
    expect(countered.body).toMatchObject({ status: 'countered', contract: null, counterOffer: { reconciliationDue: '2026-04-09' } });
    const counterOfferId = countered.body.counterOffer.counterOfferId as string;
    const [registered] = await streamEvents(app.db, `counter-offer-${counterOfferId}`);
    expect(registered).toMatchObject({ type: 'CounterOfferRegistered', data: { answers: { streamId: `offer-${offerId}`, streamType: 'contract_offer', caseId: offerId } } });
    expect(JSON.stringify(registered!.data)).not.toContain('Quarterly bills');

    const counter = await read(`/api/v1/counter-offers/${counterOfferId}`, () => true);
    expect(counter.body).toMatchObject({ caseType: 'counter_offer', status: 'awaiting_reconciliation', links: { answers: { streamId: `offer-${offerId}` } }, opening: { differences: [{ clause: '5.2 billing', customerPosition: 'Quarterly bills' }] } });
    expect(counter.body.openDuties).toEqual([expect.objectContaining({ kind: 'reconciliation_start', dueDate: '2026-04-09', rule: 'R-CON-07' })]);
    await read(`/api/v1/contract-requests/${offerId}`, (d) => d.status === 'countered' && d.links.counterOffer?.counterOfferId === counterOfferId);

    at('2026-03-30T09:00:00.000Z');
    ok(await kiss.post(`/api/v1/counter-offers/${counterOfferId}/reconciliation`, { startedAt: '2026-03-30T08:00:00.000Z', method: 'meeting', note: 'Meeting on 2 April' }));
    at('2026-04-02T10:00:00.000Z');
    await expectRefused(app.db, kiss.post(`/api/v1/counter-offers/${counterOfferId}/agreement`, { agreedAt: '2026-04-02T09:00:00.000Z', channel: 'in_person', resolutions: [], terms: generalTerms() }), 422, {
      code: 'COUNTER_OFFER.POSITIONS_DIFFER',
      rule: 'R-CON-07',
    });
    const agreed = ok(
      await kiss.post(`/api/v1/counter-offers/${counterOfferId}/agreement`, {
        agreedAt: '2026-04-02T09:00:00.000Z',
        channel: 'in_person',
        resolutions: [{ clause: '5.2 billing', agreedText: 'Monthly bills, quarterly settlement' }],
        terms: generalTerms({ tariff: 'A1 residential, monthly bills' }),
      }),
    );
    expect(agreed.body).toMatchObject({ status: 'contract_formed', recorded: expect.arrayContaining(['PositionsAgreed', 'ContractFormed']), contract: { registerEntry: expect.stringMatching(/^BP\/SZ\/2026\/\d+$/) } });
    const contractId = agreed.body.contract.contractId as string;
    const contract = await read(`/api/v1/contracts/${contractId}`, () => true);
    expect(contract.body).toMatchObject({
      status: 'in_force',
      receivedOn: '2026-04-02',
      terms: { tariff: 'A1 residential, monthly bills' },
      opening: { formedUnder: 'R-CON-07', effectiveFrom: '2026-04-02' },
      links: { source: { streamId: `counter-offer-${counterOfferId}`, streamType: 'counter_offer', caseId: counterOfferId } },
    });
    await read(`/api/v1/counter-offers/${counterOfferId}`, (d) => d.status === 'contract_formed' && d.links.contract?.contractId === contractId);
  });

  it('R-CON-12: a payer change with arrears statements from both payers ends in a new payer agreement', async () => {
    const { contractId } = await formedContract();
    at('2026-05-04T10:00:00.000Z');
    const reported = ok(
      await kiss.post(`/api/v1/contracts/${contractId}/payer-changes`, {
        reportedAt: '2026-05-04T08:00:00.000Z',
        channel: 'in_person',
        changedOn: '2026-04-30',
        reason: 'sale',
        reportedBy: ['old_payer', 'new_payer'],
        newPayer: residential({ name: 'Tóth Gábor', birthDate: '1975-01-09', mothersName: 'Szabó Anna' }),
        oldPayerArrearsHuf: 31_500,
      }),
    );
    expect(reported.body).toMatchObject({ recorded: ['PayerChangeReported', 'DutyOpened', 'DutyOpened'], payerChange: { statementsRequired: ['old_payer', 'new_payer'], statementsGiven: [] } });

    await expectRefused(app.db, kiss.post(`/api/v1/contracts/${contractId}/payer-changes/agreement`, { concludedAt: '2026-05-04T09:00:00.000Z', channel: 'in_person' }), 422, { code: 'CONTRACT.ARREARS_STATEMENT_MISSING', rule: 'R-CON-12' });
    await expectRefused(app.db, kiss.post(`/api/v1/contracts/${contractId}/payer-changes/arrears-statements`, { by: 'old_payer', statedAt: '2026-05-04T09:00:00.000Z', channel: 'phone', settlement: 'I pay it' }), 422, { rule: 'R-CON-12', errors: [{ field: 'channel' }] });

    at('2026-05-06T10:00:00.000Z');
    ok(await kiss.post(`/api/v1/contracts/${contractId}/payer-changes/arrears-statements`, { by: 'old_payer', statedAt: '2026-05-06T08:00:00.000Z', channel: 'letter', settlement: 'I pay the arrears in full by 31 May' }));
    const both = ok(await kiss.post(`/api/v1/contracts/${contractId}/payer-changes/arrears-statements`, { by: 'new_payer', statedAt: '2026-05-06T09:00:00.000Z', channel: 'email', settlement: 'Nothing of the old debt is mine' }));
    expect(both.body).toMatchObject({ recorded: ['ArrearsStatementRecorded', 'DutyDischarged'], payerChange: { statementsGiven: ['old_payer', 'new_payer'] } });
    const statements = (await streamEvents(app.db, `contract-${contractId}`)).filter((e) => e.type === 'ArrearsStatementRecorded');
    expect(JSON.stringify(statements.map((s) => s.data))).not.toContain('31 May');

    at('2026-05-08T10:00:00.000Z');
    const concluded = ok(await kiss.post(`/api/v1/contracts/${contractId}/payer-changes/agreement`, { concludedAt: '2026-05-08T08:00:00.000Z', channel: 'in_person' }));
    expect(concluded.body).toMatchObject({ recorded: ['PayerAgreementConcluded'], payerChange: null, payerSubjectId: expect.stringMatching(new RegExp(`^${contractId}/payer-`)) });

    const details = await read(`/api/v1/contracts/${contractId}`, (d) => d.payerChanges[0]?.concludedOn === '2026-05-08');
    expect(details.body).toMatchObject({
      payer: { subjectId: concluded.body.payerSubjectId, name: 'Tóth Gábor' },
      payerChanges: [{ reason: 'sale', late: false, oldPayerArrearsHuf: 31_500, newPayer: { name: 'Tóth Gábor' }, statementsRequired: ['old_payer', 'new_payer'], statementsGiven: ['old_payer', 'new_payer'], debtPassesToNewPayer: false }],
    });
    expect(details.body.steps.filter((s: any) => s.type === 'ArrearsStatementRecorded').map((s: any) => s.data.settlement)).toEqual(['I pay the arrears in full by 31 May', 'Nothing of the old debt is mine']);
  });

  describe('refused with a 4xx problem, and nothing stored', () => {
    it('R-CHN-01: a contract request over the phone is refused naming the rule; no stream is opened', async () => {
      at('2026-03-02T09:00:00.000Z');
      const offerId = randomUUID();
      await expectRefused(app.db, kiss.post('/api/v1/contract-requests', contractRequest({ offerId, channel: 'phone' })), 422, { code: 'CHANNEL.IN_PERSON_ONLY', rule: 'R-CHN-01', errors: [{ field: 'channel' }] });
      expect(await streamEvents(app.db, `offer-${offerId}`)).toEqual([]);
      // Asked for, the phone call is recorded as a request for a personal appointment instead (R-LAW-11).
      const booked = ok(await kiss.post('/api/v1/contract-requests', contractRequest({ offerId, channel: 'phone', bookAppointment: true })), 201);
      expect(booked.body).toMatchObject({ offerId, status: 'appointment_booked', recorded: ['ContractRequestBooked', 'PersonalAppointmentRequested', 'DutyOpened'] });
    });

    it('R-CHN-01, R-CHN-02: on a contract, an in-person-only kind by phone is refused; a remote-capable kind by phone is taken', async () => {
      const { contractId } = await formedContract();
      await expectRefused(app.db, kiss.post(`/api/v1/contracts/${contractId}/customer-requests`, { matter: 'instalment_agreement', channel: 'phone', receivedAt: '2026-03-24T09:30:00.000Z' }), 422, { code: 'CHANNEL.IN_PERSON_ONLY', rule: 'R-CHN-01' });
      const taken = ok(await kiss.post(`/api/v1/contracts/${contractId}/customer-requests`, { matter: 'meter_reading_report', channel: 'phone', receivedAt: '2026-03-24T09:30:00.000Z', note: 'meter shows 12345 GJ' }));
      expect(taken.body).toMatchObject({ recorded: ['CustomerRequestRecorded'] });
    });

    it('R-CON-01: an application without the residential applicant’s birth data names what is missing; a missing applicant is a 400', async () => {
      at('2026-03-02T09:00:00.000Z');
      await expectRefused(app.db, kiss.post('/api/v1/connection-applications', application({ applicant: residential({ mothersName: undefined, birthPlace: undefined }) })), 422, {
        code: 'CONNECTION.APPLICATION_INCOMPLETE',
        rule: 'R-CON-01',
        missing: ['applicant.birthPlace', 'applicant.mothersName'],
      });
      await expectRefused(app.db, kiss.post('/api/v1/connection-applications', application({ applicant: residential({ category: 'other', birthPlace: undefined, birthDate: undefined, mothersName: undefined }) })), 422, {
        rule: 'R-CON-01',
        missing: expect.arrayContaining(['applicant.statisticalNumber', 'applicant.taxNumber', 'applicant.representative.name', 'applicant.bankDetails']),
      });
      await expectRefused(app.db, kiss.post('/api/v1/connection-applications', application({ channel: 'phone' })), 422, { rule: 'R-CON-01', errors: [{ field: 'channel' }] });
      const { applicant: _applicant, ...withoutApplicant } = application();
      await expectRefused(app.db, kiss.post('/api/v1/connection-applications', withoutApplicant), 400, { code: 'REQUEST.VALIDATION_FAILED', errors: [{ field: 'applicant' }] });
      await expectRefused(app.db, kiss.post('/api/v1/connection-applications', application({ demand: { peakHeatKw: 'a lot', hotWaterKw: 6, totalPeakKw: 18 } })), 400, {
        errors: expect.arrayContaining([expect.objectContaining({ field: 'demand.peakHeatKw' })]),
      });
      // Contracts are handled by the customer service office that received the case.
      const id = ok(await kiss.post('/api/v1/connection-applications', application()), 201).body.applicationId;
      await expectRefused(app.db, debrecen.post(`/api/v1/connection-applications/${id}/information`, { sentAt: '2026-03-02T08:40:00.000Z', channel: 'letter', information: information() }), 403, { code: 'CONNECTION.NOT_RESPONSIBLE_UNIT' });
    });

    it('R-CON-02: information lacking an item is refused naming the items', async () => {
      at('2026-03-02T09:00:00.000Z');
      const id = ok(await kiss.post('/api/v1/connection-applications', application()), 201).body.applicationId;
      const { meterPlacement: _m, validUntil: _v, ...partial } = information();
      await expectRefused(app.db, kiss.post(`/api/v1/connection-applications/${id}/information`, { sentAt: '2026-03-02T08:40:00.000Z', channel: 'letter', information: partial }), 422, {
        code: 'CONNECTION.INFORMATION_INCOMPLETE',
        rule: 'R-CON-02',
        missing: ['meterPlacement', 'validUntil'],
      });
    });

    it('R-CON-09: the provider refuses to contract when the conditions of its information were not met', async () => {
      at('2026-03-02T09:00:00.000Z');
      const offerId = ok(await kiss.post('/api/v1/contract-requests', contractRequest()), 201).body.offerId;
      const refused = ok(await kiss.post(`/api/v1/contract-requests/${offerId}/refusal`, { unmetConditions: ['the substation permit was not obtained'], explanation: 'No permit, no connection.', sentAt: '2026-03-02T08:50:00.000Z', channel: 'letter' }));
      expect(refused.body).toMatchObject({ status: 'refused', recorded: ['ContractRefused', 'DutyCancelled', 'DutyCancelled'] });
      await expectRefused(app.db, kiss.post(`/api/v1/contract-requests/${offerId}/offer`, { handedOverAt: '2026-03-02T08:55:00.000Z', channel: 'letter', terms: generalTerms() }), 409, { status: 409, code: 'OFFER.WRONG_STATE', caseStatus: 'refused' });
    });
  });

  it('R-CON-08: an offer lapses by itself when the clock passes 30 days, appended by the scheduler; an offer answered first does not', async () => {
    const silent = await handedOverOffer();
    const answered = await handedOverOffer();
    at('2026-03-20T10:00:00.000Z');
    ok(await kiss.post(`/api/v1/contract-requests/${answered}/withdrawal`, { receivedAt: '2026-03-20T09:00:00.000Z', channel: 'letter', reason: 'the customer declined the offer' }));

    // The answered offer leaves the open offers; the silent one stays, with its lapse date.
    const open = await deadlines('open_offers', (items) => items.some((c) => c.caseId === `offer-${silent}`) && !items.some((c) => c.caseId === `offer-${answered}`));
    expect(open.body.items.find((c: any) => c.caseId === `offer-${silent}`)).toMatchObject({ offerLapsesOn: '2026-04-10' });
    await eventually(() => schedule(`offer-${answered}`), (rows) => rows.length === 1 && rows[0]!.status === 'cancelled');
    await eventually(() => schedule(`offer-${silent}`), (rows) => rows.length === 1 && rows[0]!.status === 'pending' && rows[0]!.dueDate === '2026-04-10');

    // 23:00 in Budapest on the last day: the scheduler runs, and leaves the offer standing.
    at('2026-04-09T21:00:00.000Z');
    await sleep(WORKER_INTERVAL_MS * 6);
    expect(count(await streamEvents(app.db, `offer-${silent}`), 'OfferLapsed')).toBe(0);

    // Midnight passes: the scheduler appends the lapse; the test sends nothing.
    at('2026-04-10T01:00:00.000Z');
    const lapsed = await eventually(() => streamEvents(app.db, `offer-${silent}`), (events) => count(events, 'OfferLapsed') === 1);
    const lapse = lapsed.find((e) => e.type === 'OfferLapsed')!;
    expect(lapse.data).toMatchObject({ lapsedOn: '2026-04-10', signedReturnDue: '2026-04-09', rule: 'R-CON-08' });
    expect(lapse.metadata).toMatchObject({ actor: { userId: 'system:scheduler', role: 'admin', unit: null }, channel: 'system', commandId: expect.stringMatching(/^system:consequence:/) });
    expect(lapsed.slice(-3).map((e) => e.type)).toEqual(['OfferLapsed', 'ConsequenceExecuted', 'DutyCancelled']);

    // More passes append nothing more; the offer answered first never lapses.
    await eventually(() => schedule(`offer-${silent}`), (rows) => rows[0]!.status === 'executed');
    await sleep(WORKER_INTERVAL_MS * 6);
    const after = await streamEvents(app.db, `offer-${silent}`);
    expect([count(after, 'OfferLapsed'), count(after, 'ConsequenceExecuted')]).toEqual([1, 1]);
    expect(count(await streamEvents(app.db, `offer-${answered}`), 'OfferLapsed')).toBe(0);

    const details = await read(`/api/v1/contract-requests/${silent}`, (d) => d.status === 'offer_lapsed');
    expect(details.body).toMatchObject({ lapsedOn: '2026-04-10', consequences: [{ kind: 'offer_lapse', status: 'executed' }], openDuties: [] });
    expect(details.body.steps.find((s: any) => s.type === 'OfferLapsed')).toMatchObject({ by: 'system:scheduler' });
    await deadlines('open_offers', (items) => !items.some((c) => c.caseId === `offer-${silent}`));
    // A signed copy arriving now is too late: no contract (R-CON-06).
    await expectRefused(app.db, kiss.post(`/api/v1/contract-requests/${silent}/signed-return`, { receivedAt: '2026-04-10T00:30:00.000Z', channel: 'in_person' }), 422, { code: 'OFFER.SIGNED_RETURN_LATE', rule: 'R-CON-06' });
  });

  it('R-CON-10, R-CON-13: an amendment takes effect and a customer’s termination ends the contract by themselves, on their days', async () => {
    const { contractId } = await formedContract();
    at('2026-04-08T10:00:00.000Z');
    await expectRefused(
      app.db,
      kiss.post(`/api/v1/contracts/${contractId}/amendments`, { agreedAt: '2026-04-08T09:00:00.000Z', channel: 'in_person', changes: { tariff: 'A2 residential with hot water' }, effectiveFrom: '2026-04-20', description: 'hot water tariff' }),
      422,
      { code: 'CONTRACT.AMENDMENT_NOTICE_TOO_SHORT', rule: 'R-CON-10', earliest: '2026-05-08' },
    );
    const amended = ok(await kiss.post(`/api/v1/contracts/${contractId}/amendments`, { agreedAt: '2026-04-08T09:00:00.000Z', channel: 'in_person', changes: { tariff: 'A2 residential with hot water' }, description: 'hot water tariff' }));
    expect(amended.body).toMatchObject({ recorded: ['AmendmentAgreed', 'ConsequenceScheduled'], pendingAmendments: [{ effectiveFrom: '2026-05-08' }] });

    at('2026-05-07T21:00:00.000Z');
    await sleep(WORKER_INTERVAL_MS * 4);
    expect(count(await streamEvents(app.db, `contract-${contractId}`), 'AmendmentTookEffect')).toBe(0);
    at('2026-05-08T08:00:00.000Z');
    await eventually(() => streamEvents(app.db, `contract-${contractId}`), (events) => count(events, 'AmendmentTookEffect') === 1);
    const contract = await read(`/api/v1/contracts/${contractId}`, (d) => d.terms.tariff === 'A2 residential with hot water');
    expect(contract.body.steps.find((s: any) => s.type === 'AmendmentTookEffect')).toMatchObject({ by: 'system:scheduler', data: { effectiveFrom: '2026-05-08' } });

    at('2026-06-01T10:00:00.000Z');
    await expectRefused(app.db, kiss.post(`/api/v1/contracts/${contractId}/termination-notice`, { receivedAt: '2026-06-01T08:00:00.000Z', channel: 'phone', conditionsMetAndReported: true }), 422, { code: 'CONTRACT.TERMINATION_NOT_WRITTEN', rule: 'R-CON-13' });
    const notice = ok(await kiss.post(`/api/v1/contracts/${contractId}/termination-notice`, { receivedAt: '2026-06-01T08:00:00.000Z', channel: 'letter', conditionsMetAndReported: true }));
    expect(notice.body).toMatchObject({ status: 'terminating', termination: { by: 'customer', endsOn: '2026-07-01', conditionsReportedOn: '2026-06-01' } });
    at('2026-07-02T08:00:00.000Z');
    const ended = await eventually(() => streamEvents(app.db, `contract-${contractId}`), (events) => count(events, 'ContractTerminated') === 1);
    expect(ended.find((e) => e.type === 'ContractTerminated')).toMatchObject({ data: { by: 'customer', endedOn: '2026-07-01', rule: 'R-CON-13' }, metadata: { actor: { userId: 'system:scheduler' } } });
    await read(`/api/v1/contracts/${contractId}`, (d) => d.status === 'terminated' && d.endedOn === '2026-07-01');
  });

  it('R-CON-14: the provider terminates in writing for non-payment only after a written demand and 60 days past due; a supervisor decides', async () => {
    const { contractId } = await formedContract();
    at('2026-07-10T10:00:00.000Z');
    const termination = (nonPayment: Record<string, unknown>) => ({ ground: 'non_payment', sentAt: '2026-07-10T08:00:00.000Z', channel: 'letter', endsOn: '2026-08-31', description: 'The April bill is unpaid.', nonPayment });
    await expectRefused(app.db, kiss.post(`/api/v1/contracts/${contractId}/provider-termination`, termination({ billDueOn: '2026-04-15', writtenDemandSentOn: '2026-05-02', amountHuf: 84_000 })), 403, { code: 'AUTH.ROLE_NOT_ALLOWED' });
    await expectRefused(app.db, leader.post(`/api/v1/contracts/${contractId}/provider-termination`, termination({ billDueOn: '2026-04-15', writtenDemandSentOn: null, amountHuf: 84_000 })), 422, { code: 'CONTRACT.NO_WRITTEN_DEMAND', rule: 'R-CON-14' });
    await expectRefused(app.db, leader.post(`/api/v1/contracts/${contractId}/provider-termination`, termination({ billDueOn: '2026-05-20', writtenDemandSentOn: '2026-06-01', amountHuf: 84_000 })), 422, { code: 'CONTRACT.NON_PAYMENT_TOO_EARLY', rule: 'R-CON-14' });
    const sent = ok(await leader.post(`/api/v1/contracts/${contractId}/provider-termination`, termination({ billDueOn: '2026-04-15', writtenDemandSentOn: '2026-05-02', amountHuf: 84_000 })));
    expect(sent.body).toMatchObject({ status: 'terminating', recorded: ['ProviderTerminationNoticeSent', 'ConsequenceScheduled'], termination: { by: 'provider', endsOn: '2026-08-31' } });
  });

  it('the OpenAPI document has every contract route, with an example on every field', async () => {
    const doc = (await request(app.baseUrl, 'GET', '/api/docs/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/connection-applications', '/api/v1/connection-applications/{id}', '/api/v1/connection-applications/{id}/information', '/api/v1/connection-applications/{id}/acceptance',
        '/api/v1/connection-applications/{id}/change-requests', '/api/v1/connection-applications/{id}/contract-dispatch', '/api/v1/connection-applications/{id}/signed-return',
        '/api/v1/connection-applications/{id}/refusal', '/api/v1/connection-applications/{id}/withdrawal', '/api/v1/connection-applications/{id}/appointments',
        '/api/v1/contract-requests', '/api/v1/contract-requests/{id}', '/api/v1/contract-requests/{id}/completeness-check', '/api/v1/contract-requests/{id}/deficiency-notices',
        '/api/v1/contract-requests/{id}/missing-items', '/api/v1/contract-requests/{id}/offer', '/api/v1/contract-requests/{id}/signed-return', '/api/v1/contract-requests/{id}/refusal',
        '/api/v1/contract-requests/{id}/withdrawal', '/api/v1/counter-offers/{id}', '/api/v1/counter-offers/{id}/reconciliation', '/api/v1/counter-offers/{id}/agreement',
        '/api/v1/counter-offers/{id}/reconciliation-failure', '/api/v1/contracts/{id}', '/api/v1/contracts/{id}/amendments', '/api/v1/contracts/{id}/payer-changes',
        '/api/v1/contracts/{id}/payer-changes/arrears-statements', '/api/v1/contracts/{id}/payer-changes/agreement', '/api/v1/contracts/{id}/termination-notice',
        '/api/v1/contracts/{id}/termination-conditions', '/api/v1/contracts/{id}/provider-termination', '/api/v1/contracts/{id}/customer-requests', '/api/v1/registers/contract-cases',
        '/api/v1/contracts/{id}/audit-trail',
      ]),
    );
    const schemas = Object.keys(doc.components.schemas).filter((name) =>
      /^(Party|BankDetails|PartyRepresentative|PlaceOfUse|HeatDemand|ContractTerm|ContractTerms|SubmitConnectionApplication|ConnectionInformation|AcceptInformation|RequestChanges|SendContract|Difference|SignedReturn|Refusal|ContractWithdrawal|AppointmentOffer|RequestContract|DeficiencyNotice|MissingItems|HandOverOffer|StartReconciliation|Resolution|AgreePositions|EndReconciliation|ContractChanges|Amendment|PayerChange|ArrearsStatement|PayerAgreement|TerminationNotice|TerminationConditions|NonPayment|ProviderTermination|CustomerRequest)(Request|Dto)$/.test(name),
    );
    expect(schemas.length).toBeGreaterThanOrEqual(36);
    const missing = schemas.flatMap((name) =>
      Object.entries(doc.components.schemas[name].properties as Record<string, any>).filter(([, p]) => p.example === undefined && !p.$ref && !p.allOf).map(([field]) => `${name}.${field}`),
    );
    expect(missing).toEqual([]);
    const deadlines = doc.paths['/api/v1/deadlines'].get.parameters.find((p: any) => p.name === 'status');
    expect(deadlines.schema.enum).toContain('open_offers');
  });
});

describe('the durable scheduler across a restart (PostgreSQL)', () => {
  it('R-CON-08: stopped while an offer’s lapse is due, the service started again appends the lapse exactly once', async () => {
    const clock = new TestClock('2026-03-02T09:00:00.000Z');
    // The first run has no background workers: the lapse falls due while nothing can append it.
    const first = await startTestApp('postgres', { clock, env: { BACKGROUND_WORKERS_ENABLED: 'false' } });
    let current = first;
    try {
      const clerk = await first.as('clerk', 'cso-budapest', 'clerk-kiss');
      const offerId = ok(await clerk.post('/api/v1/contract-requests', contractRequest()), 201).body.offerId as string;
      clock.set('2026-03-10T10:00:00.000Z');
      ok(await clerk.post(`/api/v1/contract-requests/${offerId}/offer`, { handedOverAt: '2026-03-10T09:00:00.000Z', channel: 'letter', terms: generalTerms() }));
      const pending = (db: Database) => scheduleOf(db, `offer-${offerId}`);
      await eventually(() => pending(first.db), (rows) => rows.length === 1 && rows[0]!.status === 'pending');
      clock.set('2026-04-11T09:00:00.000Z');
      await sleep(300);
      expect(count(await streamEvents(first.db, `offer-${offerId}`), 'OfferLapsed')).toBe(0);
      const stopped = await first.stop();

      // Started again on the same database with the scheduler on: the due lapse is appended once.
      const second = await startTestApp('postgres', { clock, workers: { intervalMs: WORKER_INTERVAL_MS }, restartOf: stopped });
      current = second;
      const lapsed = await eventually(() => streamEvents(second.db, `offer-${offerId}`), (events) => count(events, 'OfferLapsed') === 1);
      expect(lapsed.find((e) => e.type === 'OfferLapsed')!.metadata).toMatchObject({ actor: { userId: 'system:scheduler' } });
      // Stopped right after the append, possibly before its schedule caught up, and started once more.
      const again = await second.stop();
      const third = await startTestApp('postgres', { clock, workers: { intervalMs: WORKER_INTERVAL_MS }, restartOf: again });
      current = third;
      await eventually(() => pending(third.db), (rows) => rows[0]?.status === 'executed');
      await sleep(WORKER_INTERVAL_MS * 6);
      const events = await streamEvents(third.db, `offer-${offerId}`);
      expect([count(events, 'OfferLapsed'), count(events, 'ConsequenceExecuted')]).toEqual([1, 1]);
      const reader = await third.as('clerk', 'cso-budapest', 'clerk-kiss');
      const details = await eventually(() => reader.get(`/api/v1/contract-requests/${offerId}`, PURPOSE), (r) => r.status === 200 && r.body.status === 'offer_lapsed');
      // Personal data written before the restart still decrypts under the same master key.
      expect(details.body.customer).toMatchObject({ name: 'Kovács Éva' });
    } finally {
      await current.close();
    }
  }, 60_000);
});
