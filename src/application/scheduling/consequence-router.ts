import type { ConsequenceCommand } from '../../domain/scheduling/consequence.events.js';
import type { Actor } from '../../domain/shared/actor.js';
import type { CommandOutcome } from '../command-pipeline/command-pipeline.js';

/** Who sends scheduled commands: no person, so the metadata says so. */
export const SCHEDULER_ACTOR: Actor = { userId: 'system:scheduler', role: 'admin', unit: null };

/** Sends a due consequence's command to its stream, through the case type's own command spec. */
export type ConsequenceHandler = (streamId: string, command: ConsequenceCommand, commandId: string) => Promise<CommandOutcome>;

/**
 * Stream type -> how to run a scheduled command on it. Each case type that schedules
 * consequences registers itself; the scheduler knows none of them.
 */
export class ConsequenceRouter {
  private readonly handlers = new Map<string, ConsequenceHandler>();

  register(streamType: string, handler: ConsequenceHandler): this {
    if (this.handlers.has(streamType)) throw new Error(`Consequences of ${streamType} are routed twice`);
    this.handlers.set(streamType, handler);
    return this;
  }

  route(streamType: string): ConsequenceHandler | undefined {
    return this.handlers.get(streamType);
  }
}

export const CONSEQUENCE_ROUTER = Symbol('ConsequenceRouter');
