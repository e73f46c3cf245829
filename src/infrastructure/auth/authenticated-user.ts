import type { Role } from '../../domain/shared/actor.js';

/** The verified bearer of a request. */
export interface AuthenticatedUser {
  readonly userId: string;
  readonly name: string | null;
  readonly roles: readonly Role[];
  readonly unit: string | null;
  /** For regulators: the external body they belong to (extracts are addressed to bodies). */
  readonly body: string | null;
}

/** The claims a token carries beyond the registered ones. */
export interface ProductClaims {
  readonly roles: readonly Role[];
  readonly unit?: string | null;
  readonly body?: string | null;
  readonly name?: string;
}
