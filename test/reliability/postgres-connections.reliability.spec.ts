import type { Database, SessionConnection } from '../../src/infrastructure/persistence/database.js';
import { PostgresDatabase } from '../../src/infrastructure/persistence/postgres.database.js';
import { AdvisoryLocks, LEASE_LOCK_SPACE } from '../../src/infrastructure/projections/projection-lease.js';
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
  it('the lease session sends one statement at a time, however many projections ask for leases at once', async () => {
    // pg only queues a query sent while another runs on the same client, and pg 9 refuses it.
    let running = 0;
    let most = 0;
    const counted = (session: SessionConnection): SessionConnection => ({
      query: async (text, params, options) => {
        most = Math.max(most, ++running);
        try {
          return await session.query(text, params, options);
        } finally {
          running--;
        }
      },
      exec: (sql) => session.exec(sql),
      release: () => session.release(),
    });
    const observed = Object.create(db, { session: { value: async () => counted(await db.session()) } }) as Database;
    const locks = new AdvisoryLocks(observed);
    const names = Array.from({ length: 12 }, (_, i) => `projection_${i}`);
    try {
      const granted = await Promise.all(names.map((name) => locks.tryAcquire(LEASE_LOCK_SPACE, name)));
      const [alive] = await Promise.all([locks.verify(), ...names.map((name) => locks.release(LEASE_LOCK_SPACE, name))]);
      expect(granted).toEqual(names.map(() => true));
      expect(alive).toBe(true);
      expect(most).toBe(1);
    } finally {
      await locks.close();
    }
  });
});
