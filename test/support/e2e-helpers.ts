import type { Database } from '../../src/infrastructure/persistence/database.js';
import type { Response } from './test-app.js';

/** Polls until the read side caught up with what the test expects. */
export async function eventually<T>(read: () => Promise<T>, until: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (until(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`not reached in time: ${JSON.stringify(value).slice(0, 800)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The answer, if it has the status; otherwise a failure that shows the body. */
export function ok(response: Response, status = 200): Response {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response;
}

export async function storedEvents(db: Database): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
  return Number(rows[0]!.n);
}

/** A refusal: the status, a problem-details body matching `expected`, and not one event stored. */
export async function expectRefused(db: Database, response: Promise<Response>, status: number, expected: Record<string, unknown>): Promise<Response> {
  const before = await storedEvents(db);
  const refused = await response;
  expect(refused.status).toBe(status);
  expect(refused.headers.get('content-type')).toContain('application/problem+json');
  expect(refused.body).toMatchObject(expected);
  expect(await storedEvents(db)).toBe(before);
  return refused;
}

/** The events of one stream, oldest first, as stored (personal fields as ciphertext). */
export async function streamEvents(db: Database, streamId: string): Promise<{ type: string; data: any; metadata: any }[]> {
  const { rows } = await db.query<{ type: string; data: any; metadata: any }>('SELECT event_type AS type, data, metadata FROM events WHERE stream_id = $1 ORDER BY stream_version', [streamId]);
  return rows;
}

/** A bill objection by letter as a clerk registers it over HTTP; `overrides` replace top-level fields. */
export const complaintRegistration = (overrides: Record<string, unknown> = {}) => ({
  receivedAt: '2026-03-02T08:30:00.000Z',
  channel: 'letter',
  kind: 'bill_objection',
  complainant: { name: 'Kovács Éva', address: '1111 Budapest, Fő utca 1.', email: 'eva.kovacs@example.hu', customerNumber: 'U-1001' },
  anonymous: false,
  placeOfUseId: 'POU-77',
  description: 'The January bill charges twice the usual heating.',
  documents: ['January invoice'],
  remedySought: 'Correct the bill',
  ...overrides,
});
