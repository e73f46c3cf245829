import { Inject, Injectable } from '@nestjs/common';
import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { isRole, type Role } from '../../domain/shared/actor.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../persistence/persistence.module.js';
import type { AuthenticatedUser } from './authenticated-user.js';

export const TOKEN_KEYS = Symbol('TokenKeys');

/** Why a token was refused; said in the 401 answer, never with the token itself. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/**
 * Verifies bearer tokens: signature against the configured keys, only the allowed
 * asymmetric algorithms (so neither `none` nor an HMAC made with a public key passes),
 * issuer, audience, expiry, and the product's role claims.
 */
@Injectable()
export class TokenVerifier {
  private readonly algorithms: string[];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TOKEN_KEYS) private readonly keys: JWTVerifyGetKey,
  ) {
    this.algorithms = config.AUTH_ALGORITHMS.split(',').map((a) => a.trim());
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.AUTH_ISSUER,
        audience: this.config.AUTH_AUDIENCE,
        algorithms: this.algorithms,
        clockTolerance: this.config.AUTH_CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      throw new InvalidTokenError(describe(error));
    }
    const roles = Array.isArray(payload.roles) ? payload.roles : [];
    if (roles.length === 0 || !roles.every(isRole)) throw new InvalidTokenError('the token carries no known role');
    const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);
    return { userId: payload.sub!, name: text(payload.name), roles: roles as Role[], unit: text(payload.unit), body: text(payload.body) };
  }
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm that is not accepted';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no configured key matches the token';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'the token is malformed';
  return 'the token could not be verified';
}
