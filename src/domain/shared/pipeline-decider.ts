import type { Actor } from './actor.js';
import type { Decider, DecisionContext } from './decider.js';

/** A command as plain data: the stored `type` name and its payload. */
export interface PipelineCommand<TType extends string, TData> {
  readonly type: TType;
  readonly data: TData;
}

/**
 * What `decide` receives besides the command and state when run by the command pipeline:
 * time, ids, the policy in force, who acts, and the sequence numbers the command reserved.
 */
export interface CaseContext<TPolicy = unknown> extends DecisionContext<TPolicy> {
  readonly actor: Actor;
  /** Sequence stream id -> the number reserved for this command (register numbers, R-CPL-03). */
  readonly sequences: ReadonlyMap<string, number>;
}

export type PipelineDecider<TCommand, TEvent, TState, TPolicy = unknown> = Decider<TCommand, TEvent, TState, CaseContext<TPolicy>>;
