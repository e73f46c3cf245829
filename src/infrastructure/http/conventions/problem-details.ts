/** RFC 9457 problem details, with the product's stable `code` and the rule ID where a rule refused. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  /** Stable, machine-readable: clients switch on it (`COMPLAINT.ALREADY_CLOSED`). */
  readonly code: string;
  /** The rule ID from the rule catalogue, where a business rule refused. */
  readonly rule?: string;
  /** Field-level problems of a refused request. */
  readonly errors?: readonly FieldProblem[];
  readonly requestId?: string;
  readonly [extension: string]: unknown;
}

export interface FieldProblem {
  /** Dot path into the request body (`complainant.email`), or a header/parameter name. */
  readonly field: string;
  readonly message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The `type` URI of a code; stable, so that clients and docs can link to it. */
export function problemType(code: string): string {
  return `urn:heating-cases:problem:${code}`;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The members every problem has; an extension never replaces them. */
export const PROBLEM_MEMBERS: ReadonlySet<string> = new Set(['type', 'title', 'status', 'detail', 'code', 'instance', 'requestId']);

export function problem(status: number, code: string, detail: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  const extensions = Object.fromEntries(Object.entries(extra).filter(([key]) => !PROBLEM_MEMBERS.has(key)));
  return { type: problemType(code), title: TITLES[status] ?? 'Error', status, detail, code, ...extensions };
}
