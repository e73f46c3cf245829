import type { EventSchema } from '../shared/event-schema.js';

/**
 * Every open duty of a case (reply, written confirmation, offer, deficiency notice,
 * reconciliation start, refund in the next billing, ...) is an explicit fact with a due
 * date, so the deadline register (R-DL-02) is built the same way for every case type, and a
 * deadline that moves keeps its history (R-DL-03).
 */
export const DUTY_KINDS = [
  'written_reply',
  'handling_target',
  'follow_up_answer',
  'quality_investigation',
  'written_confirmation',
  'refund_in_next_billing',
  'personal_appointment',
  'body_request_reply',
  'external_body_decision',
  'worksheet_return',
  'application_information',
  'contract_dispatch',
  'offer_handover',
  'deficiency_notice',
  'signed_return',
  'reconciliation_start',
  'payer_change_report',
  'arrears_statement',
  'termination_effective',
  'escalation_reply',
  'worksheet_issue',
  'offer_acceptance',
  'amendment_notice',
  'customer_documents',
  'recording_copy',
] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];

/** Who owes the duty: most are the provider's; some wait on the customer or a body. */
export type DutyOwner = 'provider' | 'customer' | 'external_body';

export interface DutyOpenedData {
  readonly dutyId: string;
  readonly kind: DutyKind;
  readonly owner: DutyOwner;
  /** Last day to act, a Budapest business date. */
  readonly dueDate: string;
  /** The rule the duty and its due date come from. */
  readonly rule: string;
  readonly description: string;
}

export type DutyEvent =
  | { readonly type: 'DutyOpened'; readonly data: DutyOpenedData }
  | { readonly type: 'DutyDischarged'; readonly data: { readonly dutyId: string; readonly dischargedOn: string; readonly late: boolean } }
  | { readonly type: 'DutyRescheduled'; readonly data: { readonly dutyId: string; readonly previousDueDate: string; readonly dueDate: string; readonly reason: string; readonly rule: string } }
  | { readonly type: 'DutyCancelled'; readonly data: { readonly dutyId: string; readonly reason: string; readonly rule: string | null } };

export const dutyEventSchemas: readonly EventSchema[] = [
  { type: 'DutyOpened', schemaVersion: 1 },
  { type: 'DutyDischarged', schemaVersion: 1 },
  { type: 'DutyRescheduled', schemaVersion: 1 },
  { type: 'DutyCancelled', schemaVersion: 1 },
];

export interface OpenDuty {
  readonly dutyId: string;
  readonly kind: DutyKind;
  readonly owner: DutyOwner;
  readonly dueDate: string;
  readonly rule: string;
}

/** Folds duty events into the open duties of a case. */
export function evolveDuties(duties: Readonly<Record<string, OpenDuty>>, event: DutyEvent): Readonly<Record<string, OpenDuty>> {
  switch (event.type) {
    case 'DutyOpened': {
      const { dutyId, kind, owner, dueDate, rule } = event.data;
      return { ...duties, [dutyId]: { dutyId, kind, owner, dueDate, rule } };
    }
    case 'DutyRescheduled': {
      const duty = duties[event.data.dutyId];
      return duty ? { ...duties, [duty.dutyId]: { ...duty, dueDate: event.data.dueDate } } : duties;
    }
    case 'DutyDischarged':
    case 'DutyCancelled': {
      const { [event.data.dutyId]: _closed, ...rest } = duties;
      return rest;
    }
  }
}

export function isDutyEvent(event: { readonly type: string }): event is DutyEvent {
  return event.type === 'DutyOpened' || event.type === 'DutyDischarged' || event.type === 'DutyRescheduled' || event.type === 'DutyCancelled';
}

export function openDutiesOfKind(duties: Readonly<Record<string, OpenDuty>>, kind: DutyKind): OpenDuty[] {
  return Object.values(duties).filter((d) => d.kind === kind);
}
