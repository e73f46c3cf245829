import type { FieldProblem } from './problem-details.js';

/** A request the edge refuses before any command exists (400 unless said otherwise). */
export class RequestRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'RequestRefused';
  }
}

export class RequestValidationFailed extends RequestRefused {
  constructor(errors: readonly FieldProblem[]) {
    super(400, 'REQUEST.VALIDATION_FAILED', `The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}: ${errors.map((e) => e.field).join(', ')}`, errors);
  }
}
