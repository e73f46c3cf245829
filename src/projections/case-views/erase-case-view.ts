import { erasePersonalFields } from '../../domain/retention/case-personal-data.js';
import type { CaseStepView, CaseViewTrail } from './case-view.js';

/**
 * The event data a view keeps, as it reads once the case's subject keys are destroyed (R-RET-03);
 * with `subjects`, once those keys are (a retention stage of some record types, R-LAW-09).
 */
export function erasedData<T extends object>(type: string, data: T, subjects?: readonly string[]): { readonly data: T; readonly erased: readonly string[] } {
  const result = erasePersonalFields(type, data as unknown as Record<string, unknown>, subjects);
  return { data: result.data as unknown as T, erased: result.erased };
}

/** The steps with their personal fields null, and the erased paths as `Type.path`. */
export function erasedSteps(steps: readonly CaseStepView[], subjects?: readonly string[]): { readonly steps: readonly CaseStepView[]; readonly erased: readonly string[] } {
  const erased: string[] = [];
  const next = steps.map((step) => {
    const result = erasePersonalFields(step.type, step.data, subjects);
    erased.push(...result.erased.map((path) => `${step.type}.${path}`));
    return result.erased.length === 0 ? step : { ...step, data: result.data };
  });
  return { steps: next, erased };
}

/**
 * R-RET-03: a case view after `RetentionExpired`: the opening event's data and every step read as
 * a rebuild from the store now reads them (personal fields null and listed), the facts unchanged.
 */
export function erasedTrail<TView extends CaseViewTrail>(view: TView, opening: { readonly type: string; readonly data: object }, subjects?: readonly string[]): { readonly view: TView; readonly opening: Record<string, unknown> } {
  const first = erasedData(opening.type, opening.data as Record<string, unknown>, subjects);
  const steps = erasedSteps(view.steps, subjects);
  const erasedFields = [...new Set([...view.erasedFields, ...first.erased.map((path) => `${opening.type}.${path}`), ...steps.erased])];
  return { view: { ...view, steps: steps.steps, erasedFields }, opening: first.data };
}
