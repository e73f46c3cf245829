import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CommandEnvelope, CommandOutcome } from '../../../application/command-pipeline/command-pipeline.js';
import type { Actor } from '../../../domain/shared/actor.js';
import type { Message } from '../../../domain/shared/decider.js';
import { etagOf, idempotencyKeyOf, ifMatchVersionOf } from './command-headers.js';

/** Everything a command route needs from the request besides its body. */
export interface CommandRequest {
  readonly actor: Actor;
  /** The user-scoped Idempotency-Key. */
  readonly key: string;
  /** From If-Match; undefined when absent. */
  readonly expectedVersion: number | undefined;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

/** Gathers the actor, Idempotency-Key (400 if missing), If-Match (400 if malformed), request and reply. */
export const CommandContext = createParamDecorator((_: unknown, context: ExecutionContext): CommandRequest => {
  const http = context.switchToHttp();
  const request = http.getRequest<FastifyRequest & { actor?: Actor; user?: { userId: string } }>();
  if (!request.actor) throw new Error('CommandContext used on a route without authentication');
  return {
    actor: request.actor,
    key: idempotencyKeyOf(request as unknown as { headers: Record<string, unknown>; user?: { userId: string } }),
    expectedVersion: ifMatchVersionOf(request as unknown as { headers: Record<string, unknown> }),
    request,
    reply: http.getResponse<FastifyReply>(),
  };
});

/** The envelope of a command sent through a CommandContext. */
export function envelopeFrom<TCommand extends Message>(c: CommandRequest, command: TCommand, options: { channel?: string; businessTime?: Date } = {}): CommandEnvelope<TCommand> {
  return envelopeOf(c.request, c.actor, c.key, command, { ...options, expectedVersion: c.expectedVersion });
}

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Wraps a command with who sends it, its idempotency key and the request's correlation. */
export function envelopeOf<TCommand extends Message>(
  request: FastifyRequest,
  actor: Actor,
  commandId: string,
  command: TCommand,
  options: { channel?: string; expectedVersion?: number; businessTime?: Date } = {},
): CommandEnvelope<TCommand> {
  const header = request.headers['x-correlation-id'];
  const correlationId = typeof header === 'string' && CORRELATION_ID.test(header) ? header : String(request.id);
  return {
    command,
    commandId,
    actor,
    channel: options.channel ?? 'internal_api',
    correlationId,
    ...(options.expectedVersion !== undefined ? { expectedVersion: options.expectedVersion } : {}),
    ...(options.businessTime ? { businessTime: options.businessTime } : {}),
  };
}

/**
 * The answer to a command: the same status and body for the first run and every repeat of
 * its Idempotency-Key, the new version as ETag, and `Idempotent-Replayed` on a repeat.
 */
export function respondWith<TBody extends object>(reply: FastifyReply, outcome: CommandOutcome, body: TBody, options: { status?: 200 | 201; location?: string } = {}): TBody {
  void reply.status(options.status ?? 200).header('etag', etagOf(outcome.version));
  if (options.location) void reply.header('location', options.location);
  if (outcome.repeated) void reply.header('idempotent-replayed', 'true');
  return body;
}
