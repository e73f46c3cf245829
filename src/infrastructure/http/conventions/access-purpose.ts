import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { RequestRefused } from './request-errors.js';

/**
 * R-RET-04: why personal data is read, from the `X-Access-Purpose` header; recorded with the
 * read. Missing or blank: 400, before anything is read.
 */
export const AccessPurpose = createParamDecorator((_: unknown, context: ExecutionContext): string => accessPurposeOf(context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers['x-access-purpose']));

export function accessPurposeOf(header: unknown): string {
  if (typeof header !== 'string' || header.trim().length < 3 || header.length > 500) {
    throw new RequestRefused(400, 'REQUEST.ACCESS_PURPOSE_MISSING', 'Reading personal data needs an X-Access-Purpose header saying why (R-RET-04)', [{ field: 'X-Access-Purpose', message: 'header is required (3 to 500 characters)' }]);
  }
  return header.trim();
}
