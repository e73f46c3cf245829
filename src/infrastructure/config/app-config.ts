import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsBase64, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/** Reads the raw string: implicit conversion would already have made 'false' true. */
const toBoolean = ({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
  const raw = obj[key];
  return typeof raw === 'string' ? ['1', 'true', 'yes'].includes(raw.toLowerCase()) : raw;
};

/**
 * Every setting the service reads from the environment, with its default. Validated once
 * at start; each bad variable gets its own line in the error.
 */
export class AppConfig {
  /** PostgreSQL connection string; without it the service runs on embedded PGlite. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// connection string' })
  DATABASE_URL?: string;

  /** Where embedded PGlite keeps its files, and where the development master key is created. */
  @IsString()
  DATA_DIR: string = './data';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Base64 of 32 random bytes; wraps every data subject's key. Required with DATABASE_URL. */
  @IsOptional()
  @IsBase64()
  PII_MASTER_KEY?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  COMMAND_MAX_ATTEMPTS: number = 4;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE: number = 20;

  /** Apply pending migrations when the service starts (the CLI `migrate` does it on demand). */
  @Transform(toBoolean)
  MIGRATE_ON_START: boolean = true;

  /** Expected `iss` of bearer tokens. */
  @IsString()
  AUTH_ISSUER: string = 'heating-cases-dev';

  /** Expected `aud` of bearer tokens. */
  @IsString()
  AUTH_AUDIENCE: string = 'heating-cases-api';

  /** Comma-separated JWS algorithms accepted; `none` and HMAC are never accepted. */
  @Matches(/^(EdDSA|Ed25519|ES256|ES384|ES512|RS256|RS384|RS512|PS256|PS384|PS512)(,(EdDSA|Ed25519|ES256|ES384|ES512|RS256|RS384|RS512|PS256|PS384|PS512))*$/, {
    message: 'AUTH_ALGORITHMS must list asymmetric JWS algorithms separated by commas (EdDSA, ES256, RS256, ...)',
  })
  AUTH_ALGORITHMS: string = 'EdDSA,ES256,RS256';

  /** A JWKS endpoint of the identity provider (keys fetched and cached). */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'AUTH_JWKS_URL must be an http(s) URL' })
  AUTH_JWKS_URL?: string;

  /** A file holding a JWKS (public keys) as JSON. */
  @IsOptional()
  @IsString()
  AUTH_JWKS_FILE?: string;

  /** A JWKS (public keys) inline, as JSON. */
  @IsOptional()
  @IsString()
  AUTH_JWKS_JSON?: string;

  /**
   * Trust a development key pair kept in DATA_DIR (and let the CLI sign tokens with it).
   * On by default for the embedded database only.
   */
  @IsOptional()
  @Transform(toBoolean)
  AUTH_DEV_KEYS?: boolean;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  AUTH_CLOCK_TOLERANCE_SECONDS: number = 30;

  /** A JSON file listing the provider's organisational units; the bundled example otherwise. */
  @IsOptional()
  @IsString()
  ORGANISATION_FILE?: string;

  /** A JSON file listing the external bodies (regulator, authorities, boards); the bundled list otherwise. */
  @IsOptional()
  @IsString()
  EXTERNAL_BODIES_FILE?: string;

  /** Readiness fails while a projection is further behind than this many events. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  PROJECTION_MAX_LAG: number = 10_000;

  /** Run the projections in this process (turn off where a separate worker runs them). */
  @Transform(toBoolean)
  PROJECTIONS_ENABLED: boolean = true;

  /** PEM file of the provider's Ed25519 key that signs checkpoints and extracts; a development key in DATA_DIR otherwise. */
  @IsOptional()
  @IsString()
  SEAL_PRIVATE_KEY_FILE?: string;

  /** Sign a checkpoint when this many events were sealed since the last one... */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SEAL_CHECKPOINT_EVERY_EVENTS: number = 1000;

  /** ...or when this many seconds passed and anything new was sealed. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SEAL_CHECKPOINT_INTERVAL_SECONDS: number = 300;

  /** Run the sealer and the scheduler in this process (turn off where a separate worker runs them). */
  @Transform(toBoolean)
  BACKGROUND_WORKERS_ENABLED: boolean = true;

  /**
   * Where the event log lives: `postgres` (DATABASE_URL), `pglite` (embedded) or `kurrentdb`
   * (KURRENTDB_URL). Defaults to the SQL database in use. Subject keys, seals and scheduler
   * state stay in the SQL database whatever the choice.
   */
  @IsOptional()
  @IsIn(['postgres', 'pglite', 'kurrentdb'], { message: 'EVENT_STORE must be postgres, pglite or kurrentdb' })
  EVENT_STORE?: 'postgres' | 'pglite' | 'kurrentdb';

  /** KurrentDB connection string (`kurrentdb://`, `kurrentdb+discover://`, or the older `esdb://`). */
  @IsOptional()
  @Matches(/^(kurrentdb|kdb|esdb)(\+discover)?:\/\/.+/, { message: 'KURRENTDB_URL must be a kurrentdb:// (or kurrentdb+discover://, esdb://) connection string' })
  KURRENTDB_URL?: string;

  /** Put before every stream name in KurrentDB, so that several installations share one server (letters, digits, `-_:/`). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_:/-]*$/, { message: 'KURRENTDB_STREAM_PREFIX must start with a letter or digit and hold only letters, digits, -, _, : and /' })
  KURRENTDB_STREAM_PREFIX?: string;

  /** Where the read models live: `postgres`, `pglite` or `mongodb` (MONGODB_URL). Defaults to the SQL database in use. */
  @IsOptional()
  @IsIn(['postgres', 'pglite', 'mongodb'], { message: 'READ_STORE must be postgres, pglite or mongodb' })
  READ_STORE?: 'postgres' | 'pglite' | 'mongodb';

  /** MongoDB connection string of a replica set (transactions need one). */
  @IsOptional()
  @Matches(/^mongodb(\+srv)?:\/\/.+/, { message: 'MONGODB_URL must be a mongodb:// or mongodb+srv:// connection string' })
  MONGODB_URL?: string;

  /** `production` refuses a clock offset; any other value (or none) is an acceptance, training or development run. */
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /**
   * Acceptance and training runs only: the service clock runs this far ahead of the real time
   * (`+30d`, `+12h`, `+1d6h`), so deadlines fall due and the scheduler acts as it would later.
   */
  @IsOptional()
  @Matches(/^\+?(?=\d)(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?$/, { message: 'CLOCK_OFFSET must move the clock forward, written like +30d, +12h or +1d6h' })
  CLOCK_OFFSET?: string;

  /** Largest request body accepted, in bytes. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  BODY_LIMIT_BYTES: number = 256 * 1024;
}

/** Variable names the service reads; anything else in the environment is ignored. */
const CONFIG_KEYS: readonly string[] = [...Object.keys(new AppConfig()), 'DATABASE_URL', 'PII_MASTER_KEY', 'AUTH_JWKS_URL', 'AUTH_JWKS_FILE', 'AUTH_JWKS_JSON', 'AUTH_DEV_KEYS', 'ORGANISATION_FILE', 'EXTERNAL_BODIES_FILE', 'SEAL_PRIVATE_KEY_FILE', 'EVENT_STORE', 'KURRENTDB_URL', 'KURRENTDB_STREAM_PREFIX', 'READ_STORE', 'MONGODB_URL', 'NODE_ENV', 'CLOCK_OFFSET'];

export class ConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/** Validates the environment into an AppConfig, or throws with one line per bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const raw = Object.fromEntries(Object.entries(env).filter(([key, value]) => value !== undefined && value !== '' && CONFIG_KEYS.includes(key)));
  const config = plainToInstance(AppConfig, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const problems = validateSync(config, { forbidUnknownValues: true }).map(
    (error) => `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')} (got ${JSON.stringify(raw[error.property])})`,
  );
  if (config.DATABASE_URL && !config.PII_MASTER_KEY) {
    problems.push('PII_MASTER_KEY: required when DATABASE_URL is set (base64 of 32 random bytes: `openssl rand -base64 32`)');
  }
  if (config.PII_MASTER_KEY && Buffer.from(config.PII_MASTER_KEY, 'base64').length !== 32) {
    problems.push('PII_MASTER_KEY: must decode to exactly 32 bytes');
  }
  const keySources = [config.AUTH_JWKS_URL, config.AUTH_JWKS_FILE, config.AUTH_JWKS_JSON].filter(Boolean).length;
  if (keySources > 1) problems.push('AUTH_JWKS_URL, AUTH_JWKS_FILE, AUTH_JWKS_JSON: set only one of them');
  config.AUTH_DEV_KEYS ??= keySources === 0 && !config.DATABASE_URL;
  if (keySources === 0 && !config.AUTH_DEV_KEYS) {
    problems.push('AUTH_JWKS_URL: no token keys configured; set AUTH_JWKS_URL, AUTH_JWKS_FILE or AUTH_JWKS_JSON (or AUTH_DEV_KEYS=true on a development machine)');
  }
  if (config.AUTH_JWKS_JSON) {
    try {
      const parsed = JSON.parse(config.AUTH_JWKS_JSON) as { keys?: unknown };
      if (!Array.isArray(parsed.keys)) problems.push('AUTH_JWKS_JSON: must be a JWKS object with a "keys" array');
    } catch {
      problems.push('AUTH_JWKS_JSON: is not valid JSON');
    }
  }
  if (config.DATABASE_URL && !config.SEAL_PRIVATE_KEY_FILE && !config.AUTH_DEV_KEYS) {
    problems.push('SEAL_PRIVATE_KEY_FILE: required with DATABASE_URL: the Ed25519 key (PKCS#8 PEM) that signs checkpoints and extracts (`openssl genpkey -algorithm ed25519`)');
  }
  problems.push(...engineProblems(config));

  if (config.CLOCK_OFFSET && config.NODE_ENV === 'production') {
    problems.push('CLOCK_OFFSET: refused with NODE_ENV=production: a production service keeps the real time; the offset is for acceptance and training runs only. Unset CLOCK_OFFSET');
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  const sqlKind = config.DATABASE_URL ? 'postgres' : 'pglite';
  config.EVENT_STORE ??= sqlKind;
  config.READ_STORE ??= sqlKind;
  return config;
}

/** The chosen engines each need their server's URL; a SQL engine must be the SQL database in use. */
function engineProblems(config: AppConfig): string[] {
  const problems: string[] = [];
  const sqlKind = config.DATABASE_URL ? 'postgres' : 'pglite';
  for (const [variable, value] of [['EVENT_STORE', config.EVENT_STORE], ['READ_STORE', config.READ_STORE]] as const) {
    if (value === 'postgres' && !config.DATABASE_URL) problems.push(`DATABASE_URL: required with ${variable}=postgres`);
    if (value === 'pglite' && sqlKind === 'postgres') problems.push(`${variable}: pglite is the embedded database, but DATABASE_URL points to PostgreSQL; use ${variable}=postgres or unset DATABASE_URL`);
  }
  if (config.EVENT_STORE === 'kurrentdb' && !config.KURRENTDB_URL) problems.push('KURRENTDB_URL: required with EVENT_STORE=kurrentdb (e.g. kurrentdb://kurrentdb:2113?tls=false)');
  if (config.READ_STORE === 'mongodb' && !config.MONGODB_URL) problems.push('MONGODB_URL: required with READ_STORE=mongodb (a replica set, e.g. mongodb://mongo:27017/heating?replicaSet=rs0)');
  return problems;
}
