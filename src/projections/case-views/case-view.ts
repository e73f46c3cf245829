import type { DutyEvent } from '../../domain/duty/duty.events.js';
import type { ProjectionEvent } from '../projection.js';

/** A step of a case as its details show it: what, when, by whom, with the event's data. */
export interface CaseStepView {
  readonly type: string;
  readonly at: string;
  readonly by: string;
  readonly data: Record<string, unknown>;
}

export interface OpenDutyView {
  readonly dutyId: string;
  readonly kind: string;
  readonly owner: string;
  readonly dueDate: string;
  readonly rule: string;
}

export const DUTY_EVENT_TYPES = ['DutyOpened', 'DutyRescheduled', 'DutyDischarged', 'DutyCancelled'] as const;

export function stepOf(raw: ProjectionEvent): CaseStepView {
  return { type: raw.type, at: raw.recordedAt, by: raw.metadata.actor.userId, data: raw.data };
}

/** The open duties after a duty event; unchanged for any other event. */
export function evolveOpenDuties(duties: readonly OpenDutyView[], raw: ProjectionEvent): readonly OpenDutyView[] {
  const event = { type: raw.type, data: raw.data } as unknown as DutyEvent;
  switch (event.type) {
    case 'DutyOpened':
      return [...duties, { dutyId: event.data.dutyId, kind: event.data.kind, owner: event.data.owner, dueDate: event.data.dueDate, rule: event.data.rule }];
    case 'DutyRescheduled':
      return duties.map((d) => (d.dutyId === event.data.dutyId ? { ...d, dueDate: event.data.dueDate } : d));
    case 'DutyDischarged':
    case 'DutyCancelled':
      return duties.filter((d) => d.dutyId !== event.data.dutyId);
    default:
      return duties;
  }
}

/** Personal fields erased anywhere in the case so far (R-RET-03). */
export function mergeErased(known: readonly string[], raw: ProjectionEvent): readonly string[] {
  return raw.erasedFields.length === 0 ? known : [...new Set([...known, ...raw.erasedFields.map((f) => `${raw.type}.${f}`)])];
}

/** What every case view keeps the same way: its stream and version, steps, open duties and erased fields. */
export interface CaseViewTrail {
  readonly streamId: string;
  readonly version: number;
  readonly steps: readonly CaseStepView[];
  readonly openDuties: readonly OpenDutyView[];
  readonly erasedFields: readonly string[];
}

/** The trail of a case view that the case's first event opens. */
export function openTrail(raw: ProjectionEvent): CaseViewTrail {
  return { streamId: raw.streamId, version: raw.streamVersion, steps: [], openDuties: [], erasedFields: mergeErased([], raw) };
}

/** The view after one more event of its case; `isStep` says whether the event is listed as a step. */
export function advanceTrail<TView extends CaseViewTrail>(view: TView, raw: ProjectionEvent, isStep: boolean): TView {
  return {
    ...view,
    version: raw.streamVersion,
    steps: isStep ? [...view.steps, stepOf(raw)] : view.steps,
    openDuties: evolveOpenDuties(view.openDuties, raw),
    erasedFields: mergeErased(view.erasedFields, raw),
  };
}
