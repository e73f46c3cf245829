/** A message as stored and passed around: a stable `type` name and plain data. */
export interface Message<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly data: TData;
}

/** What `decide` may know besides the command and the state: time, ids and the policy in force. */
export interface DecisionContext<TPolicy = unknown> {
  /** The clock's reading for this command; the only "now" the domain ever sees. */
  readonly now: Date;
  /** A fresh unique id (UUID) for anything the decision creates. */
  readonly newId: () => string;
  /** The policy version the case is judged by (effective at receipt). */
  readonly policy: TPolicy;
}

/**
 * A decider in the sense of Jérémie Chassaing: pure `decide` and `evolve` over
 * plain messages. Storage, retries and idempotency live outside it.
 */
export interface Decider<TCommand, TEvent, TState, TContext = DecisionContext> {
  readonly initialState: TState;
  evolve(state: TState, event: TEvent): TState;
  decide(command: TCommand, state: TState, context: TContext): readonly TEvent[];
}

/** Folds events onto the decider's initial state. */
export function fold<TEvent, TState>(
  decider: Pick<Decider<unknown, TEvent, TState, unknown>, 'initialState' | 'evolve'>,
  events: Iterable<TEvent>,
): TState {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

/** Compile-time exhaustiveness check for `switch` over a union. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
