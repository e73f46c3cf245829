import type { LocalDate } from '../calendar/local-date.js';

/** R-DSP-01: the kinds of report the dispatcher service takes. */
export const FAULT_KINDS = ['provider_system_failure', 'customer_system_failure', 'service_quality_complaint', 'billing_meter_failure'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** R-DSP-03: the dispatcher decides the order and importance of the interventions. */
export const FAULT_PRIORITIES = ['emergency', 'urgent', 'normal', 'scheduled'] as const;
export type FaultPriority = (typeof FAULT_PRIORITIES)[number];

/** What a worksheet sends the crew to do; R-DSP-04 limits `repair` of uncovered customer systems. */
export const WORKSHEET_SCOPES = ['repair', 'damage_prevention', 'site_inspection'] as const;
export type WorksheetScope = (typeof WORKSHEET_SCOPES)[number];

/** What the returned worksheet says was done (R-DSP-03). */
export const REPAIR_OUTCOMES = ['repaired', 'damage_prevented', 'inspected', 'no_fault_found', 'no_access'] as const;
export type RepairOutcome = (typeof REPAIR_OUTCOMES)[number];

/** Where a dispatcher log entry comes from: a customer's report, or a complaint clerk's site-inspection request (R-CPL-10). */
export type FaultReportOrigin = 'customer_report' | 'site_inspection_request';

/** The reporter (R-DSP-02); every field but the subject id is personal data, encrypted per subject. */
export interface Reporter {
  /** The data subject whose key encrypts the personal fields (crypto-shredding, R-RET-03). */
  readonly subjectId: string;
  readonly name: string;
  readonly address: string;
  readonly phone: string | null;
  /** The customer (user) identifier, where the reporter is a customer. */
  readonly customerNumber: string | null;
}

/** R-DSP-02: the expected time and method of the repair. */
export interface ExpectedRepair {
  readonly date: LocalDate;
  /** A time or window on that day, as told to the reporter (`14:00-16:00`); null when only the day is known. */
  readonly timeOfDay: string | null;
  readonly method: string;
}
