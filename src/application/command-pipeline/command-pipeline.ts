import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Actor } from '../../domain/shared/actor.js';
import type { Decider, Message } from '../../domain/shared/decider.js';
import type { CaseContext } from '../../domain/shared/pipeline-decider.js';
import { fold } from '../../domain/shared/decider.js';
import type { Clock } from '../ports/clock.port.js';
import { CommandIdReusedError, WrongExpectedVersionError } from '../ports/event-store.errors.js';
import type { AppendRequest, EventMetadata, EventStore, NewEvent, StreamAppend, StreamHead } from '../ports/event-store.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import { ConcurrencyConflictError, StaleVersionError } from './command-pipeline.errors.js';

export type { Actor } from '../../domain/shared/actor.js';

/** A command as it arrives from the edge, with everything that goes into event metadata. */
export interface CommandEnvelope<TCommand extends Message> {
  readonly command: TCommand;
  /** The Idempotency-Key: a repeat returns the first result; another payload under it is refused. */
  readonly commandId: string;
  readonly actor: Actor;
  readonly channel: string;
  readonly correlationId: string;
  readonly causationId?: string;
  /** When it happened in the business sense; the clock's now if absent. */
  readonly businessTime?: Date;
  /** The version the caller saw (If-Match); stale means 412, and no retry. */
  readonly expectedVersion?: number;
  /**
   * What the caller asked, when the handler added facts read elsewhere (another case, a
   * directory): the command id's fingerprint covers the request, so a retry still matches
   * after those facts moved on. The command itself by default.
   */
  readonly request?: Message;
}

/** A gapless number taken from a sequence stream in the same transaction as the case. */
export interface SequenceRequest {
  readonly streamId: string;
  readonly streamType: string;
  /** The event recorded on the sequence stream for the number handed out. */
  readonly eventType: string;
  readonly eventData: (number: number, caseStreamId: string) => Record<string, unknown>;
}

export type PipelineContext<TPolicy> = CaseContext<TPolicy>;

export interface CommandSpec<TCommand extends Message, TEvent extends Message, TState, TPolicy> {
  readonly decider: Decider<TCommand, TEvent, TState, PipelineContext<TPolicy>>;
  readonly streamId: string;
  readonly streamType: string;
  /** The policy the case is judged by: usually the version in force at receipt, kept in state. */
  readonly policy: (state: TState, now: Date, command?: TCommand) => { readonly id: string; readonly policy: TPolicy };
  /** Numbers to reserve (register numbers); the stream is locked until the case is appended. */
  readonly sequences?: (command: TCommand, state: TState, now: Date) => readonly SequenceRequest[];
  /** What the command answers besides the version; stored with the command id. */
  readonly result?: (state: TState, events: readonly TEvent[]) => Record<string, unknown>;
}

export interface CommandOutcome {
  readonly streamId: string;
  /** The stream version after the command; the ETag. */
  readonly version: number;
  /** Types of the events the command appended (empty if it changed nothing). */
  readonly eventTypes: readonly string[];
  readonly result: Record<string, unknown>;
  /** True when this answer was stored by an earlier run of the same command id. */
  readonly repeated: boolean;
}

/** A digest of what the command asks; the same command id must always carry the same one. */
export function commandFingerprint(streamId: string, command: Message): string {
  const canonical = canonicalize({ streamId, type: command.type, data: command.data });
  return `sha256:${createHash('sha256').update(canonical ?? '').digest('hex')}`;
}

/**
 * load -> fold -> decide -> append, with the command id stored in the append's transaction.
 * A concurrent change is retried a bounded number of times unless the caller pinned the
 * version (If-Match), in which case it is refused at once.
 */
