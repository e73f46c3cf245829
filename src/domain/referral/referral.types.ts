import type { ExternalBodyKind } from '../external-bodies/external-bodies.js';

export const EXTERNAL_BODY_KINDS: readonly ExternalBodyKind[] = ['energy_regulator', 'consumer_protection_authority', 'town_clerk', 'conciliation_board'];

/** How the body's proceeding ended (R-ESC-02: the outcome is recorded on the case). */
export const BODY_OUTCOMES = ['upheld', 'partly_upheld', 'rejected', 'settled', 'discontinued', 'withdrawn'] as const;
export type BodyOutcome = (typeof BODY_OUTCOMES)[number];

/** Who started the proceeding: the customer's referral, or the body on its own (R-CPL-06). */
export type ReferralInitiator = 'customer' | 'body';

/** The directory entry as it stood when the referral was recorded (the directory is data and changes, R-LAW-12). */
export interface BodySnapshot {
  readonly id: string;
  readonly kind: ExternalBodyKind;
  readonly name: string;
  readonly address: string;
  readonly phone: string | null;
  readonly email: string | null;
  readonly county: string | null;
}
