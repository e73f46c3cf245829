import { PostgresDatabase } from '../../src/infrastructure/persistence/postgres.database.js';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.js';

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('PostgreSQL connections dropped by the server', () => {
  let testDb: TestDatabase;
  let db: PostgresDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
    db = new PostgresDatabase(testDb.url!, { maxConnections: 4 });
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  const terminate = (where: string) =>
    testDb.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND ${where}`);

  it('a dropped LISTEN connection does not crash the process, and notifications resume', async () => {
    const received: string[] = [];
    await db.listen('wake_test', (payload) => received.push(payload));
    await db.query("SELECT pg_notify('wake_test', 'before')");
    await waitFor(() => received.includes('before'));
    await terminate("query LIKE 'LISTEN%'");
    // The listener comes back by itself; keep notifying until one arrives.
    await waitFor(async () => {
      await db.query("SELECT pg_notify('wake_test', 'after')");
      return received.includes('after');
    });
  });

  it('a session whose connection is dropped fails its query instead of crashing, and releases cleanly', async () => {
    const session = await db.session();
    const { rows } = await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await testDb.db.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    await expect(session.query('SELECT 1')).rejects.toThrow();
    await session.release();
    await expect(db.query<{ one: number }>('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
  });
});
