import { complaintEventSchemas } from '../complaint/complaint.events.js';
import { consentEventSchemas } from '../consent/consent.events.js';
import { allContractEventSchemas } from '../contract/contract.event-schemas.js';
import { faultReportEventSchemas } from '../dispatch/fault-report.events.js';
import { dutyEventSchemas } from '../duty/duty.events.js';
import { escalationEventSchemas } from '../escalation/escalation.events.js';
import { referralEventSchemas } from '../referral/referral.events.js';
import type { EventSchema, PersonalDataSpec } from '../shared/event-schema.js';
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

interface Slot {
  readonly path: string;
  readonly value: unknown;
  readonly container: Record<string, unknown> | unknown[];
  readonly key: string | number;
}

/** Every place a spec path points to in `data` (`[]` walks each element), as the cipher resolves it. */
function slotsOf(data: unknown, path: string): Slot[] {
  const parts = path.split('.');
  const slots: Slot[] = [];
  const walk = (node: unknown, index: number, concrete: readonly string[]): void => {
    if (node === null || typeof node !== 'object') return;
    const raw = parts[index]!;
    const isArray = raw.endsWith('[]');
    const key = isArray ? raw.slice(0, -2) : raw;
    const container = node as Record<string, unknown>;
    if (!(key in container)) return;
    const last = index === parts.length - 1;
    if (isArray) {
      const list = container[key];
      if (!Array.isArray(list)) return;
      list.forEach((item, i) => {
        const here = [...concrete, key, String(i)];
        if (last) slots.push({ path: here.join('.'), value: item, container: list, key: i });
        else walk(item, index + 1, here);
      });
    } else if (last) {
      slots.push({ path: [...concrete, key].join('.'), value: container[key], container, key });
    } else {
      walk(container[key], index + 1, [...concrete, key]);
    }
  };
  walk(data, 0, []);
  return slots;
}

/** The data subjects whose keys encrypt personal fields of an event of `type` (R-RET-03). */
export function subjectIdsIn(type: string, data: Record<string, unknown>): string[] {
  const subjects: string[] = [];
  for (const spec of PERSONAL.get(type) ?? []) {
    const value = slotsOf(data, spec.subjectPath)[0]?.value;
    if (typeof value === 'string' && value.length > 0 && !subjects.includes(value)) subjects.push(value);
  }
  return subjects;
}

/**
 * The event data as it reads once its subjects' keys are destroyed: every personal field that
 * held a value is null, and its path is listed, exactly as the store reports erased fields.
 */
export function erasePersonalFields(type: string, data: Record<string, unknown>): { readonly data: Record<string, unknown>; readonly erased: readonly string[] } {
  const specs = PERSONAL.get(type) ?? [];
  if (specs.length === 0) return { data, erased: [] };
  const copy = structuredClone(data);
  const erased: string[] = [];
  for (const spec of specs) {
    for (const field of spec.fields) {
      for (const slot of slotsOf(copy, field)) {
        if (slot.value == null) continue;
        (slot.container as Record<string | number, unknown>)[slot.key] = null;
        erased.push(slot.path);
      }
    }
  }
  return { data: copy, erased };
}