export class CommandPipeline {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly options: { maxAttempts: number; backoffMillis: number } = { maxAttempts: 4, backoffMillis: 5 },
  ) {}

  async execute<TCommand extends Message, TEvent extends Message, TState, TPolicy>(
    spec: CommandSpec<TCommand, TEvent, TState, TPolicy>,
    envelope: CommandEnvelope<TCommand>,
  ): Promise<CommandOutcome> {
    const fingerprint = commandFingerprint(spec.streamId, envelope.request ?? envelope.command);
    const earlier = await this.store.findCommand(envelope.commandId);
    if (earlier) return this.repeated(earlier.fingerprint, fingerprint, envelope.commandId, earlier.result);

    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(spec, envelope, fingerprint);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || error.streamId !== spec.streamId) throw error;
        if (envelope.expectedVersion !== undefined) {
          throw new StaleVersionError(spec.streamId, envelope.expectedVersion, error.actual);
        }
        if (attempt >= this.options.maxAttempts) throw new ConcurrencyConflictError(spec.streamId, attempt);
        await new Promise((resolve) => setTimeout(resolve, this.options.backoffMillis * attempt * (1 + Math.random())));
      }
    }
  }

  private async attempt<TCommand extends Message, TEvent extends Message, TState, TPolicy>(
    spec: CommandSpec<TCommand, TEvent, TState, TPolicy>,
    envelope: CommandEnvelope<TCommand>,
    fingerprint: string,
  ): Promise<CommandOutcome> {
    const history = await this.store.readStream(spec.streamId);
    const version = history.at(-1)?.streamVersion ?? 0;
    if (envelope.expectedVersion !== undefined && envelope.expectedVersion !== version) {
      throw new StaleVersionError(spec.streamId, envelope.expectedVersion, version);
    }
    const state = fold(spec.decider, history.map((e) => ({ type: e.type, data: e.data }) as unknown as TEvent));
    const now = this.clock.now();
    const { id: policyVersion, policy } = spec.policy(state, now, envelope.command);
    const sequences = spec.sequences?.(envelope.command, state, now) ?? [];

    let answer: Record<string, unknown> = {};
    const build = (heads: ReadonlyMap<string, StreamHead>): AppendRequest => {
      const numbers = new Map(sequences.map((s) => [s.streamId, (heads.get(s.streamId)?.version ?? 0) + 1]));
      const context: PipelineContext<TPolicy> = { now, newId: () => this.ids.newId(), policy, actor: envelope.actor, sequences: numbers };
      const decided = spec.decider.decide(envelope.command, state, context);
      const metadata: EventMetadata = {
        correlationId: envelope.correlationId,
        causationId: envelope.causationId ?? envelope.commandId,
        actor: envelope.actor,
        channel: envelope.channel,
        policyVersion,
        businessTime: (envelope.businessTime ?? now).toISOString(),
        commandId: envelope.commandId,
      };
      const toNew = (type: string, data: Record<string, unknown>): NewEvent => ({ eventId: this.ids.newId(), type, data, metadata });
      const after = decided.reduce((s, e) => spec.decider.evolve(s, e), state);
      answer = {
        ...spec.result?.(after, decided),
        streamId: spec.streamId,
        version: version + decided.length,
        eventTypes: decided.map((e) => e.type),
      };
      const streams: StreamAppend[] = [
        {
          streamId: spec.streamId,
          streamType: spec.streamType,
          expectedVersion: version,
          ...(history.length > 0 ? { expectedHead: history.at(-1)!.hash } : {}),
          events: decided.map((e) => toNew(e.type, e.data as Record<string, unknown>)),
        },
        ...sequences.map((s) => ({
          streamId: s.streamId,
          streamType: s.streamType,
          expectedVersion: numbers.get(s.streamId)! - 1,
          events: [toNew(s.eventType, s.eventData(numbers.get(s.streamId)!, spec.streamId))],
        })),
      ];
      return { streams, command: { commandId: envelope.commandId, fingerprint, result: answer } };
    };

    const appended =
      sequences.length > 0
        ? await this.store.appendLocked([spec.streamId, ...sequences.map((s) => s.streamId)], build)
        : await this.store.append(build(new Map()));
    // A concurrent run of the same command id got there first: answer what it answered.
    if (appended.status === 'command_repeated') return this.repeated(fingerprint, fingerprint, envelope.commandId, appended.result);
    return this.outcome(answer, false);
  }

  private outcome(result: Record<string, unknown>, repeated: boolean): CommandOutcome {
    return {
      streamId: String(result.streamId),
      version: Number(result.version),
      eventTypes: Array.isArray(result.eventTypes) ? (result.eventTypes as string[]) : [],
      result,
      repeated,
    };
  }

  private repeated(stored: string, given: string, commandId: string, result: Record<string, unknown>): CommandOutcome {
    if (stored !== given) throw new CommandIdReusedError(commandId);
    return this.outcome(result, true);
  }
}
