import type { UnitKind } from '../organisation/organisation.js';
import type { Finding } from '../complaint/complaint.types.js';

/** The provider's own levels above the customer service office and the dispatcher service (R-ESC-01). */
export const ESCALATION_LEVELS = ['regional_secretariat', 'central_secretariat'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export function isEscalationLevel(kind: UnitKind): kind is EscalationLevel {
  return (ESCALATION_LEVELS as readonly string[]).includes(kind);
}

/**
 * R-ESC-01: the unit kinds whose cases each level takes: the regional directorate secretariat
 * takes cases of the dispatcher service and the customer service offices (4.5.7); the central
 * secretariat takes cases about the regional directorate's handling (4.5.8).
 */
export const LEVEL_BELOW: Readonly<Record<EscalationLevel, readonly UnitKind[]>> = {
  regional_secretariat: ['customer_service_office', 'dispatcher_service'],
  central_secretariat: ['regional_secretariat'],
};

/** Investigation steps at a secretariat (4.5.7, 4.5.8: as at the customer service office, R-CPL-10). */
export const ESCALATION_STEPS = [
  'records_checked',
  'statement_requested_from_unit',
  'statement_received_from_unit',
  'documents_requested',
  'documents_received',
  'personal_consultation',
  'site_inspection_requested',
] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];

/** R-CPL-01: an escalation closes with a finding, or withdrawn. */
export type EscalationOutcome = Finding | 'withdrawn';
