import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { RequestRefused } from './request-errors.js';

/** Every POST carries an Idempotency-Key, whatever the route (DESIGN.md, API conventions). */
@Injectable()
export class IdempotencyKeyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ method: string; headers: Record<string, unknown> }>();
    if (request.method === 'POST' && !request.headers['idempotency-key']) {
      throw new RequestRefused(400, 'REQUEST.IDEMPOTENCY_KEY_MISSING', 'Every POST needs an Idempotency-Key header (a UUID the client keeps for retries)', [
        { field: 'Idempotency-Key', message: 'header is required' },
      ]);
    }
    return true;
  }
}
