import { hungarianWorkingDayCalendar } from '../../src/domain/calendar/working-day-calendar.js';
import type { CasePolicy, RegisterNumberRequest } from '../../src/domain/shared/case-support.js';
import { defaultPolicyCatalog } from '../../src/domain/policy/policy-catalog.js';
import type { Actor } from '../../src/domain/shared/actor.js';
import type { DomainError } from '../../src/domain/shared/domain-error.js';
import type { PipelineDecider } from '../../src/domain/shared/pipeline-decider.js';

export type Message = { readonly type: string; readonly data: unknown };

/**
 * Runs commands through a pipeline decider the way the command pipeline does: the register
 * numbers the decider's helper asks for are reserved before deciding and kept only when the
 * decision is appended; the history is kept.
 */
export class DeciderScenario<C extends Message, E extends Message, S> {
  readonly events: E[] = [];
  now: Date;
  policyId = 'hu-2026';
  /** Register stream id -> the last number handed out. */
  readonly registers = new Map<string, number>();
  private ids = 0;

  constructor(
    private readonly decider: PipelineDecider<C, E, S, CasePolicy>,
    private readonly registerNumbers: (command: C, state: S, now: Date) => readonly RegisterNumberRequest[],
    private readonly defaultActor: Actor,
    now = '2026-03-02T09:00:00.000Z',
    private readonly idPrefix = 'id',
  ) {
    this.now = new Date(now);
  }

  at(now: string, policyId = this.policyId): this {
    this.now = new Date(now);
    this.policyId = policyId;
    return this;
  }

  state(): S {
    return this.events.reduce((s, e) => this.decider.evolve(s, e), this.decider.initialState);
  }

  private decide(command: C, actor: Actor): { decided: readonly E[]; reserved: Map<string, number> } {
    const state = this.state();
    const reserved = new Map(this.registerNumbers(command, state, this.now).map((r) => [r.streamId, (this.registers.get(r.streamId) ?? 0) + 1]));
    const decided = this.decider.decide(command, state, {
      now: this.now,
      newId: () => `${this.idPrefix}-${++this.ids}`,
      policy: { version: defaultPolicyCatalog.byId(this.policyId), calendar: hungarianWorkingDayCalendar },
      actor,
      sequences: reserved,
    });
    return { decided, reserved };
  }

  /** `when`: decides, appends what was decided (and the reserved numbers), and returns it. */
  run(command: C, actor: Actor = this.defaultActor): E[] {
    const { decided, reserved } = this.decide(command, actor);
    this.events.push(...decided);
    for (const [streamId, number] of reserved) this.registers.set(streamId, number);
    return [...decided];
  }

  /** Expects a refusal: nothing is added to the history, no register number is used. */
  refuse(command: C, actor: Actor = this.defaultActor): DomainError {
    const before = this.events.length;
    const numbers = new Map(this.registers);
    try {
      this.decide(command, actor);
    } catch (error) {
      expect(this.events.length).toBe(before);
      expect(this.registers).toEqual(numbers);
      return error as DomainError;
    }
    throw new Error(`Expected ${command.type} to be refused`);
  }

  advanceDays(days: number): this {
    this.now = new Date(this.now.getTime() + days * 86_400_000);
    return this;
  }

  of<T extends E['type']>(type: T): Extract<E, { type: T }>[] {
    return this.events.filter((e): e is Extract<E, { type: T }> => e.type === type);
  }

  /** The data of the latest event of `type`; fails when there is none. */
  last<T extends E['type']>(type: T): Extract<E, { type: T }>['data'] {
    const found = this.of(type);
    if (found.length === 0) throw new Error(`No ${type} in the history`);
    return found[found.length - 1]!.data;
  }
}
