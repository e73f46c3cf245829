import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK, type JWTVerifyGetKey, type CryptoKey } from 'jose';
import type { AppConfig } from '../config/app-config.js';

/** The development key pair for the embedded default: created once, kept in DATA_DIR. */
export interface DevelopmentKeys {
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

const DEV_KEY_FILE = 'dev-token-signing-key.jwk.json';

export async function loadOrCreateDevelopmentKeys(dataDir: string): Promise<DevelopmentKeys> {
  const file = join(dataDir, DEV_KEY_FILE);
  if (!existsSync(file)) {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), alg: 'EdDSA', kid: `dev-${Date.now().toString(36)}`, use: 'sig' };
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(jwk, null, 2), { mode: 0o600 });
  }
  const privateJwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  const { d: _secret, ...publicJwk } = privateJwk;
  return { privateJwk, publicJwk };
}

export async function signingKeyOf(jwk: JWK): Promise<CryptoKey> {
  return (await importJWK(jwk, jwk.alg ?? 'EdDSA')) as CryptoKey;
}

/** Where the verifier finds public keys: a JWKS endpoint, a JWKS file or inline JSON, or the dev key. */
export async function verificationKeysOf(config: AppConfig): Promise<JWTVerifyGetKey> {
  if (config.AUTH_JWKS_URL) return createRemoteJWKSet(new URL(config.AUTH_JWKS_URL), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
  if (config.AUTH_JWKS_FILE) return createLocalJWKSet(JSON.parse(readFileSync(config.AUTH_JWKS_FILE, 'utf8')) as JSONWebKeySet);
  if (config.AUTH_JWKS_JSON) return createLocalJWKSet(JSON.parse(config.AUTH_JWKS_JSON) as JSONWebKeySet);
  const dev = await loadOrCreateDevelopmentKeys(config.DATA_DIR);
  return createLocalJWKSet({ keys: [dev.publicJwk] });
}
