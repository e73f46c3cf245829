import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InvalidDocumentQueryError } from '../../../application/ports/read-model.port.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { AuthenticationRequired, RoleNotAllowed } from '../../auth/auth.guard.js';
import { PROBLEM_CONTENT_TYPE, PROBLEM_MEMBERS, problem, type ProblemDetails } from './problem-details.js';
import { RequestRefused } from './request-errors.js';

const STATUS_OF_KIND: Record<DomainError['kind'], number> = {
  rule: 422,
  invalid: 422,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  precondition: 412,
  gone: 410,
};

const CODE_OF_STATUS: Record<number, string> = {
  400: 'REQUEST.BAD_REQUEST',
  404: 'REQUEST.ROUTE_NOT_FOUND',
  405: 'REQUEST.METHOD_NOT_ALLOWED',
  413: 'REQUEST.BODY_TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
};

/** Turns every error into a problem-details answer; only this layer knows HTTP. */
export function toProblem(error: unknown): { problem: ProblemDetails; headers: Record<string, string> } {
  if (error instanceof DomainError) {
    const { field: _field, ...own } = error.details as Record<string, unknown>;
    // A detail named like a problem member (a case's `status`) keeps its value under another name: `caseStatus`.
    const details = Object.fromEntries(Object.entries(own).map(([key, value]) => [PROBLEM_MEMBERS.has(key) ? `case${key[0]!.toUpperCase()}${key.slice(1)}` : key, value]));
    const field = typeof error.details.field === 'string' ? error.details.field : undefined;
    return {
      problem: problem(STATUS_OF_KIND[error.kind], error.code, error.message, {
        ...(error.rule ? { rule: error.rule } : {}),
        ...(field ? { errors: [{ field, message: error.message }] } : {}),
        ...details,
      }),
      headers: {},
    };
  }
  if (error instanceof RequestRefused) {
    return { problem: problem(error.status, error.code, error.message, error.errors.length > 0 ? { errors: error.errors } : {}), headers: {} };
  }
  if (error instanceof AuthenticationRequired) {
    return {
      problem: problem(401, 'AUTH.UNAUTHENTICATED', `Authentication failed: ${error.reason}`),
      headers: { 'www-authenticate': `Bearer error="invalid_token", error_description="${error.reason.replace(/"/g, "'")}"` },
    };
  }
  if (error instanceof RoleNotAllowed) {
    return { problem: problem(403, 'AUTH.ROLE_NOT_ALLOWED', error.message, { allowedRoles: error.allowed }), headers: {} };
  }
  if (error instanceof InvalidDocumentQueryError) {
    return { problem: problem(400, error.code, error.message), headers: {} };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse() as { code?: unknown; message?: unknown };
    const code = typeof body === 'object' && typeof body.code === 'string' ? body.code : (CODE_OF_STATUS[status] ?? `HTTP.${status}`);
    const detail = typeof body === 'object' && typeof body.message === 'string' ? body.message : error.message;
    return { problem: problem(status, code, detail), headers: {} };
  }
  // Fastify's own errors (body too large, bad JSON, media type) carry a status code.
  const fastify = error as { statusCode?: number; code?: string; message?: string };
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const status = fastify.statusCode;
    const code = fastify.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError ? 'REQUEST.MALFORMED_JSON' : (CODE_OF_STATUS[status] ?? `HTTP.${status}`);
    const detail = status === 413 ? 'The request body is larger than the service accepts' : (fastify.message ?? 'The request was refused');
    return { problem: problem(status, code, detail), headers: {} };
  }
  return { problem: problem(500, 'INTERNAL', 'Something went wrong on our side; the request id identifies it in the logs'), headers: {} };
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem: body, headers } = toProblem(error);
    if (body.status >= 500) this.logger.error({ err: error, requestId: request.id }, 'request failed');
    void reply
      .status(body.status)
      .headers(headers)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send({ ...body, instance: request.url, requestId: request.id });
  }
}
