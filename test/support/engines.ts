import { randomBytes } from 'node:crypto';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { MongoClient } from 'mongodb';
import { MongoReadModelStore } from '../../src/infrastructure/projections/mongodb/mongo.read-model.store.js';

/**
 * Which engines a contract suite runs on. PGlite and PostgreSQL always; KurrentDB and MongoDB
 * only where a server URL is given (none can run on the build machines). A suite that leaves
 * an engine out says so in one printed line, never silently.
 */

export interface OptionalEngine<TKind extends string> {
  readonly kind: TKind;
  /** The environment variable holding the server's URL. */
  readonly variable: string;
  /** What the server is, for the printed line. */
  readonly server: string;
}

export const KURRENTDB: OptionalEngine<'kurrentdb'> = { kind: 'kurrentdb', variable: 'KURRENTDB_URL', server: 'KurrentDB server' };
export const MONGODB: OptionalEngine<'mongodb'> = { kind: 'mongodb', variable: 'MONGODB_URL', server: 'MongoDB replica set' };

/**
 * The always-run kinds plus each optional engine whose URL is set; for each one left out,
 * `report` gets one line naming the suite and why.
 */
export function selectEngines<TAlways extends string, TOptional extends string>(
  suite: string,
  always: readonly TAlways[],
  optional: ReadonlyArray<OptionalEngine<TOptional>>,
  env: Readonly<Record<string, string | undefined>> = process.env,
  report: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Array<TAlways | TOptional> {
  const selected: Array<TAlways | TOptional> = [...always];
  for (const engine of optional) {
    if (env[engine.variable]?.trim()) selected.push(engine.kind);
    else report(`${suite} on ${engine.kind}: not run, ${engine.variable} is not set (no ${engine.server} on this machine)`);
  }
  return selected;
}

/** A client of the KurrentDB server the suites run against; the caller disposes it. */
export function kurrentClient(env: Readonly<Record<string, string | undefined>> = process.env): KurrentDBClient {
  const url = env.KURRENTDB_URL;
  if (!url) throw new Error('KURRENTDB_URL is not set');
  return KurrentDBClient.connectionString(url);
}

/** A fresh database on the MongoDB replica set at MONGODB_URL, with the read-model store opened on it. */
export async function createMongoTestDatabase(env: Readonly<Record<string, string | undefined>> = process.env): Promise<{
  readonly store: MongoReadModelStore;
  /** MONGODB_URL naming this database, for the service's configuration. */
  readonly url: string;
  readDocuments<T>(projection: string): Promise<Record<string, T>>;
  drop(): Promise<void>;
}> {
  const base = env.MONGODB_URL;
  if (!base) throw new Error('MONGODB_URL is not set');
  const name = `hc_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  const client = new MongoClient(url.toString());
  const store = await MongoReadModelStore.open(client, name);
  return {
    store,
    url: url.toString(),
    async readDocuments<T>(projection: string) {
      const collection = store.db.collection<{ _id: string; doc: T }>(await store.collectionOf(`rm_${projection}`));
      const found = await collection.find({}).sort({ _id: 1 }).toArray();
      return Object.fromEntries(found.map((stored) => [stored._id, stored.doc]));
    },
    async drop() {
      await store.db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}
