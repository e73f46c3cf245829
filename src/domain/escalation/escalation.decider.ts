import { localDateOf, yearOf } from '../calendar/local-date.js';
import { REGISTERS_OF } from '../organisation/organisation.js';
import type { PipelineDecider } from '../shared/pipeline-decider.js';
import { escalationStreamId } from './case-escalated.js';
import { registerNumberRequest, type CasePolicy, type RegisterNumberRequest } from '../shared/case-support.js';
import type { EscalationCommand } from './escalation.commands.js';
import { decideEscalation } from './escalation.decide.js';
import type { EscalationEvent } from './escalation.events.js';
import { evolveEscalation, initialEscalationState, type EscalationState } from './escalation.state.js';
import { isEscalationLevel } from './escalation.types.js';

export const escalationDecider: PipelineDecider<EscalationCommand, EscalationEvent, EscalationState, CasePolicy> = {
  initialState: initialEscalationState,
  evolve: evolveEscalation,
  decide: decideEscalation,
};

export { escalationStreamId };
export const ESCALATION_STREAM_TYPE = 'escalation';

/**
 * The register numbers the application reserves before deciding (R-CPL-03, R-ESC-01):
 * registration takes the next number of the target's incoming register for the year of
 * receipt; a takeover the next number of its takeover register for the current year.
 */
export function escalationRegisterNumbers(command: EscalationCommand, state: EscalationState, now: Date): readonly RegisterNumberRequest[] {
  if (command.type === 'RegisterEscalation') {
    const target = command.data.targetUnit;
    if (state.status !== 'none' || !isEscalationLevel(target.kind)) return [];
    const received = new Date(command.data.receivedAt);
    const year = yearOf(localDateOf(Number.isNaN(received.getTime()) ? now : received));
    return [registerNumberRequest(REGISTERS_OF[target.kind].incoming, target.id, year)];
  }
  if (command.type === 'TakeOverEscalation' && state.status === 'open') {
    const takeover = REGISTERS_OF[state.level].takeover;
    return takeover ? [registerNumberRequest(takeover, state.targetUnit.id, yearOf(localDateOf(now)))] : [];
  }
  return [];
}
