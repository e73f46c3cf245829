/**
 * A refusal by the domain. `code` is stable (clients switch on it); `rule` names the
 * rule ID from RULES.md when a business rule refused. The HTTP edge maps these to
 * problem details; nothing here knows about HTTP.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** The kind of refusal, which the edge maps to a status: a broken rule, a missing thing, a state clash. */
  abstract readonly kind: 'rule' | 'not_found' | 'conflict' | 'forbidden' | 'invalid' | 'precondition' | 'gone';
  readonly rule: string | undefined;
  readonly details: Readonly<Record<string, unknown>>;

  protected constructor(message: string, options: { rule?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = new.target.name;
    this.rule = options.rule;
    this.details = options.details ?? {};
  }
}

/** A business rule refused the command. */
export class RuleViolation extends DomainError {
  readonly kind = 'rule' as const;
  constructor(
    readonly code: string,
    rule: string | undefined,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, { rule, details });
  }
}

/** The command does not fit the state the case is in (closed, not yet designated, ...). */
export class InvalidStateError extends DomainError {
  readonly kind = 'conflict' as const;
  constructor(
    readonly code: string,
    message: string,
    options: { rule?: string; details?: Record<string, unknown> } = {},
  ) {
    super(message, options);
  }
}

/** The thing a command refers to does not exist. */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found' as const;
  constructor(
    readonly code: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, { details });
  }
}

/** The actor may not do this (wrong unit, not the designating supervisor, no consent). */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden' as const;
  constructor(
    readonly code: string,
    message: string,
    options: { rule?: string; details?: Record<string, unknown> } = {},
  ) {
    super(message, options);
  }
}

/** Input that is well-formed but makes no sense for the domain (an end before a start, ...). */
export class InvalidInputError extends DomainError {
  readonly kind = 'invalid' as const;
  constructor(
    readonly code: string,
    message: string,
    options: { rule?: string; field?: string; details?: Record<string, unknown> } = {},
  ) {
    super(message, { rule: options.rule, details: { ...(options.field ? { field: options.field } : {}), ...options.details } });
  }
}

/** The thing existed and was removed for good, on record (a purged extract bundle, R-RET-03). */
export class GoneError extends DomainError {
  readonly kind = 'gone' as const;
  constructor(
    readonly code: string,
    message: string,
    options: { rule?: string; details?: Record<string, unknown> } = {},
  ) {
    super(message, options);
  }
}
