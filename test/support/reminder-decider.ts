import { parseLocalDate } from '../../src/domain/calendar/local-date.js';
import { cancelConsequences, consequenceExecuted, dueConsequence, scheduleConsequence } from '../../src/domain/scheduling/consequence.js';
import { emptyConsequenceBook, evolveConsequences, isConsequenceEvent, type ConsequenceBook, type ConsequenceEvent } from '../../src/domain/scheduling/consequence.events.js';
import type { PipelineDecider } from '../../src/domain/shared/pipeline-decider.js';

/** A tiny case type that schedules one consequence, to test the scheduler without a real case type. */
export type ReminderCommand =
  | { type: 'SetReminder'; data: { dueDate: string; streamId: string } }
  | { type: 'DismissReminder'; data: Record<string, never> }
  | { type: 'RingReminder'; data: { consequenceId: string } };
export type ReminderEvent = { type: 'ReminderSet'; data: { dueDate: string } } | { type: 'ReminderRang'; data: { consequenceId: string } } | ConsequenceEvent;
export interface ReminderState {
  readonly set: boolean;
  readonly consequences: ConsequenceBook;
}

export const REMINDER_STREAM_TYPE = 'reminder';

export const reminderDecider: PipelineDecider<ReminderCommand, ReminderEvent, ReminderState> = {
  initialState: { set: false, consequences: emptyConsequenceBook },
  evolve: (state, event) =>
    isConsequenceEvent(event)
      ? { ...state, consequences: evolveConsequences(state.consequences, event) }
      : event.type === 'ReminderSet'
        ? { ...state, set: true }
        : state,
  decide(command, state, context) {
    switch (command.type) {
      case 'SetReminder':
        return [
          { type: 'ReminderSet', data: { dueDate: command.data.dueDate } },
          scheduleConsequence({
            consequenceId: context.newId(),
            kind: 'offer_lapse',
            streamId: command.data.streamId,
            streamType: REMINDER_STREAM_TYPE,
            dueDate: parseLocalDate(command.data.dueDate),
            commandType: 'RingReminder',
            rule: 'R-CON-08',
            description: 'reminder',
          }),
        ];
      case 'DismissReminder':
        return cancelConsequences(state.consequences, 'dismissed', null);
      case 'RingReminder': {
        const due = dueConsequence(state.consequences, command.data.consequenceId, 'offer_lapse', context.now);
        return due ? [{ type: 'ReminderRang', data: { consequenceId: due.consequenceId } }, consequenceExecuted(due, context.now)] : [];
      }
    }
  },
};
