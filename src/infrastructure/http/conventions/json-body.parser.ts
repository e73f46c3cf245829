import type { FastifyInstance } from 'fastify';
import { RequestRefused } from './request-errors.js';

/** Finds the first string PostgreSQL's jsonb or RFC 8785 cannot hold: a NUL character or a lone surrogate. */
function unstorableString(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') || !value.isWellFormed() ? path || '(body)' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableString(value[i], `${path}.${i}`.replace(/^\./, ''));
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const found = unstorableString(key, path) ?? unstorableString(child, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/** JSON bodies parsed strictly: prototype pollution refused, unstorable characters named. */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text, (key, value: unknown) => (key === '__proto__' || key === 'constructor' ? undefined : value));
    } catch {
      return done(new RequestRefused(400, 'REQUEST.MALFORMED_JSON', 'The request body is not valid JSON'), undefined);
    }
    const bad = unstorableString(parsed, '');
    if (bad) {
      return done(new RequestRefused(400, 'REQUEST.UNSTORABLE_TEXT', `The field ${bad} contains a NUL character or a broken Unicode surrogate`, [{ field: bad, message: 'contains a NUL character or a broken Unicode surrogate' }]), undefined);
    }
    done(null, parsed);
  });
}
