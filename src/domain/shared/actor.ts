/** The roles of RULES.md, "Actors and units". */
export const ROLES = ['dispatcher', 'clerk', 'supervisor', 'auditor', 'regulator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who acts: the authenticated user, the role they act in, and their organisational unit. */
export interface Actor {
  readonly userId: string;
  readonly role: Role;
  /** The unit the user belongs to (a customer service office, a secretariat); null for roles without one. */
  readonly unit: string | null;
}
