import { SignJWT } from 'jose';
import type { Role } from '../../domain/shared/actor.js';
import type { AppConfig } from '../config/app-config.js';
import { loadOrCreateDevelopmentKeys, signingKeyOf } from './token-keys.js';

export interface DevelopmentTokenRequest {
  readonly subject: string;
  readonly roles: readonly Role[];
  readonly unit?: string | null;
  readonly body?: string | null;
  readonly name?: string;
  readonly ttlSeconds: number;
}

/** Signs a token with the development key in DATA_DIR; refused unless AUTH_DEV_KEYS is on. */
export async function issueDevelopmentToken(config: AppConfig, request: DevelopmentTokenRequest): Promise<string> {
  if (!config.AUTH_DEV_KEYS) {
    throw new Error('Development tokens need AUTH_DEV_KEYS=true; in production tokens come from the identity provider');
  }
  const keys = await loadOrCreateDevelopmentKeys(config.DATA_DIR);
  return new SignJWT({ roles: request.roles, unit: request.unit ?? null, body: request.body ?? null, ...(request.name ? { name: request.name } : {}) })
    .setProtectedHeader({ alg: 'EdDSA', kid: keys.privateJwk.kid, typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuer(config.AUTH_ISSUER)
    .setAudience(config.AUTH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + request.ttlSeconds)
    .sign(await signingKeyOf(keys.privateJwk));
}
