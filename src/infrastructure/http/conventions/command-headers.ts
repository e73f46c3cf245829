import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { RequestRefused } from './request-errors.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * The Idempotency-Key of a POST, scoped to the user so that two users' keys never meet.
 * Missing or malformed: 400, before anything else happens.
 */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string => idempotencyKeyOf(context.switchToHttp().getRequest()));

export function idempotencyKeyOf(request: { headers: Record<string, unknown>; user?: { userId: string } }): string {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || key.length === 0) {
    throw new RequestRefused(400, 'REQUEST.IDEMPOTENCY_KEY_MISSING', 'Every POST needs an Idempotency-Key header (a UUID the client keeps for retries)', [
      { field: 'Idempotency-Key', message: 'header is required' },
    ]);
  }
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new RequestRefused(400, 'REQUEST.IDEMPOTENCY_KEY_INVALID', 'The Idempotency-Key must be 1 to 200 visible ASCII characters', [
      { field: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' },
    ]);
  }
  return `${request.user?.userId ?? 'anonymous'}:${key}`;
}

/** The version in If-Match (`"7"` or `W/"7"`); undefined when absent; 400 when not a version. */
export const IfMatchVersion = createParamDecorator((_: unknown, context: ExecutionContext): number | undefined => ifMatchVersionOf(context.switchToHttp().getRequest()));

export function ifMatchVersionOf(request: { headers: Record<string, unknown> }): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = typeof header === 'string' ? /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(header) : null;
  if (!match) {
    throw new RequestRefused(400, 'REQUEST.IF_MATCH_INVALID', 'If-Match must carry the case version as an entity tag, for example "3"', [
      { field: 'If-Match', message: 'must be a quoted version number' },
    ]);
  }
  return Number(match[1]);
}

export function etagOf(version: number): string {
  return `"${version}"`;
}
