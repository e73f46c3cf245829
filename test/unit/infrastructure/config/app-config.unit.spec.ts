import { ConfigurationError, loadConfig } from '../../../../src/infrastructure/config/app-config.js';

describe('configuration', () => {
  it('has working defaults for the embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data', MIGRATE_ON_START: true, AUTH_DEV_KEYS: true, BODY_LIMIT_BYTES: 262144 });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('takes a forward clock offset outside production, and refuses it in production or backward, naming CLOCK_OFFSET', () => {
    expect(loadConfig({ CLOCK_OFFSET: '+30d', NODE_ENV: 'test' })).toMatchObject({ CLOCK_OFFSET: '+30d', NODE_ENV: 'test' });
    expect(loadConfig({ CLOCK_OFFSET: '1d12h' }).CLOCK_OFFSET).toBe('1d12h');
    expect(() => loadConfig({ CLOCK_OFFSET: '+30d', NODE_ENV: 'production' })).toThrow(/CLOCK_OFFSET: refused with NODE_ENV=production/);
    expect(() => loadConfig({ CLOCK_OFFSET: '-30d' })).toThrow(/CLOCK_OFFSET: CLOCK_OFFSET must move the clock forward/);
    expect(() => loadConfig({ CLOCK_OFFSET: '+' })).toThrow(/CLOCK_OFFSET/);
    expect(loadConfig({ NODE_ENV: 'production' }).CLOCK_OFFSET).toBeUndefined();
  });

  it('converts numbers and booleans from their environment strings', () => {
    const config = loadConfig({ PORT: '8080', BODY_LIMIT_BYTES: '65536', MIGRATE_ON_START: 'false', COMMAND_MAX_ATTEMPTS: '2' });
    expect(config).toMatchObject({ PORT: 8080, BODY_LIMIT_BYTES: 65536, MIGRATE_ON_START: false, COMMAND_MAX_ATTEMPTS: 2 });
  });

  it('names every bad variable on its own line', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', AUTH_JWKS_JSON: '{not json' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems;
    expect(problems.map((p) => p.split(':')[0])).toEqual(['DATABASE_URL', 'PORT', 'LOG_LEVEL', 'PII_MASTER_KEY', 'AUTH_JWKS_JSON', 'SEAL_PRIVATE_KEY_FILE']);
    expect((error as Error).message.split('\n')).toHaveLength(7);
  });

  it('requires a master key, token keys and a sealing key with a server database', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/cases' })).toThrow(/PII_MASTER_KEY: required[\s\S]*AUTH_JWKS_URL: no token keys configured/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/cases', PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), AUTH_JWKS_URL: 'https://idp.example/jwks' })).toThrow(/SEAL_PRIVATE_KEY_FILE: required/);
    const config = loadConfig({ DATABASE_URL: 'postgres://db/cases', PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), AUTH_JWKS_URL: 'https://idp.example/jwks', SEAL_PRIVATE_KEY_FILE: '/etc/heating-cases/seal.pem' });
    expect(config.AUTH_DEV_KEYS).toBe(false);
  });

  it('refuses a master key of the wrong length and two token key sources at once', () => {
    expect(() => loadConfig({ PII_MASTER_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/exactly 32 bytes/);
    expect(() => loadConfig({ AUTH_JWKS_URL: 'https://idp/jwks', AUTH_JWKS_JSON: '{"keys":[]}' })).toThrow(/set only one/);
  });

  it('chooses the engines of the SQL database in use unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ EVENT_STORE: 'pglite', READ_STORE: 'pglite' });
    const server = { DATABASE_URL: 'postgres://db/cases', PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), AUTH_DEV_KEYS: 'true' };
    expect(loadConfig(server)).toMatchObject({ EVENT_STORE: 'postgres', READ_STORE: 'postgres' });
    expect(loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://kurrentdb:2113?tls=false', READ_STORE: 'mongodb', MONGODB_URL: 'mongodb://mongo:27017/heating?replicaSet=rs0' })).toMatchObject({
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_URL: 'kurrentdb://kurrentdb:2113?tls=false',
      READ_STORE: 'mongodb',
      MONGODB_URL: 'mongodb://mongo:27017/heating?replicaSet=rs0',
    });
  });

  it('names the missing URL of a chosen engine, and refuses unknown engines and malformed URLs', () => {
    const problemsOf = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigurationError).problems;
      }
    };
    expect(problemsOf({ EVENT_STORE: 'kurrentdb', READ_STORE: 'mongodb' })).toEqual([
      'KURRENTDB_URL: required with EVENT_STORE=kurrentdb (e.g. kurrentdb://kurrentdb:2113?tls=false)',
      'MONGODB_URL: required with READ_STORE=mongodb (a replica set, e.g. mongodb://mongo:27017/heating?replicaSet=rs0)',
    ]);
    expect(problemsOf({ EVENT_STORE: 'postgres' })).toEqual(['DATABASE_URL: required with EVENT_STORE=postgres']);
    expect(problemsOf({ EVENT_STORE: 'cassandra', KURRENTDB_URL: 'http://x', MONGODB_URL: 'mongo://x' }).map((p) => p.split(':')[0])).toEqual(['EVENT_STORE', 'KURRENTDB_URL', 'MONGODB_URL']);
  });
});
