import { complaintEventSchemas } from '../complaint/complaint.events.js';
import { consentEventSchemas } from '../consent/consent.events.js';
import { allContractEventSchemas } from '../contract/contract.event-schemas.js';
import { faultReportEventSchemas } from '../dispatch/fault-report.events.js';
import { dutyEventSchemas } from '../duty/duty.events.js';
import { escalationEventSchemas } from '../escalation/escalation.events.js';
import { referralEventSchemas } from '../referral/referral.events.js';
import type { EventSchema, PersonalDataSpec } from '../shared/event-schema.js';
import { resolvePath } from '../shared/field-paths.js';
import { retentionEventSchemas } from './retention.events.js';

/** Every event type a case stream (or its consent stream) stores, with its personal fields. */
export const CASE_EVENT_SCHEMAS: readonly EventSchema[] = [
  ...complaintEventSchemas,
  ...faultReportEventSchemas,
  ...escalationEventSchemas,
  ...referralEventSchemas,
  ...consentEventSchemas,
  ...allContractEventSchemas,
  ...dutyEventSchemas,
  ...retentionEventSchemas,
];

const PERSONAL = new Map<string, readonly PersonalDataSpec[]>(CASE_EVENT_SCHEMAS.map((s) => [s.type, s.personal ?? []]));

/** The data subjects whose keys encrypt personal fields of an event of `type` (R-RET-03). */
export function subjectIdsIn(type: string, data: Record<string, unknown>): string[] {
  return keysIn(type, data).map((k) => k.subjectId);
}

/** The keys encrypting an event's personal fields, each with the record type it is scoped to (null: the case's other records). */
export function keysIn(type: string, data: Record<string, unknown>): { readonly subjectId: string; readonly recordType: string | null }[] {
  const keys: { subjectId: string; recordType: string | null }[] = [];
  for (const spec of PERSONAL.get(type) ?? []) {
    const value = resolvePath(data, spec.subjectPath)[0]?.get();
    if (typeof value === 'string' && value.length > 0 && !keys.some((k) => k.subjectId === value)) keys.push({ subjectId: value, recordType: spec.recordType ?? null });
  }
  return keys;
}

/**
 * The event data as it reads once its subjects' keys are destroyed: every personal field that
 * held a value is null, and its path is listed, exactly as the store reports erased fields.
 * With `subjects`, only the fields under those keys are erased (a retention stage, R-RET-01).
 */
export function erasePersonalFields(type: string, data: Record<string, unknown>, subjects?: readonly string[]): { readonly data: Record<string, unknown>; readonly erased: readonly string[] } {
  const specs = (PERSONAL.get(type) ?? []).filter((spec) => {
    if (!subjects) return true;
    const subject = resolvePath(data, spec.subjectPath)[0]?.get();
    return typeof subject === 'string' && subjects.includes(subject);
  });
  if (specs.length === 0) return { data, erased: [] };
  const copy = structuredClone(data);
  const erased: string[] = [];
  for (const spec of specs) {
    for (const field of spec.fields) {
      for (const slot of resolvePath(copy, field)) {
        if (slot.get() == null) continue;
        slot.set(null);
        erased.push(slot.path);
      }
    }
  }
  return { data: copy, erased };
}
