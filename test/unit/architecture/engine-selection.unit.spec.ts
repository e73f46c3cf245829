import { KURRENTDB, MONGODB, selectEngines } from '../../support/engines.js';

describe('contract suites choose their engines at load time', () => {
  it('without server URLs the suites run on PGlite and PostgreSQL and print one line per engine left out', () => {
    const lines: string[] = [];
    const kinds = selectEngines('event store contract', ['pglite', 'postgres'], [KURRENTDB], {}, (line) => lines.push(line));
    expect(kinds).toEqual(['pglite', 'postgres']);
    expect(lines).toEqual(['event store contract on kurrentdb: not run, KURRENTDB_URL is not set (no KurrentDB server on this machine)']);
  });

  it('with a URL set, that engine is selected and nothing is printed for it', () => {
    const lines: string[] = [];
    const env = { KURRENTDB_URL: 'kurrentdb://127.0.0.1:2113?tls=false', MONGODB_URL: 'mongodb://127.0.0.1:27017/?replicaSet=rs0' };
    expect(selectEngines('projection runner', ['pglite', 'postgres'], [KURRENTDB, MONGODB], env, (line) => lines.push(line))).toEqual(['pglite', 'postgres', 'kurrentdb', 'mongodb']);
    expect(lines).toEqual([]);
  });

  it('a blank URL counts as not set', () => {
    const lines: string[] = [];
    expect(selectEngines('durable scheduler', ['pglite'], [MONGODB], { MONGODB_URL: '  ' }, (line) => lines.push(line))).toEqual(['pglite']);
    expect(lines).toEqual(['durable scheduler on mongodb: not run, MONGODB_URL is not set (no MongoDB replica set on this machine)']);
  });
});
